//! Exports of a course to other formats. `brandcamp export gift` writes
//! each module's quiz (from quiz.yaml or quiz.gift) as a Moodle GIFT file,
//! `<module slug>.gift`, for an LMS's question bank.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::model::Module;
use crate::quiz::Quiz;
use crate::quiz::gift::{self, ExportNote};
use crate::yaml::Step;

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// The files written, in module order.
    pub files: Vec<PathBuf>,
    pub questions: usize,
    /// Questions GIFT cannot express, left out.
    pub skipped: usize,
}

/// The diagnostics of an export (sorted), and a summary when it succeeded.
pub struct ExportOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<ExportSummary>,
}

/// Writes the quiz of every module of the course in `course_dir` as GIFT
/// into `out`. Nothing is written when the course has errors.
pub fn export_gift(course_dir: &Path, out: &Path) -> ExportOutcome {
    let diagnostics = Diagnostics::new();
    let summary = run_gift(course_dir, out, &diagnostics);
    let summary = if diagnostics.has_errors() {
        None
    } else {
        summary
    };
    ExportOutcome {
        diagnostics: diagnostics.into_sorted(),
        summary,
    }
}

fn run_gift(course_dir: &Path, out: &Path, diagnostics: &Diagnostics) -> Option<ExportSummary> {
    let course = load::load_course(course_dir, &LoadOptions::default(), diagnostics)?;
    if diagnostics.has_errors() {
        return None;
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut summary = ExportSummary::default();
    for module in &course.modules {
        let Some(quiz) = &module.quiz else { continue };
        let (questions, notes) = gift::write_questions(&quiz.questions);
        let quiz_file = course.root.join(&quiz.path);
        for note in &notes {
            diagnostics.push(note_diagnostic(&quiz_file, quiz, note));
        }
        let skipped = notes.iter().filter(|n| n.skipped).count();
        summary.skipped += skipped;
        summary.questions += quiz.questions.len() - skipped;
        files.push((
            out.join(format!("{}.gift", module.slug)),
            format!("{}{questions}", header(module, quiz)),
        ));
    }
    if let Err(e) = fs::create_dir_all(out) {
        diagnostics.push(Diagnostic::error(
            out,
            None,
            format!("cannot create the folder: {e}"),
        ));
        return None;
    }
    for (path, text) in files {
        if let Err(e) = fs::write(&path, text) {
            diagnostics.push(Diagnostic::error(&path, None, format!("cannot write: {e}")));
            return None;
        }
        summary.files.push(path);
    }
    Some(summary)
}

/// A note on a question, as a warning on its quiz file (at the question,
/// in a quiz.yaml).
fn note_diagnostic(quiz_file: &Path, quiz: &Quiz, note: &ExportNote) -> Diagnostic {
    let index = quiz.questions.iter().position(|q| q.id == note.question);
    let prompt = index
        .map(|i| crate::markdown::render_plain(&quiz.questions[i].prompt))
        .unwrap_or_default();
    // The course loaded without errors: the questions of a quiz.yaml are
    // all in the model, in order.
    let position = match index {
        Some(i) if quiz.path.extension().is_some_and(|e| e == "yaml") => {
            load::locate_in_file(quiz_file, &[Step::Key("questions"), Step::Index(i)])
        }
        _ => None,
    };
    let excerpt: String = prompt.chars().take(50).collect();
    let ellipsis = if prompt.chars().count() > 50 {
        "…"
    } else {
        ""
    };
    let hint = if note.skipped {
        "the GIFT file leaves this question out; the course keeps it"
    } else {
        "the GIFT file keeps the question without this"
    };
    Diagnostic::warning(
        quiz_file,
        position,
        format!(
            "question `{}` (\"{excerpt}{ellipsis}\") {}",
            note.question, note.message
        ),
    )
    .with_hint(hint)
}

/// Comments saying where the questions come from and the quiz settings
/// GIFT has no place for, and the category Moodle files them in.
fn header(module: &Module, quiz: &Quiz) -> String {
    let mut settings = Vec::new();
    if let Some(mark) = quiz.pass_mark {
        settings.push(format!("pass_mark: {mark}"));
    }
    if let Some(draw) = quiz.draw {
        settings.push(format!("draw: {draw}"));
    }
    settings.push(format!("shuffle: {}", quiz.shuffle));
    settings.push(format!("max_attempts: {}", quiz.max_attempts));
    if let Some(review) = quiz.review {
        settings.push(format!("review: {}", review.name()));
    }
    let one_line = |text: &str| text.replace(['\n', '\r'], " ");
    let title = quiz.title.as_deref().unwrap_or(&module.title);
    format!(
        "// {}\n// Module \"{}\", from {}.\n// Quiz settings: {}.\n\n$CATEGORY: $course$/top/{}\n\n",
        one_line(title),
        one_line(&module.title),
        quiz.path.display(),
        settings.join(", "),
        one_line(&module.title).replace('/', "//"),
    )
}
