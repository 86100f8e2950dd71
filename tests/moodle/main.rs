//! Question banks from Moodle: GIFT as Moodle reads it (repeated questions
//! and names), the corpus of Moodle XML files in tests/fixtures/moodle read
//! question by question, every kind of mistake at its line and column,
//! round trips between GIFT, quiz.yaml and Moodle XML, and courses with a
//! quiz.xml built and exported.

mod bank;
mod corpus;
mod course;
mod errors;
mod round_trip;

use std::path::Path;

use brandcamp::diagnostics::{Diagnostic, Diagnostics};
use brandcamp::quiz::moodle_xml::{MoodleQuestions, read_moodle_xml};
use brandcamp::quiz::schema::{Choice, QuestionKind};
use brandcamp::quiz::{Question, Source};

pub const FIXTURES: &str = "tests/fixtures/moodle";

/// Reads Moodle XML text as the file `quiz.xml`.
pub fn read_text(text: &str) -> (MoodleQuestions, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let read = read_moodle_xml(
        Source {
            text,
            file: Path::new("quiz.xml"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (read, diagnostics.into_sorted())
}

/// Reads a fixture, which must have no error; returns its warnings too.
pub fn read_fixture(name: &str) -> (MoodleQuestions, Vec<Diagnostic>) {
    let path = Path::new(FIXTURES).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let (read, found) = read_text(&text);
    let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    (read, found)
}

/// The question with this id.
pub fn by_id<'a>(questions: &'a [Question], id: &str) -> &'a Question {
    questions
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question `{id}` in {:?}", ids(questions)))
}

pub fn ids(questions: &[Question]) -> Vec<&str> {
    questions.iter().map(|q| q.id.as_str()).collect()
}

pub fn choice(text: &str, correct: bool, weight: Option<f64>, feedback: Option<&str>) -> Choice {
    Choice {
        text: text.into(),
        correct,
        feedback: feedback.map(Into::into),
        weight,
    }
}

/// The choices of a `single` or `multiple` question.
pub fn choices(question: &Question) -> &[Choice] {
    match &question.kind {
        QuestionKind::Single(q) | QuestionKind::Multiple(q) => &q.choices,
        other => panic!("`{}` is a {} question", question.id, other.name()),
    }
}

/// `file:line:col message` of each diagnostic, for assertions.
pub fn located(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect()
}
