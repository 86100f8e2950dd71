//! Opening the author's files so that nothing outside their folder is read.
//! Loading checks each symbolic link it meets (see [`list_files`]), but a
//! file can be swapped for a link to `/etc/passwd` between that check and
//! the read. So every read and copy opens the file once, then checks what
//! was opened — a regular file, and the very file (device and inode) that
//! the path names once its links are resolved, inside the folder — and reads
//! only from that open handle, never by the path again.
//!
//! The walk through a folder's files ([`list_files`]) keeps to the folder
//! the same way, and leaves out names no site could hold
//! ([`unportable_name`]).
//!
//! Hand-written because the standard ways to do this are
//! platform-specific (`openat2` with `RESOLVE_BENEATH` is Linux-only, and
//! refuses absolute links that stay inside the folder, which courses use).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The file brandcamp leaves in every folder it builds; a folder holding it is
/// an output, never a module, and may be replaced by the next build.
pub(crate) const OUTPUT_MARKER: &str = ".brandcamp-output";

/// The folder a file must stay inside: the course folder for the course's
/// files, the theme folder for a theme's.
#[derive(Debug, Clone, Copy)]
pub struct Folder<'a> {
    pub root: &'a Path,
    /// "course" or "theme", for messages.
    pub name: &'static str,
}

impl<'a> Folder<'a> {
    pub fn course(root: &'a Path) -> Folder<'a> {
        Folder {
            root,
            name: "course",
        }
    }

    pub fn theme(root: &'a Path) -> Folder<'a> {
        Folder {
            root,
            name: "theme",
        }
    }
}

/// Why a file was not opened.
#[derive(Debug)]
pub enum OpenError {
    /// The file, once its links are resolved, is outside the folder.
    Outside(PathBuf),
    /// A folder, a named pipe, a socket or a device.
    NotRegular(fs::FileType),
    /// The path changed between opening it and checking it (it was
    /// replaced while the build ran).
    Changed,
    Io(io::Error),
}

impl From<io::Error> for OpenError {
    fn from(e: io::Error) -> Self {
        OpenError::Io(e)
    }
}

impl OpenError {
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, OpenError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// The error at `path`, a file of `folder`.
    pub fn diagnostic(&self, path: &Path, folder: Folder<'_>) -> Diagnostic {
        match self {
            OpenError::Outside(target) => Diagnostic::error(
                path,
                None,
                format!(
                    "this link points outside the {} folder, to {}; it is not read or copied",
                    folder.name,
                    target.display()
                ),
            )
            .with_hint(format!(
                "copy the file into the {} folder instead of linking to it",
                folder.name
            )),
            OpenError::NotRegular(kind) => not_a_regular_file(path, *kind),
            OpenError::Changed => {
                Diagnostic::error(path, None, "this file was replaced while it was being read")
                    .with_hint("build again once the files stop changing")
            }
            OpenError::Io(e)
                if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) =>
            {
                Diagnostic::error(path, None, "this link makes a loop").with_hint("remove the link")
            }
            OpenError::Io(e) => {
                Diagnostic::error(path, None, format!("cannot read this file: {e}"))
                    .with_hint("check its permissions, or move it out of the folder")
            }
        }
    }
}

/// `path` opened for reading, with its length, if it is a regular file inside
/// `folder`. Never waits on a named pipe.
pub(crate) fn open_inside(folder: Folder<'_>, path: &Path) -> Result<(File, u64), OpenError> {
    let file = open_for_reading(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(OpenError::NotRegular(opened.file_type()));
    }
    let root = folder.root.canonicalize()?;
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(OpenError::Changed),
        Err(e) => return Err(e.into()),
    };
    if !real.starts_with(&root) {
        return Err(OpenError::Outside(real));
    }
    if !same_file(&fs::metadata(&real)?, &opened) {
        return Err(OpenError::Changed);
    }
    Ok((file, opened.len()))
}

#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Opening a pipe for reading would wait for a writer; with O_NONBLOCK it
    // returns at once (and is then refused as not a regular file). Reading
    // regular files is the same either way.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Why a file or folder name cannot go into the site and the SCORM
/// package as it is, if so. A backslash is a folder separator to some zip
/// extractors (`x\..\..\evil.txt` would climb out of the package), and a
/// site made on Linux must still unpack on Windows, which cannot hold
/// these characters or reserved device names.
pub(crate) fn unportable_name(name: &str) -> Option<String> {
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control())
    {
        let shown = if c.is_control() {
            format!("the control character U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        return Some(format!(
            "this name holds {shown}, which Windows and some zip tools cannot hold in a file name"
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("this name ends with a dot or a space, which Windows drops".into());
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    reserved.then(|| format!("`{stem}` is a device name on Windows: no file can be named so there"))
}

pub(crate) fn unportable(path: &Path, problem: &str) -> Diagnostic {
    Diagnostic::error(path, None, problem.to_string()).with_hint(
        "rename it with letters, digits, dashes and dots: it is copied into the site and the SCORM package under this name",
    )
}

pub(crate) fn not_a_regular_file(path: &Path, kind: fs::FileType) -> Diagnostic {
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_file_kind(kind)
    };
    Diagnostic::error(
        path,
        None,
        format!("this is {what}, not a file brandcamp can read"),
    )
    .with_hint("replace it with a regular file, or move it out of the course folder")
}

fn special_file_kind(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        } else if kind.is_socket() {
            return "a socket";
        } else if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// Every file below `dir`, relative to `folder`, in a stable order, however
/// deep. Left out: hidden files and folders (`.git`, `.DS_Store`; but
/// `.well-known` is kept, for `static/`), folders holding a previous output,
/// and links that leave `folder` (reported once, at the link).
pub(crate) fn list_files(
    folder: Folder<'_>,
    dir: &Path,
    diagnostics: &Diagnostics,
) -> Vec<PathBuf> {
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return !entry.path().join(OUTPUT_MARKER).exists();
            }
            let Some(name) = entry.file_name().to_str() else {
                diagnostics.push(
                    Diagnostic::error(
                        entry.path(),
                        None,
                        format!("the name {:?} is not valid Unicode", entry.file_name()),
                    )
                    .with_hint("rename it"),
                );
                return false;
            };
            let hidden = name.starts_with('.') && name != ".well-known";
            if !hidden && let Some(problem) = unportable_name(name) {
                diagnostics.push(unportable(entry.path(), &problem));
                return false;
            }
            let output = entry.file_type().is_dir() && entry.path().join(OUTPUT_MARKER).exists();
            !hidden
                && !output
                && (!entry.path_is_symlink() || inside_folder(folder, entry.path(), diagnostics))
        });
    let mut files = Vec::new();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(
                entry
                    .path()
                    .strip_prefix(folder.root)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
            ),
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => diagnostics.push(not_a_regular_file(entry.path(), entry.file_type())),
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let kind = e.io_error().map(std::io::Error::kind);
                let (message, hint) = if e.loop_ancestor().is_some() {
                    (
                        "this link makes a loop of folders".to_string(),
                        "remove the link",
                    )
                } else if kind == Some(std::io::ErrorKind::NotFound) {
                    (
                        "this link points nowhere".to_string(),
                        "remove the link, or copy the file it meant into the course",
                    )
                } else if kind == Some(std::io::ErrorKind::InvalidFilename) {
                    (
                        "this path is too long for the operating system".to_string(),
                        "use shorter names, or fewer folders inside each other",
                    )
                } else {
                    (
                        format!(
                            "cannot read: {}",
                            e.io_error().map_or(e.to_string(), ToString::to_string)
                        ),
                        "check that the file or folder can be read",
                    )
                };
                diagnostics.push(Diagnostic::error(path, None, message).with_hint(hint));
            }
        }
    }
    files
}

/// Whether a path (possibly through symlinks) stays inside `folder`.
/// Reports the file when it does not.
pub(crate) fn inside_folder(folder: Folder<'_>, path: &Path, diagnostics: &Diagnostics) -> bool {
    let is_link = path
        .symlink_metadata()
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false);
    if !is_link {
        return true;
    }
    let problem = match (folder.root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) if target.starts_with(&root) => return true,
        (_, Ok(target)) => format!(
            "this link points outside the {} folder, to {}; it is not read or copied",
            folder.name,
            target.display()
        ),
        (_, Err(e)) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            "this link makes a loop".to_string()
        }
        (_, Err(_)) => "this link points nowhere".to_string(),
    };
    diagnostics.push(Diagnostic::error(path, None, problem).with_hint(format!(
        "copy the file into the {} folder instead of linking to it",
        folder.name
    )));
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_file_inside_is_opened_and_a_link_outside_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        fs::create_dir(&course).expect("course");
        fs::write(course.join("a.txt"), "inside").expect("write");
        fs::write(dir.path().join("secret"), "secret").expect("write");
        symlink("a.txt", course.join("same.txt")).expect("link");
        symlink(dir.path().join("secret"), course.join("leak.txt")).expect("link");
        let folder = Folder::course(&course);

        let (mut file, len) = open_inside(folder, &course.join("same.txt")).expect("opened");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("read");
        assert_eq!((text.as_str(), len), ("inside", 6));
        assert!(matches!(
            open_inside(folder, &course.join("leak.txt")),
            Err(OpenError::Outside(_))
        ));
        assert!(open_inside(folder, &course.join("gone.txt")).is_err_and(|e| e.is_not_found()));
    }

    #[test]
    fn a_named_pipe_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pipe = dir.path().join("pipe");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &pipe,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .expect("mkfifo");
        assert!(matches!(
            open_inside(Folder::course(dir.path()), &pipe),
            Err(OpenError::NotRegular(_))
        ));
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn names_windows_or_zip_tools_cannot_hold_are_found() {
        for bad in [
            "x\\..\\evil.txt",
            "a:b.png",
            "CON",
            "nul.txt",
            "com1.md",
            "Lpt9.pdf",
            "dot.",
            "what?.md",
        ] {
            assert!(unportable_name(bad).is_some(), "{bad}");
        }
        for good in [
            "01-intro.md",
            "console.md",
            "com10.txt",
            "com0.txt",
            "photo.v2.png",
            "été.png",
        ] {
            assert!(unportable_name(good).is_none(), "{good}");
        }
    }
}
