//! The package's zip: the same files give the same bytes (entries sorted by
//! name, fixed timestamps and permissions, one compression setting), and the
//! zip appears at its destination only once it is complete.

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// One file of the zip: its name (a slash-separated path) and where its bytes
/// come from.
pub struct Entry {
    pub name: String,
    contents: Contents,
}

enum Contents {
    File(PathBuf),
    Bytes(Vec<u8>),
}

impl Entry {
    /// A file read from disk when the zip is written.
    pub fn file(name: impl Into<String>, path: PathBuf) -> Entry {
        Entry {
            name: name.into(),
            contents: Contents::File(path),
        }
    }

    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>) -> Entry {
        Entry {
            name: name.into(),
            contents: Contents::Bytes(bytes),
        }
    }

    fn read(&self) -> io::Result<Cow<'_, [u8]>> {
        match &self.contents {
            Contents::File(path) => fs::read(path).map(Cow::Owned),
            Contents::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

/// Formats that are compressed already: stored as they are, since deflating
/// them again costs time and saves nothing.
const STORED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "zip", "gz", "mp3", "mp4", "m4a",
    "webm", "ogg",
];

/// Writes `entries` as a zip to `out`, sorted by name. Every entry gets the
/// same timestamp (1980-01-01, the earliest a zip can say) and permissions,
/// so that nothing but the files' names and bytes reaches the zip.
pub(crate) fn write_zip<W: Write + Seek>(mut entries: Vec<Entry>, out: W) -> io::Result<W> {
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(pair) = entries.windows(2).find(|pair| pair[0].name == pair[1].name) {
        return Err(io::Error::other(format!(
            "two files named {} in the package",
            pair[0].name
        )));
    }
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let deflated = base
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    let stored = base.compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(out);
    for entry in &entries {
        let extension = entry
            .name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let options = if STORED_EXTENSIONS.contains(&extension.as_str()) {
            stored
        } else {
            deflated
        };
        zip.start_file(entry.name.as_str(), options)
            .map_err(io::Error::other)?;
        zip.write_all(&entry.read()?)?;
    }
    zip.finish().map_err(io::Error::other)
}

/// A zip written to a temporary file beside its destination. Dropping it
/// without [`StagedZip::commit`] removes the temporary file, so that a build
/// that fails later leaves no zip, and never half of one.
pub struct StagedZip {
    temporary: PathBuf,
    destination: PathBuf,
    committed: bool,
}

impl StagedZip {
    pub(crate) fn destination(&self) -> &Path {
        &self.destination
    }

    /// Moves the zip into place in one step (a rename within its folder).
    pub fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.temporary, &self.destination)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for StagedZip {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Writes the zip of `entries` to a temporary file in the folder of
/// `destination` (created if needed).
pub(crate) fn stage_zip(entries: Vec<Entry>, destination: &Path) -> io::Result<StagedZip> {
    let name = destination
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::other("the package path has no file name"))?;
    let folder = match destination.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder)?;
    let staged = StagedZip {
        temporary: folder.join(format!(".{name}.brandcamp-partial")),
        destination: destination.to_path_buf(),
        committed: false,
    };
    let file = fs::File::create(&staged.temporary)?;
    write_zip(entries, BufWriter::new(file))?
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()?;
    Ok(staged)
}

/// The staged site's files as zip entries, in order, without the output
/// marker and without the files named in `replaced` (the package writes its
/// own); an error names the staged site.
pub(crate) fn site_entries(
    site_dir: &Path,
    replaced: &[&str],
) -> Result<Vec<Entry>, crate::diagnostics::Diagnostic> {
    let files = files_under(site_dir).map_err(|e| {
        crate::diagnostics::Diagnostic::error(
            site_dir,
            None,
            format!("cannot read the staged site: {e}"),
        )
    })?;
    Ok(files
        .into_iter()
        .filter(|(site_path, _)| {
            site_path != crate::contained::OUTPUT_MARKER && !replaced.contains(&site_path.as_str())
        })
        .map(|(site_path, file)| Entry::file(site_path, file))
        .collect())
}

/// Every file under `dir`, as (slash-separated path inside `dir`, path on
/// disk), sorted by the former.
pub(crate) fn files_under(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.push((name, entry.into_path()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: Vec<Entry>) -> Vec<u8> {
        write_zip(entries, io::Cursor::new(Vec::new()))
            .unwrap()
            .into_inner()
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_bytes() {
        let a = zip_of(vec![
            Entry::bytes("b.html", b"<p>b</p>".to_vec()),
            Entry::bytes("a/x.png", vec![1, 2, 3]),
        ]);
        let b = zip_of(vec![
            Entry::bytes("a/x.png", vec![1, 2, 3]),
            Entry::bytes("b.html", b"<p>b</p>".to_vec()),
        ]);
        assert_eq!(a, b);
    }

    #[test]
    fn two_entries_with_one_name_are_refused() {
        let result = write_zip(
            vec![
                Entry::bytes("a.html", vec![]),
                Entry::bytes("a.html", vec![]),
            ],
            io::Cursor::new(Vec::new()),
        );
        assert!(result.is_err());
    }

    #[test]
    fn a_staged_zip_that_is_not_committed_leaves_nothing() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("course.zip");
        let staged = stage_zip(vec![Entry::bytes("a.html", vec![])], &destination).unwrap();
        drop(staged);
        assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 0);
        let staged = stage_zip(vec![Entry::bytes("a.html", vec![])], &destination).unwrap();
        staged.commit().unwrap();
        assert!(destination.is_file());
        assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 1);
    }
}
