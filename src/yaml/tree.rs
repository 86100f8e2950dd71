//! The span tree of a YAML text: every node with where it is written, maps
//! with their keys in order, sequences with their items. It is built once
//! per text, in the one pass of the YAML event parser that also checks
//! what serde_yaml lets pass (a key given twice, a second document), and
//! kept with the text (see [`crate::sources::Sources::yaml`]): every later
//! question of "where is this written?" is answered from it.
//!
//! A text that is not well-formed YAML gives the tree of what was read
//! before the error: serde_yaml reports the error, and the nodes before it
//! can still be located.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::Step;
use crate::diagnostics::Position;

/// How many YAML texts the event parser has read in this process: a build
/// reads each once (tests/read_once.rs holds it to that).
static TEXTS_PARSED: AtomicUsize = AtomicUsize::new(0);

/// How many YAML texts have been parsed into span trees so far in this
/// process.
pub fn texts_parsed() -> usize {
    TEXTS_PARSED.load(Ordering::Relaxed)
}

/// Where a node starts: the byte offset in the text given to
/// [`Tree::new`] (a byte-order mark included), and its line and column
/// (from 1, columns in characters) in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub byte: usize,
    pub position: Position,
}

/// One node of the tree.
#[derive(Debug)]
pub struct Node {
    pub start: Mark,
    /// Byte offset where the node ends: after a scalar's text (and its
    /// closing quote), at the token that closes a collection.
    pub end: usize,
    pub kind: NodeKind,
}

#[derive(Debug)]
pub enum NodeKind {
    Scalar {
        /// The value as parsed (escapes resolved, block indentation removed).
        value: String,
        style: TScalarStyle,
        /// The bytes of the value's text (inside the quotes of a quoted
        /// value, below the `|` or `>` line of a block value).
        text: Range<usize>,
        /// Whether a tag (`!!str`, `!custom`) is written before it.
        tagged: bool,
    },
    Alias,
    /// The items, as indices of nodes.
    Sequence(Vec<usize>),
    /// The entries in the order written: (key node, value node).
    Mapping(Vec<(usize, usize)>),
}

/// What serde_yaml would let pass, found while the tree is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Structure {
    /// A key given twice in one map: the second, and the line of the first.
    KeyTwice {
        key: String,
        at: Position,
        first_line: usize,
    },
    /// A second document starts at `at`.
    SecondDocument { at: Position },
}

/// The span tree of one YAML text.
#[derive(Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    root: Option<usize>,
    /// The line of its file where the text starts (1 for a whole file).
    first_line: usize,
    /// The first structural problem met, if any.
    pub(crate) structure: Option<Structure>,
    /// How many lines the text has, and the length in characters of its
    /// last one: a position the parser gives past the end is brought back.
    lines: usize,
    last_line_chars: usize,
    /// A hash of the text, to tell a kept tree of embedded YAML from one of
    /// another text at the same line.
    pub(crate) fingerprint: u64,
    /// Whether the parser stopped at a syntax error (the tree is then what
    /// was read before it).
    broken: bool,
    /// The deepest nesting of collections met.
    depth: usize,
}

/// A collection being read.
struct Open {
    node: usize,
    /// For a map: the key read, waiting for its value.
    key: Option<usize>,
    /// For a map: its keys so far, with the line of each, to find one
    /// given twice.
    keys: Option<HashMap<String, usize>>,
}

impl Tree {
    /// Parses `text`, which starts on line `first_line` of its file.
    pub fn new(text: &str, first_line: usize) -> Tree {
        TEXTS_PARSED.fetch_add(1, Ordering::Relaxed);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let source = &text[bom..];
        let mut lines = Lines::new(source);
        let mut tree = Tree {
            nodes: Vec::new(),
            root: None,
            first_line: first_line.max(1),
            structure: None,
            lines: source.split('\n').count(),
            last_line_chars: source
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .trim_end_matches('\r')
                .chars()
                .count(),
            fingerprint: crate::quiz::fnv1a(&[text.as_bytes()]),
            broken: false,
            depth: 0,
        };
        let mut open: Vec<Open> = Vec::new();
        let mut documents = 0;
        // Pulled one event at a time (the library's own loader recurses
        // once per level of nesting, which deep input would overflow).
        let mut parser = Parser::new_from_str(source);
        let mut end_mark = None;
        loop {
            let (event, mark) = match parser.next_token() {
                Ok((Event::StreamEnd, mark)) => {
                    end_mark = Some(mark);
                    break;
                }
                Ok(event) => event,
                Err(e) => {
                    end_mark = Some(*e.marker());
                    tree.broken = true;
                    break;
                }
            };
            let position = tree.clamp(Position::new(mark.line(), mark.col() + 1));
            match event {
                Event::DocumentStart => {
                    documents += 1;
                    if documents > 1 {
                        tree.structure
                            .get_or_insert(Structure::SecondDocument { at: position });
                        break;
                    }
                }
                Event::Scalar(value, style, _, tag) => {
                    if let Some(Open {
                        key: None,
                        keys: Some(keys),
                        ..
                    }) = open.last_mut()
                    {
                        if let Some(first) = keys.get(&value) {
                            tree.structure.get_or_insert(Structure::KeyTwice {
                                key: value.clone(),
                                at: position,
                                first_line: *first,
                            });
                        } else {
                            keys.insert(value.clone(), mark.line());
                        }
                    }
                    let start = lines.mark(source, mark, bom);
                    let text_range = scalar_range(source, start.byte - bom, &value, style)
                        .map_or(start.byte..start.byte, |r| r.start + bom..r.end + bom);
                    let end = match style {
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                            text_range.end + 1
                        }
                        _ => text_range.end,
                    };
                    let node = tree.push(Node {
                        start,
                        end,
                        kind: NodeKind::Scalar {
                            value,
                            style,
                            text: text_range,
                            tagged: tag.is_some(),
                        },
                    });
                    tree.attach(&mut open, node);
                }
                Event::Alias(_) => {
                    let start = lines.mark(source, mark, bom);
                    let node = tree.push(Node {
                        start,
                        end: start.byte,
                        kind: NodeKind::Alias,
                    });
                    tree.attach(&mut open, node);
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let map = matches!(event, Event::MappingStart(..));
                    let start = lines.mark(source, mark, bom);
                    let node = tree.push(Node {
                        start,
                        end: start.byte,
                        kind: if map {
                            NodeKind::Mapping(Vec::new())
                        } else {
                            NodeKind::Sequence(Vec::new())
                        },
                    });
                    open.push(Open {
                        node,
                        key: None,
                        keys: map.then(HashMap::new),
                    });
                    tree.depth = tree.depth.max(open.len());
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if let Some(closed) = open.pop() {
                        tree.nodes[closed.node].end = lines.mark(source, mark, bom).byte;
                        tree.attach(&mut open, closed.node);
                    }
                }
                _ => {}
            }
        }
        // What was left open by an error (or a second document) ends there.
        let end = end_mark.map_or(text.len(), |m| lines.mark(source, m, bom).byte);
        while let Some(closed) = open.pop() {
            tree.nodes[closed.node].end = end;
            tree.attach(&mut open, closed.node);
        }
        tree
    }

    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Puts a whole node in the collection that holds it.
    fn attach(&mut self, open: &mut [Open], node: usize) {
        let Some(parent) = open.last_mut() else {
            self.root.get_or_insert(node);
            return;
        };
        match &mut self.nodes[parent.node].kind {
            NodeKind::Sequence(items) => items.push(node),
            NodeKind::Mapping(entries) => match parent.key.take() {
                None => parent.key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            _ => {}
        }
    }

    /// The root node, when the text is one well-formed document that
    /// serde_yaml reads without hitting its recursion limit: the tree a
    /// schema check may judge.
    pub(crate) fn checkable_root(&self) -> Option<usize> {
        // serde_yaml refuses nesting deeper than 128, with its own message.
        let readable = !self.broken && self.structure.is_none() && self.depth < 120;
        self.root.filter(|_| readable)
    }

    /// The node at `path`, if it is written.
    pub(crate) fn node_at(&self, path: &[Step<'_>]) -> Option<usize> {
        self.walk(path).map(|(node, _)| node)
    }

    /// The scalar that starts at `position` (a line of the text), if one
    /// does.
    pub(crate) fn scalar_at(&self, position: Position) -> Option<usize> {
        self.nodes.iter().position(|node| {
            matches!(node.kind, NodeKind::Scalar { .. }) && node.start.position == position
        })
    }

    /// Where the node `index` starts, as a line of the text; a block map
    /// at its first key, where its first line is (its start mark points
    /// past that key).
    pub(crate) fn node_position(&self, index: usize) -> Position {
        let node = match &self.nodes[index].kind {
            NodeKind::Mapping(entries) => match entries.first() {
                Some(&(first, _)) if self.scalar(first).is_some() => first,
                _ => index,
            },
            _ => index,
        };
        self.clamp(self.nodes[node].start.position)
    }

    /// The line of its file where the text starts.
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    /// The root node, if the text holds one.
    pub fn root(&self) -> Option<&Node> {
        self.root.map(|i| &self.nodes[i])
    }

    /// The node `index` (as `NodeKind` gives children).
    pub fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// The value of the scalar node `index`, if it is one.
    pub fn scalar(&self, index: usize) -> Option<&str> {
        match &self.nodes[index].kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The keys of the map at `path` (keys that are not text left out),
    /// each with its node, in the order written.
    pub fn keys(&self, path: &[Step<'_>]) -> Vec<(&str, usize)> {
        let Some((node, _)) = self.walk(path) else {
            return Vec::new();
        };
        match &self.nodes[node].kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .filter_map(|&(k, _)| Some((self.scalar(k)?, k)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The node at `path`, and the key node of its last step when that step
    /// is a key.
    fn walk(&self, path: &[Step<'_>]) -> Option<(usize, Option<usize>)> {
        let mut node = self.root?;
        let mut key = None;
        for step in path {
            (node, key) = match (&self.nodes[node].kind, step) {
                (NodeKind::Sequence(items), Step::Index(i)) => (*items.get(*i)?, None),
                (NodeKind::Mapping(entries), Step::Key(want)) => entries
                    .iter()
                    .find(|&&(k, _)| self.scalar(k) == Some(*want))
                    .map(|&(k, v)| (v, Some(k)))?,
                _ => return None,
            };
        }
        Some((node, key))
    }

    /// Where the node at `path` starts, as a line of the text: a key's
    /// value at its key, a map at its first key (see
    /// [`Self::node_position`]); `None` if the path does not exist.
    pub fn locate(&self, path: &[Step<'_>]) -> Option<Position> {
        let (node, key) = self.walk(path)?;
        Some(self.node_position(key.unwrap_or(node)))
    }

    /// Where the deepest node of `path` that exists starts: a missing key
    /// is reported at the map that lacks it.
    pub(crate) fn locate_nearest(&self, path: &[Step<'_>]) -> Option<Position> {
        (0..=path.len()).rev().find_map(|n| self.locate(&path[..n]))
    }

    /// Like [`Self::locate`], as a line of the file the text is in.
    pub fn locate_in_file(&self, path: &[Step<'_>]) -> Option<Position> {
        self.locate(path).map(|p| self.in_file(p))
    }

    /// A position of the text as a position of its file.
    pub(crate) fn in_file(&self, p: Position) -> Position {
        Position::new(p.line + self.first_line - 1, p.column)
    }

    /// Every string value that is not a key, in document order, with the
    /// key it belongs to (for a list item, the key of the list).
    pub fn text_values(&self) -> Vec<super::TextValue> {
        let mut found = Vec::new();
        if let Some(root) = self.root {
            // By hand, not by recursion: deep input would overflow.
            let mut stack: Vec<(usize, Option<&str>)> = vec![(root, None)];
            while let Some((node, key)) = stack.pop() {
                match &self.nodes[node].kind {
                    NodeKind::Scalar { value, text, .. } => found.push(super::TextValue {
                        key: key.map(str::to_string),
                        value: value.clone(),
                        range: text.clone(),
                    }),
                    NodeKind::Alias => {}
                    NodeKind::Sequence(items) => {
                        stack.extend(items.iter().rev().map(|&i| (i, key)));
                    }
                    NodeKind::Mapping(entries) => {
                        for &(k, v) in entries.iter().rev() {
                            stack.push((v, self.scalar(k)));
                        }
                    }
                }
            }
        }
        found
    }

    /// A position inside the text: the YAML library may place the end of
    /// the input on a line after the last one, and counts a lone carriage
    /// return (old Mac line endings) as a line break where the rest of
    /// brandcamp counts line feeds.
    fn clamp(&self, position: Position) -> Position {
        if position.line <= self.lines {
            return position;
        }
        Position::new(self.lines, self.last_line_chars + 1)
    }
}

/// Turns the parser's marks (line and column in characters) into byte
/// offsets, walking forward from the last mark when it can.
struct Lines {
    starts: Vec<usize>,
    /// The last mark turned: its line, column and byte.
    last: (usize, usize, usize),
}

impl Lines {
    fn new(source: &str) -> Self {
        Lines {
            starts: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            last: (0, 0, 0),
        }
    }

    fn mark(&mut self, source: &str, mark: Marker, bom: usize) -> Mark {
        let (line, col) = (mark.line(), mark.col());
        let byte = match self.starts.get(line.saturating_sub(1)) {
            None => source.len(),
            Some(&line_start) => {
                let (from_col, from_byte) = if self.last.0 == line && self.last.1 <= col {
                    (self.last.1, self.last.2)
                } else {
                    (0, line_start)
                };
                source[from_byte..]
                    .char_indices()
                    .nth(col - from_col)
                    .map_or(source.len(), |(i, _)| from_byte + i)
            }
        };
        self.last = (line, col, byte);
        Mark {
            byte: byte + bom,
            position: Position::new(line, col + 1),
        }
    }
}

/// Where the text of a scalar starting at `start` ends in `source`.
fn scalar_range(
    source: &str,
    start: usize,
    value: &str,
    style: TScalarStyle,
) -> Option<Range<usize>> {
    let rest = source.get(start..)?;
    match style {
        TScalarStyle::SingleQuoted => {
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        return Some(start + 1..start + i);
                    }
                }
            }
            None
        }
        TScalarStyle::DoubleQuoted => {
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => return Some(start + 1..start + i),
                    _ => {}
                }
            }
            None
        }
        TScalarStyle::Plain => Some(start..start + follow(rest, value)),
        TScalarStyle::Literal | TScalarStyle::Folded => {
            // The parser places a block value at its text; should it place
            // it at the `|` or `>` indicator, the text starts on the next line.
            let body = if rest.starts_with(['|', '>']) {
                rest.find('\n').map_or(rest.len(), |i| i + 1)
            } else {
                0
            };
            Some(start + body..start + body + follow(&rest[body..], value))
        }
    }
}

/// How many bytes of `source` spell out `value`, where any white space of
/// the value may be any run of white space in the source (folded lines,
/// indentation).
fn follow(source: &str, value: &str) -> usize {
    let mut end = 0;
    let mut chars = source.char_indices().peekable();
    for v in value.chars() {
        if v.is_whitespace() {
            continue;
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            Some((i, c)) if c == v => end = i + c.len_utf8(),
            _ => break,
        }
    }
    end
}
