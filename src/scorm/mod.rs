//! SCORM packages: the course as one zip an LMS can import. The zip holds the
//! built site unchanged, a manifest (`imsmanifest.xml`) that declares one SCO,
//! and the SCO's launch page (`scorm.html`), which opens the LMS session and
//! shows the course pages in a frame. The learner-side runtime is the
//! theme's `assets/scorm.js` (session, reporting) and `assets/scorm-data.js`
//! (what is saved and reported), fed each graded answer by
//! `assets/interactions.js`; `docs/scorm.md` is the integrator's guide.
//!
//! - [`manifest`]: the manifest, in the spelling of SCORM 1.2 or 2004;
//! - [`suspend_data`]: how long the saved progress can grow, checked at build
//!   time against the version's `cmi.suspend_data` limit;
//! - [`interactions`]: how many answers (`cmi.interactions`) and modules
//!   (`cmi.objectives`) the course reports, checked against what the
//!   version requires an LMS to keep;
//! - [`archive`]: the deterministic zip, written atomically.

pub mod archive;
pub mod interactions;
pub mod manifest;
pub mod suspend_data;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Course;
use crate::theme::Theme;
use archive::{Entry, StagedZip};

/// The SCO's launch page, at the root of the package.
pub(crate) const LAUNCH_PAGE: &str = "scorm.html";
/// The manifest, at the root of the package (where every LMS looks for it).
pub(crate) const MANIFEST: &str = "imsmanifest.xml";

/// The SCORM editions brandcamp packages for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
}

impl Version {
    /// As written on the command line and given to the launch page.
    pub fn label(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004",
        }
    }

    /// The most characters `cmi.suspend_data` must hold for this version
    /// (CMIString4096 in 1.2, SPM 64,000 in 2004).
    pub(crate) fn suspend_data_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4096,
            Version::Scorm2004 => 64_000,
        }
    }

    /// Marks the version in the default name of the zip: `scorm12`, `scorm2004`.
    fn file_tag(self) -> &'static str {
        match self {
            Version::Scorm12 => "scorm12",
            Version::Scorm2004 => "scorm2004",
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SCORM {}", self.label())
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Version, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "1.2" | "12" => Ok(Version::Scorm12),
            "2004" | "2004-4" | "2004-4th" => Ok(Version::Scorm2004),
            other => Err(format!(
                "`{other}` is not a SCORM version brandcamp packages for: use 1.2 or 2004 (4th edition)"
            )),
        }
    }
}

/// What `build --scorm` asks for.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    pub version: Version,
    /// Where to write the zip; beside the output folder when `None`
    /// (see [`PackageOptions::zip_path`]).
    pub path: Option<PathBuf>,
}

impl PackageOptions {
    /// Where the zip goes: the path asked for, else beside the site's output
    /// folder, named after it: `public/` → `public.scorm12.zip`.
    pub(crate) fn zip_path(&self, output: &Path) -> PathBuf {
        match &self.path {
            Some(path) => path.clone(),
            None => crate::package::beside_output(output, self.version.file_tag()),
        }
    }
}

/// What the launch page template (`scorm.html`) receives as `scorm`.
#[derive(Serialize)]
struct LaunchContext {
    /// `1.2` or `2004`.
    version: &'static str,
    /// The version's limit on `cmi.suspend_data`.
    suspend_limit: usize,
    /// The longest `cmi.suspend_data` this course can produce.
    suspend_max: usize,
}

/// Puts the package of a staged site together and writes it to a temporary
/// file beside its destination; [`StagedZip::commit`] then moves it into
/// place. `site_dir` holds the complete site, written for `output`.
pub(crate) fn stage_package(
    course: &Course,
    theme: &Theme,
    lock: &crate::progress_lock::Lock,
    site_dir: &Path,
    output: &Path,
    options: &PackageOptions,
) -> Result<StagedZip, Diagnostic> {
    let destination = options.zip_path(output);
    check_destination(&destination, output, &course.root)?;
    let mut entries = archive::site_entries(site_dir, &[LAUNCH_PAGE, MANIFEST])?;

    let launch = LaunchContext {
        version: options.version.label(),
        suspend_limit: options.version.suspend_data_limit(),
        suspend_max: suspend_data::worst_case_length(lock),
    };
    let mut context = tera::Context::new();
    context.insert("scorm", &launch);
    let page = theme.render(LAUNCH_PAGE, &context).map_err(|message| {
        Diagnostic::error(
            course.root.join("course.yaml"),
            None,
            format!("cannot render the SCORM launch page {LAUNCH_PAGE}: {message}"),
        )
        .with_hint("the theme's templates/scorm.html (or the course's) is wrong")
    })?;
    entries.push(Entry::bytes(LAUNCH_PAGE, page.into_bytes()));

    let mut listed: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    listed.sort_unstable();
    let manifest = manifest::render(course, options.version, &listed);
    entries.push(Entry::bytes(MANIFEST, manifest.into_bytes()));

    archive::stage_zip(entries, &destination).map_err(|e| {
        Diagnostic::error(
            &destination,
            None,
            format!("cannot write the SCORM package: {e}"),
        )
        .with_hint("check that the folder is writable, or choose another file with --scorm-out")
    })
}

/// Refuses a zip path whose writing would be undone or would destroy
/// something (see [`crate::package::check_destination`]).
pub(crate) fn check_destination(
    destination: &Path,
    output: &Path,
    course_root: &Path,
) -> Result<(), Diagnostic> {
    crate::package::check_destination(&PACKAGE_FILES, destination, output, course_root)
}

/// How a SCORM package is named in messages and recognised on disk.
const PACKAGE_FILES: crate::package::PackageFiles = crate::package::PackageFiles {
    what: "SCORM package",
    flag: "--scorm-out",
    launch_page: LAUNCH_PAGE,
    manifest: MANIFEST,
    marker: "identifier=\"brandcamp-",
};

/// The package's identifier, stable from build to build and between the
/// two versions: `brandcamp-` and the slug of the course title (a hash of
/// the title when it has no letters or digits to make a slug of).
pub(crate) fn package_identifier(course: &Course) -> String {
    let slug = crate::slug::slugify(&course.title);
    if slug.is_empty() {
        let hash = crate::quiz::fnv1a(&[course.title.as_bytes()]);
        format!("brandcamp-{hash:016x}")
    } else {
        format!("brandcamp-{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_as_people_write_them() {
        assert_eq!("1.2".parse::<Version>(), Ok(Version::Scorm12));
        assert_eq!("2004".parse::<Version>(), Ok(Version::Scorm2004));
        assert!(
            "2.0"
                .parse::<Version>()
                .unwrap_err()
                .contains("1.2 or 2004")
        );
    }

    #[test]
    fn the_zip_goes_beside_the_output_folder_unless_asked_elsewhere() {
        let options = PackageOptions {
            version: Version::Scorm12,
            path: None,
        };
        assert_eq!(
            options.zip_path(Path::new("build/public")),
            PathBuf::from("build/public.scorm12.zip")
        );
        assert_eq!(
            options.zip_path(Path::new("public/")),
            PathBuf::from("public.scorm12.zip")
        );
        let options = PackageOptions {
            version: Version::Scorm2004,
            path: Some(PathBuf::from("out/course.zip")),
        };
        assert_eq!(
            options.zip_path(Path::new("public")),
            PathBuf::from("out/course.zip")
        );
    }

    #[test]
    fn a_zip_inside_the_output_folder_is_refused() {
        let refused = check_destination(
            Path::new("public/course.zip"),
            Path::new("public"),
            Path::new("course"),
        );
        assert!(
            refused
                .unwrap_err()
                .message
                .contains("inside the site's output")
        );
        assert!(
            check_destination(
                Path::new("public.zip"),
                Path::new("public"),
                Path::new("course")
            )
            .is_ok()
        );
    }
}
