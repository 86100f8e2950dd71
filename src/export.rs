//! Exports of a course to other formats, for an LMS's question bank:
//! `brandcamp export gift` writes each module's quiz (from quiz.yaml,
//! quiz.gift or quiz.xml) as a Moodle GIFT file, `<module slug>.gift`, and
//! `brandcamp export moodle-xml` as Moodle XML, `<module slug>.xml` (with,
//! on request, the knowledge checks of its lessons in a category of their
//! own).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::model::Module;
use crate::quiz::gift::{self, ExportNote};
use crate::quiz::{Question, Quiz, moodle_xml};
use crate::sources::Sources;
use crate::yaml::Step;

/// The formats a course's quizzes are exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Gift,
    /// With the lessons' knowledge checks when `knowledge_checks`.
    MoodleXml {
        knowledge_checks: bool,
    },
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Gift => "gift",
            ExportFormat::MoodleXml { .. } => "xml",
        }
    }

    fn name(self) -> &'static str {
        match self {
            ExportFormat::Gift => "GIFT",
            ExportFormat::MoodleXml { .. } => "Moodle XML",
        }
    }
}

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
    /// The texts the export read, which the diagnostics quote.
    pub sources: Arc<Sources>,
    pub summary: Option<ExportSummary>,
}

/// Writes the quiz of every module of the course in `course_dir` as GIFT
/// into `out`. Nothing is written when the course has errors.
pub fn export_gift(course_dir: &Path, out: &Path) -> ExportOutcome {
    export(course_dir, out, ExportFormat::Gift)
}

/// Writes the quiz of every module of the course in `course_dir` in
/// `format` into `out`. Nothing is written when the course has errors.
pub fn export(course_dir: &Path, out: &Path, format: ExportFormat) -> ExportOutcome {
    let diagnostics = Diagnostics::new();
    let sources = Arc::new(Sources::new());
    let summary = run(course_dir, out, format, &sources, &diagnostics);
    let summary = if diagnostics.has_errors() {
        None
    } else {
        summary
    };
    ExportOutcome {
        diagnostics: diagnostics.into_sorted(),
        sources,
        summary,
    }
}

fn run(
    course_dir: &Path,
    out: &Path,
    format: ExportFormat,
    sources: &Arc<Sources>,
    diagnostics: &Diagnostics,
) -> Option<ExportSummary> {
    let course = load::load_course(course_dir, &LoadOptions::default(), sources, diagnostics)?;
    if diagnostics.has_errors() {
        return None;
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut summary = ExportSummary::default();
    for module in &course.modules {
        let checks = match format {
            ExportFormat::MoodleXml {
                knowledge_checks: true,
            } => knowledge_checks(&course.root, module),
            _ => Vec::new(),
        };
        if module.quiz.is_none() && checks.is_empty() {
            continue;
        }
        let category = format!("$course$/top/{}", one_line(&module.title));
        let (text, notes) = match (format, &module.quiz) {
            (ExportFormat::Gift, Some(quiz)) => {
                let (questions, notes) = gift::write_questions(&quiz.questions);
                (format!("{}{questions}", header(module, quiz)), notes)
            }
            (ExportFormat::Gift, None) => continue,
            (ExportFormat::MoodleXml { .. }, quiz) => {
                let quiz_questions = quiz.as_ref().map_or(&[][..], |q| &q.questions[..]);
                let files = quiz.as_ref().map_or(&[][..], |q| &q.files[..]);
                let mut parts = Vec::new();
                if !quiz_questions.is_empty() {
                    parts.push((category.clone(), quiz_questions));
                }
                let check_category = format!("{category}/Knowledge checks");
                if !checks.is_empty() {
                    parts.push((check_category, &checks[..]));
                }
                moodle_xml::write_quizzes(&parts, files)
            }
        };
        if let Some(quiz) = &module.quiz {
            let quiz_file = course.root.join(&quiz.path);
            for note in &notes {
                diagnostics.push(note_diagnostic(
                    &course.sources,
                    &quiz_file,
                    quiz,
                    note,
                    format,
                ));
            }
        }
        let skipped = notes.iter().filter(|n| n.skipped).count();
        let total = module.quiz.as_ref().map_or(0, |q| q.questions.len()) + checks.len();
        summary.skipped += skipped;
        summary.questions += total.saturating_sub(skipped);
        files.push((
            out.join(format!("{}.{}", module.slug, format.extension())),
            text,
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
fn note_diagnostic(
    sources: &Sources,
    quiz_file: &Path,
    quiz: &Quiz,
    note: &ExportNote,
    format: ExportFormat,
) -> Diagnostic {
    let index = quiz.questions.iter().position(|q| q.id == note.question);
    let label = index
        .map(|i| question_label(&quiz.questions[i]))
        .unwrap_or_else(|| format!("`{}`", note.question));
    // The course loaded without errors: the questions of a quiz.yaml are
    // all in the model, in order.
    let position = match index {
        Some(i) if quiz.path.extension().is_some_and(|e| e == "yaml") => {
            sources.locate(quiz_file, &[Step::Key("questions"), Step::Index(i)])
        }
        _ => None,
    };
    let hint = if note.skipped {
        format!(
            "the {} file leaves this question out; the course keeps it",
            format.name()
        )
    } else {
        format!("the {} file keeps the question without this", format.name())
    };
    Diagnostic::warning(
        quiz_file,
        position,
        format!("question {label} {}", note.message),
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

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The questions of the knowledge checks (```` ```quiz ```` and
/// ```` ```gift ```` blocks) of a module's lessons, in lesson order. The
/// course loaded without errors, and rendering checks the blocks: problems
/// here are not reported again.
fn knowledge_checks(root: &Path, module: &Module) -> Vec<Question> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut questions = Vec::new();
    for lesson in module.lessons.iter() {
        let body = lesson.body();
        let file = root.join(&lesson.path);
        let mut fence: Option<(String, String)> = None;
        for event in Parser::new_ext(body, crate::markdown::dialect::options()) {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    let kind = info.split_whitespace().next().unwrap_or("").to_string();
                    fence = Some((kind, String::new()));
                }
                Event::Text(text) => {
                    if let Some((_, body)) = fence.as_mut() {
                        body.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let Some((kind, text)) = fence.take() else {
                        continue;
                    };
                    let source = crate::quiz::Source {
                        text: &text,
                        file: &file,
                        line_offset: 0,
                        tree: None,
                    };
                    let ignored = Diagnostics::new();
                    match kind.as_str() {
                        "quiz" => {
                            questions.extend(crate::quiz::parse_knowledge_check(source, &ignored))
                        }
                        "gift" => {
                            questions.extend(gift::parse_gift_knowledge_check(source, &ignored))
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    questions
}

/// How a message a trainer reads names a question: by its prompt, as plain
/// text shortened to 50 characters, preceded by its `id` when the author
/// gave one (a derived id, `q-…`, means nothing to them).
fn question_label(question: &Question) -> String {
    const LONGEST: usize = 50;
    let prompt = crate::markdown::render_plain(&question.prompt);
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = if prompt.chars().count() > LONGEST {
        // Cut at the last word that fits.
        let cut: String = prompt.chars().take(LONGEST).collect();
        let words = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(words, _)| words);
        format!("{}…", words.trim_end_matches([',', ';', ':']))
    } else {
        prompt
    };
    if question.id == crate::quiz::derived_id(question.kind.name(), &question.prompt) {
        format!("\"{shown}\"")
    } else {
        format!("`{}` (\"{shown}\")", question.id)
    }
}
