//! Writing the quiz model as GIFT, so that reading it back gives the same
//! questions. Texts are Markdown, so each question text is marked
//! `[markdown]` (Moodle then reads its answers and feedback as Markdown too).
//! What GIFT cannot say is reported as an [`ExportNote`].

use super::BLANK;
use super::text::{WildcardPart, escape, pattern_as_wildcard, push_escaped};
use crate::quiz::schema::{
    ChoiceQuestion, MatchQuestion, NumericQuestion, QuestionKind, TextQuestion, TrueFalseQuestion,
};
use crate::quiz::{Question, derived_id};

/// Something of a question that the GIFT output does not keep.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNote {
    /// The question's id.
    pub question: String,
    pub message: String,
    /// The whole question is left out (not only a part of it).
    pub skipped: bool,
}

/// The questions as GIFT, separated by blank lines, and what could not be
/// written.
pub fn write_questions(questions: &[Question]) -> (String, Vec<ExportNote>) {
    let mut out = String::new();
    let mut notes = Vec::new();
    for question in questions {
        match write_question(question, &mut notes) {
            Ok(text) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&text);
                out.push('\n');
            }
            Err(why) => notes.push(ExportNote {
                question: question.id.clone(),
                message: why,
                skipped: true,
            }),
        }
    }
    (out, notes)
}

fn write_question(q: &Question, notes: &mut Vec<ExportNote>) -> Result<String, String> {
    let block = match &q.kind {
        QuestionKind::Single(c) => choices_block(c, true),
        QuestionKind::Multiple(c) => {
            if !c.choices.iter().any(|c| c.weight.is_some()) {
                notes.push(note(
                    q,
                    "is graded all-or-nothing, which GIFT cannot say: its right answers share 100 % and its wrong ones take -100 %",
                ));
            }
            choices_block(c, false)
        }
        QuestionKind::TrueFalse(t) => true_false_block(t),
        QuestionKind::Text(t) => {
            if t.case_sensitive {
                notes.push(note(
                    q,
                    "compares answers with their case, which GIFT cannot say: Moodle will ignore case",
                ));
            }
            text_block(t)?
        }
        QuestionKind::Numeric(n) => numeric_block(n),
        QuestionKind::Match(m) => match_block(m),
        QuestionKind::Order(_) => {
            return Err(
                "is an `order` question, which GIFT cannot express (a matching question would grade it differently): left out"
                    .into(),
            );
        }
        QuestionKind::Post(_) => {
            return Err("is a `post` question, which GIFT cannot express: left out".into());
        }
    };
    if q.points != 1 {
        notes.push(note(
            q,
            &format!(
                "is worth {} points; GIFT questions are worth 1 (set marks in the LMS)",
                q.points
            ),
        ));
    }
    if q.hint.is_some() {
        notes.push(note(q, "has a hint, which GIFT cannot carry: left out"));
    }

    let mut out = String::new();
    if q.id != derived_id(q.kind.name(), &q.prompt) {
        out.push_str("::");
        out.push_str(&escape(&q.id));
        out.push_str("::");
    }
    out.push_str("[markdown]");
    // The answer block takes the place of the blank, unless nothing but
    // spaces follows it (a block at the end leaves no blank).
    let (before, after) = match q.prompt.split_once(BLANK) {
        Some((before, after)) if after.chars().any(|c| !c.is_whitespace() || c == '\n') => {
            (before, after)
        }
        _ => (q.prompt.as_str(), ""),
    };
    out.push_str(&escape(before));
    if after.is_empty() {
        out.push(' ');
    }
    out.push('{');
    out.push_str(&block);
    if let Some(explanation) = &q.explanation {
        // One answer per line, or all on the line of the text.
        let multiline = block.starts_with('\n') || block.ends_with('\n');
        out.push_str(if multiline { "\t####" } else { "####" });
        out.push_str(&text_part(explanation));
        if multiline {
            out.push('\n');
        }
    }
    out.push('}');
    out.push_str(&escape(after));
    Ok(out)
}

fn note(q: &Question, message: &str) -> ExportNote {
    ExportNote {
        question: q.id.clone(),
        message: message.to_string(),
        skipped: false,
    }
}

/// A Markdown text of an answer or a feedback: escaped, and marked
/// `[markdown]` when its start would read as a format or a weight.
fn text_part(markdown: &str) -> String {
    let start = markdown.trim_start();
    if start.starts_with('[') || start.starts_with('%') {
        format!("[markdown]{}", escape(markdown))
    } else {
        escape(markdown)
    }
}

fn feedback(out: &mut String, feedback: &Option<String>) {
    if let Some(f) = feedback {
        out.push('#');
        out.push_str(&text_part(f));
    }
}

/// A weight as GIFT writes it (exactly: it reads back the same).
fn weight(w: f64) -> String {
    if w == 0.0 { "0".into() } else { format!("{w}") }
}

fn choices_block(q: &ChoiceQuestion, single: bool) -> String {
    let weighted = q.choices.iter().any(|c| c.weight.is_some());
    let right = q.choices.iter().filter(|c| c.correct).count().max(1);
    let mut out = String::from("\n");
    for c in &q.choices {
        out.push('\t');
        match (single, c.correct, c.weight) {
            (true, true, _) => out.push('='),
            (_, _, Some(w)) => out.push_str(&format!("~%{}%", weight(w))),
            // All-or-nothing `multiple`: the closest GIFT can say.
            (false, true, None) if !weighted => {
                // Five decimals, as Moodle writes 33.33333.
                let share = (100.0 / right as f64 * 1e5).round() / 1e5;
                out.push_str(&format!("~%{}%", weight(share)));
            }
            (false, false, None) if !weighted => out.push_str("~%-100%"),
            _ => out.push('~'),
        }
        out.push_str(&text_part(&c.text));
        feedback(&mut out, &c.feedback);
        out.push('\n');
    }
    out
}

fn true_false_block(q: &TrueFalseQuestion) -> String {
    let (right, wrong) = if q.answer {
        (&q.feedback_true, &q.feedback_false)
    } else {
        (&q.feedback_false, &q.feedback_true)
    };
    let mut out = String::from(if q.answer { "TRUE" } else { "FALSE" });
    match (wrong, right) {
        (Some(wrong), _) => {
            out.push('#');
            out.push_str(&text_part(wrong));
        }
        (None, Some(_)) => out.push('#'),
        (None, None) => {}
    }
    if let Some(right) = right {
        out.push('#');
        out.push_str(&text_part(right));
    }
    out
}

fn text_block(q: &TextQuestion) -> Result<String, String> {
    let mut out = String::from("\n");
    let mut line = |weight_of: Option<f64>, answer: String, fb: &Option<String>| {
        out.push_str("\t=");
        if let Some(w) = weight_of {
            out.push_str(&format!("%{}%", weight(w)));
        }
        out.push_str(&answer);
        if let Some(f) = fb {
            // A `->` here would make the question a matching one.
            out.push('#');
            out.push_str(&text_part(f).replace("->", "-\\>"));
        }
        out.push('\n');
    };
    for text in &q.accept {
        line(None, short_answer(text), &None);
    }
    if let Some(pattern) = &q.pattern {
        line(None, wildcard(pattern)?, &None);
    }
    for answer in &q.answers {
        let written = match (&answer.text, &answer.pattern) {
            (Some(text), _) => short_answer(text),
            (None, Some(pattern)) => wildcard(pattern)?,
            (None, None) => continue,
        };
        line(answer.weight, written, &answer.feedback);
    }
    Ok(out)
}

/// An accepted answer, compared as text: a `*` is a star, not a wildcard.
fn short_answer(text: &str) -> String {
    let parts: Vec<WildcardPart> = text.chars().map(WildcardPart::Literal).collect();
    short_answer_parts(&parts)
}

/// A pattern as a short answer with `*` wildcards, if it is one.
fn wildcard(pattern: &str) -> Result<String, String> {
    let parts = pattern_as_wildcard(pattern).ok_or_else(|| {
        format!("has the pattern `{pattern}`, a regular expression GIFT cannot express (its short answers only have the `*` wildcard): left out")
    })?;
    Ok(short_answer_parts(&parts))
}

/// A short answer, escaped: its literal `*` as `\*`, and `->` broken so
/// that it cannot make the question a matching one.
fn short_answer_parts(parts: &[WildcardPart]) -> String {
    let mut out = String::new();
    let start = parts
        .iter()
        .find(|p| !matches!(p, WildcardPart::Literal(c) if c.is_whitespace()));
    if matches!(start, Some(WildcardPart::Literal('[' | '%'))) {
        out.push_str("[plain]");
    }
    let mut previous = ' ';
    for part in parts {
        let c = match part {
            WildcardPart::Any => {
                out.push('*');
                previous = '*';
                continue;
            }
            WildcardPart::Literal(c) => *c,
        };
        match c {
            '*' => out.push_str("\\*"),
            '>' if previous == '-' => out.push_str("\\>"),
            c => push_escaped(&mut out, c),
        }
        previous = c;
    }
    out
}

fn number_spec(answer: Option<f64>, tolerance: f64) -> String {
    match answer {
        None => "*".into(),
        Some(a) if tolerance == 0.0 => format!("{a}"),
        Some(a) => format!("{a}:{tolerance}"),
    }
}

fn numeric_block(q: &NumericQuestion) -> String {
    if q.answers.is_empty() {
        return format!("#{}", number_spec(q.answer, q.tolerance));
    }
    let mut out = String::from("#\n");
    let last = q.answers.len() - 1;
    for (i, a) in q.answers.iter().enumerate() {
        out.push('\t');
        if a.answer.is_none() && a.weight == Some(0.0) && i == last {
            // Moodle's way of giving feedback on any other number.
            out.push('~');
            out.push('#');
            if let Some(f) = &a.feedback {
                out.push_str(&text_part(f));
            }
            out.push('\n');
            continue;
        }
        out.push('=');
        if let Some(w) = a.weight {
            out.push_str(&format!("%{}%", weight(w)));
        }
        out.push_str(&number_spec(a.answer, a.tolerance));
        feedback(&mut out, &a.feedback);
        out.push('\n');
    }
    out
}

fn match_block(q: &MatchQuestion) -> String {
    let mut out = String::from("\n");
    let pairs = q
        .pairs
        .iter()
        .map(|p| (p.left.as_str(), p.right.as_str()))
        .chain(q.distractors.iter().map(|d| ("", d.as_str())));
    for (left, right) in pairs {
        out.push_str("\t=");
        // The first `->` separates the sides: one in the item is broken.
        out.push_str(&text_part(left).replace("->", "-\\>"));
        out.push_str(" -> ");
        out.push_str(&escape(right));
        out.push('\n');
    }
    out
}
