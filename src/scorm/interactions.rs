//! How many `cmi.interactions` and `cmi.objectives` entries a course makes,
//! and the build-time warning when they could outgrow what an LMS must keep.
//!
//! The entries themselves are written by the runtime (`assets/scorm.js`,
//! from the records of `assets/interactions.js`, in the formats of
//! `assets/scorm-data.js`): one interaction per graded answer, appended at
//! every attempt (a journal), and one objective per module. Each value is
//! cut to its version's limit there; what can only be bounded here is their
//! number. SCORM 2004 requires an LMS to keep at least 250 interactions and
//! 100 objectives (its smallest permitted maximums); SCORM 1.2 leaves both
//! to the LMS. A course whose modules, or whose answers in a single attempt
//! at every quiz, are more than that is warned about: its progress, scores
//! and statuses are safe (they are not in these lists), but the LMS may
//! keep only the first answers or modules. The learner's further attempts
//! add answers to a course of any size; when the LMS refuses one, the
//! runtime stops adding them for the session (docs/scorm.md).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Course;

use super::Version;

/// The interactions a SCORM 2004 LMS must keep at least (RTE 4.1.6).
pub(crate) const INTERACTIONS_2004: usize = 250;
/// The objectives a SCORM 2004 LMS must keep at least (RTE 4.1.9).
pub(crate) const OBJECTIVES_2004: usize = 100;

/// The graded answers of one attempt at every quiz of the course.
pub(crate) fn answers_per_pass(course: &Course) -> usize {
    course
        .modules
        .iter()
        .filter_map(|m| m.quiz.as_ref())
        .map(|q| q.questions_per_attempt().min(q.questions.len()))
        .sum()
}

/// Warns when the course's objectives, or the answers of one pass through
/// its quizzes, are more than `version` requires an LMS to keep.
pub(crate) fn check_counts(course: &Course, version: Version, diagnostics: &Diagnostics) {
    if version != Version::Scorm2004 {
        return;
    }
    let file = course.root.join("course.yaml");
    let answers = answers_per_pass(course);
    if answers > INTERACTIONS_2004 {
        diagnostics.push(
            Diagnostic::warning(
                &file,
                None,
                format!(
                    "one attempt at every quiz of this course gives {answers} answers, and a {version} LMS need keep only {INTERACTIONS_2004} (cmi.interactions): answers past what the LMS keeps are not reported to it"
                ),
            )
            .with_hint(
                "progress, scores and statuses are reported whatever; to have every answer reported, draw fewer questions per attempt (`draw:` in quiz.yaml) or split the course",
            ),
        );
    }
    let modules = course.modules.len();
    if modules > OBJECTIVES_2004 {
        diagnostics.push(
            Diagnostic::warning(
                &file,
                None,
                format!(
                    "this course has {modules} modules, and a {version} LMS need keep only {OBJECTIVES_2004} objectives (cmi.objectives, one per module): the modules past what the LMS keeps are not reported to it one by one"
                ),
            )
            .with_hint("the course's own completion, score and status are reported whatever; split the course to have every module reported"),
        );
    }
}
