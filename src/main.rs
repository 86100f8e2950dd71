//! The `brandcamp` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use brandcamp::diagnostics;
use brandcamp::export;
use brandcamp::scaffold;
use brandcamp::site::{self, BuildOptions, Outcome};

#[derive(Parser)]
#[command(
    name = "brandcamp",
    version,
    about = "Turn YAML modules and Markdown lessons into a self-paced course website with quizzes.",
    after_help = "Examples:\n  brandcamp new my-course           create a small course to start from\n  brandcamp build my-course         build it into ./public\n  brandcamp check my-course         report every problem, write nothing\n  brandcamp build --out site/       build ./content into ./site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a small working course in DIR.
    #[command(after_help = "Example:\n  brandcamp new my-course && brandcamp build my-course")]
    New {
        /// The folder to create (must not exist, or be empty).
        dir: PathBuf,
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
    },
    /// Write the course's quizzes in another format.
    #[command(
        subcommand,
        after_help = "Example:\n  brandcamp export gift my-course --out gift/"
    )]
    Export(ExportFormat),
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { dir } => match scaffold::create(&dir) {
            Ok(()) => {
                println!(
                    "Created a course in {}. Build it with: brandcamp build {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Command::Build { dir, out, drafts } => {
            let outcome = site::build(&BuildOptions {
                course_dir: dir,
                output: Some(out.clone()),
                drafts,
            });
            finish(&outcome, Some(&out))
        }
        Command::Export(ExportFormat::Gift { dir, out }) => {
            let outcome = export::export_gift(&dir, &out);
            print_diagnostics(&outcome.diagnostics);
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
                        plural(s.files.len(), "GIFT file"),
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
        Command::Check { dir, drafts } => {
            let outcome = site::build(&BuildOptions {
                course_dir: dir,
                output: None,
                drafts,
            });
            finish(&outcome, None)
        }
    }
}

/// Prints diagnostics like a compiler, on stderr.
fn print_diagnostics(found: &[diagnostics::Diagnostic]) {
    let mut stderr = StandardStream::stderr(if std::env::var_os("NO_COLOR").is_some() {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    });
    if let Err(e) = diagnostics::print(found, &mut stderr) {
        eprintln!("error: cannot print diagnostics: {e}");
    }
}

/// Prints the diagnostics and the summary line; exit code 1 on errors.
fn finish(outcome: &Outcome, output: Option<&PathBuf>) -> ExitCode {
    print_diagnostics(&outcome.diagnostics);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    let plural = |n: usize, word: &str| match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "quiz") => format!("{n} quizzes"),
        _ => format!("{n} {word}s"),
    };
    match &outcome.summary {
        Some(s) => {
            let verb = match output {
                Some(out) => format!(
                    "Built {} ({}) into {}",
                    plural(s.pages, "page"),
                    plural(s.files, "file"),
                    out.display()
                ),
                None => format!("Checked {}", plural(s.pages, "page")),
            };
            eprintln!(
                "{verb}: {}, {}, {}; {} in {:.2} s",
                plural(s.modules, "module"),
                plural(s.lessons, "lesson"),
                plural(s.quizzes, "quiz"),
                plural(warnings, "warning"),
                s.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        None => {
            let kept = if output.is_some() {
                "; the previous output was left as it was"
            } else {
                ""
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
