//! GIFT quizzes: the corpus of tests/fixtures/gift read question by
//! question, every kind of mistake reported at its line and column, round
//! trips between quiz.yaml and GIFT, random input, and courses with a
//! quiz.gift built and exported.

mod corpus;
mod course;
mod errors;
mod fuzz;
mod round_trip;
mod yaml_keys;

use std::path::Path;

use brandcamp::diagnostics::{Diagnostic, Diagnostics};
use brandcamp::quiz::gift::{GiftQuestions, read_gift};
use brandcamp::quiz::schema::{Choice, QuestionKind};
use brandcamp::quiz::{Question, Source};

pub const FIXTURES: &str = "tests/fixtures/gift";

/// Reads GIFT text as the file `quiz.gift`.
pub fn read_text(text: &str) -> (GiftQuestions, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let read = read_gift(
        Source {
            text,
            file: Path::new("quiz.gift"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (read, diagnostics.into_sorted())
}

/// Reads a fixture, which must have no error.
pub fn read_fixture(name: &str) -> GiftQuestions {
    let path = Path::new(FIXTURES).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let diagnostics = Diagnostics::new();
    let read = read_gift(
        Source {
            text: &text,
            file: &path,
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    let errors: Vec<Diagnostic> = diagnostics
        .into_sorted()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    read
}

/// The question with this id.
pub fn by_id<'a>(read: &'a GiftQuestions, id: &str) -> &'a Question {
    read.questions
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question `{id}`"))
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
