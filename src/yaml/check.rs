//! The schema check: a YAML text's span tree judged against the JSON Schema
//! derived from the Rust type that reads it (the schemas `brandcamp schema`
//! writes), before serde_yaml reads it. It finds every unknown key, missing
//! key, value of the wrong type, value outside an enum and number outside
//! its type's range (a `u8` holds 0 to 255) of a file at once,
//! as data ([`Problem`]), turned into diagnostics in one place
//! ([`Problem::diagnostic`]); serde stops at the first.
//!
//! Scalars are judged as serde_yaml 0.9 reads them (YAML 1.2 core schema):
//! a plain `true`, `42` or `1.5` is a boolean, an integer or a float, a
//! quoted one is text. Reading a text, serde_yaml takes any scalar where
//! text is expected (`title: 42` is the title "42"), so the check does too
//! ([`Strings::AnyScalar`]); reading an already parsed value, it does not
//! ([`Strings::TextOnly`]). What the check cannot judge (an alias, a tagged
//! scalar, a schema keyword it does not know) it accepts: serde remains the
//! final word.
//!
//! The schema is walked by hand (rather than with a JSON Schema validator
//! crate) because its judgement must be serde_yaml's, not JSON's, and its
//! findings must point at YAML nodes with their spans.

use std::any::TypeId;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;
use yaml_rust2::scanner::TScalarStyle;

use super::tree::{NodeKind, Tree};
use crate::diagnostics::{Diagnostic, suggest};

/// The draft 7 root schema of `T`, generated once per process.
pub(crate) fn schema_of<T: schemars::JsonSchema + 'static>() -> &'static Value {
    schema_leaving_open::<T>(None)
}

/// `T`'s root schema with the part at the JSON pointer `open` (when given)
/// accepting anything: a part its reader checks on its own, so that a
/// problem there does not keep the rest from being read. Generated once
/// per process.
pub(crate) fn schema_leaving_open<T: schemars::JsonSchema + 'static>(
    open: Option<&'static str>,
) -> &'static Value {
    type Schemas = HashMap<(TypeId, Option<&'static str>), &'static Value>;
    static SCHEMAS: OnceLock<Mutex<Schemas>> = OnceLock::new();
    let mut schemas = SCHEMAS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    schemas.entry((TypeId::of::<T>(), open)).or_insert_with(|| {
        let mut schema = schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value();
        if let Some(part) = open.and_then(|pointer| schema.pointer_mut(pointer)) {
            *part = Value::Bool(true);
        }
        // Kept for the process: a few per type read from YAML.
        Box::leak(Box::new(schema))
    })
}

/// How text is judged: see the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strings {
    AnyScalar,
    TextOnly,
}

/// What a node is, as serde_yaml reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Map,
    List,
    /// An empty value (`key:` and nothing after): an empty list or map
    /// where one is expected, else null.
    Empty,
    Null,
    Bool,
    Int,
    Float,
    Text,
    /// An alias or a tagged scalar: not judged.
    Unknown,
}

/// One problem the check found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// `key` (node `at`) is not one of the map's `allowed` keys; `takes`
    /// names the map when its schema has a title.
    UnknownKey {
        key: String,
        at: usize,
        allowed: Vec<String>,
        takes: Option<String>,
    },
    /// The map at node `map` lacks `key`.
    MissingKey { key: String, map: usize },
    /// The node `at` is not of the type expected (each expected type in
    /// the words of [`expected_words`]).
    WrongType { at: usize, expected: Vec<String> },
    /// The scalar `at` is not one of `allowed`.
    UnknownValue { at: usize, allowed: Vec<String> },
    /// The number `at` is outside what its type holds (`minimum`,
    /// `maximum`, or the range of its integer `format`: a `u8` holds 0 to
    /// 255); `range` is what to name of it, `whole` when the type is an
    /// integer's.
    OutOfRange {
        at: usize,
        range: (Option<i128>, Option<i128>),
        whole: bool,
    },
}

/// Checks the node `node` of `tree` against `schema`, a part of `root`
/// (whose definitions `$ref`s name). Every problem is returned.
pub(crate) fn check(
    root: &Value,
    schema: &Value,
    tree: &Tree,
    node: usize,
    strings: Strings,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    Checker {
        root,
        tree,
        strings,
    }
    .node(schema, node, &mut problems, 0);
    problems
}

/// Checks the whole of `tree` against the root schema `root`: nothing when
/// the text is not one well-formed document (its parser reports that).
pub(crate) fn check_tree(root: &Value, tree: &Tree, strings: Strings) -> Vec<Problem> {
    match tree.checkable_root() {
        Some(node) => check(root, root, tree, node, strings),
        None => Vec::new(),
    }
}

struct Checker<'a> {
    root: &'a Value,
    tree: &'a Tree,
    strings: Strings,
}

/// Deeper than any schema of brandcamp: a recursive schema is not followed
/// further.
const MAX_DEPTH: usize = 64;

impl Checker<'_> {
    /// `schema` after following `$ref` (and a lone `allOf` of one schema).
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..MAX_DEPTH {
            if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
                let name = reference
                    .strip_prefix("#/definitions/")
                    .or_else(|| reference.strip_prefix("#/$defs/"));
                let found = name.and_then(|name| {
                    ["definitions", "$defs"]
                        .iter()
                        .find_map(|defs| self.root.get(defs)?.get(name))
                });
                match found {
                    Some(found) => schema = found,
                    // Not a reference this check can follow: accept.
                    None => return &Value::Bool(true),
                }
            } else {
                return schema;
            }
        }
        &Value::Bool(true)
    }

    fn node(&self, schema: &Value, node: usize, problems: &mut Vec<Problem>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = self.resolve(schema);
        let Value::Object(keywords) = schema else {
            // `true` accepts anything; `false` is not written by schemars.
            return;
        };
        let shape = shape_of(self.tree, node);
        if shape == Shape::Unknown {
            return;
        }
        if let Some(Value::Array(all)) = keywords.get("allOf") {
            for part in all {
                self.node(part, node, problems, depth + 1);
            }
        }
        for combinator in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = keywords.get(combinator) {
                self.one_of(branches, node, shape, problems, depth);
            }
        }
        if let Some(values) = self.values(schema) {
            if !keywords.contains_key("anyOf") && !keywords.contains_key("oneOf") {
                self.value_in(&values, node, shape, problems);
            }
            return;
        }
        if let Some(types) = keywords.get("type") {
            let types: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !types.is_empty() && !types.iter().any(|t| self.fits(t, shape)) {
                problems.push(Problem::WrongType {
                    at: node,
                    expected: types
                        .iter()
                        .filter(|t| **t != "null")
                        .map(|t| expected_type(t, keywords))
                        .collect(),
                });
                return;
            }
        }
        if matches!(shape, Shape::Int | Shape::Float) {
            self.in_range(keywords, node, problems);
        }
        match (&self.tree.node(node).kind, shape) {
            (NodeKind::Mapping(entries), _) => self.map(keywords, node, entries, problems, depth),
            (_, Shape::Empty) if keywords.contains_key("properties") => {
                self.map(keywords, node, &[], problems, depth)
            }
            (NodeKind::Sequence(items), _) => {
                if let Some(item) = keywords.get("items") {
                    for &i in items {
                        self.node(item, i, problems, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether a node of `shape` is of the JSON Schema type `name`.
    fn fits(&self, name: &str, shape: Shape) -> bool {
        match name {
            "object" => matches!(shape, Shape::Map | Shape::Empty),
            "array" => matches!(shape, Shape::List | Shape::Empty),
            "string" => match self.strings {
                Strings::AnyScalar => !matches!(shape, Shape::Map | Shape::List),
                Strings::TextOnly => shape == Shape::Text,
            },
            "integer" => shape == Shape::Int,
            "number" => matches!(shape, Shape::Int | Shape::Float),
            "boolean" => shape == Shape::Bool,
            "null" => matches!(shape, Shape::Null | Shape::Empty),
            _ => true,
        }
    }

    /// The values a schema allows when it is a set of values: `enum`,
    /// `const`, or branches that each are one.
    fn values(&self, schema: &Value) -> Option<Vec<String>> {
        let schema = self.resolve(schema);
        if let Some(Value::Array(values)) = schema.get("enum") {
            return Some(values.iter().map(value_text).collect());
        }
        if let Some(value) = schema.get("const") {
            return Some(vec![value_text(value)]);
        }
        let branches = ["oneOf", "anyOf"]
            .iter()
            .find_map(|c| schema.get(c)?.as_array())?;
        let mut all = Vec::new();
        for branch in branches {
            all.extend(self.values(branch)?);
        }
        Some(all)
    }

    /// A number outside its schema's `minimum` and `maximum`, or outside
    /// the range of its integer `format` (serde's type: `uint8` is a `u8`).
    fn in_range(
        &self,
        keywords: &serde_json::Map<String, Value>,
        node: usize,
        problems: &mut Vec<Problem>,
    ) {
        let Some(value) = self.tree.scalar(node).and_then(number_of) else {
            return;
        };
        let format = keywords.get("format").and_then(Value::as_str);
        let (format_min, format_max) = format.map_or((None, None), format_range);
        let bound = |key: &str| keywords.get(key).and_then(Value::as_f64);
        // The tighter of the two: a `u8` with `maximum: 100` holds 0 to 100.
        let min = [bound("minimum").map(|b| b.ceil() as i128), format_min]
            .into_iter()
            .flatten()
            .max();
        let max = [bound("maximum").map(|b| b.floor() as i128), format_max]
            .into_iter()
            .flatten()
            .min();
        let below = min.is_some_and(|min| value < min as f64);
        let above = max.is_some_and(|max| value > max as f64);
        if below || above {
            // A range the schema names (a radius of 0 to 32) is given
            // whole; a type's own limit only on the side passed ("0 or
            // more", not "0 to 4294967295").
            let named = bound("maximum").is_some_and(|b| Some(b.floor() as i128) != format_max);
            let range = if named {
                (min, max)
            } else if below {
                (min, None)
            } else {
                (None, max)
            };
            problems.push(Problem::OutOfRange {
                at: node,
                range,
                whole: match keywords.get("type") {
                    Some(Value::String(name)) => name == "integer",
                    Some(Value::Array(names)) => names.iter().any(|n| n == "integer"),
                    _ => false,
                },
            });
        }
    }

    fn value_in(&self, values: &[String], node: usize, shape: Shape, problems: &mut Vec<Problem>) {
        match self.tree.scalar(node) {
            // An empty value is serde's to judge (an absent default).
            Some(_) if shape == Shape::Empty => {}
            Some(value) if values.iter().any(|v| v == value) => {}
            Some(_) => problems.push(Problem::UnknownValue {
                at: node,
                allowed: values.to_vec(),
            }),
            None => problems.push(Problem::WrongType {
                at: node,
                expected: vec![format!("one of {}", values.join(", "))],
            }),
        }
    }

    /// `anyOf` / `oneOf`: the node is fine if one branch finds nothing.
    /// Otherwise one clear problem: the values of every branch when they
    /// are sets of values, the problems of the branch the node is shaped
    /// for (the one whose `const` keys it matches, then the one with the
    /// fewest problems), or the shapes no branch has.
    fn one_of(
        &self,
        branches: &[Value],
        node: usize,
        shape: Shape,
        problems: &mut Vec<Problem>,
        depth: usize,
    ) {
        let mut found: Vec<(usize, Vec<Problem>)> = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let mut branch_problems = Vec::new();
            self.node(branch, node, &mut branch_problems, depth + 1);
            if branch_problems.is_empty() {
                return;
            }
            found.push((i, branch_problems));
        }
        let values: Option<Vec<String>> = branches
            .iter()
            .filter(|b| self.resolve(b).get("type") != Some(&Value::from("null")))
            .map(|b| self.values(b))
            .collect::<Option<Vec<_>>>()
            .map(|sets| sets.concat());
        if let Some(values) = values.filter(|v| !v.is_empty()) {
            self.value_in(&values, node, shape, problems);
            return;
        }
        let shaped: Vec<&(usize, Vec<Problem>)> = found
            .iter()
            .filter(
                |(_, p)| !matches!(p.as_slice(), [Problem::WrongType { at, .. }] if *at == node),
            )
            .collect();
        let best = shaped.iter().min_by_key(|(i, p)| {
            let tag_differs = self.tag_differs(&branches[*i], node);
            (tag_differs, p.len())
        });
        match best {
            Some((_, best)) => problems.extend(best.iter().cloned()),
            None => {
                let mut expected: Vec<String> = Vec::new();
                for (_, p) in &found {
                    if let [Problem::WrongType { expected: e, .. }] = p.as_slice() {
                        for e in e {
                            if !expected.contains(e) {
                                expected.push(e.clone());
                            }
                        }
                    }
                }
                problems.push(Problem::WrongType { at: node, expected });
            }
        }
    }

    /// Whether `branch` is a map with a `const` key (a tag such as a
    /// question's `type`) that the map `node` does not match.
    fn tag_differs(&self, branch: &Value, node: usize) -> bool {
        let Some(Value::Object(properties)) = self.resolve(branch).get("properties") else {
            return false;
        };
        let NodeKind::Mapping(entries) = &self.tree.node(node).kind else {
            return false;
        };
        properties.iter().any(|(key, property)| {
            let Some(tag) = property.get("const") else {
                return false;
            };
            let written = entries
                .iter()
                .find(|&&(k, _)| self.tree.scalar(k) == Some(key.as_str()))
                .and_then(|&(_, v)| self.tree.scalar(v));
            written != Some(value_text(tag).as_str())
        })
    }

    fn map(
        &self,
        keywords: &serde_json::Map<String, Value>,
        node: usize,
        entries: &[(usize, usize)],
        problems: &mut Vec<Problem>,
        depth: usize,
    ) {
        let properties = keywords.get("properties").and_then(Value::as_object);
        let additional = keywords.get("additionalProperties");
        let closed = additional == Some(&Value::Bool(false));
        let allowed: Vec<&str> = properties
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        // Keys an unknown key was probably meant to be: their absence is
        // not reported again.
        let mut meant: Vec<&str> = Vec::new();
        for &(key_node, value_node) in entries {
            let Some(key) = self.tree.scalar(key_node) else {
                continue;
            };
            match properties.and_then(|p| p.get(key)) {
                Some(property) => self.node(property, value_node, problems, depth + 1),
                None if closed => {
                    meant.extend(suggest(key, allowed.iter().copied()));
                    problems.push(Problem::UnknownKey {
                        key: key.to_string(),
                        at: key_node,
                        allowed: allowed.iter().map(|k| k.to_string()).collect(),
                        // The root's title is the Rust type's name: only
                        // a part's own title names the map to an author.
                        takes: keywords
                            .get("title")
                            .and_then(Value::as_str)
                            .filter(|_| {
                                !self
                                    .root
                                    .as_object()
                                    .is_some_and(|own| std::ptr::eq(own, keywords))
                            })
                            .map(str::to_string),
                    });
                }
                None => {
                    if let Some(schema @ Value::Object(_)) = additional {
                        self.node(schema, value_node, problems, depth + 1);
                    }
                }
            }
        }
        if let Some(Value::Array(required)) = keywords.get("required") {
            for key in required.iter().filter_map(Value::as_str) {
                let present = entries
                    .iter()
                    .any(|&(k, _)| self.tree.scalar(k) == Some(key));
                if !present && !meant.contains(&key) {
                    problems.push(Problem::MissingKey {
                        key: key.to_string(),
                        map: node,
                    });
                }
            }
        }
    }
}

/// What the node `node` of `tree` is, as serde_yaml reads it.
fn shape_of(tree: &Tree, node: usize) -> Shape {
    match &tree.node(node).kind {
        NodeKind::Mapping(_) => Shape::Map,
        NodeKind::Sequence(_) => Shape::List,
        NodeKind::Alias => Shape::Unknown,
        NodeKind::Scalar {
            value,
            style,
            text,
            tagged,
        } => {
            if *tagged {
                Shape::Unknown
            } else if *style != TScalarStyle::Plain {
                Shape::Text
            } else if value.is_empty() || text.is_empty() && value == "~" {
                // The event parser may give an empty value as `~`.
                Shape::Empty
            } else {
                plain_shape(value)
            }
        }
    }
}

/// What a plain scalar is, as serde_yaml 0.9 reads it.
fn plain_shape(value: &str) -> Shape {
    if matches!(value, "null" | "Null" | "NULL" | "~") {
        Shape::Null
    } else if matches!(
        value,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) {
        Shape::Bool
    } else if is_int(value) {
        Shape::Int
    } else if is_float(value) {
        Shape::Float
    } else {
        Shape::Text
    }
}

/// serde_yaml's integers: decimal, `0x`, `0o`, `0b`, a sign; a leading
/// zero makes text of digits (YAML 1.2).
fn is_int(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    if unsigned.starts_with(['+', '-']) {
        return false;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            return !rest.starts_with(['+', '-']) && i128::from_str_radix(rest, radix).is_ok();
        }
    }
    let leading_zero = unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit());
    !leading_zero && !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit())
}

/// serde_yaml's floats: Rust's, finite, and `.inf`, `.nan` and their kin.
fn is_float(value: &str) -> bool {
    let unsigned = match value.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return false,
        Some(rest) => rest,
        None => value,
    };
    let named = [".inf", ".Inf", ".INF"].contains(&unsigned.trim_start_matches('-'))
        || [".nan", ".NaN", ".NAN"].contains(&value);
    named || unsigned.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The value of a plain integer or float scalar (as [`is_int`] and
/// [`is_float`] read them), near enough to compare with a bound: an integer
/// too long for `i128` is infinite, a NaN is `None`.
fn number_of(value: &str) -> Option<f64> {
    let (negative, unsigned) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    if is_int(value) {
        let (digits, radix) = [("0x", 16), ("0o", 8), ("0b", 2)]
            .iter()
            .find_map(|&(prefix, radix)| Some((unsigned.strip_prefix(prefix)?, radix)))
            .unwrap_or((unsigned, 10));
        return Some(
            i128::from_str_radix(digits, radix).map_or(f64::INFINITY, |n| n as f64) * sign,
        );
    }
    if [".inf", ".Inf", ".INF"].contains(&unsigned) {
        return Some(f64::INFINITY * sign);
    }
    value.parse::<f64>().ok().filter(|n| !n.is_nan())
}

/// The range of an integer `format` as schemars writes it for Rust's
/// integer types (`usize` is `uint`, on the 64-bit machines brandcamp runs
/// on).
fn format_range(format: &str) -> (Option<i128>, Option<i128>) {
    match format {
        "uint8" => (Some(0), Some(u8::MAX.into())),
        "uint16" => (Some(0), Some(u16::MAX.into())),
        "uint32" => (Some(0), Some(u32::MAX.into())),
        "uint64" | "uint" => (Some(0), Some(u64::MAX.into())),
        "int8" => (Some(i8::MIN.into()), Some(i8::MAX.into())),
        "int16" => (Some(i16::MIN.into()), Some(i16::MAX.into())),
        "int32" => (Some(i32::MIN.into()), Some(i32::MAX.into())),
        "int64" | "int" => (Some(i64::MIN.into()), Some(i64::MAX.into())),
        _ => (None, None),
    }
}

/// A range of numbers in a course author's words: "from 0 to 255", "of 0
/// or more".
fn range_words((min, max): (Option<i128>, Option<i128>)) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("of {min} or more"),
        (None, Some(max)) => format!("of {max} or less"),
        (None, None) => String::new(),
    }
}

/// A JSON value of an `enum` as an author writes it.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A JSON Schema type in the words of a course author; a map with a few
/// keys names them.
fn expected_type(name: &str, keywords: &serde_json::Map<String, Value>) -> String {
    let keys: Vec<String> = keywords
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(|k| format!("`{k}`")).collect())
        .unwrap_or_default();
    match keys.split_last() {
        Some((last, rest)) if name == "object" && !rest.is_empty() && keys.len() <= 4 => {
            format!("a map with {} and {last}", rest.join(", "))
        }
        Some((last, [])) if name == "object" => format!("a map with {last}"),
        _ => expected_words(name).to_string(),
    }
}

/// A JSON Schema type in the words of a course author.
fn expected_words(name: &str) -> &str {
    match name {
        "object" => "a map of keys",
        "array" => "a list",
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "`true` or `false`",
        "null" => "nothing",
        other => other,
    }
}

impl Problem {
    /// The node the problem is about.
    pub(crate) fn node(&self) -> usize {
        match self {
            Problem::UnknownKey { at, .. }
            | Problem::WrongType { at, .. }
            | Problem::UnknownValue { at, .. }
            | Problem::OutOfRange { at, .. } => *at,
            Problem::MissingKey { map, .. } => *map,
        }
    }

    /// The diagnostic of this problem of `tree` (the tree of `text`, a part
    /// of `file`), at its place in the file.
    pub(crate) fn diagnostic(&self, tree: &Tree, text: &str, file: &Path) -> Diagnostic {
        let at = |node: usize| Some(tree.in_file(tree.node_position(node)));
        match self {
            Problem::UnknownKey {
                key,
                at: node,
                allowed,
                takes,
            } => {
                let list = allowed.join(", ");
                let hint = match (suggest(key, allowed.iter().map(String::as_str)), takes) {
                    (Some(best), Some(takes)) => {
                        format!("did you mean `{best}`? {takes} takes: {list}")
                    }
                    (Some(best), None) => {
                        format!("did you mean `{best}`? Allowed keys here: {list}")
                    }
                    (None, _) if allowed.is_empty() => "this map takes no keys".to_string(),
                    (None, Some(takes)) => format!("{takes} takes: {list}"),
                    (None, None) => format!("allowed keys here: {list}"),
                };
                Diagnostic::error(file, at(*node), format!("unknown key `{key}`"))
                    .with_width(key.chars().count())
                    .with_hint(hint)
            }
            Problem::MissingKey { key, map } => {
                Diagnostic::error(file, at(*map), format!("missing required key `{key}`"))
                    .with_hint(format!("add `{key}:` with a value"))
            }
            Problem::WrongType { at: node, expected } => {
                let expected = match expected.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => {
                        // "`true`, `false` or a map", not "… or `false` or …".
                        let rest: Vec<String> =
                            rest.iter().map(|e| e.replace("` or `", "`, `")).collect();
                        format!("{} or {last}", rest.join(", "))
                    }
                    None => "something else".to_string(),
                };
                let found = found_words(tree, *node);
                let hint = match tree.scalar(*node) {
                    // A single item where a list goes (`requires: basics`).
                    Some(item) if expected == "a list" => format!(
                        "write a list, even of one item: `[{item}]`, or each item on a line of its own starting with `- `"
                    ),
                    _ => format!("write {expected} here"),
                };
                let diagnostic = Diagnostic::error(
                    file,
                    at(*node),
                    format!("wrong type: expected {expected}, found {found}"),
                )
                .with_hint(hint);
                with_scalar_width(diagnostic, tree, text, *node)
            }
            Problem::UnknownValue { at: node, allowed } => {
                let value = tree.scalar(*node).unwrap_or_default();
                let list = allowed.join(", ");
                let hint = match suggest(value, allowed.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`? Possible values: {list}"),
                    None => format!("possible values: {list}"),
                };
                let diagnostic =
                    Diagnostic::error(file, at(*node), format!("unknown value `{value}`"))
                        .with_hint(hint);
                with_scalar_width(diagnostic, tree, text, *node)
            }
            Problem::OutOfRange {
                at: node,
                range,
                whole,
            } => {
                let value = tree.scalar(*node).unwrap_or_default();
                let kind = if *whole { "a whole number" } else { "a number" };
                let expected = format!("{kind} {}", range_words(*range));
                let diagnostic = Diagnostic::error(
                    file,
                    at(*node),
                    format!("value out of range: expected {expected}, found `{value}`"),
                )
                .with_hint(format!("write {expected} here"));
                with_scalar_width(diagnostic, tree, text, *node)
            }
        }
    }
}

/// What the node `node` is, in the words of serde's messages as the
/// diagnostics have always given them.
fn found_words(tree: &Tree, node: usize) -> String {
    let value = tree.scalar(node).unwrap_or_default();
    match shape_of(tree, node) {
        Shape::Map => "a map".into(),
        Shape::List => "a list".into(),
        Shape::Empty | Shape::Null => "nothing".into(),
        Shape::Bool => format!("boolean `{}`", value.to_lowercase()),
        Shape::Int => format!("integer `{value}`"),
        Shape::Float => format!("floating point `{value}`"),
        Shape::Text | Shape::Unknown => format!("text {value:?}"),
    }
}

/// `diagnostic` underlining the scalar `node` whole, when it is on one line.
pub(crate) fn with_scalar_width(
    diagnostic: Diagnostic,
    tree: &Tree,
    text: &str,
    node: usize,
) -> Diagnostic {
    let n = tree.node(node);
    let NodeKind::Scalar { style, .. } = &n.kind else {
        return diagnostic;
    };
    if matches!(style, TScalarStyle::Literal | TScalarStyle::Folded) {
        return diagnostic;
    }
    match text.get(n.start.byte..n.end) {
        Some(written) if !written.contains('\n') && !written.is_empty() => {
            diagnostic.with_width(written.chars().count())
        }
        _ => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Course {
        title: String,
        pass_mark: Option<u8>,
        review: Option<crate::quiz::Review>,
        certificate: Option<crate::schema::CertificateSetting>,
        xapi: Option<Xapi>,
    }

    #[derive(Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Xapi {
        endpoint: String,
        learner: Option<Learner>,
    }

    #[derive(Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Learner {
        name: Option<String>,
    }

    /// Every problem of `text` read as a `Course`, as (message, line, column).
    fn problems(text: &str) -> Vec<(String, usize, usize)> {
        let tree = Tree::new(text, 1);
        check_tree(schema_of::<Course>(), &tree, Strings::AnyScalar)
            .iter()
            .map(|p| {
                let d = p.diagnostic(&tree, text, Path::new("course.yaml"));
                let at = d.position.expect("a position");
                (d.message, at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn an_unknown_key_two_levels_down_is_found_with_the_others() {
        let text = "title: T\ntitel: U\nxapi:\n  endpoint: e\n  learner:\n    nmae: x\n";
        assert_eq!(
            problems(text),
            [
                ("unknown key `titel`".to_string(), 2, 1),
                ("unknown key `nmae`".to_string(), 6, 5),
            ]
        );
    }

    #[test]
    fn a_missing_key_is_reported_at_the_map_that_lacks_it() {
        assert_eq!(
            problems("pass_mark: 80\nxapi:\n  learner: {}\n"),
            [
                ("missing required key `endpoint`".to_string(), 3, 3),
                ("missing required key `title`".to_string(), 1, 1),
            ]
        );
        // A misspelt required key is reported once, as the misspelling.
        assert_eq!(
            problems("titl: T\n"),
            [("unknown key `titl`".to_string(), 1, 1)]
        );
    }

    #[test]
    fn a_list_where_a_map_goes_is_the_wrong_type() {
        assert_eq!(
            problems("title: T\nxapi: [a, b]\n"),
            [(
                "wrong type: expected a map with `endpoint` and `learner`, found a list"
                    .to_string(),
                2,
                7
            )]
        );
    }

    #[test]
    fn scalars_are_judged_as_serde_yaml_reads_them() {
        // Any scalar is text; a plain number is a number, a quoted one text.
        assert!(problems("title: 42\npass_mark: 0x10\n").is_empty());
        assert_eq!(
            problems("title: T\npass_mark: \"80\"\n"),
            [(
                "wrong type: expected a whole number, found text \"80\"".to_string(),
                2,
                12
            )]
        );
        assert_eq!(
            problems("title: T\npass_mark: 1.5\n")[0].0,
            "wrong type: expected a whole number, found floating point `1.5`"
        );
        // Empty and null values of optional keys are absent ones.
        assert_eq!(problems("title: T\npass_mark:\nxapi: ~\n"), []);
    }

    #[test]
    fn a_number_outside_its_type_is_out_of_range_in_every_way_it_is_written() {
        let expected = "value out of range: expected a whole number";
        for (written, range) in [
            ("-5", "of 0 or more"),
            ("256", "of 255 or less"),
            ("0x100", "of 255 or less"),
            (
                "99999999999999999999999999999999999999999",
                "of 255 or less",
            ),
        ] {
            let found = problems(&format!("title: T\npass_mark: {written}\n"));
            assert_eq!(
                found,
                [(format!("{expected} {range}, found `{written}`"), 2, 12)],
                "{written}"
            );
        }
        for written in ["0", "255", "+7", "0xff", "0o17", "0b101"] {
            assert_eq!(
                problems(&format!("title: T\npass_mark: {written}\n")),
                [],
                "{written}"
            );
        }
        // serde_yaml, which the check would otherwise leave it to, refuses it.
        assert!(serde_yaml::from_str::<Course>("title: T\npass_mark: 256\n").is_err());
    }

    #[test]
    fn a_value_outside_the_enum_is_named_with_the_possible_values() {
        let text = "title: T\nreview: allways\n";
        let tree = Tree::new(text, 1);
        let found = check_tree(schema_of::<Course>(), &tree, Strings::AnyScalar);
        let d = found[0].diagnostic(&tree, text, Path::new("course.yaml"));
        assert_eq!(found.len(), 1);
        assert_eq!(d.message, "unknown value `allways`");
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean `always`? Possible values: after_pass, always, never")
        );
    }

    #[test]
    fn an_any_of_type_accepts_each_of_its_forms_and_reports_one_problem() {
        assert!(problems("title: T\ncertificate: false\n").is_empty());
        assert!(problems("title: T\ncertificate:\n  title: Well done\n").is_empty());
        // A typo inside the map form is reported as such, not as a wrong type.
        assert_eq!(
            problems("title: T\ncertificate:\n  signatroy: A\n"),
            [("unknown key `signatroy`".to_string(), 3, 3)]
        );
        assert_eq!(problems("title: T\ncertificate: maybe\n").len(), 1);
    }

    #[test]
    fn text_only_refuses_a_plain_number_where_text_goes() {
        let text = "title: 42\n";
        let tree = Tree::new(text, 1);
        let found = check_tree(schema_of::<Course>(), &tree, Strings::TextOnly);
        assert!(matches!(found.as_slice(), [Problem::WrongType { .. }]));
    }

    #[test]
    fn aliases_and_tagged_values_are_left_to_serde() {
        let text = "title: &t T\npass_mark: !!int 80\nreview: *t\n";
        assert_eq!(problems(text), []);
        // serde, reading the alias, still refuses the value.
        let Err(err) = crate::yaml::parse::<Course>(text, Path::new("course.yaml")) else {
            panic!("an alias of `T` is no `review` value");
        };
        assert_eq!(err.len(), 1);
        assert!(err[0].message.contains("`T`"), "{}", err[0]);
    }
}
