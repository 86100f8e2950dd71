//! All YAML parsing lives here, so that the YAML library can be swapped.
//!
//! Each text is parsed once by yaml-rust2's event parser into its span
//! tree ([`Tree`], in `tree.rs`): every node with where it is written, and
//! what serde_yaml would let pass (a key given twice, a second document).
//! The tree is kept with the text ([`crate::sources::Sources::yaml`]), and
//! every later "where is this written?" is answered from it ([`Tree::locate`]:
//! a quiz question with two right answers is reported at that question).
//!
//! [`parse_in`] reads a text into a typed value in two steps. First the
//! tree is checked against the JSON Schema derived from the Rust type
//! (`check.rs`, the schemas `brandcamp schema` writes): every unknown key
//! (with a suggestion among the schema's keys), missing key, value of the
//! wrong type, value outside an enum and number outside its type's range
//! of the text, as data, each at its node. Only a text that passes is read by serde_yaml, which stops at its
//! first error.
//!
//! What is still read from serde_yaml's message text ([`explain`]), because
//! no structured source gives it: the libyaml syntax errors (an unclosed
//! quote or bracket, a tab, a control character: serde_yaml's error
//! carries no kind, and a syntax error's "while scanning … at line L
//! column C" is the only place the opening quote or bracket is given), its
//! limits (recursion, alias expansion, an unknown anchor), and the errors
//! of what the check leaves to serde: a value given through an alias
//! (`*name`) or a tag, and custom deserializers' own messages ("invalid
//! type: … expected …").

mod check;
mod tree;

use std::path::Path;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};
use check::with_scalar_width;
pub(crate) use check::{Problem, Strings, check, schema_leaving_open, schema_of};
pub(crate) use tree::Structure;
pub use tree::{Mark, Node, NodeKind, Tree, texts_parsed};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Parses `text` (the whole of `file`) into `T`, checked against `T`'s
/// schema first ([`parse_in`]). An empty document parses as an empty map,
/// so that optional files may be empty.
pub fn parse<T: DeserializeOwned + JsonSchema + 'static>(
    text: &str,
    file: &Path,
) -> Result<T, Vec<Diagnostic>> {
    parse_in(text, &Tree::new(text, 1), file)
}

/// Parses `text`, whose span tree is `tree`, into `T`: what the tree's pass
/// found (a key given twice, a second document) is reported first; then
/// the tree is checked against `T`'s JSON Schema ([`check`]), every
/// problem reported; only a text that passes is read by serde_yaml.
/// Positions are lines of the file (the tree knows where in it the text
/// starts).
pub(crate) fn parse_in<T: DeserializeOwned + JsonSchema + 'static>(
    text: &str,
    tree: &Tree,
    file: &Path,
) -> Result<T, Vec<Diagnostic>> {
    parse_checked(text, tree, file, Some(check::schema_of::<T>()))
}

/// Like [`parse_in`], checked against `schema` (a root schema), or not
/// checked at all when it is `None` (a text read as a free
/// [`serde_yaml::Value`], whose parts are checked later).
pub(crate) fn parse_checked<T: DeserializeOwned>(
    text: &str,
    tree: &Tree,
    file: &Path,
    schema: Option<&serde_json::Value>,
) -> Result<T, Vec<Diagnostic>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blank = body.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    });
    if !blank
        && tree.structure.is_none()
        && let Some(schema) = schema
    {
        let problems = check::check_tree(schema, tree, check::Strings::AnyScalar);
        if !problems.is_empty() {
            return Err(problems
                .iter()
                .map(|p| p.diagnostic(tree, text, file))
                .collect());
        }
    }
    deserialize_in(text, tree, file).map_err(|d| vec![d])
}

/// Reads `text` into `T` with serde_yaml, unchecked: its error (the first
/// it meets) as a diagnostic.
fn deserialize_in<T: DeserializeOwned>(
    text: &str,
    tree: &Tree,
    file: &Path,
) -> Result<T, Diagnostic> {
    let tree_text = text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line_offset = tree.first_line() - 1;
    let blank = text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    });
    if blank {
        return serde_yaml::from_str("{}").map_err(|e| {
            to_diagnostic(&e, tree_text, tree, file, line_offset).shifted_lines(line_offset)
        });
    }
    if let Some(problem) = &tree.structure {
        return Err(structure_error(problem, file).shifted_lines(line_offset));
    }
    serde_yaml::from_str(text).map_err(|e| {
        // serde stops at the first value of the wrong type, which may sit
        // inside an unclosed bracket: a syntax error anywhere in the text
        // is the problem to report.
        let e = match serde_yaml::from_str::<serde::de::IgnoredAny>(text) {
            Err(syntax) => syntax,
            Ok(_) => e,
        };
        to_diagnostic(&e, tree_text, tree, file, line_offset).shifted_lines(line_offset)
    })
}

/// Parses `text` into a free [`serde_yaml::Value`] (a knowledge check,
/// whose questions are checked one by one).
pub(crate) fn parse_value(
    text: &str,
    tree: &Tree,
    file: &Path,
) -> Result<serde_yaml::Value, Diagnostic> {
    deserialize_in(text, tree, file)
}

/// What serde_yaml lets pass, or reports without a place, as the tree
/// found it: a key given twice in one map (a free-form map such as `ui:`
/// would silently keep the last one) and a second document after a `---`
/// line.
fn structure_error(problem: &Structure, file: &Path) -> Diagnostic {
    match problem {
        Structure::SecondDocument { at } => Diagnostic::error(
            file,
            Some(*at),
            "a second YAML document starts here; this file may hold only one",
        )
        .with_hint(
            "a line `---` starts a new document: remove it (and what follows, if it is left over)",
        ),
        Structure::KeyTwice {
            key,
            at,
            first_line,
        } => Diagnostic::error(
            file,
            Some(*at),
            format!("`{key}` is given twice in this map (first on line {first_line})"),
        )
        .with_width(key.chars().count())
        .with_hint("keep one of them: a key may appear once in a map"),
    }
}

/// A position inside `text`: the YAML library may place the end of the
/// input on a line after the last one (see [`Tree`], which does the same
/// for the positions it keeps).
fn clamp(text: &str, position: Position) -> Position {
    let lines = text.split('\n').count();
    if position.line <= lines {
        return position;
    }
    let last = text.rsplit('\n').next().unwrap_or_default();
    Position::new(lines, last.trim_end_matches('\r').chars().count() + 1)
}

/// Deserializes `value`, which was parsed from `text` (whose tree is
/// `tree`) and sits there at `base` (a quiz question is
/// `[Key("questions"), Index(2)]`), into `T`. An error is located at the
/// node it concerns (an unknown key, a wrong type three levels down), and
/// worded like the errors of [`parse`]. Positions are lines of `text`.
pub(crate) fn from_value_at<T: DeserializeOwned>(
    value: serde_yaml::Value,
    text: &str,
    tree: &Tree,
    base: &[Step<'_>],
    file: &Path,
) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let keys: Vec<String> = e
            .path()
            .iter()
            .map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => key.clone(),
                serde_path_to_error::Segment::Seq { index } => index.to_string(),
                _ => String::new(),
            })
            .collect();
        let mut path: Vec<Step<'_>> = base.to_vec();
        for (segment, key) in e.path().iter().zip(&keys) {
            match segment {
                serde_path_to_error::Segment::Map { .. } => path.push(Step::Key(key)),
                serde_path_to_error::Segment::Seq { index } => path.push(Step::Index(*index)),
                _ => {}
            }
        }
        let raw = e.inner().to_string();
        // A value of the wrong type or out of range is shown where the value
        // is written, not at its key.
        if is_about_the_value(&raw)
            && let Some(node) = tree.node_at(&path)
        {
            let diagnostic = value_error(&raw, file, Some(tree.node_position(node)));
            return with_scalar_width(diagnostic, tree, text, node);
        }
        // The deepest node of the path that exists in the text: a missing
        // key is reported at the map that lacks it.
        let position = tree.locate_nearest(&path);
        value_error(&raw, file, position)
    })
}

/// An error about the value at `path` of `tree` (the span tree of `text`,
/// a part of `file`): at the value, underlined whole when it is a one-line
/// scalar; at the nearest node written when it is not.
pub(crate) fn error_at_value(
    tree: &Tree,
    text: &str,
    file: &Path,
    path: &[Step<'_>],
    message: impl Into<String>,
) -> Diagnostic {
    match tree.node_at(path) {
        Some(node) => {
            let position = tree.in_file(tree.node_position(node));
            with_scalar_width(
                Diagnostic::error(file, Some(position), message),
                tree,
                text,
                node,
            )
        }
        None => {
            let position = tree.locate_nearest(path).map(|p| tree.in_file(p));
            Diagnostic::error(file, position, message)
        }
    }
}

/// Whether a serde message is about a value as written (its type, its
/// range), rather than about a key.
fn is_about_the_value(raw: &str) -> bool {
    ["invalid type: ", "invalid value: "]
        .iter()
        .any(|start| raw.starts_with(start))
}

/// A diagnostic at `position` for the message of a serde error met while
/// deserializing an already parsed value.
pub(crate) fn value_error(message: &str, file: &Path, position: Option<Position>) -> Diagnostic {
    let raw = message.split(" at line ").next().unwrap_or(message);
    let (message, hint) = explain(raw);
    let mut diagnostic = Diagnostic::error(file, position, message);
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// A diagnostic for serde_yaml's `error` met reading `tree_text` (whose
/// span tree is `tree`) without its byte order mark, as serde read it.
fn to_diagnostic(
    error: &serde_yaml::Error,
    tree_text: &str,
    tree: &Tree,
    file: &Path,
    line_offset: usize,
) -> Diagnostic {
    // serde's positions count from after the mark; the tree's byte offsets
    // from the start of the text.
    let text = tree_text.strip_prefix('\u{feff}').unwrap_or(tree_text);
    let position = error
        .location()
        .map(|l| Position::new(l.line(), l.column()));
    let raw = error.to_string();
    let position = better_position(&raw, text, position).map(|p| clamp(text, p));
    // serde_yaml puts the path of the node first ("questions[2].type: …").
    let raw = match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => rest.to_string(),
        _ => raw,
    };
    // serde_yaml appends " at line N column M", shown apart; a syntax error
    // may add where the construct it was reading began, which is kept.
    let raw = match raw.split_once(", while ") {
        Some((problem, context)) => {
            let problem = problem.split(" at line ").next().unwrap_or(problem);
            match context.split_once(" at line ") {
                Some((what, place)) => {
                    let (line, column) = place.split_once(" column ").unwrap_or((place, "?"));
                    let line = line
                        .parse::<usize>()
                        .map_or(line.to_string(), |l| (l + line_offset).to_string());
                    format!("{problem}, while {what} that started on line {line}, column {column}")
                }
                None => format!("{problem}, while {context}"),
            }
        }
        None => raw.split(" at line ").next().unwrap_or(&raw).to_string(),
    };
    // A tab where YAML expects indentation: libyaml names it only when it
    // breaks a block it is reading; elsewhere it is "a character that
    // cannot start any token", at the tab.
    let tab = raw.contains("tab character")
        || raw.contains("cannot start any token")
            && position.and_then(|p| char_at(text, p)) == Some('\t');
    let (message, hint) = if tab {
        (
            "YAML syntax error: a tab is used to indent this line".to_string(),
            Some("indent with spaces: YAML does not allow tabs for indentation".to_string()),
        )
    } else {
        explain(&raw)
    };
    let hint = match (hint, position) {
        // An unclosed quote is shown where it opens; say which quote.
        (Some(hint), Some(p)) if raw.contains("quoted scalar") => {
            let quote = char_at(text, p)
                .filter(|c| *c == '\'')
                .map_or(hint.clone(), |_| {
                    "a quote is opened here but never closed: add the closing `'` (write `''` for a quote inside the text)".to_string()
                });
            Some(quote)
        }
        (hint, _) => hint,
    };
    let mut diagnostic = Diagnostic::error(file, position, message);
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    // What serde points at, when it is a scalar of the text, is underlined
    // whole.
    match position.and_then(|p| tree.scalar_at(p)) {
        Some(node) => with_scalar_width(diagnostic, tree, tree_text, node),
        None => diagnostic,
    }
}

/// The character of `text` at `position`.
fn char_at(text: &str, position: Position) -> Option<char> {
    let line = text.lines().nth(position.line.checked_sub(1)?)?;
    line.chars().nth(position.column.checked_sub(1)?)
}

/// Where to point for errors whose most useful place is not the one serde
/// reports: an unclosed quote or bracket where it opens (not at the end of
/// the file), a control character where it is (serde gives a byte offset in
/// its message). `raw` is serde's message as it is ("…, while scanning a
/// quoted scalar at line 1 column 8").
fn better_position(raw: &str, text: &str, reported: Option<Position>) -> Option<Position> {
    let opens = ["quoted scalar", "flow sequence", "flow mapping"];
    if let Some((_, context)) = raw.split_once(", while ")
        && opens.iter().any(|construct| context.contains(construct))
        && let Some((_, place)) = context.split_once(" at line ")
        && let Some((line, column)) = place.split_once(" column ")
        && let (Ok(line), Ok(column)) =
            (line.trim().parse::<usize>(), column.trim().parse::<usize>())
    {
        return Some(Position::new(line, column));
    }
    if let Some((_, offset)) = raw.split_once(" at position ")
        && let Ok(offset) = offset.trim().parse::<usize>()
        && reported.is_none_or(|p| p == Position::START)
        && offset <= text.len()
    {
        return Some(crate::diagnostics::LineIndex::new(text).position(offset));
    }
    reported
}

/// Rewrites serde's messages in the words of a course author, with a hint.
fn explain(raw: &str) -> (String, Option<String>) {
    if raw.starts_with("missing field ") {
        // A blank file, which the schema check leaves to serde.
        let key = quoted(raw).first().cloned().unwrap_or_default();
        return (
            format!("missing required key `{key}`"),
            Some(format!("add `{key}:` with a value")),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let hint = match found.trim().strip_prefix("string ") {
            // A single item where a list goes (`requires: basics`).
            Some(item) if plain_type(expected) == "a list" => {
                let item = item.trim_matches('"');
                format!(
                    "write a list, even of one item: `[{item}]`, or each item on a line of its own starting with `- `"
                )
            }
            _ => format!("write {} here", plain_type(expected)),
        };
        return (
            format!(
                "wrong type: expected {}, found {}",
                plain_type(expected),
                plain_found(found)
            ),
            Some(hint),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            format!(
                "value out of range: expected {}, found {}",
                plain_type(expected),
                plain_found(found)
            ),
            None,
        );
    }
    if raw.contains("recursion limit exceeded") {
        return (
            "the YAML is nested too deeply".into(),
            Some("flatten the structure".into()),
        );
    }
    if raw.contains("repetition limit exceeded") {
        return (
            "the YAML expands to too much data (aliases repeated too often)".into(),
            Some("write the values out instead of repeating anchors with `*`".into()),
        );
    }
    if raw.contains("unknown anchor") {
        return (
            "this alias (`*name`) refers to an anchor (`&name`) that is not defined before it"
                .into(),
            Some(
                "define the anchor first with `&name`, or write the value out instead of `*name`"
                    .into(),
            ),
        );
    }
    if raw.contains("control characters are not allowed") {
        return (
            "this YAML holds an invisible control character".into(),
            Some("delete it and type the text again (it may come from text pasted from another program)".into()),
        );
    }
    let syntax = [
        "did not find expected",
        "found ",
        "while scanning",
        "while parsing",
        "mapping values are not allowed",
        "control characters are not allowed",
        "invalid leading UTF-8",
    ];
    if syntax.iter().any(|s| raw.contains(s)) {
        for (close, open) in [("']'", '['), ("'}'", '{')] {
            if raw.contains(&format!("expected ',' or {close}")) {
                return (
                    format!("YAML syntax error: {raw}"),
                    Some(format!(
                        "a `{open}` is opened here but never closed: add the closing {close}, and separate the items with commas"
                    )),
                );
            }
        }
        if raw.contains("quoted scalar") {
            return (
                format!("YAML syntax error: {raw}"),
                Some("a quote is opened but never closed: add the closing `\"` (write `\\\"` for a quote inside the text)".into()),
            );
        }
        return (
            format!("YAML syntax error: {raw}"),
            Some("check the indentation, and put text that contains `: `, `#` or starts with a special character in double quotes".into()),
        );
    }
    (raw.to_string(), None)
}

fn plain_type(expected: &str) -> String {
    let e = expected.trim();
    let known = [
        ("u8", "a whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("usize", "a whole number"),
        ("i64", "a whole number"),
        ("f64", "a number"),
        ("a boolean", "`true` or `false`"),
        ("a string", "text"),
        ("a sequence", "a list"),
        ("field identifier", "a key name"),
    ];
    for (k, v) in known {
        if e == k || e.starts_with(&format!("{k} ")) {
            return v.to_string();
        }
    }
    if e.starts_with("struct ") || e == "a map" || e.starts_with("a YAML mapping") {
        return "a map of keys".into();
    }
    e.to_string()
}

fn plain_found(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("text {s}");
    }
    if f == "sequence" {
        return "a list".into();
    }
    if f == "map" {
        return "a map".into();
    }
    if f == "unit value" {
        return "nothing".into();
    }
    f.to_string()
}

/// The words between backticks in a serde message.
fn quoted(raw: &str) -> Vec<String> {
    raw.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The keys of a map read as `T`, as its derived JSON Schema gives them
/// (generated once per process: [`schema_of`]).
pub(crate) fn keys_of<T: JsonSchema + 'static>() -> Vec<String> {
    match schema_of::<T>().get("properties") {
        Some(serde_json::Value::Object(properties)) => properties.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The `properties` of a derived schema of a map.
pub(crate) fn schema_properties(
    schema: &schemars::Schema,
) -> serde_json::Map<String, serde_json::Value> {
    match schema.get("properties") {
        Some(serde_json::Value::Object(map)) => map.clone(),
        _ => serde_json::Map::new(),
    }
}

/// A string value of a YAML document and where its text is, for checks of
/// the words authors write (the brand lint): `key` is the map key the value
/// belongs to (for a list item, the key of the list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextValue {
    pub key: Option<String>,
    /// The value, as parsed (escapes resolved, block indentation removed).
    pub value: String,
    /// Byte range in the source of the value's text (inside the quotes of a
    /// quoted value, below the `|` or `>` line of a block value).
    pub range: std::ops::Range<usize>,
}

impl TextValue {
    /// For each byte of `value`, the byte of `source` (the whole text given
    /// to [`Tree::new`]) it was read from: each character of the value is
    /// found in the source, past indentation, line breaks, quotes and
    /// escapes. White space of the value maps to where the next character
    /// is looked for.
    pub(crate) fn source_offsets(&self, source: &str) -> Vec<usize> {
        let text = source.get(self.range.clone()).unwrap_or_default();
        let mut offsets = Vec::with_capacity(self.value.len());
        let mut at = 0;
        for v in self.value.chars() {
            let mut offset = at;
            if !v.is_whitespace() {
                // An escape or a doubled quote stands between: look a little ahead.
                let found = text[at..]
                    .char_indices()
                    .filter(|(_, c)| !c.is_whitespace())
                    .take(4)
                    .find(|(_, c)| *c == v)
                    .map(|(i, c)| (at + i, c));
                if let Some((i, c)) = found {
                    offset = i;
                    at = i + c.len_utf8();
                }
            }
            offsets.extend(std::iter::repeat_n(self.range.start + offset, v.len_utf8()));
        }
        offsets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// The first problem of a text that does not read as `T`.
    fn first_error<T: DeserializeOwned + JsonSchema + std::fmt::Debug + 'static>(
        text: &str,
    ) -> Diagnostic {
        parse::<T>(text, Path::new("m.yaml")).unwrap_err().remove(0)
    }

    fn parse_any(text: &str) -> Result<serde_yaml::Value, Diagnostic> {
        parse_value(text, &Tree::new(text, 1), Path::new("c.yaml"))
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Module {
        title: String,
        summary: Option<String>,
        duration: Option<u32>,
    }

    #[test]
    fn unknown_key_is_reported_at_its_line_with_a_suggestion() {
        let err = first_error::<Module>("title: A\nsummery: B\n");
        assert_eq!(err.position, Some(Position::new(2, 1)));
        assert_eq!(err.message, "unknown key `summery`");
        assert!(err.hint.unwrap().contains("did you mean `summary`?"));
    }

    #[test]
    fn wrong_type_says_what_was_expected() {
        let err = first_error::<Module>("title: A\nduration: soon\n");
        assert_eq!(err.position.map(|p| p.line), Some(2));
        assert!(
            err.message.contains("expected a whole number"),
            "{}",
            err.message
        );
    }

    #[test]
    fn missing_key_is_named() {
        let err = first_error::<Module>("summary: B\n");
        assert_eq!(err.message, "missing required key `title`");
    }

    #[test]
    fn alias_bomb_is_refused_not_expanded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            text.push_str(&format!(
                "{}: &{} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                (b'a' + i) as char,
                (b'a' + i) as char,
                p = (b'a' + i - 1) as char
            ));
        }
        let err = parse_any(&text).unwrap_err();
        assert!(err.message.contains("too much data"), "{}", err.message);
    }

    #[test]
    fn a_key_given_twice_is_reported_at_the_second() {
        let text = "title: A\nui:\n  next: a\n  next: b\n";
        let err = parse_any(text).unwrap_err();
        assert_eq!(err.position, Some(Position::new(4, 3)));
        assert!(err.message.contains("first on line 3"), "{}", err.message);
        // The same key in two maps is fine.
        assert!(parse_any("a: {x: 1}\nb: {x: 1}\n").is_ok());
    }

    #[test]
    fn a_second_document_is_reported_at_its_start() {
        let err = parse_any("title: A\n---\ntitle: B\n").unwrap_err();
        assert_eq!(err.position, Some(Position::new(2, 1)));
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_wherever_it_is() {
        for (text, line) in [
            ("title: x\n\tsummary: y\n", 2),
            ("title: x\nsummary:\n\t- a\n", 3),
            ("title:\n\tx\n", 2),
        ] {
            let err = first_error::<Module>(text);
            assert_eq!(
                err.message, "YAML syntax error: a tab is used to indent this line",
                "{text:?}"
            );
            assert_eq!(err.position, Some(Position::new(line, 1)), "{text:?}");
            assert!(err.hint.unwrap().contains("indent with spaces"), "{text:?}");
        }
    }

    #[test]
    fn unclosed_bracket_is_a_syntax_error_not_a_type_error() {
        let err = first_error::<Module>("title: [a, b\n");
        assert!(
            err.message.starts_with("YAML syntax error"),
            "{}",
            err.message
        );
        assert_eq!(err.position, Some(Position::new(1, 8)));
    }

    #[test]
    fn locate_does_not_recurse_on_deep_nesting() {
        let text = format!("a: {}", "[".repeat(100_000));
        assert_eq!(Tree::new(&text, 1).locate(&[Step::Key("b")]), None);
        let text = format!("a: {}1{}\nb: 2\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            Tree::new(&text, 1).locate(&[Step::Key("b")]),
            Some(Position::new(2, 1))
        );
        let text = format!("{}b: 2\n", "- ".repeat(20_000));
        assert_eq!(Tree::new(&text, 1).locate(&[Step::Key("b")]), None);
    }

    #[test]
    fn locate_stays_inside_the_text() {
        assert_eq!(Tree::new("!", 1).locate(&[]), Some(Position::new(1, 2)));
    }

    #[test]
    fn control_character_is_shown_where_it_is() {
        let err = first_error::<Module>("title: \"éééé\u{7}\"\n");
        assert_eq!(err.position, Some(Position::new(1, 13)), "{err}");
    }

    #[test]
    fn locate_finds_nested_nodes() {
        let text = "title: Q\nquestions:\n  - type: single\n    prompt: A\n  - type: text\n    prompt: B\n";
        assert_eq!(
            Tree::new(text, 1).locate(&[Step::Key("questions"), Step::Index(1)]),
            Some(Position::new(5, 5))
        );
        assert_eq!(
            Tree::new(text, 1).locate(&[
                Step::Key("questions"),
                Step::Index(1),
                Step::Key("prompt")
            ]),
            Some(Position::new(6, 5))
        );
        assert_eq!(
            Tree::new(text, 1).locate(&[Step::Key("title")]),
            Some(Position::new(1, 1))
        );
        assert_eq!(Tree::new(text, 1).locate(&[Step::Key("nope")]), None);
    }

    #[test]
    fn text_values_point_at_the_text_of_each_value() {
        let text = "title: \"Quiz : l'ACME\"\nquestions:\n  - prompt: plain words\n      folded on\n    choices: ['a''b', x]\n    explanation: |\n      Block\n      text\n";
        let tree = Tree::new(text, 1);
        let values = tree.text_values();
        let values: Vec<(Option<&str>, &str)> = values
            .iter()
            .map(|v| (v.key.as_deref(), &text[v.range.clone()]))
            .collect();
        assert_eq!(
            values,
            [
                (Some("title"), "Quiz : l'ACME"),
                (Some("prompt"), "plain words\n      folded on"),
                (Some("choices"), "a''b"),
                (Some("choices"), "x"),
                (Some("explanation"), "Block\n      text"),
            ]
        );
    }

    #[test]
    fn locate_handles_flow_lists() {
        let text = "requires: [a, b, c]\n";
        assert_eq!(
            Tree::new(text, 1).locate(&[Step::Key("requires"), Step::Index(2)]),
            Some(Position::new(1, 18))
        );
    }
}
