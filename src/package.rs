//! The packages a build can write beside the site, for an LMS to import:
//! SCORM 1.2 or 2004 ([`crate::scorm`]) or cmi5 ([`crate::cmi5`]). Each is
//! one zip holding the built site unchanged, a launch page that shows the
//! course pages in a frame, and the manifest its LMS reads. What they share
//! is here: where the zip goes, and the refusal of a destination whose
//! writing would be undone or would destroy something. (The choice of
//! format is the build's: [`crate::site::Package`].)

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Where a zip goes when no path is asked for: beside the site's output
/// folder, named after it and the format (`public/`, `cmi5` →
/// `public.cmi5.zip`).
pub(crate) fn beside_output(output: &Path, format_tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public");
    let file = format!("{name}.{format_tag}.zip");
    match output.parent() {
        Some(parent) => parent.join(file),
        None => PathBuf::from(file),
    }
}

/// How a format's zip is named in messages and recognised on disk.
pub struct PackageFiles {
    /// `SCORM package`, `cmi5 package`.
    pub what: &'static str,
    /// The option that chooses the zip's path: `--scorm-out`.
    pub flag: &'static str,
    pub launch_page: &'static str,
    pub manifest: &'static str,
    /// Text found near the start of every manifest brandcamp writes.
    pub marker: &'static str,
}

/// Refuses a zip path whose writing would be undone or would destroy
/// something: inside the site's output (the next build replaces that
/// folder), inside the course folder (a lesson, course.yaml, or a file the
/// next build would publish), an existing folder, and an existing file that
/// is not a package brandcamp wrote.
pub(crate) fn check_destination(
    files: &PackageFiles,
    destination: &Path,
    output: &Path,
    course_root: &Path,
) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Links resolved in the folder part, so that no link leads around the checks.
    let resolved = |p: &Path| {
        let p = absolute(p);
        match (
            p.parent().and_then(|d| d.canonicalize().ok()),
            p.file_name(),
        ) {
            (Some(dir), Some(name)) => dir.join(name),
            _ => p,
        }
    };
    let what = files.what;
    let flag = files.flag;
    let refuse = |message: String, hint: String| {
        Err(Diagnostic::error(destination, None, message).with_hint(hint))
    };
    if absolute(destination).starts_with(absolute(output))
        || resolved(destination).starts_with(resolved(output))
    {
        return refuse(
            format!("the {what} cannot go inside the site's output folder"),
            format!("the next build replaces that folder: choose a path outside it with {flag}"),
        );
    }
    let course = course_root
        .canonicalize()
        .unwrap_or_else(|_| absolute(course_root));
    if resolved(destination).starts_with(&course) {
        return refuse(
            format!("the {what} cannot go inside the course folder"),
            format!(
                "it would replace the course's own files or be published with the next build: choose a path outside the course with {flag}"
            ),
        );
    }
    match destination.metadata() {
        Ok(meta) if meta.is_dir() => refuse(
            format!("the {what} path is a folder"),
            format!("give the zip's file name with {flag}, e.g. {flag} course.zip"),
        ),
        Ok(_) if !is_brandcamp_package(files, destination) => refuse(
            format!(
                "this file exists and is not a {what} written by brandcamp; refusing to replace it"
            ),
            format!("choose another file name with {flag}, or remove this file first"),
        ),
        _ => Ok(()),
    }
}

/// Whether `path` is a zip holding a manifest and launch page as brandcamp
/// writes them (a package of an earlier build, which may be replaced).
fn is_brandcamp_package(files: &PackageFiles, path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    if zip.index_for_name(files.launch_page).is_none() {
        return false;
    }
    let Ok(manifest) = zip.by_name(files.manifest) else {
        return false;
    };
    let mut head = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(manifest, 4096), &mut head).is_ok()
        && head.contains(files.marker)
}
