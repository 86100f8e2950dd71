//! Helpers for the integration tests: write a small course into a temporary
//! folder from (path, text) pairs, build or check it, and read the results.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brandcamp::diagnostics::Diagnostic;
use brandcamp::site::{self, BuildOptions, Outcome};

pub struct TestCourse {
    pub dir: tempfile::TempDir,
}

impl TestCourse {
    /// A course made of the given files; `course.yaml` is added if missing.
    pub fn new(files: &[(&str, &str)]) -> TestCourse {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = TestCourse { dir };
        if !files.iter().any(|(path, _)| *path == "course.yaml") {
            course.write("course.yaml", "title: Test course\n");
        }
        for (path, text) in files {
            course.write(path, text);
        }
        course
    }

    /// Copies a fixture course from tests/fixtures/.
    pub fn fixture(name: &str) -> TestCourse {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_tree(&source, &dir.path().join("course"));
        TestCourse { dir }
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let full = self.course_dir().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }

    /// The course folder (sources); the site goes to `public/` beside it.
    pub fn course_dir(&self) -> PathBuf {
        self.dir.path().join("course")
    }

    pub fn out_dir(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn build(&self) -> Outcome {
        site::build(&BuildOptions {
            course_dir: self.course_dir(),
            output: Some(self.out_dir()),
            drafts: false,
        })
    }

    pub fn build_with_drafts(&self) -> Outcome {
        site::build(&BuildOptions {
            course_dir: self.course_dir(),
            output: Some(self.out_dir()),
            drafts: true,
        })
    }

    pub fn check(&self) -> Outcome {
        site::build(&BuildOptions {
            course_dir: self.course_dir(),
            output: None,
            drafts: false,
        })
    }

    /// Builds and fails the test with the diagnostics if the build fails.
    pub fn build_ok(&self) -> Outcome {
        let outcome = self.build();
        assert!(
            outcome.succeeded(),
            "build failed:\n{}",
            describe(&outcome.diagnostics)
        );
        outcome
    }

    pub fn page(&self, site_path: &str) -> String {
        std::fs::read_to_string(self.out_dir().join(site_path))
            .unwrap_or_else(|e| panic!("{site_path}: {e}"))
    }

    /// Runs the brandcamp binary with `args`, in the course's parent folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_brandcamp"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run brandcamp")
    }
}

pub fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The errors of an outcome, its warnings left out.
pub fn errors(outcome: &Outcome) -> Vec<&Diagnostic> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect()
}

/// The one error of an outcome whose message contains `needle`.
pub fn error_containing<'a>(outcome: &'a Outcome, needle: &str) -> &'a Diagnostic {
    outcome
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no error containing {needle:?} in:\n{}",
                describe(&outcome.diagnostics)
            )
        })
}

/// `(file name relative to the course, line)` of a diagnostic.
pub fn place(course: &TestCourse, d: &Diagnostic) -> (String, Option<usize>) {
    let file = d
        .file
        .strip_prefix(course.course_dir())
        .unwrap_or(&d.file)
        .to_string_lossy()
        .replace('\\', "/");
    (file, d.position.map(|p| p.line))
}

/// Every file of a folder with its bytes, sorted, for byte-for-byte comparisons.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
