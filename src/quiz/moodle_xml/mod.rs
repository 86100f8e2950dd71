//! Moodle XML, the format of Moodle's question bank exports: a module's
//! quiz written as `quiz.xml`, and `brandcamp export moodle-xml`.
//!
//! Questions are read into the same model as quiz.yaml's
//! ([`crate::quiz::Question`]), so that they are checked, rendered and
//! graded the same way; docs/moodle.md has the mapping.
//!
//! - [`text`]: text formats, HTML turned into Markdown;
//! - [`read`]: the questions, each problem at its element's line and column;
//! - [`write`]: the model written back as Moodle XML.

mod read;
pub mod text;
pub mod write;

use crate::diagnostics::Diagnostics;
use crate::quiz::bank::distinct_questions;
use crate::quiz::schema::QuizSettings;
use crate::quiz::{EmbeddedFile, ModuleQuizSettings, Question, Quiz, Source, quiz_with_settings};
use crate::yaml::Step;

pub use write::write_quiz;
pub(crate) use write::write_quizzes;

/// The questions of a Moodle XML text.
#[derive(Debug, Clone, PartialEq)]
pub struct MoodleQuestions {
    /// The questions without problems, in the file's order.
    pub questions: Vec<Question>,
    /// How many questions the file holds, counting those with problems (not
    /// those left out: descriptions, essays…).
    pub pool: usize,
    /// The pictures and sounds the questions embed.
    pub files: Vec<EmbeddedFile>,
}

/// Reads the questions of a Moodle XML text, reporting every problem (and
/// every question left out) in `diagnostics`.
pub fn read_moodle_xml(source: Source<'_>, diagnostics: &Diagnostics) -> MoodleQuestions {
    let mut reader = read::Reader::new(source);
    reader.read_all();
    let imported = std::mem::take(&mut reader.imported);
    let (questions, copies) = distinct_questions(imported, source.file, &mut reader.problems);
    diagnostics.extend(reader.problems);
    MoodleQuestions {
        questions,
        pool: reader.pool - copies,
        files: reader.files,
    }
}

/// A module's `quiz.xml`, with the settings of its module.yaml's `quiz:`.
pub(crate) fn parse_moodle_xml_quiz(
    source: Source<'_>,
    module_settings: Option<ModuleQuizSettings<'_>>,
    diagnostics: &Diagnostics,
) -> Option<Quiz> {
    let read = read_moodle_xml(source, diagnostics);
    let (settings, settings_source) = match module_settings {
        Some(m) => (m.settings.clone(), m.source),
        None => (QuizSettings::default(), source),
    };
    let mut quiz = quiz_with_settings(
        settings,
        read.questions,
        read.pool,
        settings_source,
        &[Step::Key("quiz")],
        diagnostics,
    );
    quiz.files = read.files;
    Some(quiz)
}
