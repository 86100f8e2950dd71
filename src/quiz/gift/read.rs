//! Reading GIFT into the quiz model: the text is cut into questions at blank
//! lines; each question into its comments, title, text and answer block;
//! each answer block is read by its kind. Every problem is reported at its
//! line and column, and reading goes on with the next question.

use std::collections::HashMap;

use super::text::{
    BadEscape, Char, Format, decode_line, literal, take_format, to_markdown, trim, trim_end,
    trim_start, wildcard_pattern,
};
use super::{BLANK, Read};
use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::quiz::schema::{
    Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, Pair, QuestionKind,
    TextAnswer, TextQuestion, TrueFalseQuestion,
};
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

/// A `%50%` weight, and where its first `%` is.
#[derive(Clone, Copy)]
struct Weight {
    percent: f64,
    at: usize,
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
    pub fn read_all(&mut self) -> Vec<Read> {
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
        self.report_duplicate_ids(&reads);
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

    fn error(&mut self, at: usize, width: usize, message: impl Into<String>, hint: &str) {
        let d = Diagnostic::error(self.source.file, Some(self.position(at)), message)
            .with_width(width)
            .with_hint(hint);
        self.problems.push(d);
    }

    fn warning(&mut self, at: usize, message: impl Into<String>, hint: &str) {
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
                    kind: super::text::CharKind::Plain,
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
            at: start,
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

    /// `%50%` at the start of an answer (after spaces): the weight and
    /// where it is, and the rest. `Err` when it is malformed (reported).
    fn take_weight<'c>(&mut self, chars: &'c [Char]) -> Result<(Option<Weight>, &'c [Char]), ()> {
        let chars = trim_start(chars);
        if !chars.first().is_some_and(|c| c.is('%')) {
            return Ok((None, chars));
        }
        let at = chars[0].at;
        let Some(end) = chars[1..].iter().position(|c| c.is('%')).map(|i| i + 1) else {
            self.error(
                at,
                1,
                "this weight is not closed: expected `%` after the percent",
                "write weights as `%50%`; write `\\%` for a percent sign at the start of an answer",
            );
            return Err(());
        };
        let written = literal(trim(&chars[1..end]));
        match written.parse::<f64>() {
            Ok(w) if w.is_finite() && !written.contains(['e', 'E', 'i', 'I', 'n', 'N']) => {
                Ok((Some(Weight { percent: w, at }), &chars[end + 1..]))
            }
            _ => {
                self.error(
                    at,
                    end + 1,
                    format!(
                        "`{written}` is not a weight: expected a percent such as `%50%` or `%-25%`"
                    ),
                    "a weight is a number between two `%` signs, right after `=` or `~`",
                );
                Err(())
            }
        }
    }

    /// Multiple choice: `=` marks the right answer (one), `~` the others,
    /// `~%50%` partial credit. Without `=`, several answers may be picked,
    /// and the weights of the right ones add up to 100.
    fn read_choices(
        &mut self,
        answers: &[Char],
        open_at: usize,
        format: Format,
    ) -> Option<QuestionKind> {
        let (lead, parts) = split_at_markers(answers, &['=', '~']);
        let mut ok = true;
        if let Some(c) = trim(lead).first() {
            self.error(
                c.at,
                1,
                "expected `=` (the right answer) or `~` (a wrong one) before this answer",
                "start each answer with `=` or `~`; write `\\=` or `\\~` for the signs themselves",
            );
            ok = false;
        }
        let single = parts.iter().any(|(marker, _)| marker.c == '=');
        let mut choices = Vec::new();
        let mut positions = Vec::new();
        for (marker, part) in parts {
            let Ok((weight, part)) = self.take_weight(part) else {
                ok = false;
                continue;
            };
            let (text, feedback) = split_feedback(part);
            let text = markdown_text(text, format);
            let Some(text) = text else {
                self.error(
                    marker.at,
                    1,
                    format!("this answer is empty: expected its text after `{}`", marker.c),
                    "write the answer, or remove the sign (write `\\=`, `\\~` for the signs themselves)",
                );
                ok = false;
                continue;
            };
            let mut choice = Choice {
                text,
                correct: false,
                feedback: feedback.and_then(|f| markdown_text(f, format)),
                weight: None,
            };
            match (marker.c, weight) {
                ('=', Some(Weight { at, .. })) => {
                    self.error(
                        at,
                        1,
                        "a weight after `=`: `=` already marks the right answer (100 %)",
                        "for partial credit, write the weight after `~`: `~%50%answer`",
                    );
                    ok = false;
                }
                ('=', None) => choice.correct = true,
                (_, Some(Weight { percent: w, at })) if !(-100.0..=100.0).contains(&w) => {
                    self.error(
                        at,
                        1,
                        format!("the weight is {w} %: weights go from -100 to 100"),
                        "a weight is the percent of the question's points an answer adds (or, negative, takes away)",
                    );
                    ok = false;
                }
                (_, Some(Weight { percent: w, .. })) if single && w >= 100.0 => {
                    choice.correct = true
                }
                (_, Some(Weight { percent: w, .. })) => choice.weight = Some(w),
                _ => {}
            }
            choices.push(choice);
            positions.push((marker.at, weight.map(|w| w.at)));
        }
        if !ok {
            return None;
        }
        if choices.len() < 2 {
            self.error(
                open_at,
                1,
                format!("a multiple choice question needs at least two answers, this one has {}", choices.len()),
                "add wrong answers `~…`; for a question with one answer to type in, write `{=answer}`",
            );
            return None;
        }
        if single {
            let mut right = choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| i);
            if let (Some(_), Some(second)) = (right.next(), right.next()) {
                self.error(
                    positions[second].1.unwrap_or(positions[second].0),
                    1,
                    "a second right answer: a multiple choice question with `=` has one",
                    "keep one `=`; to let learners tick several answers, leave out `=` and give the right ones weights that add up to 100 (`~%50%`)",
                );
                return None;
            }
            return Some(QuestionKind::Single(ChoiceQuestion { choices }));
        }
        let positive: f64 = choices
            .iter()
            .filter_map(|c| c.weight)
            .filter(|w| *w > 0.0)
            .sum();
        if positive == 0.0 {
            self.error(
                open_at,
                1,
                "no right answer: expected one answer marked `=`, or positive weights",
                "mark the right answer with `=`, or give the right answers weights that add up to 100 (`~%50%`)",
            );
            return None;
        }
        if (positive - 100.0).abs() > 0.01 {
            let first = choices
                .iter()
                .position(|c| c.weight.is_some_and(|w| w > 0.0))
                .and_then(|i| positions[i].1)
                .unwrap_or(open_at);
            self.error(
                first,
                1,
                format!("the positive weights add up to {positive} %, not 100 %"),
                "the weights of the right answers add up to 100 (e.g. `~%50%` and `~%50%`); wrong answers take no weight or a negative one",
            );
            return None;
        }
        Some(QuestionKind::Multiple(ChoiceQuestion { choices }))
    }

    /// `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, then the feedback for a wrong
    /// answer and the feedback for a right one: `{T#wrong#right}`.
    fn read_true_false(&mut self, answers: &[Char], answer: bool, format: Format) -> QuestionKind {
        let mut parts = answers.splitn(3, |c| c.is('#')).skip(1);
        let wrong = parts.next().and_then(|f| markdown_text(f, format));
        let right = parts.next().and_then(|f| markdown_text(f, format));
        let (feedback_true, feedback_false) = if answer {
            (right, wrong)
        } else {
            (wrong, right)
        };
        QuestionKind::TrueFalse(TrueFalseQuestion {
            answer,
            feedback_true,
            feedback_false,
        })
    }

    /// Short answer: `{=answer =other}`, with weights (`=%50%…`), the `*`
    /// wildcard and feedback.
    fn read_short_answer(
        &mut self,
        answers: &[Char],
        open_at: usize,
        format: Format,
    ) -> Option<QuestionKind> {
        let (lead, parts) = split_at_markers(answers, &['=']);
        let mut all: Vec<&[Char]> = Vec::new();
        // Moodle takes text before the first `=` as an answer: `{3}`.
        if !trim(lead).is_empty() {
            all.push(lead);
        }
        all.extend(parts.iter().map(|(_, part)| *part));
        let mut ok = true;
        let mut entries: Vec<TextAnswer> = Vec::new();
        for part in all {
            let Ok((weight, part)) = self.take_weight(part) else {
                ok = false;
                continue;
            };
            if let Some(Weight { percent: w, at }) = weight
                && !(0.0..=100.0).contains(&w)
            {
                self.error(
                    at,
                    1,
                    format!("the weight is {w} %: a short answer is worth from 0 to 100 %"),
                    "a weight is the percent of the question's points this answer earns",
                );
                ok = false;
            }
            let (text, feedback) = split_feedback(part);
            let text = trim(take_format(text).1);
            if text.is_empty() {
                let at = part.first().or(answers.first()).map_or(open_at, |c| c.at);
                self.error(
                    at,
                    1,
                    "this answer is empty: expected the text to accept after `=`",
                    "write the accepted answer, or write `\\=` for an equals sign",
                );
                ok = false;
                continue;
            }
            let wildcard = text.iter().any(|c| c.is('*'));
            entries.push(TextAnswer {
                text: (!wildcard).then(|| literal(text)),
                pattern: wildcard.then(|| wildcard_pattern(text)),
                weight: weight.map(|w| w.percent),
                feedback: feedback.and_then(|f| markdown_text(f, format)),
            });
        }
        if !ok {
            return None;
        }
        if !entries.iter().any(|e| check::full_credit(e.weight)) {
            self.error(
                open_at,
                1,
                "no answer is worth 100 %: expected one full-credit answer",
                "remove the weight of the right answer (`=answer` is worth 100 %)",
            );
            return None;
        }
        // Plain accepted answers are written as `accept` (and one wildcard
        // as `pattern`), as a quiz.yaml author would.
        let simple = entries
            .iter()
            .all(|e| check::full_credit(e.weight) && e.feedback.is_none());
        let patterns = entries.iter().filter(|e| e.pattern.is_some()).count();
        let question = if simple && patterns <= 1 {
            TextQuestion {
                accept: entries.iter().filter_map(|e| e.text.clone()).collect(),
                pattern: entries.iter().find_map(|e| e.pattern.clone()),
                answers: Vec::new(),
            }
        } else {
            TextQuestion {
                accept: Vec::new(),
                pattern: None,
                answers: entries,
            }
        };
        Some(QuestionKind::Text(question))
    }

    /// Numerical: `{#3.14:0.01}`, `{#1..5}`, several answers with weights
    /// and feedback (`{#=1822:0#Right =%50%1822:2#Close}`), and `~#…`, the
    /// feedback for any other number.
    fn read_numeric(
        &mut self,
        answers: &[Char],
        open_at: usize,
        format: Format,
    ) -> Option<QuestionKind> {
        let tilde = answers.iter().position(|c| c.is('~'));
        let (main, other) = match tilde {
            Some(i) => (&answers[..i], Some(&answers[i + 1..])),
            None => (answers, None),
        };
        let mut ok = true;
        let mut other_feedback = None;
        if let Some(other) = other {
            let (head, feedback) = split_feedback(other);
            if let Some(c) = trim(head).first() {
                self.error(
                    c.at,
                    1,
                    "expected `#` and the feedback for other answers after `~`",
                    "in a numerical question, `~#feedback` is shown for any other number; write `\\~` for a tilde",
                );
                ok = false;
            }
            other_feedback = Some(feedback.and_then(|f| markdown_text(f, format)));
        }
        let (lead, parts) = split_at_markers(main, &['=']);
        let mut all: Vec<(usize, &[Char])> = Vec::new();
        if let Some(first) = trim(lead).first() {
            all.push((first.at, lead));
        }
        all.extend(parts.iter().map(|(marker, part)| (marker.at, *part)));
        let mut entries: Vec<NumericAnswer> = Vec::new();
        for (at, part) in all {
            let Ok((weight, part)) = self.take_weight(part) else {
                ok = false;
                continue;
            };
            if let Some(Weight { percent: w, at }) = weight
                && !(0.0..=100.0).contains(&w)
            {
                self.error(
                    at,
                    1,
                    format!("the weight is {w} %: a numerical answer is worth from 0 to 100 %"),
                    "a weight is the percent of the question's points this answer earns",
                );
                ok = false;
            }
            let (value, feedback) = split_feedback(part);
            let Some((answer, tolerance)) = self.read_number_spec(trim(value), at) else {
                ok = false;
                continue;
            };
            entries.push(NumericAnswer {
                answer,
                tolerance,
                weight: weight.map(|w| w.percent),
                feedback: feedback.and_then(|f| markdown_text(f, format)),
            });
        }
        if !ok {
            return None;
        }
        if !entries
            .iter()
            .any(|e| e.answer.is_some() && check::full_credit(e.weight))
        {
            self.error(
                open_at,
                1,
                "no number is worth 100 %: expected an answer such as `{#3.14}`, `{#3.14:0.01}` or `{#1..5}`",
                "give the right number without a weight (or with `%100%`)",
            );
            return None;
        }
        let simple = entries.len() == 1
            && other_feedback.is_none()
            && entries[0].feedback.is_none()
            && entries[0].answer.is_some()
            && check::full_credit(entries[0].weight);
        if simple {
            return Some(QuestionKind::Numeric(NumericQuestion {
                answer: entries[0].answer,
                tolerance: entries[0].tolerance,
                answers: Vec::new(),
            }));
        }
        if let Some(feedback) = other_feedback {
            entries.push(NumericAnswer {
                answer: None,
                tolerance: 0.0,
                weight: Some(0.0),
                feedback,
            });
        }
        Some(QuestionKind::Numeric(NumericQuestion {
            answer: None,
            tolerance: 0.0,
            answers: entries,
        }))
    }

    /// `3.14`, `3.14:0.01`, `1..5` or `*` (any number) as an answer and a
    /// tolerance. `at` is where the answer starts, for an empty one.
    fn read_number_spec(&mut self, value: &[Char], at: usize) -> Option<(Option<f64>, f64)> {
        let Some(first) = value.first() else {
            self.error(
                at,
                1,
                "expected a number: this numerical answer is empty",
                "write a number such as `3.14`, a number and a margin `3.14:0.01`, or a range `1..5`",
            );
            return None;
        };
        let written = literal(value);
        if written == "*" {
            return Some((None, 0.0));
        }
        if let Some((min, max)) = written.split_once("..") {
            let min = self.read_number(min, first.at)?;
            let max = self.read_number(max, first.at)?;
            if min > max {
                self.error(
                    first.at,
                    written.chars().count(),
                    format!("the range `{written}` goes down: expected the lower end first"),
                    "write ranges as `low..high`, e.g. `1..5`",
                );
                return None;
            }
            let middle = min + (max - min) / 2.0;
            return Some((Some(middle), max - middle));
        }
        match value.iter().position(|c| c.is(':')) {
            Some(colon) => {
                let answer = self.read_number(&literal(&value[..colon]), first.at)?;
                let margin_at = value.get(colon + 1).map_or(first.at, |c| c.at);
                let tolerance = self.read_number(&literal(&value[colon + 1..]), margin_at)?;
                if tolerance < 0.0 {
                    self.error(
                        margin_at,
                        1,
                        format!("the margin is {tolerance}: expected a margin of 0 or more"),
                        "write how far from the answer is still right: `3.14:0.01`",
                    );
                    return None;
                }
                Some((Some(answer), tolerance))
            }
            None => Some((Some(self.read_number(&written, first.at)?), 0.0)),
        }
    }

    fn read_number(&mut self, written: &str, at: usize) -> Option<f64> {
        let written = written.trim();
        let number = written
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && !written.contains(['i', 'I', 'n', 'N']));
        if number.is_none() {
            let hint = if written.contains(',') {
                "write decimals with a dot: `3.14`"
            } else {
                "write a number such as `1822`, `3.14` or `-2.5`, a margin `3.14:0.01`, or a range `1..5`"
            };
            self.error(
                at,
                written.chars().count().max(1),
                format!("`{written}` is not a number"),
                hint,
            );
        }
        number
    }

    /// Matching: `{=item -> match =other -> its match = -> extra}`.
    fn read_match(
        &mut self,
        answers: &[Char],
        open_at: usize,
        format: Format,
    ) -> Option<QuestionKind> {
        let (lead, parts) = split_at_markers(answers, &['=']);
        let mut ok = true;
        if let Some(c) = trim(lead).first() {
            self.error(
                c.at,
                1,
                "expected `=` before each pair of a matching question",
                "write pairs as `=item -> match`",
            );
            ok = false;
        }
        let mut pairs: Vec<(usize, Pair)> = Vec::new();
        let mut distractors = Vec::new();
        for (marker, part) in parts {
            if let Some(hash) = part.iter().find(|c| c.is('#')) {
                self.error(
                    hash.at,
                    1,
                    "a matching pair has no feedback",
                    "write `\\#` for a # sign; feedback on the whole question goes after `####`",
                );
                ok = false;
                continue;
            }
            let Some(arrow) = part.windows(2).position(|w| w[0].is('-') && w[1].is('>')) else {
                self.error(
                    marker.at,
                    1,
                    "expected `->` between the item and its match",
                    "write pairs as `=item -> match`; an `=` inside a pair starts a new one (write `\\=`)",
                );
                ok = false;
                continue;
            };
            let left = markdown_text(&part[..arrow], format);
            let right = trim(&part[arrow + 2..]);
            if right.is_empty() {
                self.error(
                    part[arrow].at,
                    2,
                    "expected the match after `->`",
                    "write pairs as `=item -> match`",
                );
                ok = false;
                continue;
            }
            let right = to_markdown(right, format);
            match left {
                Some(left) => pairs.push((marker.at, Pair { left, right })),
                None => distractors.push(right),
            }
        }
        if !ok {
            return None;
        }
        if pairs.len() < 2 {
            self.error(
                open_at,
                1,
                format!(
                    "a matching question needs at least two pairs, this one has {}",
                    pairs.len()
                ),
                "add pairs `=item -> match` (a pair `= -> extra` only adds a wrong match)",
            );
            return None;
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for (at, pair) in &pairs {
            if seen.insert(pair.left.trim(), ()).is_some() {
                self.error(
                    *at,
                    1,
                    format!("the item `{}` is matched twice", pair.left.trim()),
                    "each item has one match: merge the two pairs or reword one",
                );
                ok = false;
            }
        }
        ok.then(|| {
            QuestionKind::Match(MatchQuestion {
                pairs: pairs.into_iter().map(|(_, p)| p).collect(),
                distractors,
            })
        })
    }

    fn report_duplicate_ids(&mut self, reads: &[Read]) {
        let mut seen: HashMap<&str, ()> = HashMap::new();
        let mut twice = Vec::new();
        for read in reads {
            if seen.insert(read.question.id.as_str(), ()).is_some() {
                twice.push((read.at, read.question.id.clone(), read.explicit_id));
            }
        }
        for (at, id, explicit) in twice {
            if explicit {
                self.error(
                    at,
                    1,
                    format!("two questions have the id `{id}`"),
                    "give each question its own `::title::` or `[id:…]`",
                );
            } else {
                self.error(
                    at,
                    1,
                    "this question is written twice (same kind and text)",
                    "remove the copy, or give the two questions different `::title::`s",
                );
            }
        }
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

/// The text before the first plain marker, and each marker with the text up
/// to the next one.
fn split_at_markers<'c>(
    chars: &'c [Char],
    markers: &[char],
) -> (&'c [Char], Vec<(Char, &'c [Char])>) {
    let at: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| markers.iter().any(|m| c.is(*m)))
        .map(|(i, _)| i)
        .collect();
    let lead = &chars[..at.first().copied().unwrap_or(chars.len())];
    let parts = at
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let end = at.get(n + 1).copied().unwrap_or(chars.len());
            (chars[i], &chars[i + 1..end])
        })
        .collect();
    (lead, parts)
}

/// An answer and its feedback, split at the first plain `#`.
fn split_feedback(chars: &[Char]) -> (&[Char], Option<&[Char]>) {
    match chars.iter().position(|c| c.is('#')) {
        Some(i) => (&chars[..i], Some(&chars[i + 1..])),
        None => (chars, None),
    }
}

/// A text with its own `[format]` marker or `default`, as Markdown; `None`
/// when empty.
fn markdown_text(chars: &[Char], default: Format) -> Option<String> {
    let (format, text) = take_format(chars);
    let text = trim(text);
    (!text.is_empty()).then(|| to_markdown(text, format.unwrap_or(default)))
}

/// The answer of `{T}`, `{TRUE}`, `{F}` or `{FALSE}` (before any feedback).
fn true_false_answer(answers: &[Char]) -> Option<bool> {
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
