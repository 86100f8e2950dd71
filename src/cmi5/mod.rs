//! cmi5 packages: the course as one zip a cmi5 LMS imports. The zip holds
//! the built site unchanged, the course structure (`cmi5.xml`, one AU for
//! the course: see [`course_structure`]) and the AU's launch page
//! (`cmi5.html`), which speaks to the LMS and shows the course pages in a
//! frame. The learner-side runtime is the theme's `assets/cmi5.js` (the
//! launch, the session's statements, progress in the xAPI State API) over
//! `assets/xapi.js` (statements and the queue that keeps them until the LMS
//! has them); `docs/lms.md` is the integrator's guide.

pub mod course_structure;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Course;
use crate::scorm::archive::{self, Entry, StagedZip};
use crate::theme::Theme;

/// The AU's launch page, at the root of the package.
pub(crate) const LAUNCH_PAGE: &str = "cmi5.html";
/// The course structure, at the root of the package.
pub(crate) const COURSE_STRUCTURE: &str = "cmi5.xml";

/// What `build --cmi5` asks for.
#[derive(Debug, Clone, Default)]
pub struct PackageOptions {
    /// Where to write the zip; beside the output folder when `None`.
    pub path: Option<PathBuf>,
}

impl PackageOptions {
    /// Where the zip goes: the path asked for, else beside the site's output
    /// folder, named after it: `public/` → `public.cmi5.zip`.
    pub(crate) fn zip_path(&self, output: &Path) -> PathBuf {
        match &self.path {
            Some(path) => path.clone(),
            None => crate::package::beside_output(output, "cmi5"),
        }
    }
}

/// How a cmi5 package is named in messages and recognised on disk.
const PACKAGE_FILES: crate::package::PackageFiles = crate::package::PackageFiles {
    what: "cmi5 package",
    flag: "--cmi5-out",
    launch_page: LAUNCH_PAGE,
    manifest: COURSE_STRUCTURE,
    marker: course_structure::NAMESPACE,
};

/// Refuses a zip path whose writing would be undone or would destroy
/// something (see [`crate::package::check_destination`]).
pub(crate) fn check_destination(
    destination: &Path,
    output: &Path,
    course_root: &Path,
) -> Result<(), Diagnostic> {
    crate::package::check_destination(&PACKAGE_FILES, destination, output, course_root)
}

/// What the launch page template (`cmi5.html`) receives as `cmi5`.
#[derive(Serialize)]
struct LaunchContext<'a> {
    /// The AU's activity id, as in cmi5.xml.
    au: String,
    course_iri: &'a str,
    /// The pass mark of cmi5.xml, in percent, for when the LMS gives none.
    mastery_percent: Option<u8>,
}

/// Puts the package of a staged site together and writes it to a temporary
/// file beside its destination; [`StagedZip::commit`] then moves it into
/// place. `site_dir` holds the complete site, written for `output`.
pub(crate) fn stage_package(
    course: &Course,
    theme: &Theme,
    site_dir: &Path,
    output: &Path,
    options: &PackageOptions,
) -> Result<StagedZip, Diagnostic> {
    let destination = options.zip_path(output);
    check_destination(&destination, output, &course.root)?;
    let course_yaml = course.root.join("course.yaml");
    let Some(iri) = course.iri.as_deref() else {
        return Err(Diagnostic::error(
            course_yaml,
            None,
            "a cmi5 package needs the course's `iri:`",
        ));
    };
    let mut entries = archive::site_entries(site_dir, &[LAUNCH_PAGE, COURSE_STRUCTURE])?;

    let launch = LaunchContext {
        au: course_structure::au_id(iri),
        course_iri: iri,
        mastery_percent: course_structure::move_on(course).mastery_percent,
    };
    let mut context = tera::Context::new();
    context.insert("cmi5", &launch);
    let page = theme.render(LAUNCH_PAGE, &context).map_err(|message| {
        Diagnostic::error(
            &course_yaml,
            None,
            format!("cannot render the cmi5 launch page {LAUNCH_PAGE}: {message}"),
        )
        .with_hint("the theme's templates/cmi5.html (or the course's) is wrong")
    })?;
    entries.push(Entry::bytes(LAUNCH_PAGE, page.into_bytes()));
    let structure = course_structure::render(course, iri, LAUNCH_PAGE);
    entries.push(Entry::bytes(COURSE_STRUCTURE, structure.into_bytes()));

    archive::stage_zip(entries, &destination).map_err(|e| {
        Diagnostic::error(
            &destination,
            None,
            format!("cannot write the cmi5 package: {e}"),
        )
        .with_hint("check that the folder is writable, or choose another file with --cmi5-out")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_goes_beside_the_output_folder_unless_asked_elsewhere() {
        let options = PackageOptions::default();
        assert_eq!(
            options.zip_path(Path::new("build/public")),
            PathBuf::from("build/public.cmi5.zip")
        );
        let options = PackageOptions {
            path: Some(PathBuf::from("out/course.zip")),
        };
        assert_eq!(
            options.zip_path(Path::new("public")),
            PathBuf::from("out/course.zip")
        );
    }
}
