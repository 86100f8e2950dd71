//! The hostile-input corpus: broken, unusual and malicious courses, each run
//! through the real `brandcamp` binary. For every case the table says which
//! command to run, the exit code it must give, and the diagnostics it must
//! print (file, line, words of the message). Whatever the input, the binary
//! must finish within its deadline and never panic.
//!
//! The cases are in `tests/hostile/cases.rs`; adding one is adding a table
//! entry: files as (path, bytes) pairs, or a function that makes them (for
//! big, special or generated files), the command, the exit code and what
//! the output must say. `HOSTILE_CASE=name cargo test --test hostile` runs
//! one case.

#[path = "hostile/cases.rs"]
mod cases;

use cases::write;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a case runs. Paths in the output start with `course/`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Run {
    /// `brandcamp check course`
    Check,
    /// `brandcamp build course --out public`
    Build,
    /// `check`, then `build`: each must give the exit code and the
    /// diagnostics expected.
    Both,
    /// These commands, in order (run in the folder that holds `course/`).
    Commands(&'static [&'static [&'static str]]),
}

/// A diagnostic (or words) the output must hold.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// A diagnostic in a file whose path ends with `.0`, on line `.1`, whose
    /// message contains `.2`.
    At(&'static str, usize, &'static str),
    /// A diagnostic about a whole file (no line) ending with `.0`, whose
    /// message contains `.1`.
    File(&'static str, &'static str),
    /// These words somewhere in the output.
    Says(&'static str),
    /// A file of the built site (under `public/`).
    Page(&'static str),
    /// A path that must not exist under `public/`.
    NoPage(&'static str),
    /// A path that must exist, relative to the folder holding `course/`.
    Exists(&'static str),
    /// A path that must not exist, relative to the folder holding `course/`.
    Missing(&'static str),
    /// Exactly this many diagnostics contain these words.
    Count(&'static str, usize),
    /// The output is at most this many bytes long.
    OutputUnder(usize),
    /// A file of the built site, smaller than this many bytes.
    PageUnder(&'static str, u64),
}
use Expect::*;

/// How a case makes its course folder.
enum Files {
    /// Written under `course/`; `course.yaml` (`title: T`) is added when
    /// missing.
    Static(&'static [(&'static str, &'static [u8])]),
    /// Called with the `course/` folder (already holding `course.yaml`).
    /// Returns `false` to skip the case on this machine (with the reason
    /// printed).
    Make(fn(&Path) -> bool),
}
use Files::*;

struct Case {
    name: &'static str,
    files: Files,
    run: Run,
    exit: i32,
    expect: &'static [Expect],
}

// ---- The runner -------------------------------------------------------------

/// How long one run of the binary may take before the case fails (the
/// biggest cases take a few seconds in a debug build).
const DEADLINE: Duration = Duration::from_secs(60);

#[test]
fn hostile_corpus() {
    let only = std::env::var("HOSTILE_CASE").ok();
    let cases = cases::cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in &cases {
        assert!(names.insert(case.name), "two cases are named {}", case.name);
        if only.as_deref().is_some_and(|name| name != case.name) {
            continue;
        }
        ran += 1;
        let started = Instant::now();
        if let Err(problem) = run_case(case) {
            failures.push(format!("--- {}: {problem}", case.name));
        }
        // Shown with --nocapture: where the corpus spends its time.
        if started.elapsed() > Duration::from_secs(1) {
            eprintln!("{}: {:.1} s", case.name, started.elapsed().as_secs_f64());
        }
    }
    assert!(ran > 0, "no case named {only:?}");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn run_case(case: &Case) -> Result<(), String> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let course = temp.path().join("course");
    fs::create_dir_all(&course).map_err(|e| e.to_string())?;
    match &case.files {
        Static(files) => {
            if !files.iter().any(|(path, _)| *path == "course.yaml") {
                write(&course, "course.yaml", b"title: T\n");
            }
            for (path, bytes) in *files {
                write(&course, path, bytes);
            }
        }
        Make(make) => {
            write(&course, "course.yaml", b"title: T\n");
            if !make(&course) {
                return Ok(());
            }
        }
    }
    let commands: &[&[&str]] = match case.run {
        Run::Check => &[&["check", "course"]],
        Run::Build => &[&["build", "course", "--out", "public"]],
        Run::Both => &[
            &["check", "course"],
            &["build", "course", "--out", "public"],
        ],
        Run::Commands(commands) => commands,
    };
    for args in commands {
        let (code, output) = run_binary(temp.path(), args)?;
        let command = args.join(" ");
        if output.contains("panicked") {
            return Err(format!("`{command}` panicked:\n{output}"));
        }
        if code != case.exit {
            return Err(format!(
                "`{command}` exited with {code}, expected {}:\n{output}",
                case.exit
            ));
        }
        let reported = parse_diagnostics(&output);
        for expect in case.expect {
            let ok = match *expect {
                At(file, line, words) => reported.iter().any(|d| {
                    d.file.ends_with(file) && d.line == Some(line) && d.text.contains(words)
                }),
                File(file, words) => reported
                    .iter()
                    .any(|d| d.file.ends_with(file) && d.line.is_none() && d.text.contains(words)),
                Says(words) => output.contains(words),
                Page(path) if args[0] == "build" => temp.path().join("public").join(path).is_file(),
                NoPage(path) => !temp.path().join("public").join(path).exists(),
                Page(_) => true,
                Exists(path) => temp.path().join(path).exists(),
                Missing(path) => !temp.path().join(path).exists(),
                Count(words, n) => reported.iter().filter(|d| d.text.contains(words)).count() == n,
                OutputUnder(bytes) => output.len() < bytes,
                PageUnder(path, bytes) => fs::metadata(temp.path().join("public").join(path))
                    .is_ok_and(|m| m.len() < bytes),
            };
            if !ok {
                return Err(format!(
                    "`{command}`: expected {expect:?}, got:\n{output}\n(read as {reported:#?})"
                ));
            }
        }
        if code == 1 && reported.iter().all(|d| d.severity != "error") {
            return Err(format!("`{command}` failed without an error:\n{output}"));
        }
    }
    Ok(())
}

/// Runs the binary in `dir`, killing it at the deadline. Returns the exit
/// code and stderr followed by stdout.
fn run_binary(dir: &Path, args: &[&str]) -> Result<(i32, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brandcamp"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start brandcamp: {e}"))?;
    // Read both pipes on threads, so that a chatty child never blocks on a
    // full pipe while we wait for it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None if started.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`brandcamp {}` did not finish within {DEADLINE:?}; killed",
                    args.join(" ")
                ));
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    let output = format!(
        "{}{}",
        stderr.join().unwrap_or_default(),
        stdout.join().unwrap_or_default()
    );
    let code = status
        .code()
        .ok_or_else(|| format!("killed by a signal ({status}):\n{output}"))?;
    Ok((code, output))
}

/// One diagnostic as printed: `error: message` then `┌─ file:line:col`, or
/// `error: file:line:col: message`, or `error: file: message`.
#[derive(Debug)]
struct Reported {
    severity: String,
    file: String,
    line: Option<usize>,
    /// The whole block: message, snippet and help.
    text: String,
}

fn parse_diagnostics(output: &str) -> Vec<Reported> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in output.lines() {
        if line.starts_with("error: ") || line.starts_with("warning: ") {
            blocks.push(vec![line]);
        } else if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks
        .into_iter()
        .map(|block| {
            let (severity, header) = block[0].split_once(": ").unwrap_or(("", block[0]));
            let snippet_location = block
                .iter()
                .find_map(|l| l.trim_start().strip_prefix("┌─ "));
            let location = match snippet_location {
                Some(location) => location.trim(),
                None => header.split_once(": ").map_or("", |(location, _)| location),
            };
            let (file, line) = split_location(location);
            Reported {
                severity: severity.to_string(),
                file,
                line,
                text: block.join("\n"),
            }
        })
        .collect()
}

/// `path:12:5` → (`path`, Some(12)); `path` → (`path`, None).
fn split_location(location: &str) -> (String, Option<usize>) {
    let mut parts = location.rsplitn(3, ':');
    let (column, line, path) = (parts.next(), parts.next(), parts.next());
    match (
        path,
        line.and_then(|l| l.parse().ok()),
        column.and_then(|c| c.parse::<usize>().ok()),
    ) {
        (Some(path), Some(line), Some(_)) => (path.to_string(), Some(line)),
        _ => (location.to_string(), None),
    }
}

#[test]
fn the_output_parser_reads_both_forms() {
    let output = "error: unknown key `x`\n  ┌─ course/course.yaml:2:1\n  │\n2 │ x: 1\n  │ ^\n\nerror: course/01-m/a.md: this link points outside\n = help: copy it\n\nerror: course/01-m/b.md:3:4: not valid UTF-8\n";
    let reported = parse_diagnostics(output);
    assert_eq!(reported.len(), 3);
    assert_eq!(
        (reported[0].file.as_str(), reported[0].line),
        ("course/course.yaml", Some(2))
    );
    assert_eq!(
        (reported[1].file.as_str(), reported[1].line),
        ("course/01-m/a.md", None)
    );
    assert_eq!(
        (reported[2].file.as_str(), reported[2].line),
        ("course/01-m/b.md", Some(3))
    );
    assert!(reported[1].text.contains("copy it"));
}
