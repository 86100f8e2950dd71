//! The `brandcamp` command: parses arguments and calls the library.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use brandcamp::diagnostics;
use brandcamp::export;
use brandcamp::progress_lock::LockPolicy;
use brandcamp::report;
use brandcamp::scaffold;
use brandcamp::scorm::{PackageOptions, Version};
use brandcamp::serve::{self, ServeOptions};
use brandcamp::site::{self, BuildOptions, Outcome, Package};
use brandcamp::sources::Sources;

#[derive(Parser)]
#[command(
    name = "brandcamp",
    version,
    about = "Turn YAML modules and Markdown lessons into a self-paced course website with quizzes.",
    after_help = "Examples:\n  brandcamp new my-course           create a small course to start from\n  brandcamp build my-course         build it into ./public\n  brandcamp check my-course         report every problem, write nothing\n  brandcamp serve my-course         preview it, rebuilt and reloaded as you edit\n  brandcamp build --out site/       build ./content into ./site\n  brandcamp build --scorm 1.2       also package it for an LMS (public.scorm12.zip)\n  brandcamp build --cmi5            or for a cmi5 LMS (public.cmi5.zip)\n  brandcamp build --locked          fail if progress.lock would change (CI)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a small working course in DIR, or the whole example bootcamp.
    #[command(
        after_help = "Examples:\n  brandcamp new my-course && brandcamp build my-course\n  brandcamp new our-bootcamp --example    the bundled social-media bootcamp, to adapt (docs/adapting.md)"
    )]
    New {
        /// The folder to create (must not exist, or be empty).
        dir: PathBuf,
        /// Write the whole bundled bootcamp (10 modules, quizzes, brand.yaml)
        /// instead of a small course.
        #[arg(long)]
        example: bool,
    },
    /// Build the course into a static site.
    #[command(
        after_help = "Examples:\n  brandcamp build\n  brandcamp build my-course --out /var/www/training\n  brandcamp build --drafts"
    )]
    Build {
        /// The course folder (holding course.yaml).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// Where to write the site. It is replaced only when the build succeeds.
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
        /// Include lessons marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each phase of the build took.
        #[arg(long)]
        timings: bool,
        /// Also write a SCORM package (a zip) for an LMS: 1.2 or 2004 (4th edition).
        #[arg(long, value_name = "VERSION")]
        scorm: Option<Version>,
        /// Where to write the SCORM package [default: beside the output
        /// folder, e.g. public.scorm12.zip].
        #[arg(long, value_name = "FILE", requires = "scorm")]
        scorm_out: Option<PathBuf>,
        /// Also write a cmi5 package (a zip) for an LMS that speaks cmi5
        /// (xAPI); needs `iri:` in course.yaml.
        #[arg(long, conflicts_with = "scorm")]
        cmi5: bool,
        /// Where to write the cmi5 package [default: beside the output
        /// folder, e.g. public.cmi5.zip].
        #[arg(long, value_name = "FILE", requires = "cmi5")]
        cmi5_out: Option<PathBuf>,
        /// Fail instead of changing progress.lock (for CI: the committed
        /// lock must be up to date).
        #[arg(long)]
        locked: bool,
    },
    /// Build the course, serve it on this computer, and rebuild and reload
    /// the open pages whenever a file of the course changes.
    #[command(
        after_help = "Examples:\n  brandcamp serve\n  brandcamp serve my-course --open\n  brandcamp serve --port 0            any free port\n  brandcamp serve --host 0.0.0.0      let other devices on the network see it"
    )]
    Serve {
        /// The course folder (holding course.yaml).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
        /// The address to listen on. Only this computer can see the site
        /// unless you choose another (e.g. 0.0.0.0 for every network).
        #[arg(long, default_value = "127.0.0.1")]
        host: IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include lessons marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each phase of every build took.
        #[arg(long)]
        timings: bool,
    },
    /// Write the course's quizzes in another format.
    #[command(
        subcommand,
        after_help = "Examples:\n  brandcamp export gift my-course --out gift/\n  brandcamp export moodle-xml my-course --out moodle/"
    )]
    Export(ExportFormat),
    /// Write the JSON Schemas of course.yaml, module.yaml, quiz.yaml,
    /// brand.yaml and front matter, for editors that complete and check keys.
    #[command(
        after_help = "Examples:\n  brandcamp schema schemas\n  brandcamp schema my-course/.schemas    then, first line of course.yaml:\n      # yaml-language-server: $schema=.schemas/course.schema.json"
    )]
    Schema {
        /// The folder to write the schemas into (created if missing).
        #[arg(default_value = "schemas")]
        dir: PathBuf,
    },
    /// Run every check of a build and write nothing.
    #[command(after_help = "Example:\n  brandcamp check my-course")]
    Check {
        /// The course folder (holding course.yaml).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// Check lessons marked `draft: true` too.
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Subcommand)]
enum ExportFormat {
    /// Moodle GIFT: one `<module>.gift` file per module quiz.
    #[command(
        after_help = "Examples:\n  brandcamp export gift\n  brandcamp export gift my-course --out moodle/"
    )]
    Gift {
        /// The course folder (holding course.yaml).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The folder to write the .gift files into.
        #[arg(long, short, default_value = "gift")]
        out: PathBuf,
    },
    /// Moodle XML: one `<module>.xml` file per module quiz.
    #[command(
        after_help = "Examples:\n  brandcamp export moodle-xml\n  brandcamp export moodle-xml my-course --out moodle/ --knowledge-checks"
    )]
    MoodleXml {
        /// The course folder (holding course.yaml).
        #[arg(default_value = "content")]
        dir: PathBuf,
        /// The folder to write the .xml files into.
        #[arg(long, short, default_value = "moodle-xml")]
        out: PathBuf,
        /// Also write the knowledge checks of the lessons (in a category
        /// of their own, under the module's).
        #[arg(long)]
        knowledge_checks: bool,
    },
}

/// Writes every schema of [`brandcamp::json_schema::schemas`] into `dir`.
fn write_schemas(dir: &std::path::Path) -> Result<Vec<(&'static str, &'static str)>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for schema in brandcamp::json_schema::schemas() {
        let path = dir.join(schema.file_name);
        let mut text = serde_json::to_string_pretty(&schema.schema)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push((schema.file_name, schema.describes));
    }
    Ok(written)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { dir, example } => {
            let starter = if example {
                scaffold::Starter::Example
            } else {
                scaffold::Starter::Small
            };
            match scaffold::create_from(&dir, starter) {
                Ok(()) => {
                    println!(
                        "Created a course in {}. Build it with: brandcamp build {}",
                        dir.display(),
                        dir.display()
                    );
                    if example {
                        println!(
                            "To adapt it: edit `organization:` and `variables:` in course.yaml, then brand.yaml (see docs/adapting.md)."
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Build {
            dir,
            out,
            drafts,
            timings,
            scorm,
            scorm_out,
            cmi5,
            cmi5_out,
            locked,
        } => {
            let options = BuildOptions {
                course_dir: dir,
                output: Some(out.clone()),
                drafts,
            };
            let package = match scorm {
                Some(version) => Some(Package::Scorm(PackageOptions {
                    version,
                    path: scorm_out,
                })),
                None if cmi5 => Some(Package::Cmi5(brandcamp::cmi5::PackageOptions {
                    path: cmi5_out,
                })),
                None => None,
            };
            let lock = if locked {
                LockPolicy::Locked
            } else {
                LockPolicy::Update
            };
            let outcome = site::build_as(&options, package.as_ref(), lock);
            if timings {
                print_timings(&outcome);
            }
            finish(&outcome, Run::Build(&out))
        }
        Command::Export(format) => {
            let (dir, out, format, noun) = match format {
                ExportFormat::Gift { dir, out } => {
                    (dir, out, export::ExportFormat::Gift, "GIFT file")
                }
                ExportFormat::MoodleXml {
                    dir,
                    out,
                    knowledge_checks,
                } => (
                    dir,
                    out,
                    export::ExportFormat::MoodleXml { knowledge_checks },
                    "Moodle XML file",
                ),
            };
            let outcome = export::export(&dir, &out, format);
            print_diagnostics(&outcome.diagnostics, &outcome.sources);
            let warnings = outcome.diagnostics.iter().filter(|d| !d.is_error()).count();
            match outcome.summary {
                Some(s) => {
                    let plural = |n: usize, word: &str| {
                        if n == 1 {
                            format!("1 {word}")
                        } else {
                            format!("{n} {word}s")
                        }
                    };
                    eprintln!(
                        "Exported {} ({}, {} left out) into {}; {}",
                        plural(s.files.len(), noun),
                        plural(s.questions, "question"),
                        s.skipped,
                        out.display(),
                        plural(warnings, "warning"),
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    let errors = outcome.diagnostics.len() - warnings;
                    eprintln!("Failed: {errors} error(s); nothing was written");
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema { dir } => match write_schemas(&dir) {
            Ok(written) => {
                for (file, describes) in written {
                    println!("Wrote {} (for {describes})", dir.join(file).display());
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Command::Check { dir, drafts } => {
            let outcome = site::build(&BuildOptions {
                course_dir: dir,
                output: None,
                drafts,
            });
            finish(&outcome, Run::Check)
        }
        Command::Serve {
            dir,
            port,
            host,
            open,
            drafts,
            timings,
        } => {
            let options = ServeOptions {
                course_dir: dir,
                host,
                port,
                open,
                drafts,
            };
            match serve::serve(&options, &mut |outcome| {
                if timings {
                    print_timings(outcome);
                }
                finish(outcome, Run::Serve);
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {}", e.message);
                    if let Some(hint) = e.hint {
                        eprintln!("  help: {hint}");
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// `--timings`: how long each phase of a successful build took.
fn print_timings(outcome: &Outcome) {
    if let Some(summary) = &outcome.summary {
        for (phase, took) in &summary.phases {
            eprintln!("{phase:>10}: {:>7.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
}

/// What the outcome being reported came from.
#[derive(Clone, Copy)]
enum Run<'a> {
    Build(&'a PathBuf),
    Check,
    /// A build of `serve`, into its own temporary folder.
    Serve,
}

/// Prints diagnostics like a compiler, on stderr (in colour on a terminal).
fn print_diagnostics(found: &[diagnostics::Diagnostic], sources: &Sources) {
    let color = if std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut stderr = StandardStream::stderr(color);
    if let Err(e) = report::print(found, sources, &mut stderr) {
        eprintln!("error: cannot print diagnostics: {e}");
    }
}

/// Prints the diagnostics and the summary line; exit code 1 on errors.
fn finish(outcome: &Outcome, run: Run<'_>) -> ExitCode {
    print_diagnostics(&outcome.diagnostics, &outcome.sources);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    let plural = |n: usize, word: &str| match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "quiz") => format!("{n} quizzes"),
        _ => format!("{n} {word}s"),
    };
    match &outcome.summary {
        Some(s) => {
            let verb = match run {
                Run::Build(out) => format!(
                    "Built {} ({}) into {}",
                    plural(s.pages, "page"),
                    plural(s.files, "file"),
                    out.display()
                ),
                Run::Check => format!("Checked {}", plural(s.pages, "page")),
                Run::Serve => format!("Built {}", plural(s.pages, "page")),
            };
            eprintln!(
                "{verb}: {}, {}, {}; {} in {:.2} s",
                plural(s.modules, "module"),
                plural(s.lessons, "lesson"),
                plural(s.quizzes, "quiz"),
                plural(warnings, "warning"),
                s.elapsed.as_secs_f64()
            );
            if let (Some(package), Some(what)) = (&s.package, &s.package_label) {
                let what = what.strip_suffix(" package").unwrap_or(what);
                eprintln!("{what} package: {}", package.display());
            }
            if let Some(changes) = &s.lock_changes {
                eprintln!("{changes}");
            }
            ExitCode::SUCCESS
        }
        None => {
            let kept = match run {
                Run::Build(_) => "; the previous output was left as it was",
                Run::Check => "",
                Run::Serve => "; still serving the last good build",
            };
            eprintln!(
                "Failed: {}, {}{kept}",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            ExitCode::from(1)
        }
    }
}
