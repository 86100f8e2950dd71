//! The source store: every text file a build reads (the course's YAML,
//! lessons and quiz files, a theme folder's templates, progress.lock) is
//! read here once and kept with its path. A YAML text is parsed once into
//! its span tree ([`yaml::Tree`]), kept with it: the whole file's at
//! [`Sources::yaml`], front matter's and a knowledge check's at
//! [`Sources::embedded_yaml`]. Later phases find where something was
//! written in the kept tree, and diagnostics quote the stored text when they
//! are printed: nothing goes back to disk, and no YAML is parsed again, for
//! a file the build has read.
//!
//! The store is shared by the threads that load a course ([`Sources`] is
//! `Sync`) and owned by the course model once loading is done
//! ([`crate::model::Course::sources`]); a build hands it on with its
//! diagnostics ([`crate::site::Outcome`]).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::contained::Folder;
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::yaml::{Step, Tree};

/// Largest lesson or YAML file read, so that a stray huge file gives an error
/// instead of a very long build.
pub(crate) const MAX_TEXT_FILE_BYTES: u64 = 32 * MEGABYTE;

/// What the limit is counted in: a mebibyte, called MB as people do.
const MEGABYTE: u64 = 1024 * 1024;

/// One file's text, as read, with the start of each of its lines.
#[derive(Debug)]
pub struct SourceFile {
    pub text: Arc<str>,
    /// Made the first time a position is turned back into bytes.
    line_starts: OnceLock<Vec<usize>>,
    /// The span tree of the text read as YAML, made at first need (and
    /// again if let go, see [`Sources::forget_yaml`]).
    yaml: Mutex<Option<Arc<Tree>>>,
    /// The span trees of YAML inside the text (front matter, knowledge
    /// checks), each made at first need.
    embedded: Mutex<Vec<Arc<Tree>>>,
}

impl SourceFile {
    fn new(text: Arc<str>) -> Self {
        SourceFile {
            text,
            line_starts: OnceLock::new(),
            yaml: Mutex::new(None),
            embedded: Mutex::new(Vec::new()),
        }
    }

    /// The span tree of the whole text, parsed the first time it is asked for.
    pub fn yaml(&self) -> Arc<Tree> {
        let mut yaml = self.yaml.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(yaml.get_or_insert_with(|| Arc::new(Tree::new(&self.text, 1))))
    }

    /// The span tree of `text`, YAML inside this file starting on line
    /// `first_line`, parsed the first time it is asked for.
    pub(crate) fn embedded_yaml(&self, text: &str, first_line: usize) -> Arc<Tree> {
        let fingerprint = crate::quiz::fnv1a(&[text.as_bytes()]);
        let mut embedded = self.embedded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tree) = embedded
            .iter()
            .find(|t| t.first_line() == first_line && t.fingerprint == fingerprint)
        {
            return Arc::clone(tree);
        }
        let tree = Arc::new(Tree::new(text, first_line));
        embedded.push(Arc::clone(&tree));
        tree
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The byte range of `width` characters at `position`, clamped to its
    /// line; `None` past the last line.
    pub(crate) fn byte_span(&self, position: Position, width: usize) -> Option<Range<usize>> {
        let text = &*self.text;
        let line_start = *self.line_starts().get(position.line.max(1) - 1)?;
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let start = line
            .char_indices()
            .map(|(i, _)| line_start + i)
            .chain(std::iter::once(line_end))
            .nth(position.column.saturating_sub(1))
            .unwrap_or(line_end);
        let end = line[start - line_start..]
            .char_indices()
            .map(|(i, _)| start + i)
            .nth(width)
            .unwrap_or(line_end);
        Some(start..end.max(start))
    }
}

/// The texts a build has read, by path (the path as the build named it: the
/// course folder joined with the file's place in it).
#[derive(Debug, Default)]
pub struct Sources {
    files: RwLock<HashMap<PathBuf, Arc<SourceFile>>>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store with room for `files` files.
    pub fn with_capacity(files: usize) -> Self {
        Sources {
            files: RwLock::new(HashMap::with_capacity(files)),
        }
    }

    /// How many files the store holds.
    pub fn len(&self) -> usize {
        self.files.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of `path`, a file of `folder`: read from disk the first
    /// time (see [`read_text`] for what is refused and reported), from the
    /// store afterwards. A file that could not be read gives `None`.
    pub fn read(
        &self,
        folder: Folder<'_>,
        path: &Path,
        diagnostics: &Diagnostics,
    ) -> Option<Arc<str>> {
        if let Some(text) = self.text(path) {
            return Some(text);
        }
        let text: Arc<str> = read_text(folder, path, diagnostics)?.into();
        Some(self.insert(path, text))
    }

    /// Keeps `text` as the text of `path` (a file read another way, such as
    /// an SVG checked as bytes), unless the store has it already; returns
    /// the text kept.
    pub fn insert(&self, path: &Path, text: Arc<str>) -> Arc<str> {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let file = files
            .entry(path.to_path_buf())
            .or_insert_with(|| Arc::new(SourceFile::new(text)));
        Arc::clone(&file.text)
    }

    /// Keeps `files` as a previous build read them (files the caller knows
    /// to be unchanged), each unless the store has one for its path.
    pub(crate) fn insert_files<'a>(
        &self,
        read: impl IntoIterator<Item = &'a (PathBuf, Arc<SourceFile>)>,
    ) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        for (path, file) in read {
            files
                .entry(path.clone())
                .or_insert_with(|| Arc::clone(file));
        }
    }

    /// Lets go of the YAML span trees of whole files made so far (and, with
    /// `embedded`, of the YAML inside lessons), once the phases that look
    /// in them are done: a build of 10,000 lessons holds tens of megabytes
    /// of them. A tree asked for afterwards is made again.
    pub(crate) fn forget_yaml(&self, embedded: bool) {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        for file in files.values() {
            *file.yaml.lock().unwrap_or_else(|e| e.into_inner()) = None;
            if embedded {
                file.embedded
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clear();
            }
        }
    }

    /// Lets go of the texts of `paths`, which nothing will quote or look in
    /// again (see `site::run`, which does it for lessons without a
    /// diagnostic once they are rendered and checked).
    pub(crate) fn forget(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        for path in paths {
            files.remove(&path);
        }
    }

    /// The stored file of `path`, if the build read it.
    pub fn file(&self, path: &Path) -> Option<Arc<SourceFile>> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files.get(path).cloned()
    }

    /// The stored text of `path`, if the build read it.
    pub fn text(&self, path: &Path) -> Option<Arc<str>> {
        self.file(path).map(|f| Arc::clone(&f.text))
    }

    /// The span tree of the stored file `path`, read as YAML: parsed the
    /// first time it is asked for, kept for the next.
    pub fn yaml(&self, path: &Path) -> Option<Arc<Tree>> {
        self.file(path).map(|f| f.yaml())
    }

    /// The span tree of `text`, YAML inside the stored file `path` from its
    /// line `first_line` (front matter, a knowledge check): kept with the
    /// file, so that each phase that reads it shares one parse. A file the
    /// store does not hold (a lesson made in memory) gets a tree of its own.
    pub fn embedded_yaml(&self, path: &Path, text: &str, first_line: usize) -> Arc<Tree> {
        match self.file(path) {
            Some(file) => file.embedded_yaml(text, first_line),
            None => Arc::new(Tree::new(text, first_line)),
        }
    }

    /// Where the YAML node at `steps` is written in the stored file `path`
    /// (see [`Tree::locate`]).
    pub fn locate(&self, path: &Path, steps: &[Step<'_>]) -> Option<Position> {
        self.yaml(path)?.locate(steps)
    }
}

/// Reads a text file of `folder`, reporting links out of it, special,
/// oversized and non-UTF-8 files. A missing file gives `None` and no
/// diagnostic (callers decide whether it was needed). The file is opened
/// once and read from that handle (see [`crate::contained`]).
///
/// A build reads through [`Sources::read`], which keeps what this returns;
/// this is for the few reads outside a build (`serve` reading the course's
/// title before the first build).
pub fn read_text(folder: Folder<'_>, path: &Path, diagnostics: &Diagnostics) -> Option<String> {
    let (file, size) = match crate::contained::open_inside(folder, path) {
        Ok(opened) => opened,
        Err(e) if e.is_not_found() => return None,
        Err(e) => {
            diagnostics.push(e.diagnostic(path, folder));
            return None;
        }
    };
    if size > MAX_TEXT_FILE_BYTES {
        diagnostics.push(too_big(path, size));
        return None;
    }
    // Bounded even if the file grows after it was measured.
    let mut bytes = Vec::with_capacity(size as usize);
    if let Err(e) = std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_TEXT_FILE_BYTES + 1),
        &mut bytes,
    ) {
        diagnostics.push(Diagnostic::error(
            path,
            None,
            format!("cannot read this file: {e}"),
        ));
        return None;
    }
    if bytes.len() as u64 > MAX_TEXT_FILE_BYTES {
        diagnostics.push(too_big(path, bytes.len() as u64));
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        diagnostics.push(
            Diagnostic::error(
                path,
                None,
                "this file is UTF-16 text; brandcamp reads UTF-8",
            )
            .with_hint(
                "save it as UTF-8 in your editor (in Notepad: Save as, then Encoding: UTF-8)",
            ),
        );
        return None;
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&bytes[..nul]).into_owned();
        diagnostics.push(
            Diagnostic::error(path, Some(LineIndex::new(&prefix).position(prefix.len())), "this file holds NUL bytes, which text does not")
                .with_hint("it may be UTF-16 text without a byte-order mark, or not text at all: save it as UTF-8"),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let position = LineIndex::new(&prefix).position(valid);
            diagnostics.push(
                Diagnostic::error(path, Some(position), "this file is not valid UTF-8 text")
                    .with_hint(
                        "save it as UTF-8 in your editor (it may be in Latin-1 or Windows-1252)",
                    ),
            );
            None
        }
    }
}

fn too_big(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        None,
        format!(
            "this file is {} MB; the limit is {} MB",
            size.div_ceil(MEGABYTE),
            MAX_TEXT_FILE_BYTES / MEGABYTE
        ),
    )
    .with_hint("split it into several lessons")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_span_is_clamped_to_its_line() {
        let file = SourceFile::new("one\ntwo\n".into());
        assert_eq!(file.byte_span(Position::new(2, 2), 10), Some(5..7));
        assert_eq!(file.byte_span(Position::new(1, 1), 1), Some(0..1));
        assert_eq!(file.byte_span(Position::new(9, 1), 1), None);
    }

    #[test]
    fn byte_span_counts_characters() {
        let file = SourceFile::new("ab\nétoile x\n".into());
        // Column 8 of line 2 is the `x`, 8 bytes in (é is two).
        assert_eq!(file.byte_span(Position::new(2, 8), 1), Some(11..12));
    }

    #[test]
    fn a_stored_text_is_not_replaced() {
        let sources = Sources::new();
        let path = Path::new("course/course.yaml");
        sources.insert(path, "title: One\n".into());
        assert_eq!(
            &*sources.insert(path, "title: Two\n".into()),
            "title: One\n"
        );
        assert_eq!(
            sources.locate(path, &[Step::Key("title")]),
            Some(Position::new(1, 1))
        );
    }
}
