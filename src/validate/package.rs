//! What an LMS package asks of the course: cmi5 needs the course's IRI;
//! SCORM needs saved progress to fit what the LMS keeps, and warns when
//! the course has more answers or modules than the LMS need record (those
//! two checks stay in [`crate::scorm`], beside the encoding and the limits
//! they measure).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Course;
use crate::progress_lock::Lock;
use crate::scorm;

/// The package a build makes, as its checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lms {
    Scorm(scorm::Version),
    Cmi5,
}

/// Checks the course against `lms`; the SCORM limits are checked once the
/// lock is resolved (`lock`, `None` when it could not be).
pub(crate) fn check_package(
    course: &Course,
    lock: Option<&Lock>,
    lms: Lms,
    diagnostics: &Diagnostics,
) {
    match (lms, lock) {
        (Lms::Scorm(version), Some(lock)) => {
            scorm::suspend_data::check_fits(course, lock, version, diagnostics);
            scorm::interactions::check_counts(course, version, diagnostics);
        }
        (Lms::Scorm(_), None) => {}
        (Lms::Cmi5, _) => check_iri(course, diagnostics),
    }
}

/// A cmi5 package needs the course's IRI: it is the course id of cmi5.xml
/// and, with `/au`, the activity every statement is about.
fn check_iri(course: &Course, diagnostics: &Diagnostics) {
    if course.iri.is_none() {
        diagnostics.push(
            Diagnostic::error(
                course.root.join("course.yaml"),
                None,
                "a cmi5 package needs the course's `iri:`",
            )
            .with_hint(
                "add `iri: https://learning.example.org/courses/my-course` (an address your organisation controls; keep it when the course changes) to course.yaml",
            ),
        );
    }
}
