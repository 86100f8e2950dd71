//! A build reads each file of the course once: loading reads it into the
//! source store, and every later phase (the brand lint, the checks that
//! point into YAML, the printing of diagnostics with their quoted lines)
//! works from what was read. The count comes from the kernel: inotify
//! reports every time a file of the course folder is opened, whoever opens
//! it, so a phase that went back to disk would show as a second opening.
#![cfg(target_os = "linux")]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::TestCourse;
use inotify::{Inotify, WatchMask};

/// A course with a brand.yaml, a quiz.yaml and a quiz.gift, lessons with
/// front matter and a knowledge check, a lint warning (an avoided term) in
/// a lesson and in a quiz, and errors found after loading: a `requires` of
/// a module that does not exist and a link to a lesson that does not.
fn course_with_a_warning_and_errors() -> TestCourse {
    TestCourse::new(&[
        (
            "course.yaml",
            "title: \"Brand basics\"\norganization: \"Acme\"\n",
        ),
        (
            "brand.yaml",
            "name: \"Acme\"\nterms:\n  - use: \"Acme\"\n    avoid: [\"ACME\"]\nlint: warn\n",
        ),
        ("01-voice/module.yaml", "title: \"Voice\"\n"),
        (
            "01-voice/01-welcome.md",
            "---\ntitle: \"Welcome\"\nduration: 5\n---\n\nWe are ACME on every channel.\n\nNext: [the tone](02-tone.md).\n",
        ),
        (
            "01-voice/02-tone.md",
            "---\nobjectives: [\"Write in the brand's tone\"]\n---\n\n# Tone\n\n```quiz\ntype: true_false\nprompt: \"Warm beats stiff.\"\nanswer: true\n```\n\nSee [the missing lesson](09-nowhere.md).\n",
        ),
        (
            "01-voice/quiz.yaml",
            "questions:\n  - type: single\n    prompt: \"Who signs ACME posts?\"\n    choices:\n      - text: \"The brand\"\n        correct: true\n      - text: \"Anyone\"\n",
        ),
        (
            "02-posts/module.yaml",
            "title: \"Posts\"\nrequires: [\"voicee\"]\n",
        ),
        ("02-posts/01-first.md", "# First post\n\nShort and warm.\n"),
        (
            "02-posts/quiz.gift",
            "::q1:: A post names the brand as Acme. {T}\n",
        ),
    ])
}

/// How many times each file of `dir` and its folders was opened while
/// `run` ran.
fn openings(dir: &Path, run: impl FnOnce()) -> BTreeMap<String, usize> {
    let mut inotify = Inotify::init().expect("inotify");
    let mut folders = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        if entry.file_type().is_dir() {
            let relative = entry.path().strip_prefix(dir).expect("inside");
            let watch = inotify
                .watches()
                .add(entry.path(), WatchMask::OPEN)
                .expect("watch");
            folders.insert(watch, relative.to_path_buf());
        }
    }
    run();
    let mut counts = BTreeMap::new();
    let mut buffer = [0; 64 * 1024];
    loop {
        match inotify.read_events(&mut buffer) {
            Ok(events) => {
                let mut any = false;
                for event in events {
                    any = true;
                    let Some(name) = event.name else { continue };
                    if event.mask.contains(inotify::EventMask::ISDIR) {
                        continue;
                    }
                    let file = folders[&event.wd].join(name);
                    *counts
                        .entry(file.to_string_lossy().replace('\\', "/"))
                        .or_insert(0) += 1;
                }
                if !any {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(e) => panic!("inotify: {e}"),
        }
    }
    counts
}

const COURSE_FILES: &[&str] = &[
    "course.yaml",
    "brand.yaml",
    "01-voice/module.yaml",
    "01-voice/01-welcome.md",
    "01-voice/02-tone.md",
    "01-voice/quiz.yaml",
    "02-posts/module.yaml",
    "02-posts/01-first.md",
    "02-posts/quiz.gift",
];

#[test]
fn a_build_with_warnings_and_errors_reads_each_file_once() {
    let course = course_with_a_warning_and_errors();
    let mut output = None;
    let counts = openings(&course.course_dir(), || {
        output = Some(course.run(&["build", "course", "--out", "public"]));
    });
    let output = output.expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);

    // The build found what it should, and quoted the lines from the text it
    // had read: the avoided term in the lesson and in the quiz, the
    // unknown module in module.yaml, the missing lesson in the link.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for quoted in [
        "6 │ We are ACME on every channel.",
        "3 │     prompt: \"Who signs ACME posts?\"",
        "2 │ requires: [\"voicee\"]",
        "13 │ See [the missing lesson](09-nowhere.md).",
    ] {
        assert!(
            stderr.contains(quoted),
            "{quoted:?} not quoted in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("warning: `ACME` is not how the brand writes it"),
        "{stderr}"
    );
    assert!(stderr.contains("there is no module `voicee`"), "{stderr}");

    let expected: BTreeMap<String, usize> =
        COURSE_FILES.iter().map(|f| (f.to_string(), 1)).collect();
    assert_eq!(counts, expected);
}

#[test]
fn a_build_that_writes_the_site_reads_each_file_once_too() {
    let course = course_with_a_warning_and_errors();
    course.write(
        "02-posts/module.yaml",
        "title: \"Posts\"\nrequires: [\"voice\"]\n",
    );
    course.write(
        "01-voice/02-tone.md",
        "# Tone\n\nSee [the welcome](01-welcome.md).\n",
    );
    // A first build writes progress.lock; the second reads it.
    let first = course.run(&["build", "course", "--out", "public"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(course.course_dir().join("progress.lock").is_file());

    let mut output = None;
    let counts = openings(&course.course_dir(), || {
        output = Some(course.run(&["build", "course", "--out", "public"]));
    });
    let output = output.expect("ran");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("6 │ We are ACME on every channel."),
        "{stderr}"
    );

    let expected: BTreeMap<String, usize> = COURSE_FILES
        .iter()
        .chain(&["progress.lock"])
        .map(|f| (f.to_string(), 1))
        .collect();
    assert_eq!(counts, expected);
}

/// A course whose problems are all found after parsing and reported at the
/// node they concern: a quiz question with two right answers, an unknown
/// key of a question, an interface string that is not the theme's, a
/// `requires` of a missing module, an empty title in
/// front matter; and texts the brand lint reads as YAML (course.yaml,
/// module.yaml, quiz.yaml, front matter, a knowledge check).
fn course_with_errors_found_after_parsing() -> TestCourse {
    TestCourse::new(&[
        (
            "course.yaml",
            "title: \"Brand basics\"\norganization: \"Acme\"\nui:\n  next_lessn: \"Suivante\"\n",
        ),
        (
            "brand.yaml",
            "name: \"Acme\"\nterms:\n  - use: \"Acme\"\n    avoid: [\"ACME\"]\nlint: warn\n",
        ),
        ("01-voice/module.yaml", "title: \"Voice\"\n"),
        (
            "01-voice/01-welcome.md",
            "---\ntitle: \"\"\nduration: 5\n---\n\nWe are ACME on every channel.\n",
        ),
        (
            "01-voice/02-tone.md",
            "---\nobjectives: [\"Write in the brand's tone\"]\n---\n\n# Tone\n\n```quiz\ntype: true_false\nprompt: \"ACME beats stiff.\"\nanswer: true\n```\n",
        ),
        (
            "01-voice/quiz.yaml",
            "questions:\n  - type: single\n    prompt: \"Who signs posts?\"\n    choices:\n      - text: \"The brand\"\n        correct: true\n      - text: \"Anyone\"\n        correct: true\n  - type: true_false\n    prompt: \"Acme is the brand\"\n    answer: true\n    colour: red\n",
        ),
        (
            "02-posts/module.yaml",
            "title: \"Posts\"\nrequires: [\"voicee\"]\n",
        ),
        ("02-posts/01-first.md", "# First post\n\nShort and warm.\n"),
    ])
}

#[test]
fn a_build_parses_each_yaml_text_once() {
    let course = course_with_errors_found_after_parsing();
    let before = brandcamp::yaml::texts_parsed();
    let outcome = brandcamp::site::build(&brandcamp::site::BuildOptions {
        course_dir: course.course_dir(),
        output: Some(course.dir.path().join("public")),
        drafts: false,
    });
    let parsed = brandcamp::yaml::texts_parsed() - before;

    // Each problem is reported where it is written, found in the one tree
    // of its text.
    let found: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    let root = course.course_dir();
    for (file, line, column, message) in [
        (
            "01-voice/quiz.yaml",
            8,
            9,
            "exactly one correct choice, this one has 2",
        ),
        ("01-voice/quiz.yaml", 12, 5, "unknown key `colour`"),
        ("01-voice/01-welcome.md", 2, 1, "the title is empty"),
        ("02-posts/module.yaml", 2, 12, "there is no module `voicee`"),
        ("course.yaml", 4, 3, "next_lessn"),
    ] {
        let at = format!("{}:{line}:{column} ", root.join(file).display());
        assert!(
            found
                .iter()
                .any(|d| d.starts_with(&at) && d.contains(message)),
            "{at}{message} not among:\n{}",
            found.join("\n")
        );
    }
    assert!(
        found
            .iter()
            .any(|d| d.contains("02-tone.md:9:") && d.contains("ACME")),
        "the knowledge check is linted:\n{}",
        found.join("\n")
    );

    // course.yaml, brand.yaml, two module.yaml, quiz.yaml, two front
    // matters, one knowledge check; and the theme's interface strings
    // (English).
    assert_eq!(parsed, 8 + 1, "{}", found.join("\n"));
}
