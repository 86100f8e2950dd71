//! Writing the site without ever losing the previous one: pages go to a
//! staging folder beside the output, and the staging folder replaces the
//! output in one atomic step once the whole build has succeeded.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::load::OUTPUT_MARKER;

/// A site being written. Dropping it without [`Staging::commit`] removes the
/// staging folder and leaves the output as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The previous build, whose unchanged files are reused (hard-linked)
    /// instead of written again: creating files is most of a build's cost
    /// on common file systems, and a rebuild usually changes few of them.
    previous: Option<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `output`, after checking that replacing
    /// `output` cannot destroy anything that is not a previous build.
    pub fn create(output: &Path, course_root: &Path) -> Result<Staging, Diagnostic> {
        check_output_is_safe(output, course_root)?;
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public");
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let cannot = |e: io::Error| {
            Diagnostic::error(output, None, format!("cannot write the site here: {e}"))
                .with_hint("check that the folder is writable, or choose another with --out")
        };
        fs::create_dir_all(&parent).map_err(cannot)?;
        let dir = parent.join(format!(".{name}.brandcamp-staging"));
        // Left over from a build that was killed: it is ours, remove it.
        if dir.exists() {
            remove_previous_output(&dir).map_err(cannot)?;
        }
        fs::create_dir(&dir).map_err(cannot)?;
        let previous = output
            .join(OUTPUT_MARKER)
            .is_file()
            .then(|| output.to_path_buf());
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            previous,
            committed: false,
        };
        staging
            .write(
                OUTPUT_MARKER,
                b"This folder was built by brandcamp; the next build replaces it.\n",
            )
            .map_err(cannot)?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a file at `site_path` (slash-separated, relative to the site
    /// root). The folder must exist (see [`Staging::create_dirs`]) or is
    /// created.
    pub fn write(&self, site_path: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(site_path);
        if self.reuse_previous(
            site_path,
            &path,
            || Ok(bytes.len() as u64),
            |old| Ok(old == bytes),
        ) {
            return Ok(());
        }
        remove_staged(&path)?;
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, bytes)
            }
            other => other,
        }
    }

    /// Copies `source` to `site_path`.
    pub fn copy(&self, source: &Path, site_path: &str) -> io::Result<()> {
        let path = self.dir.join(site_path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let same = |old: &[u8]| fs::read(source).map(|new| new == old);
        if self.reuse_previous(
            site_path,
            &path,
            || fs::metadata(source).map(|m| m.len()),
            same,
        ) {
            return Ok(());
        }
        remove_staged(&path)?;
        fs::copy(source, &path).map(drop)
    }

    /// Links the previous build's file at `site_path` into the staging
    /// folder if it has the same bytes. Any failure means "not reused".
    fn reuse_previous(
        &self,
        site_path: &str,
        target: &Path,
        new_len: impl FnOnce() -> io::Result<u64>,
        same_bytes: impl FnOnce(&[u8]) -> io::Result<bool>,
    ) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(site_path);
        let unchanged = || -> io::Result<bool> {
            let meta = fs::symlink_metadata(&old)?;
            if !meta.is_file() || meta.len() != new_len()? {
                return Ok(false);
            }
            same_bytes(&fs::read(&old)?)
        };
        matches!(unchanged(), Ok(true)) && fs::hard_link(&old, target).is_ok()
    }

    /// Creates the folder of each page up front, so that parallel writes do
    /// not race to create them.
    pub fn create_dirs<'a>(&self, dirs: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        for dir in dirs {
            fs::create_dir_all(self.dir.join(dir))?;
        }
        Ok(())
    }

    /// Puts the staged site in place of the output. On Linux the two folders
    /// are swapped atomically, so there is no moment without a site.
    pub fn commit(mut self) -> io::Result<()> {
        if !self.output.exists() {
            fs::rename(&self.dir, &self.output)?;
        } else if swap(&self.dir, &self.output).is_ok() {
            // The staging folder now holds the previous site.
            remove_previous_output(&self.dir)?;
        } else {
            let old = self.dir.with_extension("old");
            if old.exists() {
                remove_previous_output(&old)?;
            }
            fs::rename(&self.output, &old)?;
            fs::rename(&self.dir, &self.output)?;
            remove_previous_output(&old)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a file already staged at `path`. It may be a hard link to the
/// previous output's file, and writing through it would change the previous
/// site in place: a failed build would then not leave it as it was. (Two
/// sources for one path are reported before writing; this is the last
/// line of defence.)
fn remove_staged(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn swap(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

fn remove_previous_output(dir: &Path) -> io::Result<()> {
    if dir.join(OUTPUT_MARKER).exists() || is_empty_dir(dir) {
        fs::remove_dir_all(dir)
    } else {
        Err(io::Error::other(format!(
            "{} is not a brandcamp output; not removing it",
            dir.display()
        )))
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

/// Refuses outputs whose replacement would destroy the course or someone's
/// files: the course folder itself, a folder that contains it, the root, and
/// any non-empty folder that lacks the marker of a previous build.
pub fn check_output_is_safe(output: &Path, course_root: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| -> PathBuf {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // Resolve symlinks of the part that exists.
        p.canonicalize().unwrap_or(p)
    };
    let out = absolute(output);
    let root = absolute(course_root);
    let refuse = |why: &str, hint: &str| {
        Err(Diagnostic::error(output, None, why.to_string()).with_hint(hint.to_string()))
    };
    if out.parent().is_none() {
        return refuse(
            "refusing to write the site to the root of the file system",
            "choose an output folder with --out, e.g. --out public",
        );
    }
    if root.starts_with(&out) {
        return refuse(
            "refusing to write the site over the course folder or a folder that contains it",
            "choose an output folder outside the course sources, e.g. --out public",
        );
    }
    if out.is_file() {
        return refuse("the output path is a file", "choose a folder with --out");
    }
    if out.is_dir() && !out.join(OUTPUT_MARKER).exists() && !is_empty_dir(&out) {
        return refuse(
            "this folder is not empty and was not built by brandcamp; refusing to replace it",
            "choose another output folder with --out, or empty this one first",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_a_path_twice_never_changes_the_previous_output() {
        let temp = tempfile::tempdir().expect("temp");
        let (course, output) = (temp.path().join("course"), temp.path().join("site"));
        fs::create_dir_all(&course).expect("mkdir");
        let first = Staging::create(&output, &course).expect("staging");
        first.write("index.html", b"old").expect("write");
        first.commit().expect("commit");

        let second = Staging::create(&output, &course).expect("staging");
        // Same bytes: hard-linked to the previous output's file...
        second.write("index.html", b"old").expect("write");
        // ...then written again: must not write through the link.
        second.write("index.html", b"new").expect("write");
        drop(second);
        assert_eq!(fs::read(output.join("index.html")).expect("read"), b"old");
    }
}
