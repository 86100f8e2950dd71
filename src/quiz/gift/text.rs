//! GIFT text below the question structure: escapes, the `[format]` marker
//! of a text, the short answers' `*` wildcard, and the way back (escaping
//! text for output).

/// One character of a question after GIFT's escapes, with where it was
/// written (for positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Char {
    pub c: char,
    /// Byte offset in the source text.
    pub at: usize,
    pub kind: CharKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CharKind {
    /// As written: may mean something to GIFT (`{`, `=`, `~`, `#`…).
    Plain,
    /// Written with a GIFT escape (`\{`, `\n`…): always text.
    Escaped,
    /// A backslash before other punctuation (`\*`, `\_`, `\[`): text for
    /// GIFT, kept with its backslash in Markdown (where it escapes the same
    /// way) and without it in short answers (where `\*` is a literal star).
    KeptEscape,
}

impl Char {
    pub fn is(&self, c: char) -> bool {
        self.kind == CharKind::Plain && self.c == c
    }

    pub(crate) fn is_space(&self) -> bool {
        self.kind == CharKind::Plain && self.c.is_whitespace()
    }
}

/// The characters GIFT escapes with a backslash (besides `\n`).
pub(crate) const SPECIAL: &[char] = &['~', '=', '#', '{', '}', ':', '\\'];

/// An escape that is not one of GIFT's, found while decoding.
pub(super) struct BadEscape {
    /// Byte offset of the backslash.
    pub at: usize,
    /// The character after it, if any on the line.
    pub next: Option<char>,
}

/// Decodes the escapes of one line (`line` starts at byte `start` of the
/// source), appending its characters to `out`.
pub(super) fn decode_line(line: &str, start: usize, out: &mut Vec<Char>) -> Vec<BadEscape> {
    let mut bad = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c == '\r' {
            // Carriage returns, stray ones included, are not text.
            continue;
        }
        if c != '\\' {
            out.push(Char {
                c,
                at,
                kind: CharKind::Plain,
            });
            continue;
        }
        match chars.peek().copied() {
            Some((_, next)) if SPECIAL.contains(&next) => {
                chars.next();
                out.push(Char {
                    c: next,
                    at,
                    kind: CharKind::Escaped,
                });
            }
            Some((_, 'n')) => {
                chars.next();
                out.push(Char {
                    c: '\n',
                    at,
                    kind: CharKind::Escaped,
                });
            }
            Some((_, next)) if next.is_ascii_punctuation() => {
                chars.next();
                out.push(Char {
                    c: next,
                    at,
                    kind: CharKind::KeptEscape,
                });
            }
            next => {
                bad.push(BadEscape {
                    at,
                    next: next.map(|(_, c)| c),
                });
                // Read on as a backslash, to find the other problems.
                out.push(Char {
                    c: '\\',
                    at,
                    kind: CharKind::Escaped,
                });
            }
        }
    }
    bad
}

/// The text formats GIFT marks at the start of a text (`[html]…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// brandcamp's own: quiz texts are Markdown. The default.
    Markdown,
    /// Kept as written: Markdown lets HTML through.
    Html,
    /// Shown exactly as written: escaped for Markdown.
    Plain,
    /// Moodle's "auto-format": text where HTML tags are allowed and line
    /// breaks are kept.
    Moodle,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        match name {
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "plain" => Some(Format::Plain),
            "moodle" => Some(Format::Moodle),
            _ => None,
        }
    }
}

/// `chars` without their whitespace (not escaped newlines) on both sides.
pub(super) fn trim(chars: &[Char]) -> &[Char] {
    trim_end(trim_start(chars))
}

pub(super) fn trim_start(chars: &[Char]) -> &[Char] {
    let start = chars
        .iter()
        .position(|c| !c.is_space())
        .unwrap_or(chars.len());
    &chars[start..]
}

pub(super) fn trim_end(chars: &[Char]) -> &[Char] {
    let end = chars
        .iter()
        .rposition(|c| !c.is_space())
        .map_or(0, |i| i + 1);
    &chars[..end]
}

/// Splits a `[format]` marker off the start of a (trimmed) text. Brackets
/// that name no format are text (as in Moodle).
pub(super) fn take_format(chars: &[Char]) -> (Option<Format>, &[Char]) {
    let chars = trim_start(chars);
    if !chars.first().is_some_and(|c| c.is('[')) {
        return (None, chars);
    }
    let Some(close) = chars.iter().take(12).position(|c| c.is(']')) else {
        return (None, chars);
    };
    let name: String = chars[1..close].iter().map(|c| c.c).collect();
    match Format::from_name(&name) {
        Some(format) => (Some(format), &chars[close + 1..]),
        None => (None, chars),
    }
}

/// The characters as written, after GIFT's escapes (a kept escape keeps its
/// backslash, except in `-\>`: a `->` written so that it does not make a
/// matching question, which Markdown shows the same without it).
pub(super) fn raw(chars: &[Char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut previous = None;
    for c in chars {
        let arrow = c.c == '>' && previous == Some('-');
        if c.kind == CharKind::KeptEscape && !arrow {
            out.push('\\');
        }
        out.push(c.c);
        previous = Some(c.c);
    }
    out
}

/// The characters as a literal string: kept escapes lose their backslash
/// (`\*` is a star). For short answers, ids and titles.
pub(super) fn literal(chars: &[Char]) -> String {
    chars.iter().map(|c| c.c).collect()
}

/// A text in `format` as the Markdown the quiz model holds.
pub(super) fn to_markdown(chars: &[Char], format: Format) -> String {
    let text = raw(chars);
    match format {
        Format::Markdown | Format::Html => text,
        Format::Plain => escape_markdown(&text, true),
        Format::Moodle => escape_markdown(&text, false),
    }
}

/// Text that Markdown shows as written: its punctuation escaped (and, unless
/// `escape_html`, HTML tags and entities let through), line breaks kept.
pub(crate) fn escape_markdown(text: &str, escape_html: bool) -> String {
    const MARKUP: &str = "\\`*_[]()#+-.!|~=";
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                let mut breaks = 1;
                while chars.peek() == Some(&'\n') {
                    chars.next();
                    breaks += 1;
                }
                // One break is a line break; more make a new paragraph.
                out.push_str(if breaks == 1 { "\\\n" } else { "\n\n" });
            }
            '<' | '>' | '&' if escape_html => {
                out.push('\\');
                out.push(c);
            }
            c if MARKUP.contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The regular expression of a short answer with `*` wildcards (GIFT and
/// Moodle: `*` stands for any characters, `\*` is a star). `chars` are
/// trimmed; plain `*` are the wildcards.
pub(super) fn wildcard_pattern(chars: &[Char]) -> String {
    let mut out = String::new();
    for c in chars {
        if c.is('*') {
            out.push_str(".*");
        } else {
            push_regex_literal(&mut out, c.c);
        }
    }
    out
}

/// The regular expression of a short answer written as a string (Moodle
/// XML): `*` stands for any characters, `\*` is a star. `None` when it has
/// no wildcard.
pub(crate) fn wildcard_pattern_str(answer: &str) -> Option<String> {
    let mut out = String::new();
    let mut wildcard = false;
    let mut chars = answer.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'*') => {
                chars.next();
                push_regex_literal(&mut out, '*');
            }
            '*' => {
                wildcard = true;
                out.push_str(".*");
            }
            c => push_regex_literal(&mut out, c),
        }
    }
    wildcard.then_some(out)
}

const REGEX_SPECIAL: &str = "\\.+*?()|[]{}^$";

fn push_regex_literal(out: &mut String, c: char) {
    if REGEX_SPECIAL.contains(c) {
        out.push('\\');
    }
    out.push(c);
}

/// A piece of a short answer as GIFT writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WildcardPart {
    Any,
    Literal(char),
}

/// The wildcard form of a pattern, if it has one: only literal text
/// (special characters escaped) and `.*`. Other regular expressions cannot
/// be written as a GIFT short answer.
pub(crate) fn pattern_as_wildcard(pattern: &str) -> Option<Vec<WildcardPart>> {
    let mut parts = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if REGEX_SPECIAL.contains(e) => parts.push(WildcardPart::Literal(e)),
                _ => return None,
            },
            '.' if chars.peek() == Some(&'*') => {
                chars.next();
                parts.push(WildcardPart::Any);
            }
            c if REGEX_SPECIAL.contains(c) => return None,
            c => parts.push(WildcardPart::Literal(c)),
        }
    }
    Some(parts)
}

/// `text` escaped for GIFT: its special characters behind a backslash, line
/// breaks as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

pub(super) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => {}
        c if SPECIAL.contains(&c) => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// A text with its own `[format]` marker or `default`, as Markdown; `None`
/// when empty.
pub(super) fn markdown_text(chars: &[Char], default: Format) -> Option<String> {
    let (format, text) = take_format(chars);
    let text = trim(text);
    (!text.is_empty()).then(|| to_markdown(text, format.unwrap_or(default)))
}

/// The answer of `{T}`, `{TRUE}`, `{F}` or `{FALSE}` (before any feedback).
pub(super) fn true_false_answer(answers: &[Char]) -> Option<bool> {
    let head = answers
        .iter()
        .position(|c| c.is('#'))
        .unwrap_or(answers.len());
    match literal(trim(&answers[..head])).as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(line: &str) -> Vec<Char> {
        let mut out = Vec::new();
        assert!(decode_line(line, 0, &mut out).is_empty());
        out
    }

    #[test]
    fn gift_escapes_become_text_and_markdown_escapes_are_kept() {
        let chars = decode(r"a\{b\}\=\~\#\:\\c\nd\*e");
        assert_eq!(raw(&chars), "a{b}=~#:\\c\nd\\*e");
        assert_eq!(literal(&chars), "a{b}=~#:\\c\nd*e");
        assert!(
            chars
                .iter()
                .all(|c| c.kind != CharKind::Plain || c.c.is_alphabetic())
        );
    }

    #[test]
    fn unknown_escapes_are_found() {
        let mut out = Vec::new();
        let bad = decode_line(r"C:\Users and \", 0, &mut out);
        assert_eq!(bad.len(), 2);
        assert_eq!((bad[0].at, bad[0].next), (2, Some('U')));
        assert_eq!(bad[1].next, None);
    }

    #[test]
    fn plain_text_is_escaped_for_markdown() {
        assert_eq!(
            escape_markdown("*not bold* <b>", true),
            "\\*not bold\\* \\<b\\>"
        );
        assert_eq!(escape_markdown("a <b>b</b>", false), "a <b>b</b>");
        assert_eq!(
            escape_markdown("one\ntwo\n\nthree", true),
            "one\\\ntwo\n\nthree"
        );
    }

    #[test]
    fn wildcards_round_trip_through_patterns() {
        let chars = decode(r"Gr*nt (a.b) \*");
        let pattern = wildcard_pattern(trim(&chars));
        assert_eq!(pattern, r"Gr.*nt \(a\.b\) \*");
        assert!(crate::quiz::check::check_pattern(&pattern).is_ok());
        let parts = pattern_as_wildcard(&pattern).unwrap();
        assert_eq!(parts[2], WildcardPart::Any);
        assert_eq!(parts.last(), Some(&WildcardPart::Literal('*')));
        assert_eq!(pattern_as_wildcard("colou?r"), None);
        assert_eq!(pattern_as_wildcard(r"\d+"), None);
    }

    #[test]
    fn format_markers_are_split_off() {
        let chars = decode("  [html]<b>x</b>");
        let (format, rest) = take_format(&chars);
        assert_eq!(format, Some(Format::Html));
        assert_eq!(raw(rest), "<b>x</b>");
        let chars = decode("[see] this");
        assert_eq!(take_format(&chars).0, None);
    }
}
