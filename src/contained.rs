//! Opening the author's files so that nothing outside their folder is read.
//! Loading checks each symbolic link it meets (see `load::list_files`), but a
//! file can be swapped for a link to `/etc/passwd` between that check and
//! the read. So every read and copy opens the file once, then checks what
//! was opened — a regular file, and the very file (device and inode) that
//! the path names once its links are resolved, inside the folder — and reads
//! only from that open handle, never by the path again.
//!
//! Hand-written because the standard ways to do this are
//! platform-specific (`openat2` with `RESOLVE_BENEATH` is Linux-only, and
//! refuses absolute links that stay inside the folder, which courses use).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

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
    pub fn is_not_found(&self) -> bool {
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
            OpenError::NotRegular(kind) => crate::load::not_a_regular_file(path, *kind),
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
pub fn open_inside(folder: Folder<'_>, path: &Path) -> Result<(File, u64), OpenError> {
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
