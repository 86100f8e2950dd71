//! Reading the answer block of a question by its kind: multiple choice,
//! true/false, short answer, numerical, matching. Each problem is reported
//! at its character.

use std::collections::HashMap;

use super::read::Reader;
use super::text::{
    Char, Format, literal, markdown_text, take_format, to_markdown, trim, trim_start,
    wildcard_pattern,
};
use crate::quiz::check;
use crate::quiz::schema::{
    Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, Pair, QuestionKind,
    TextAnswer, TextQuestion, TrueFalseQuestion,
};

/// A `%50%` weight, and where its first `%` is.
#[derive(Clone, Copy)]
struct Weight {
    percent: f64,
    at: usize,
}
impl Reader<'_> {
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
    pub(super) fn read_choices(
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
    pub(super) fn read_true_false(
        &mut self,
        answers: &[Char],
        answer: bool,
        format: Format,
    ) -> QuestionKind {
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
    pub(super) fn read_short_answer(
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
        let plain = entries
            .iter()
            .all(|e| check::full_credit(e.weight) && e.feedback.is_none());
        let question = TextQuestion::from_answers(entries, plain);
        Some(QuestionKind::Text(question))
    }

    /// Numerical: `{#3.14:0.01}`, `{#1..5}`, several answers with weights
    /// and feedback (`{#=1822:0#Right =%50%1822:2#Close}`), and `~#…`, the
    /// feedback for any other number.
    pub(super) fn read_numeric(
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
    pub(super) fn read_match(
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
