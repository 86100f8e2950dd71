//! Writing the quiz model as Moodle XML, as Moodle's importer reads it, so
//! that reading it back gives the same questions: texts are written in the
//! `markdown` format (the model's own), ids as `<idnumber>` (and as the
//! name), pictures of a quiz.xml as base64 `<file>`s again. What Moodle
//! XML cannot say is reported as an [`ExportNote`].

use std::fmt::Write as _;

use base64::Engine;

use crate::markdown::render_plain;
use crate::quiz::gift::text::pattern_as_wildcard;
use crate::quiz::gift::{BLANK, ExportNote, text::WildcardPart};
use crate::quiz::schema::{
    ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, QuestionKind, TextQuestion,
    TrueFalseQuestion,
};
use crate::quiz::{EmbeddedFile, Question, derived_id};

use super::text::PLUGINFILE;

/// The percentages Moodle's importer accepts for an answer (and their
/// negatives): others make it refuse the question.
const MOODLE_FRACTIONS: &[f64] = &[
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// The questions as a Moodle XML file filed in `category` (a question
/// bank category path such as `$course$/top/Module`), and what could not be
/// written. `files` are the pictures the texts name.
pub fn write_quiz(
    questions: &[Question],
    category: &str,
    files: &[EmbeddedFile],
) -> (String, Vec<ExportNote>) {
    write_quizzes(&[(category.to_string(), questions)], files)
}

/// Several lists of questions, each in its category, as one Moodle XML
/// file.
pub(crate) fn write_quizzes(
    parts: &[(String, &[Question])],
    files: &[EmbeddedFile],
) -> (String, Vec<ExportNote>) {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut notes = Vec::new();
    for (category, questions) in parts {
        let _ = write!(
            out,
            "  <question type=\"category\">\n    <category>\n      <text>{}</text>\n    </category>\n  </question>\n",
            escape(category)
        );
        write_questions(&mut out, questions, files, &mut notes);
    }
    out.push_str("</quiz>\n");
    (out, notes)
}

fn write_questions(
    out: &mut String,
    questions: &[Question],
    files: &[EmbeddedFile],
    notes: &mut Vec<ExportNote>,
) {
    for question in questions {
        let mut writer = QuestionWriter {
            question,
            files,
            notes,
            out: String::new(),
        };
        match writer.write() {
            Ok(()) => out.push_str(&writer.out),
            Err(why) => notes.push(ExportNote {
                question: question.id.clone(),
                message: why,
                skipped: true,
            }),
        }
    }
}

struct QuestionWriter<'a> {
    question: &'a Question,
    files: &'a [EmbeddedFile],
    notes: &'a mut Vec<ExportNote>,
    out: String,
}

impl QuestionWriter<'_> {
    fn write(&mut self) -> Result<(), String> {
        let q = self.question;
        let moodle_type = match &q.kind {
            QuestionKind::Single(_) | QuestionKind::Multiple(_) => "multichoice",
            QuestionKind::TrueFalse(_) => "truefalse",
            QuestionKind::Text(_) => "shortanswer",
            QuestionKind::Numeric(_) => "numerical",
            QuestionKind::Match(_) => "matching",
            QuestionKind::Order(_) => "ordering",
            QuestionKind::Post(_) => {
                return Err(
                    "is a `post` question, which Moodle XML cannot express: left out".into(),
                );
            }
        };
        let _ = writeln!(self.out, "  <question type=\"{moodle_type}\">");
        // Moodle lists questions by name: the author's id, or else the
        // text, shortened.
        let plain = render_plain(&q.prompt.replace(BLANK, "_____"));
        let name: String = if q.id != derived_id(q.kind.name(), &q.prompt) || plain.is_empty() {
            q.id.clone()
        } else {
            plain.chars().take(80).collect()
        };
        let _ = writeln!(
            self.out,
            "    <name>\n      <text>{}</text>\n    </name>",
            escape(&name)
        );
        self.rich("questiontext", &q.prompt, 2);
        self.rich("generalfeedback", q.explanation.as_deref().unwrap_or(""), 2);
        let _ = writeln!(self.out, "    <defaultgrade>{}</defaultgrade>", q.points);
        let _ = writeln!(self.out, "    <penalty>0</penalty>");
        let _ = writeln!(self.out, "    <hidden>0</hidden>");
        let _ = writeln!(self.out, "    <idnumber>{}</idnumber>", escape(&q.id));
        match &q.kind {
            QuestionKind::Single(c) => self.choices(c, true),
            QuestionKind::Multiple(c) => self.choices(c, false),
            QuestionKind::TrueFalse(t) => self.true_false(t),
            QuestionKind::Text(t) => self.short_answer(t)?,
            QuestionKind::Numeric(n) => self.numerical(n),
            QuestionKind::Match(m) => self.matching(m),
            QuestionKind::Order(o) => {
                self.note("is an `order` question: Moodle's ordering question gives partial credit by default, where brandcamp grades all-or-nothing");
                for (i, item) in o.items.iter().enumerate() {
                    self.answer(&(i + 1).to_string(), item, None, true);
                }
            }
            QuestionKind::Post(_) => {}
        }
        if let Some(hint) = &q.hint {
            self.rich("hint", hint, 2);
        }
        self.out.push_str("  </question>\n");
        Ok(())
    }

    fn note(&mut self, message: &str) {
        self.notes.push(ExportNote {
            question: self.question.id.clone(),
            message: message.to_string(),
            skipped: false,
        });
    }

    /// `<tag format="markdown"><text>…</text><file…/></tag>`, the pictures
    /// the Markdown names pointed to `@@PLUGINFILE@@/`.
    fn rich(&mut self, tag: &str, markdown: &str, depth: usize) {
        let indent = "  ".repeat(depth);
        let mut text = markdown.to_string();
        let mut embedded = String::new();
        for file in self.files {
            let link = format!("]({}", encode_name(&file.name));
            if text.contains(&link) {
                text = text.replace(&link, &format!("]({PLUGINFILE}{}", encode_name(&file.name)));
                let _ = writeln!(
                    embedded,
                    "{indent}  <file name=\"{}\" path=\"/\" encoding=\"base64\">{}</file>",
                    escape(&file.name),
                    base64::engine::general_purpose::STANDARD.encode(&file.bytes)
                );
            }
        }
        let _ = write!(
            self.out,
            "{indent}<{tag} format=\"markdown\">\n{indent}  <text>{}</text>\n{embedded}{indent}</{tag}>\n",
            escape(&text)
        );
    }

    /// An `<answer>` worth `fraction` percent, its text in Markdown (or as
    /// written, for short and numerical answers), with its feedback.
    fn answer(&mut self, fraction: &str, text: &str, feedback: Option<&str>, markdown: bool) {
        self.answer_with(fraction, text, feedback, markdown, "");
    }

    fn answer_with(
        &mut self,
        fraction: &str,
        text: &str,
        feedback: Option<&str>,
        markdown: bool,
        extra: &str,
    ) {
        let format = if markdown { "markdown" } else { "plain_text" };
        let _ = writeln!(
            self.out,
            "    <answer fraction=\"{fraction}\" format=\"{format}\">\n      <text>{}</text>",
            escape(text)
        );
        self.rich("feedback", feedback.unwrap_or(""), 3);
        self.out.push_str(extra);
        self.out.push_str("    </answer>\n");
    }

    /// A fraction as written, noted when Moodle would refuse it.
    fn fraction(&mut self, percent: f64) -> String {
        let accepted = MOODLE_FRACTIONS
            .iter()
            .any(|f| (f - percent.abs()).abs() < 1e-4);
        if !accepted {
            self.note(&format!(
                "has an answer worth {percent} %, which Moodle's importer refuses (it accepts 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 and their negatives)"
            ));
        }
        format!("{percent}")
    }

    fn choices(&mut self, q: &ChoiceQuestion, single: bool) {
        let weighted = q.choices.iter().any(|c| c.weight.is_some());
        let right = q.choices.iter().filter(|c| c.correct).count().max(1);
        if !single && !weighted {
            self.note("is graded all-or-nothing, which Moodle XML cannot say: its right answers share 100 % and its wrong ones take -100 %");
        }
        let _ = writeln!(
            self.out,
            "    <single>{single}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>"
        );
        for c in &q.choices {
            let percent = match (single, c.correct, c.weight) {
                (true, true, _) => 100.0,
                (_, _, Some(w)) => w,
                (false, true, None) if !weighted => (100.0 / right as f64 * 1e5).round() / 1e5,
                (false, false, None) if !weighted => -100.0,
                _ => 0.0,
            };
            let fraction = self.fraction(percent);
            self.answer(&fraction, &c.text, c.feedback.as_deref(), true);
        }
    }

    fn true_false(&mut self, q: &TrueFalseQuestion) {
        let (t, f) = if q.answer { ("100", "0") } else { ("0", "100") };
        self.answer(t, "true", q.feedback_true.as_deref(), false);
        self.answer(f, "false", q.feedback_false.as_deref(), false);
    }

    fn short_answer(&mut self, q: &TextQuestion) -> Result<(), String> {
        let _ = writeln!(
            self.out,
            "    <usecase>{}</usecase>",
            u8::from(q.case_sensitive)
        );
        for text in &q.accept {
            self.answer("100", &literal_answer(text), None, false);
        }
        if let Some(pattern) = &q.pattern {
            let answer = wildcard(pattern)?;
            self.answer("100", &answer, None, false);
        }
        for a in &q.answers {
            let written = match (&a.text, &a.pattern) {
                (Some(text), _) => literal_answer(text),
                (None, Some(pattern)) => wildcard(pattern)?,
                (None, None) => continue,
            };
            let fraction = self.fraction(a.weight.unwrap_or(100.0));
            self.answer(&fraction, &written, a.feedback.as_deref(), false);
        }
        Ok(())
    }

    fn numerical(&mut self, q: &NumericQuestion) {
        // A lone answer is one full-credit answer without feedback.
        let lone = [NumericAnswer {
            answer: q.answer,
            tolerance: q.tolerance,
            weight: None,
            feedback: None,
        }];
        let answers = if q.answers.is_empty() {
            &lone[..]
        } else {
            &q.answers[..]
        };
        for a in answers {
            let text = a.answer.map_or_else(|| "*".to_string(), |n| format!("{n}"));
            let fraction = self.fraction(a.weight.unwrap_or(100.0));
            let extra = format!("      <tolerance>{}</tolerance>\n", a.tolerance);
            self.answer_with(&fraction, &text, a.feedback.as_deref(), false, &extra);
        }
    }

    fn matching(&mut self, q: &MatchQuestion) {
        self.out
            .push_str("    <shuffleanswers>true</shuffleanswers>\n");
        let pairs = q
            .pairs
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str()))
            .chain(q.distractors.iter().map(|d| ("", d.as_str())));
        for (left, right) in pairs {
            let _ = writeln!(
                self.out,
                "    <subquestion format=\"markdown\">\n      <text>{}</text>\n      <answer>\n        <text>{}</text>\n      </answer>\n    </subquestion>",
                escape(left),
                escape(right)
            );
        }
    }
}

/// An accepted answer, compared as text: a `*` is a star, not a wildcard.
fn literal_answer(text: &str) -> String {
    text.replace('*', "\\*")
}

/// A pattern as a short answer with `*` wildcards, if it is one.
fn wildcard(pattern: &str) -> Result<String, String> {
    let parts = pattern_as_wildcard(pattern).ok_or_else(|| {
        format!("has the pattern `{pattern}`, a regular expression Moodle cannot express (its short answers only have the `*` wildcard): left out")
    })?;
    Ok(parts
        .iter()
        .map(|p| match p {
            WildcardPart::Any => "*".to_string(),
            WildcardPart::Literal('*') => "\\*".to_string(),
            WildcardPart::Literal(c) => c.to_string(),
        })
        .collect())
}

/// Text for XML content and attributes: markup characters as entities, and
/// the control characters XML 1.0 cannot hold left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn encode_name(name: &str) -> String {
    super::read::encode_name(name)
}
