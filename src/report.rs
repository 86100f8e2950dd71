//! Printing diagnostics like a compiler: the message, the source line with
//! a caret under the problem, and the hint (codespan-reporting draws them).
//! Source lines are quoted from the texts the build read
//! ([`crate::sources`]), never read again.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::diagnostics::{Diagnostic, Severity};
use crate::sources::{SourceFile, Sources};

/// Prints diagnostics like rustc: the message, the source line with a caret
/// under the problem, and the hint. The source lines are quoted from the
/// texts the build read (`sources`); a file it did not read as text is
/// named without a quote.
pub fn print(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<&Path, Option<(usize, Arc<SourceFile>)>> = BTreeMap::new();
    let config = term::Config::default();
    for d in diagnostics {
        let file = match d.position {
            Some(_) => ids
                .entry(&d.file)
                .or_insert_with(|| {
                    let source = sources.file(&d.file)?;
                    let id = files.add(d.file.display().to_string(), Arc::clone(&source.text));
                    Some((id, source))
                })
                .as_ref(),
            None => None,
        };
        let mut report = match d.severity {
            Severity::Error => Report::new(ReportSeverity::Error),
            Severity::Warning => Report::new(ReportSeverity::Warning),
        };
        let span = match (file, d.position) {
            (Some((id, source)), Some(p)) => source.byte_span(p, d.width).map(|s| (*id, s)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_as_an_excerpt() {
        let source = format!("short\n{}X{}\n", "a".repeat(500), "b".repeat(500));
        let excerpt = long_line_excerpt(&source, 6 + 500).expect("excerpt");
        assert!(excerpt.contains("…aaa"), "{excerpt}");
        assert!(excerpt.contains("\u{2038}Xbbb"), "{excerpt}");
        assert!(excerpt.chars().count() < 120, "{excerpt}");
        assert_eq!(long_line_excerpt(&source, 2), None);
    }
}
