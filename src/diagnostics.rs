//! Diagnostics are data: every problem found in a course becomes a
//! [`Diagnostic`] (file, position, severity, message, hint), collected into a
//! [`Diagnostics`] list and printed once at the end, in the style of a compiler ([`crate::report`]).

use std::fmt;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub(crate) const START: Position = Position { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user would type it (the course folder joined with the
    /// file's path inside it).
    pub file: PathBuf,
    /// `None` when the problem concerns the file as a whole.
    pub position: Option<Position>,
    /// How many characters the problem spans on its line (at least 1).
    pub width: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<PathBuf>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            position,
            width: 1,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        file: impl Into<PathBuf>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, position, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// Moves the position down by `lines` (for text embedded in a larger file,
    /// such as front matter or a fenced block) and right by `columns` on the
    /// first line.
    pub(crate) fn shifted(mut self, lines: usize, columns: usize) -> Self {
        if let Some(p) = self.position.as_mut() {
            if p.line == 1 {
                p.column += columns;
            }
            p.line += lines;
        }
        self
    }

    /// Moves the position down by `lines`, whatever its column.
    pub(crate) fn shifted_lines(mut self, lines: usize) -> Self {
        if let Some(p) = self.position.as_mut() {
            p.line += lines;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, as editors and terminals recognise it.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// The problems of one run, gathered from every phase (and every thread).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    /// The files the diagnostics so far are about.
    pub(crate) fn files(&self) -> std::collections::HashSet<PathBuf> {
        self.lock().iter().map(|d| d.file.clone()).collect()
    }

    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.lock().iter().filter(|d| d.is_error()).count()
    }

    #[cfg(test)]
    pub(crate) fn warning_count(&self) -> usize {
        self.lock().iter().filter(|d| !d.is_error()).count()
    }

    /// Every diagnostic, sorted by file and position so that output does not
    /// depend on thread scheduling.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| {
            (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message))
        });
        items.dedup();
        items
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Maps byte offsets of a text to 1-based line and character column.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// How many characters start before each multiple of
    /// [`CHECKPOINT_BYTES`]: a column is counted from the nearest
    /// checkpoint, not from the start of its line, so that positions on a
    /// line of megabytes (200,000 links in one paragraph) cost the same as
    /// on a short one.
    chars_before: Vec<usize>,
}

/// See [`LineIndex::chars_before`].
const CHECKPOINT_BYTES: usize = 1024;

/// The characters that start in `bytes` (which may cut characters).
fn char_starts(bytes: &[u8]) -> usize {
    // Continuation bytes are 0b10xx_xxxx.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let mut count = 0;
        chars_before.push(0);
        for chunk in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            count += char_starts(chunk);
            chars_before.push(count);
        }
        LineIndex {
            text,
            line_starts,
            chars_before,
        }
    }

    /// The characters that start before byte `offset`.
    fn chars_up_to(&self, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT_BYTES;
        let from = checkpoint * CHECKPOINT_BYTES;
        self.chars_before[checkpoint] + char_starts(&self.text.as_bytes()[from..offset])
    }

    /// The position of the character at byte `offset` (an offset inside a
    /// character counts as that character; past the end, the end).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.chars_up_to(offset) - self.chars_up_to(start) + 1;
        Position::new(line + 1, column)
    }
}

/// "did you mean …?" for a misspelt key or name.
pub(crate) fn suggest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let index = LineIndex::new("ab\nétoile x\n");
        assert_eq!(index.position(0), Position::new(1, 1));
        assert_eq!(index.position(3), Position::new(2, 1));
        // "étoile " is 8 bytes but 7 characters.
        assert_eq!(index.position(3 + 8), Position::new(2, 8));
    }

    #[test]
    fn columns_on_a_long_line_are_counted_like_characters() {
        let line = "é".repeat(3000) + "x" + &"ab".repeat(2000);
        let text = format!("first\n{line}\n");
        let index = LineIndex::new(&text);
        for offset in [6, 7, 6 + 2048, 6 + 6000, 6 + 6001, 6 + 7000, text.len() - 1] {
            let expected = text[6..text.floor_char_boundary(offset)].chars().count() + 1;
            assert_eq!(
                index.position(offset),
                Position::new(2, expected),
                "{offset}"
            );
        }
    }

    #[test]
    fn an_offset_inside_a_character_is_that_character() {
        let index = LineIndex::new("aé b");
        // 'é' is bytes 1..3.
        assert_eq!(index.position(2), Position::new(1, 2));
        assert!(index.position(2) <= index.position(3));
    }

    #[test]
    fn suggestion_finds_a_close_key() {
        assert_eq!(
            suggest("summery", ["title", "summary", "objectives"]),
            Some("summary")
        );
        assert_eq!(suggest("zzz", ["title", "summary"]), None);
    }
}
