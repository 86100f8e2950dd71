//! The semantic checks: what only the whole course, or the whole build,
//! can tell. They read the model and what rendering recorded, and push
//! diagnostics; they change nothing. The phase runs in three steps, each as
//! soon as what it reads exists ([`crate::site`] calls them in order):
//!
//! 1. [`check_course`], before rendering, on the loaded course:
//!    two modules with one web address, reserved module names,
//!    `requires` naming no module or the module
//!    itself, and modules requiring each other in a circle
//!    (`modules.rs`);
//! 2. [`check_links`], once every lesson is rendered: links to nothing
//!    (with a hint naming what was meant), to drafts, images showing a
//!    lesson, and `#anchors` naming no heading (`links.rs`, the link
//!    pass);
//! 3. [`check_output`], once the lock is resolved and the pages are
//!    listed: two files of the site at one place, or a file where a folder
//!    goes (`site_paths.rs`), and what the LMS package asks of the course:
//!    cmi5's IRI, SCORM's limits on saved progress, answers and modules
//!    (`package.rs`; the SCORM measures stay in [`crate::scorm`]).
//!
//! What is about one file's own syntax and values is checked where that
//! file is read, at its node's position: `load.rs` (course.yaml,
//! module.yaml, front matter), `quiz/check.rs` (questions),
//! `brand/file.rs`, `look/file.rs`. Two checks that span files stay where
//! the data is made: `load.rs` reports two lessons of a module with one
//! web address as it lists them (a module `serve` carries over keeps its
//! findings), and `progress_lock.rs` checks the `id:` and `was:` of lessons and quizzes
//! (two with one id, a former id still in use) as it resolves the lock
//! with them. What is about a lesson's
//! own text and its safety is reported by the renderer, since it decides
//! what is written ([`crate::markdown`]): links and raw HTML that run code,
//! `file:` links, absolute paths, paths out of the course folder, images
//! without alternative text. The brand lint of the course's words is
//! `brand/lint.rs`.

pub mod links;
mod modules;
mod package;
mod site_paths;

pub use links::check_links;
pub(crate) use package::Lms;
pub use site_paths::SiteClaim;

use crate::diagnostics::Diagnostics;
use crate::model::Course;
use crate::progress_lock::Lock;

/// Step 1: what the loaded course tells by itself, before rendering.
pub(crate) fn check_course(course: &Course, diagnostics: &Diagnostics) {
    modules::check_modules(course, diagnostics);
}

/// Step 3: what the build is about to write. `claims` are the site's files
/// and what puts each there (`None` when they are known to be those a
/// previous build checked); `lms` the package asked for, checked against
/// the resolved `lock` (`None` when it could not be resolved).
pub(crate) fn check_output(
    course: &Course,
    lock: Option<&Lock>,
    lms: Option<Lms>,
    claims: Option<Vec<SiteClaim>>,
    diagnostics: &Diagnostics,
) {
    if let Some(lms) = lms {
        package::check_package(course, lock, lms, diagnostics);
    }
    if let Some(claims) = claims {
        site_paths::check_site_paths(claims, diagnostics);
    }
}
