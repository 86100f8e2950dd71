//! Moodle's GIFT format: a module's quiz written as `quiz.gift`, the
//! ```` ```gift ```` knowledge checks of lessons, and `brandcamp export gift`.
//!
//! GIFT questions are read into the same model as quiz.yaml's
//! ([`crate::quiz::Question`]), so that they are checked, rendered and
//! graded the same way; docs/gift.md has the mapping.
//!
//! - [`text`]: escapes, `[format]` markers, the `*` wildcard;
//! - [`read`]: questions and their parts (comments, title, text, answer
//!   block), with every problem reported at its line and column;
//! - [`answers`]: each kind of answer block;
//! - [`write`]: the model written back as GIFT.

mod answers;
mod read;
pub mod text;
pub mod write;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::quiz::bank::{Imported, distinct_questions};
use crate::quiz::schema::QuizSettings;
use crate::quiz::{ModuleQuizSettings, Question, Quiz, Source, quiz_with_settings};
use crate::yaml::Step;

pub use write::{ExportNote, write_questions};

/// The blank that takes the place of the answer block in the text of a
/// "missing word" question (`Grant is {=entombed ~living} in the tomb.`):
/// five underscores, escaped so that Markdown shows them as they are.
pub const BLANK: &str = "\\_\\_\\_\\_\\_";

/// A question read from GIFT, and where it starts.
struct Read {
    question: Question,
    /// Where it starts in the file.
    position: Position,
    /// Named by the author (`[id:…]` or `::title::`) rather than derived.
    explicit_id: bool,
}

/// The questions of a GIFT text.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftQuestions {
    /// The questions without problems, in the file's order.
    pub questions: Vec<Question>,
    /// How many questions the file holds, counting those with problems (not
    /// descriptions and essays, which are left out).
    pub pool: usize,
}

/// Reads the questions of a GIFT text, reporting every problem (and every
/// question left out) in `diagnostics`.
pub fn read_gift(source: Source<'_>, diagnostics: &Diagnostics) -> GiftQuestions {
    let mut reader = read::Reader::new(source);
    let reads = reader.read_all();
    let imported = reads
        .into_iter()
        .map(|r| Imported {
            question: r.question,
            position: r.position,
            named: r.explicit_id,
        })
        .collect();
    let (questions, copies) = distinct_questions(imported, source.file, &mut reader.problems);
    diagnostics.extend(reader.problems);
    GiftQuestions {
        questions,
        pool: reader.pool - copies,
    }
}

/// A module's `quiz.gift`, with the settings of its module.yaml's `quiz:`.
pub(crate) fn parse_gift_quiz(
    source: Source<'_>,
    module_settings: Option<ModuleQuizSettings<'_>>,
    diagnostics: &Diagnostics,
) -> Option<Quiz> {
    let read = read_gift(source, diagnostics);
    if read.pool == 0 {
        diagnostics.push(
            Diagnostic::error(source.file, None, "this quiz has no questions")
                .with_hint("write GIFT questions separated by blank lines (see docs/gift.md)"),
        );
    }
    let (settings, settings_source) = match module_settings {
        Some(m) => (m.settings.clone(), m.source),
        None => (QuizSettings::default(), source),
    };
    Some(quiz_with_settings(
        settings,
        read.questions,
        read.pool,
        settings_source,
        &[Step::Key("quiz")],
        diagnostics,
    ))
}

/// The questions of a ```` ```gift ```` block in a lesson.
pub(crate) fn parse_gift_knowledge_check(
    source: Source<'_>,
    diagnostics: &Diagnostics,
) -> Vec<Question> {
    let read = read_gift(source, diagnostics);
    if read.pool == 0 {
        diagnostics.push(
            Diagnostic::error(
                source.file,
                Some(crate::diagnostics::Position::new(
                    source.line_offset.max(1),
                    1,
                )),
                "this `gift` block holds no question",
            )
            .with_hint("write GIFT questions such as `Who wrote the guide? {=Lorvan ~Acme}`"),
        );
    }
    read.questions
}
