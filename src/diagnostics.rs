//! Diagnostics are data: every problem found in a course becomes a
//! [`Diagnostic`] (file, position, severity, message, hint), collected into a
//! [`Diagnostics`] list and printed once at the end, in the style of a compiler.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

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
    pub const START: Position = Position { line: 1, column: 1 };

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
    pub fn shifted(mut self, lines: usize, columns: usize) -> Self {
        if let Some(p) = self.position.as_mut() {
            if p.line == 1 {
                p.column += columns;
            }
            p.line += lines;
        }
        self
    }

    /// Moves the position down by `lines`, whatever its column.
    pub fn shifted_lines(mut self, lines: usize) -> Self {
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

    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.lock().iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
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

/// Prints diagnostics like rustc: the message, the source line with a caret
/// under the problem, and the hint. Each file is read once, and only files
/// that have a diagnostic are read at all.
pub fn print(diagnostics: &[Diagnostic], out: &mut dyn WriteColor) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<&Path, Option<usize>> = BTreeMap::new();
    let config = term::Config::default();
    for d in diagnostics {
        let id = match d.position {
            Some(_) => *ids.entry(&d.file).or_insert_with(|| {
                read_source(&d.file).map(|text| files.add(d.file.display().to_string(), text))
            }),
            None => None,
        };
        let mut report = match d.severity {
            Severity::Error => Report::new(ReportSeverity::Error),
            Severity::Warning => Report::new(ReportSeverity::Warning),
        };
        let span = match (id, d.position) {
            (Some(id), Some(p)) => files
                .get(id)
                .ok()
                .and_then(|f| byte_span(f.source(), p, d.width))
                .map(|s| (id, s)),
            _ => None,
        };
        // A very long line (minified text, a generated file) is not quoted
        // whole: an excerpt around the column is shown instead.
        let excerpt = span.as_ref().and_then(|(id, range)| {
            let source = files.get(*id).ok()?.source();
            long_line_excerpt(source, range.start)
        });
        let mut notes = Vec::new();
        report = match (span, excerpt) {
            (Some((id, span)), None) => report
                .with_message(&d.message)
                .with_labels(vec![Label::primary(id, span)]),
            (_, excerpt) => {
                notes.extend(excerpt);
                report.with_message(format!("{}: {}", d.location(), d.message))
            }
        };
        if let Some(hint) = &d.hint {
            notes.push(format!("help: {hint}"));
        }
        report = report.with_notes(notes);
        term::emit_to_write_style(out, &config, &files, &report).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// Lines longer than this (in characters) are not quoted whole.
const LONGEST_QUOTED_LINE: usize = 200;

/// For a position on a line too long to quote, the text around it:
/// `near: …abc‸def…`.
fn long_line_excerpt(source: &str, offset: usize) -> Option<String> {
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line = &source[start..end];
    if line.len() <= LONGEST_QUOTED_LINE || line.chars().count() <= LONGEST_QUOTED_LINE {
        return None;
    }
    const AROUND: usize = 30;
    let before: Vec<char> = source[start..offset]
        .chars()
        .rev()
        .take(AROUND + 1)
        .collect();
    let after: Vec<char> = source[offset..end].chars().take(AROUND + 1).collect();
    let text = |chars: &[char]| -> String {
        chars
            .iter()
            .take(AROUND)
            .map(|c| if c.is_control() { ' ' } else { *c })
            .collect()
    };
    let before_text: String = text(&before).chars().rev().collect();
    Some(format!(
        "near: {}{before_text}\u{2038}{}{} (the line is {} characters long)",
        if before.len() > AROUND { "…" } else { "" },
        text(&after),
        if after.len() > AROUND { "…" } else { "" },
        line.chars().count()
    ))
}

/// The text of a file to quote under its diagnostics. Only regular files
/// small enough to be read by the build are read (never a pipe, which would
/// wait forever); non-UTF-8 or unreadable files are shown without a snippet.
fn read_source(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > crate::load::MAX_TEXT_FILE_BYTES {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

/// The byte range of `width` characters at `position` in `source`, clamped to
/// the line.
fn byte_span(source: &str, position: Position, width: usize) -> Option<std::ops::Range<usize>> {
    let line_start = if position.line <= 1 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(position.line - 2)
            .map(|(i, _)| i + 1)?
    };
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let line = &source[line_start..line_end];
    let mut chars = line
        .char_indices()
        .map(|(i, _)| line_start + i)
        .chain(std::iter::once(line_end));
    let start = chars
        .nth(position.column.saturating_sub(1))
        .unwrap_or(line_end);
    let end = line[start - line_start..]
        .char_indices()
        .map(|(i, _)| start + i)
        .nth(width)
        .unwrap_or(line_end);
    Some(start..end.max(start))
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
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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
    fn byte_span_is_clamped_to_its_line() {
        let text = "one\ntwo\n";
        assert_eq!(byte_span(text, Position::new(2, 2), 10), Some(5..7));
    }

    #[test]
    fn a_long_line_is_shown_as_an_excerpt() {
        let source = format!("short\n{}X{}\n", "a".repeat(500), "b".repeat(500));
        let excerpt = long_line_excerpt(&source, 6 + 500).expect("excerpt");
        assert!(excerpt.contains("…aaa"), "{excerpt}");
        assert!(excerpt.contains("\u{2038}Xbbb"), "{excerpt}");
        assert!(excerpt.chars().count() < 120, "{excerpt}");
        assert_eq!(long_line_excerpt(&source, 2), None);
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
