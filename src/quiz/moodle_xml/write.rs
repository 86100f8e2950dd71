//! Writing the quiz model as Moodle XML.
use crate::quiz::Question;
use crate::quiz::gift::ExportNote;

pub fn write_quiz(_questions: &[Question], _category: &str) -> (String, Vec<ExportNote>) {
    (String::new(), Vec::new())
}
