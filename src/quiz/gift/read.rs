//! Reading GIFT into the quiz model: the text is cut into questions at blank
//! lines, and each question into its comments, title, text and answer block
//! (read by its kind in `answers`). Every problem is reported at its line
//! and column, and reading goes on with the next question.

use super::text::{
    BadEscape, Char, CharKind, Format, decode_line, literal, markdown_text, take_format,
    to_markdown, trim, trim_end, trim_start, true_false_answer,
};
use super::{BLANK, Read};
use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::quiz::{Question, Source, check, derived_id};

/// What one block of lines between blank lines turned out to be.
enum Block {
    /// Comments, a `$CATEGORY:` line.
    Nothing,
    /// A description or an essay: reported, not a question of the pool.
    Skipped,
    /// A question with problems (reported). `unclosed`: its answer block
    /// was still open at the blank line that ended it.
    Failed {
        unclosed: bool,
    },
    Question(Box<Read>),
}

/// The `[id:…]` and `[tag:…]` of a question.
#[derive(Default)]
struct Meta {
    id: Option<String>,
}

pub(super) struct Reader<'a> {
    source: Source<'a>,
    lines: LineIndex<'a>,
    pub problems: Vec<Diagnostic>,
    /// Questions and failed questions: the pool a quiz draws from.
    pub pool: usize,
}

impl<'a> Reader<'a> {
    pub fn new(source: Source<'a>) -> Self {
        Reader {
            source,
            lines: LineIndex::new(source.text),
            problems: Vec::new(),
            pool: 0,
        }
    }

    /// Reads every question of the text.
    pub(crate) fn read_all(&mut self) -> Vec<Read> {
        let text = self.source.text;
        let mut offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut blocks: Vec<Vec<(usize, &str)>> = Vec::new();
        let mut block: Vec<(usize, &str)> = Vec::new();
        for line in text[offset..].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let content = line.strip_suffix('\n').unwrap_or(line);
            let content = content.strip_suffix('\r').unwrap_or(content);
            if content.trim().is_empty() {
                if !block.is_empty() {
                    blocks.push(std::mem::take(&mut block));
                }
            } else {
                block.push((start, content));
            }
        }
        if !block.is_empty() {
            blocks.push(block);
        }

        let mut reads = Vec::new();
        let mut after_unclosed = false;
        for block in &blocks {
            let outcome = self.read_block(block, after_unclosed);
            after_unclosed = false;
            match outcome {
                Block::Nothing | Block::Skipped => {}
                Block::Failed { unclosed } => {
                    self.pool += 1;
                    after_unclosed = unclosed;
                }
                Block::Question(read) => {
                    self.pool += 1;
                    reads.push(*read);
                }
            }
        }
        reads
    }

    fn position(&self, at: usize) -> Position {
        let p = self.lines.position(at);
        // A byte order mark is not a column an editor shows.
        let bom = p.line == 1 && self.source.text.starts_with('\u{feff}');
        let column = if bom {
            p.column.saturating_sub(1).max(1)
        } else {
            p.column
        };
        Position::new(p.line + self.source.line_offset, column)
    }

    pub(super) fn error(
        &mut self,
        at: usize,
        width: usize,
        message: impl Into<String>,
        hint: &str,
    ) {
        let d = Diagnostic::error(self.source.file, Some(self.position(at)), message)
            .with_width(width)
            .with_hint(hint);
        self.problems.push(d);
    }

    pub(super) fn warning(&mut self, at: usize, message: impl Into<String>, hint: &str) {
        let d =
            Diagnostic::warning(self.source.file, Some(self.position(at)), message).with_hint(hint);
        self.problems.push(d);
    }

    fn read_block(&mut self, lines: &[(usize, &str)], after_unclosed: bool) -> Block {
        let mut meta = Meta::default();
        let mut ok = true;
        let mut body: Vec<(usize, &str)> = Vec::new();
        for &(start, line) in lines {
            let indent = line.len() - line.trim_start().len();
            if line.trim_start().starts_with("//") {
                ok &= self.read_comment(&line[indent..], start + indent, &mut meta);
            } else {
                body.push((start, line));
            }
        }
        // A `$CATEGORY:` line says where Moodle files the questions that
        // follow; a course has no such thing.
        if let Some((_, first)) = body.first()
            && first.trim_start().starts_with("$CATEGORY:")
        {
            body.remove(0);
        }
        if body.is_empty() {
            return Block::Nothing;
        }

        let mut chars: Vec<Char> = Vec::new();
        let mut bad: Vec<BadEscape> = Vec::new();
        for (i, &(start, line)) in body.iter().enumerate() {
            if i > 0 {
                chars.push(Char {
                    c: '\n',
                    at: start.saturating_sub(1),
                    kind: CharKind::Plain,
                });
            }
            bad.extend(decode_line(line, start, &mut chars));
        }
        if after_unclosed
            && chars
                .iter()
                .find(|c| c.is('{') || c.is('}'))
                .is_some_and(|c| c.is('}'))
        {
            // The rest of a question cut in two by a blank line: reported
            // with its first half.
            return Block::Failed { unclosed: false };
        }
        for escape in bad {
            match escape.next {
                Some(c) => self.error(
                    escape.at,
                    2,
                    format!("unknown escape `\\{c}`"),
                    "GIFT escapes `\\~ \\= \\# \\{ \\} \\:` and `\\\\` (a backslash), and `\\n` is a line break; write `\\\\` for a backslash",
                ),
                None => self.error(
                    escape.at,
                    1,
                    "a backslash ends the line: expected the character it escapes",
                    "write `\\\\` for a backslash, and `\\n` for a line break",
                ),
            }
            ok = false;
        }
        self.read_question(&chars, meta, ok)
    }

    /// Reads the `[id:…]` and `[tag:…]` of a comment line (`line` starts at
    /// byte `start`). Returns whether they are well formed.
    fn read_comment(&mut self, line: &str, start: usize, meta: &mut Meta) -> bool {
        let mut ok = true;
        let mut search = 0;
        while let Some(found) = line[search..].find('[') {
            let open = search + found;
            let rest = &line[open..];
            let is_id = rest.starts_with("[id:");
            if !is_id && !rest.starts_with("[tag:") {
                search = open + 1;
                continue;
            }
            let content_start = open + if is_id { 4 } else { 5 };
            match bracket_content(&line[content_start..]) {
                Some((value, len)) => {
                    if is_id {
                        ok &= self.set_id(meta, value, start + open);
                    }
                    search = content_start + len;
                }
                None => {
                    self.error(
                        start + open,
                        if is_id { 4 } else { 5 },
                        format!(
                            "`{}` is not closed: expected `]`",
                            &rest[..if is_id { 4 } else { 5 }]
                        ),
                        "write `[id:my-id]` or `[tag:my-tag]`; write `\\]` for a bracket inside",
                    );
                    return false;
                }
            }
        }
        ok
    }

    fn set_id(&mut self, meta: &mut Meta, value: String, at: usize) -> bool {
        let value = value.trim().to_string();
        if value.is_empty() {
            self.error(at, 4, "the id is empty", "write `[id:m1-q3]`, or remove it");
            return false;
        }
        if meta.id.is_some() {
            self.error(
                at,
                4,
                "a second `[id:…]` for this question",
                "a question has one id: remove one of them",
            );
            return false;
        }
        meta.id = Some(value);
        true
    }

    fn read_question(&mut self, chars: &[Char], mut meta: Meta, mut ok: bool) -> Block {
        let mut rest = trim_start(chars);
        // `[id:…]` and `[tag:…]` before the title, as some tools write them.
        loop {
            let tag = if starts_with(rest, "[id:") {
                4
            } else if starts_with(rest, "[tag:") {
                5
            } else {
                break;
            };
            let Some(close) = rest.iter().position(|c| c.is(']')) else {
                self.error(
                    rest[0].at,
                    tag,
                    "this bracket is not closed: expected `]`",
                    "write `[id:my-id]` or `[tag:my-tag]`",
                );
                return Block::Failed { unclosed: false };
            };
            if tag == 4 {
                let at = rest[0].at;
                ok &= self.set_id(&mut meta, literal(&rest[4..close]), at);
            }
            rest = trim_start(&rest[close + 1..]);
        }

        let mut title = None;
        if starts_with(rest, "::") {
            let end = (2..rest.len())
                .find(|&i| rest[i].is(':') && rest.get(i + 1).is_some_and(|c| c.is(':')));
            let Some(end) = end else {
                self.error(
                    rest[0].at,
                    2,
                    "this title is not closed: expected `::` after it",
                    "close the title with `::` (`::Title:: Question text {…}`), or write `\\:` for a colon",
                );
                return Block::Failed { unclosed: false };
            };
            let name = literal(trim(&rest[2..end]));
            if !name.is_empty() {
                title = Some(name);
            }
            rest = &rest[end + 2..];
        }
        let Some(start) = trim_start(rest).first().map(|c| c.at) else {
            let at = chars.first().map_or(0, |c| c.at);
            self.warning(
                at,
                "a title with no question: left out",
                "write the question and its answer block `{…}` after the title",
            );
            return Block::Skipped;
        };

        // The answer block: the one pair of braces.
        let (mut open, mut close) = (None, None);
        let mut depth = 0;
        for (i, c) in rest.iter().enumerate() {
            if c.is('{') {
                match (open, close) {
                    (None, _) => open = Some(i),
                    (Some(_), None) => {
                        if depth == 0 {
                            self.error(
                                c.at,
                                1,
                                "a `{` inside an answer block: expected `}` first",
                                "close the answer block before opening another, or write `\\{` for a brace",
                            );
                            ok = false;
                        }
                        depth += 1;
                    }
                    (Some(_), Some(_)) => {
                        if depth == 0 {
                            self.error(
                                c.at,
                                1,
                                "a second answer block: a question has one",
                                "put a blank line before this text to make it a question of its own, or write `\\{` and `\\}` for braces",
                            );
                            ok = false;
                        }
                        depth += 1;
                    }
                }
            } else if c.is('}') {
                if depth > 0 {
                    depth -= 1;
                } else if open.is_some() && close.is_none() {
                    close = Some(i);
                } else {
                    self.error(
                        c.at,
                        1,
                        "`}` closes no answer block",
                        "remove it, or write `\\}` for a brace",
                    );
                    ok = false;
                }
            }
        }
        let (open, close) = match (open, close) {
            (None, _) => {
                if ok {
                    self.warning(
                        start,
                        "this question has no answer block `{…}`: it is a description, left out",
                        "add an answer block to ask something (`{=right ~wrong}`), or make the text a `//` comment",
                    );
                    return Block::Skipped;
                }
                return Block::Failed { unclosed: false };
            }
            (Some(open), None) => {
                self.error(
                    rest[open].at,
                    1,
                    "this answer block is not closed: expected `}`",
                    "close it with `}` before the next blank line (a blank line ends a question: write `\\n` for a line break), or write `\\{` for a brace",
                );
                return Block::Failed { unclosed: true };
            }
            (Some(open), Some(close)) => (open, close),
        };
        let open_at = rest[open].at;

        // The text, with a blank where the answer block was unless it ends
        // the question (GIFT's "missing word").
        let (format, before) = take_format(&rest[..open]);
        let format = format.unwrap_or(Format::Markdown);
        let after = trim_end(&rest[close + 1..]);
        let prompt = if after.is_empty() {
            to_markdown(trim(before), format)
        } else {
            format!(
                "{}{BLANK}{}",
                to_markdown(before, format),
                to_markdown(after, format)
            )
        };

        // General feedback: after the last `####`.
        let inner = &rest[open + 1..close];
        let general = (0..inner.len().saturating_sub(3))
            .rev()
            .find(|&i| inner[i..i + 4].iter().all(|c| c.is('#')));
        let (answers, explanation) = match general {
            Some(i) => (&inner[..i], markdown_text(&inner[i + 4..], format)),
            None => (inner, None),
        };
        let answers = trim(answers);

        if answers.is_empty() {
            self.warning(
                open_at,
                "an essay question (empty answer block) cannot be graded in the browser: left out",
                "give the expected answers (`{=answer}`), or ask it outside the quiz",
            );
            return Block::Skipped;
        }
        if prompt.trim().is_empty() {
            self.error(
                open_at,
                1,
                "this question has no text before its answer block",
                "write the question, then its answers: `What colour is the logo? {=blue ~red}`",
            );
            ok = false;
        }

        let kind = if answers[0].is('#') {
            self.read_numeric(&answers[1..], open_at, format)
        } else if answers.iter().any(|c| c.is('~')) {
            self.read_choices(answers, open_at, format)
        } else if answers.iter().any(|c| c.is('='))
            && answers.windows(2).any(|w| w[0].is('-') && w[1].is('>'))
        {
            self.read_match(answers, open_at, format)
        } else if let Some(answer) = true_false_answer(answers) {
            Some(self.read_true_false(answers, answer, format))
        } else {
            let head = answers
                .iter()
                .position(|c| c.is('#'))
                .unwrap_or(answers.len());
            let word = literal(trim(&answers[..head]));
            if ["t", "true", "f", "false"].contains(&word.to_lowercase().as_str()) {
                self.warning(
                    answers[0].at,
                    format!("`{word}` is read as the short answer \"{word}\", not as true or false"),
                    "write `{T}`, `{TRUE}`, `{F}` or `{FALSE}` in capitals for a true/false question",
                );
            }
            self.read_short_answer(answers, open_at, format)
        };
        let Some(kind) = kind else {
            return Block::Failed { unclosed: false };
        };
        if !ok {
            return Block::Failed { unclosed: false };
        }
        let explicit_id = meta.id.is_some() || title.is_some();
        let question = Question {
            id: meta
                .id
                .or(title)
                .unwrap_or_else(|| derived_id(kind.name(), &prompt)),
            prompt,
            points: 1,
            hint: None,
            explanation,
            kind,
        };
        if !self.passes_model_checks(&question, start) {
            return Block::Failed { unclosed: false };
        }
        Block::Question(Box::new(Read {
            question,
            position: self.position(start),
            explicit_id,
        }))
    }

    /// The rules of the quiz model (those of quiz.yaml), for what the GIFT
    /// checks above do not already cover; reported at the question.
    fn passes_model_checks(&mut self, question: &Question, at: usize) -> bool {
        let found = crate::diagnostics::Diagnostics::new();
        let source = Source {
            text: "",
            file: self.source.file,
            line_offset: 0,
            tree: None,
        };
        if check::check_question(question, source, &[], &found) {
            return true;
        }
        let position = self.position(at);
        let kind = question.kind.name();
        for mut d in found.into_sorted() {
            d.position = Some(position);
            d.hint = Some(format!(
                "this question is read as a `{kind}` question of quiz.yaml, which has this rule (see docs/gift.md)"
            ));
            self.problems.push(d);
        }
        false
    }
}

/// The content of `[id:…]` up to its `]` (`\]` and `\\` are escapes), and
/// the length read including the `]`.
fn bracket_content(text: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ']' => return Some((value, i + 1)),
            '\\' => match chars.next() {
                Some((_, e)) => value.push(e),
                None => value.push('\\'),
            },
            c => value.push(c),
        }
    }
    None
}

fn starts_with(chars: &[Char], prefix: &str) -> bool {
    let mut i = 0;
    for p in prefix.chars() {
        match chars.get(i) {
            Some(c) if c.is(p) => i += 1,
            _ => return false,
        }
    }
    true
}
