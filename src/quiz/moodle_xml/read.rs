//! Reading Moodle XML into the quiz model, question by question. Every
//! problem is reported at the line and column of its element, and reading
//! goes on with the next question.

use std::collections::HashMap;

use base64::Engine;
use roxmltree::{Document, Node};

use super::text::{PLUGINFILE, TextFormat, to_markdown};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position, suggest};
use crate::markdown::render_plain;
use crate::quiz::bank::Imported;
use crate::quiz::gift::{BLANK, text::wildcard_pattern_str};
use crate::quiz::schema::{
    Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OrderQuestion, Pair,
    QuestionKind, TextAnswer, TextQuestion, TrueFalseQuestion,
};
use crate::quiz::{EmbeddedFile, Question, Source, check, derived_id};

/// The question types brandcamp reads.
const READ_TYPES: &[&str] = &[
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "ddwtos",
    "gapselect",
    "ordering",
];

/// Moodle's types that cannot be graded in a browser page: left out with a
/// warning. (`category` is not a question: it is read and not used.)
const LEFT_OUT_TYPES: &[&str] = &[
    "description",
    "essay",
    "cloze",
    "multianswer",
    "calculated",
    "calculatedsimple",
    "calculatedmulti",
    "randomsamatch",
    "random",
    "ddimageortext",
    "ddmarker",
];

/// Files a page may show or play; others (pages, scripts) are left out.
const FILE_TYPES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp", "mp3", "ogg", "oga", "wav", "m4a",
    "mp4", "webm", "ogv", "pdf",
];

/// The fraction that counts as full credit (Moodle writes 100, or
/// 99.99999 for three thirds).
const FULL: f64 = 99.999;

pub(super) struct Reader<'a> {
    source: Source<'a>,
    lines: LineIndex<'a>,
    pub problems: Vec<Diagnostic>,
    pub pool: usize,
    pub imported: Vec<Imported>,
    pub files: Vec<EmbeddedFile>,
}

/// A text of the file with its format and the files it embeds, read from an
/// element (`<questiontext format="html"><text>…</text><file …/></…>`).
struct RichText {
    text: String,
    format: TextFormat,
}

impl<'a> Reader<'a> {
    pub fn new(source: Source<'a>) -> Self {
        Reader {
            source,
            lines: LineIndex::new(source.text),
            problems: Vec::new(),
            pool: 0,
            imported: Vec::new(),
            files: Vec::new(),
        }
    }

    fn position(&self, at: usize) -> Position {
        let p = self.lines.position(at);
        Position::new(p.line + self.source.line_offset, p.column)
    }

    fn error(&mut self, node: Node<'_, '_>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(
            self.source.file,
            Some(self.position(node.range().start)),
            message,
        )
        .with_hint(hint);
        self.problems.push(d);
    }

    fn warning(&mut self, node: Node<'_, '_>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(
            self.source.file,
            Some(self.position(node.range().start)),
            message,
        )
        .with_hint(hint);
        self.problems.push(d);
    }

    pub(crate) fn read_all(&mut self) {
        let document = match Document::parse(self.source.text) {
            Ok(document) => document,
            Err(e) => {
                let at = e.pos();
                let position =
                    Position::new(at.row as usize + self.source.line_offset, at.col as usize);
                self.problems.push(
                    Diagnostic::error(
                        self.source.file,
                        Some(position),
                        format!("this is not well-formed XML: {e}"),
                    )
                    .with_hint(
                        "Moodle XML is a `<quiz>` element holding `<question type=\"…\">` elements; check the tag or character here (write `&lt;` and `&amp;` for `<` and `&` in a text, or put the text in `<![CDATA[…]]>`)",
                    ),
                );
                return;
            }
        };
        let root = document.root_element();
        if root.tag_name().name() != "quiz" {
            self.error(
                root,
                format!(
                    "expected `<quiz>` around the questions, found `<{}>`",
                    root.tag_name().name()
                ),
                "a Moodle XML file is `<quiz>` with `<question type=\"…\">` elements inside",
            );
            return;
        }
        for node in root.children().filter(Node::is_element) {
            if node.tag_name().name() != "question" {
                self.error(
                    node,
                    format!(
                        "expected `<question>` inside `<quiz>`, found `<{}>`",
                        node.tag_name().name()
                    ),
                    "each question is a `<question type=\"…\">` element",
                );
                continue;
            }
            self.read_question(node);
        }
        if self.pool == 0 {
            self.problems.push(
                Diagnostic::error(self.source.file, None, "this file has no question to ask")
                    .with_hint("export questions from Moodle's question bank as Moodle XML (see docs/moodle.md)"),
            );
        }
    }

    fn read_question(&mut self, node: Node<'_, '_>) {
        let Some(kind) = node.attribute("type") else {
            self.error(
                node,
                "this question has no `type`",
                format!(
                    "write `<question type=\"…\">` with one of: {}",
                    READ_TYPES.join(", ")
                ),
            );
            self.pool += 1;
            return;
        };
        if kind == "category" {
            // Where Moodle files the questions that follow: a course has no
            // such thing.
            return;
        }
        if LEFT_OUT_TYPES.contains(&kind) {
            self.warning(
                node,
                format!("this `{kind}` question cannot be graded in the browser: left out"),
                "ask it outside the quiz, or rewrite it as a question brandcamp grades (see docs/moodle.md)",
            );
            return;
        }
        self.pool += 1;
        if !READ_TYPES.contains(&kind) {
            let known = READ_TYPES.iter().chain(LEFT_OUT_TYPES).copied();
            let hint = match suggest(kind, known) {
                Some(best) => format!(
                    "did you mean `{best}`? The types brandcamp reads are: {}",
                    READ_TYPES.join(", ")
                ),
                None => format!("the types brandcamp reads are: {}", READ_TYPES.join(", ")),
            };
            self.error(node, format!("unknown question type `{kind}`"), hint);
            return;
        }
        let errors_before = self.error_count();
        let mut files: HashMap<String, String> = HashMap::new();
        let questiontext = self.rich_text(node, "questiontext", TextFormat::Html, &mut files);
        let format = questiontext.as_ref().map_or(TextFormat::Html, |t| t.format);
        let mut prompt = questiontext.map(|t| t.text).unwrap_or_default();
        // Moodle 1.9's picture of the question.
        if let (Some(name), Some(data)) = (child_text(node, "image"), child(node, "image_base64")) {
            let name = name.rsplit('/').next().unwrap_or_default().to_string();
            if let Some(file) = self.embed(data, &name, &element_text(data)) {
                prompt.push_str(&format!(" <img src=\"{PLUGINFILE}{file}\">"));
                files.insert(name.clone(), file);
            }
        }
        let generalfeedback = self.rich_text(node, "generalfeedback", format, &mut files);
        let mut hints: Vec<String> = Vec::new();
        for hint in node.children().filter(|c| c.has_tag_name("hint")) {
            if let Some(text) = self.rich_text_of(hint, format, &mut files) {
                let text = self.markdown(&text, &files);
                if !text.is_empty() {
                    hints.push(text);
                }
            }
        }

        let kind = match kind {
            "multichoice" => self.read_multichoice(node, format, &mut files),
            "truefalse" => self.read_true_false(node, format, &mut files),
            "shortanswer" => self.read_short_answer(node, format, &mut files),
            "numerical" => self.read_numerical(node, format, &mut files),
            "matching" => self.read_matching(node, format, &mut files),
            "ordering" => self.read_ordering(node, format, &mut files),
            _ => self.read_gaps(node, &mut prompt),
        };
        let prompt = self.markdown(
            &RichText {
                text: prompt,
                format,
            },
            &files,
        );
        let prompt = restore_gaps(prompt);
        if prompt.trim().is_empty() {
            self.error(
                node,
                "this question has no text",
                "write the question in `<questiontext><text>…</text></questiontext>`",
            );
        }
        let points = self.points(node);
        let (Some(kind), Some(points)) = (kind, points) else {
            return;
        };
        if self.error_count() > errors_before || prompt.trim().is_empty() {
            return;
        }
        let idnumber = child_text(node, "idnumber").filter(|t| !t.trim().is_empty());
        let name = child(node, "name")
            .and_then(|n| child_text(n, "text"))
            .filter(|t| !t.trim().is_empty());
        let named = idnumber.is_some() || name.is_some();
        // Names are text for Moodle: tags and entities are not kept.
        let name = name.map(|n| render_plain(&to_markdown(&n, TextFormat::Html)));
        let id = idnumber
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .or(name)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| derived_id(kind.name(), &prompt));
        let explanation = generalfeedback
            .map(|t| self.markdown(&t, &files))
            .filter(|t| !t.is_empty());
        let question = Question {
            id,
            prompt,
            points,
            hint: (!hints.is_empty()).then(|| hints.join("\n\n")),
            explanation,
            kind,
        };
        let position = self.position(node.range().start);
        if !self.passes_model_checks(&question, position) {
            return;
        }
        self.imported.push(Imported {
            question,
            position,
            named,
        });
    }

    fn error_count(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    /// The rules of the quiz model (those of quiz.yaml), reported at the
    /// question.
    fn passes_model_checks(&mut self, question: &Question, position: Position) -> bool {
        let found = Diagnostics::new();
        let source = Source {
            text: "",
            file: self.source.file,
            line_offset: 0,
            tree: None,
        };
        if check::check_question(question, source, &[], &found) {
            return true;
        }
        let kind = question.kind.name();
        for mut d in found.into_sorted() {
            d.position = Some(position);
            d.hint = Some(format!(
                "this question is read as a `{kind}` question of quiz.yaml, which has this rule (see docs/moodle.md)"
            ));
            self.problems.push(d);
        }
        false
    }

    /// `<defaultgrade>` as whole points (1 when absent).
    fn points(&mut self, node: Node<'_, '_>) -> Option<u32> {
        let Some(grade) = child(node, "defaultgrade") else {
            return Some(1);
        };
        let written = element_text(grade);
        match written.trim().parse::<f64>() {
            Ok(g) if (0.0..1e6).contains(&g) => {
                let points = (g.round() as u32).max(1);
                if (g - f64::from(points)).abs() > 1e-6 {
                    self.warning(
                        grade,
                        format!("the question is worth {g} in Moodle: here {points} points"),
                        "brandcamp counts whole points, at least 1",
                    );
                }
                Some(points)
            }
            _ => {
                self.error(
                    grade,
                    format!("`{}` is not a number of points", written.trim()),
                    "write the question's mark as a number, such as `<defaultgrade>1</defaultgrade>`",
                );
                None
            }
        }
    }

    /// The text of the child element `name` of `node`, with its format
    /// (`default` when it has none) and its files.
    fn rich_text(
        &mut self,
        node: Node<'_, '_>,
        name: &str,
        default: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<RichText> {
        let element = child(node, name)?;
        self.rich_text_of(element, default, files)
    }

    fn rich_text_of(
        &mut self,
        element: Node<'_, '_>,
        default: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<RichText> {
        let format = match element.attribute("format") {
            None => default,
            Some(name) => TextFormat::from_name(name).unwrap_or_else(|| {
                self.warning(
                    element,
                    format!("unknown text format `{name}`: read as HTML, as Moodle does"),
                    "the formats are html, moodle_auto_format, plain_text and markdown",
                );
                TextFormat::Html
            }),
        };
        for file in element.children().filter(|c| c.has_tag_name("file")) {
            let name = file.attribute("name").unwrap_or_default().to_string();
            if let Some(written) = self.embed(file, &name, &element_text(file)) {
                files.insert(name, written);
            }
        }
        Some(RichText {
            text: child_text(element, "text").unwrap_or_default(),
            format,
        })
    }

    /// Keeps a base64 file of the question under a name of its own in the
    /// quiz's folder; returns that name.
    fn embed(&mut self, node: Node<'_, '_>, name: &str, base64: &str) -> Option<String> {
        let compact: String = base64.chars().filter(|c| !c.is_whitespace()).collect();
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()) else {
            self.error(
                node,
                format!("the file `{name}` is not valid base64"),
                "export the question from Moodle again, or remove the `<file>`",
            );
            return None;
        };
        let clean = clean_file_name(name);
        let extension = clean
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if clean.is_empty() || !FILE_TYPES.contains(&extension.as_str()) {
            self.warning(
                node,
                format!("the file `{name}` is not a picture, a sound, a video or a PDF: left out"),
                format!("the files a quiz may show are: {}", FILE_TYPES.join(", ")),
            );
            return None;
        }
        // The same name with other bytes (two questions' `image.png`):
        // numbered, as the author's files are not renamed.
        let (stem, extension) = clean.rsplit_once('.').unwrap_or((&clean, ""));
        let mut candidate = clean.clone();
        let mut n = 1;
        loop {
            match self.files.iter().find(|f| f.name == candidate) {
                None => break,
                Some(existing) if existing.bytes == bytes => return Some(candidate),
                Some(_) => {
                    n += 1;
                    candidate = format!("{stem}-{n}.{extension}");
                }
            }
        }
        self.files.push(EmbeddedFile {
            name: candidate.clone(),
            bytes,
        });
        Some(candidate)
    }

    /// A text as Markdown, its `@@PLUGINFILE@@/` references naming the
    /// files as written next to the quiz page.
    fn markdown(&mut self, text: &RichText, files: &HashMap<String, String>) -> String {
        let mut raw = text.text.clone();
        for (written, kept) in files {
            for form in [written.clone(), encode_name(written)] {
                raw = raw.replace(&format!("{PLUGINFILE}{form}"), &encode_name(kept));
            }
        }
        to_markdown(&raw, text.format)
    }

    fn answers<'d, 'i>(&mut self, node: Node<'d, 'i>) -> Vec<Node<'d, 'i>> {
        node.children()
            .filter(|c| c.has_tag_name("answer"))
            .collect()
    }

    /// An answer's `fraction` (percent; 0 when absent).
    fn fraction(&mut self, answer: Node<'_, '_>) -> Option<f64> {
        let Some(written) = answer.attribute("fraction") else {
            return Some(0.0);
        };
        match written.trim().parse::<f64>() {
            Ok(f) if f.is_finite() => Some(f),
            _ => {
                self.error(
                    answer,
                    format!("the fraction `{written}` is not a number"),
                    "write the percent this answer earns: `fraction=\"100\"`, `fraction=\"50\"`, `fraction=\"0\"`",
                );
                None
            }
        }
    }

    fn feedback(
        &mut self,
        answer: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<String> {
        let text = self.rich_text(answer, "feedback", format, files)?;
        Some(self.markdown(&text, files)).filter(|t| !t.is_empty())
    }

    fn read_multichoice(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        let single = child_text(node, "single").is_none_or(|s| is_true(&s));
        let mut choices = Vec::new();
        let mut ok = true;
        for answer in self.answers(node) {
            let Some(fraction) = self.fraction(answer) else {
                ok = false;
                continue;
            };
            let Some(text) = self.rich_text_of(answer, format, files) else {
                continue;
            };
            let text = self.markdown(&text, files);
            if text.is_empty() {
                // Moodle leaves out answers without text.
                continue;
            }
            let feedback = self.feedback(answer, format, files);
            // Several right answers are right by their weight, as GIFT's
            // are.
            let correct = single && fraction >= FULL;
            let weight = match (single, correct) {
                (true, true) => None,
                _ => (fraction != 0.0).then_some(fraction),
            };
            choices.push(Choice {
                text,
                correct,
                feedback,
                weight,
            });
        }
        if !ok {
            return None;
        }
        if single && !choices.iter().any(|c| c.correct) {
            self.error(
                node,
                "no answer is worth 100 %: a single-answer question needs one right answer",
                "give the right answer `fraction=\"100\"`, or write `<single>false</single>` for a question with several right answers",
            );
            return None;
        }
        let question = ChoiceQuestion { choices };
        Some(if single {
            QuestionKind::Single(question)
        } else {
            QuestionKind::Multiple(question)
        })
    }

    fn read_true_false(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        let mut answer = None;
        let (mut feedback_true, mut feedback_false) = (None, None);
        for (i, node_answer) in self.answers(node).into_iter().enumerate() {
            let fraction = self.fraction(node_answer)?;
            let text = child_text(node_answer, "text").unwrap_or_default();
            // Old files name the answers in the teacher's language: true
            // comes first.
            let is_true = match text.trim() {
                "true" => true,
                "false" => false,
                _ => i == 0,
            };
            let feedback = self.feedback(node_answer, format, files);
            if is_true {
                feedback_true = feedback;
            } else {
                feedback_false = feedback;
            }
            if fraction >= FULL {
                answer = Some(is_true);
            }
        }
        let Some(answer) = answer else {
            self.error(
                node,
                "neither `true` nor `false` is worth 100 %",
                "give the right answer `fraction=\"100\"`",
            );
            return None;
        };
        Some(QuestionKind::TrueFalse(TrueFalseQuestion {
            answer,
            feedback_true,
            feedback_false,
        }))
    }

    fn read_short_answer(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        let case_sensitive = child_text(node, "usecase").is_some_and(|u| is_true(&u));
        let mut entries = Vec::new();
        let mut ok = true;
        for answer in self.answers(node) {
            let Some(fraction) = self.fraction(answer) else {
                ok = false;
                continue;
            };
            let text = child_text(answer, "text").unwrap_or_default();
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if !(0.0..=100.0).contains(&fraction) {
                self.error(
                    answer,
                    format!("the fraction is {fraction} %: a short answer earns from 0 to 100 %"),
                    "a fraction is the percent of the question's points this answer earns",
                );
                ok = false;
                continue;
            }
            let pattern = wildcard_pattern_str(text);
            entries.push(TextAnswer {
                text: pattern.is_none().then(|| text.replace("\\*", "*")),
                pattern,
                weight: (fraction < FULL).then_some(fraction),
                feedback: self.feedback(answer, format, files),
            });
        }
        if !ok {
            return None;
        }
        if !entries.iter().any(|e| e.weight.is_none()) {
            self.error(
                node,
                "no answer is worth 100 %: expected one full-credit answer",
                "give the right answer `fraction=\"100\"`",
            );
            return None;
        }
        let mut question = simple_text_question(entries);
        question.case_sensitive = case_sensitive;
        Some(QuestionKind::Text(question))
    }

    fn read_numerical(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        if let Some(units) = child(node, "units") {
            let names: Vec<String> = units
                .descendants()
                .filter(|n| n.has_tag_name("unit_name"))
                .map(element_text)
                .collect();
            if !names.is_empty() {
                self.warning(
                    units,
                    format!(
                        "units are not asked for: learners give the number alone (in `{}`)",
                        names[0].trim()
                    ),
                    "say the unit in the question text",
                );
            }
        }
        let mut entries = Vec::new();
        let mut ok = true;
        for answer in self.answers(node) {
            let Some(fraction) = self.fraction(answer) else {
                ok = false;
                continue;
            };
            let written = child_text(answer, "text")
                .or_else(|| answer.text().map(str::to_string))
                .unwrap_or_default();
            let written = written.trim();
            let value = if written == "*" || written.is_empty() {
                None
            } else {
                match written.parse::<f64>() {
                    Ok(v) if v.is_finite() => Some(v),
                    _ => {
                        self.error(
                            answer,
                            format!("`{written}` is not a number"),
                            "write the answer as a number such as `1822` or `3.14` (decimals take a dot), or `*` for any other number",
                        );
                        ok = false;
                        continue;
                    }
                }
            };
            let tolerance = match child_text(answer, "tolerance") {
                None => 0.0,
                Some(t) if t.trim().is_empty() => 0.0,
                Some(t) => match t.trim().parse::<f64>() {
                    Ok(t) if t.is_finite() && t >= 0.0 => t,
                    _ => {
                        self.error(
                            answer,
                            format!("the tolerance `{}` is not a number of 0 or more", t.trim()),
                            "write how far from the answer is still right: `<tolerance>0.01</tolerance>`",
                        );
                        ok = false;
                        continue;
                    }
                },
            };
            if !(0.0..=100.0).contains(&fraction) {
                self.error(
                    answer,
                    format!(
                        "the fraction is {fraction} %: a numerical answer earns from 0 to 100 %"
                    ),
                    "a fraction is the percent of the question's points this answer earns",
                );
                ok = false;
                continue;
            }
            entries.push(NumericAnswer {
                answer: value,
                tolerance: if value.is_some() { tolerance } else { 0.0 },
                weight: (fraction < FULL).then_some(fraction),
                feedback: self.feedback(answer, format, files),
            });
        }
        if !ok {
            return None;
        }
        if !entries
            .iter()
            .any(|e| e.answer.is_some() && e.weight.is_none())
        {
            self.error(
                node,
                "no number is worth 100 %: expected one full-credit answer",
                "give the right number `fraction=\"100\"`",
            );
            return None;
        }
        let simple = entries.len() == 1 && entries[0].feedback.is_none();
        Some(QuestionKind::Numeric(if simple {
            NumericQuestion {
                answer: entries[0].answer,
                tolerance: entries[0].tolerance,
                answers: Vec::new(),
            }
        } else {
            NumericQuestion {
                answer: None,
                tolerance: 0.0,
                answers: entries,
            }
        }))
    }

    fn read_matching(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        let mut pairs = Vec::new();
        let mut distractors = Vec::new();
        for sub in node.children().filter(|c| c.has_tag_name("subquestion")) {
            let left = self
                .rich_text_of(sub, format, files)
                .map(|t| self.markdown(&t, files))
                .unwrap_or_default();
            let right = child(sub, "answer")
                .and_then(|a| child_text(a, "text"))
                .unwrap_or_default();
            // Shown as plain text in a list of matches: kept as written.
            let right = right.trim().to_string();
            if right.is_empty() {
                continue;
            }
            if left.is_empty() {
                distractors.push(right);
            } else {
                pairs.push(Pair { left, right });
            }
        }
        Some(QuestionKind::Match(MatchQuestion { pairs, distractors }))
    }

    fn read_ordering(
        &mut self,
        node: Node<'_, '_>,
        format: TextFormat,
        files: &mut HashMap<String, String>,
    ) -> Option<QuestionKind> {
        // Each answer's fraction is its place (1, 2, 3…); old files leave
        // them at 0 and list the answers in order.
        let mut items: Vec<(f64, String)> = Vec::new();
        for answer in self.answers(node) {
            let place = self.fraction(answer)?;
            if let Some(text) = self.rich_text_of(answer, format, files) {
                let text = self.markdown(&text, files);
                if !text.is_empty() {
                    items.push((place, text));
                }
            }
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let items = items.into_iter().map(|(_, text)| text).collect();
        Some(QuestionKind::Order(OrderQuestion { items }))
    }

    /// Drag-and-drop into text and select missing words: the gaps `[[n]]`
    /// of the text, each filled by option n. One gap is a `single`
    /// question (its group's options to choose from); more are a `match`
    /// of numbered gaps.
    fn read_gaps(&mut self, node: Node<'_, '_>, prompt: &mut String) -> Option<QuestionKind> {
        let options: Vec<(String, String)> = node
            .children()
            .filter(|c| c.has_tag_name("dragbox") || c.has_tag_name("selectoption"))
            .map(|o| {
                let text = child_text(o, "text").unwrap_or_default();
                let group = child_text(o, "group").unwrap_or_else(|| "1".into());
                (
                    to_markdown(&text, TextFormat::Html),
                    group.trim().to_string(),
                )
            })
            .collect();
        let mut gaps: Vec<usize> = Vec::new();
        let mut rest = prompt.as_str();
        let mut text = String::new();
        while let Some(open) = rest.find("[[") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("]]") else { break };
            let Ok(n) = after[..close].trim().parse::<usize>() else {
                text.push_str(&rest[..open + 2]);
                rest = after;
                continue;
            };
            if n == 0 || n > options.len() {
                self.error(
                    node,
                    format!(
                        "the gap `[[{n}]]` names choice {n}, but the question has {} choice{}",
                        options.len(),
                        if options.len() == 1 { "" } else { "s" }
                    ),
                    "number the gaps from 1, after the choices of the question",
                );
                return None;
            }
            gaps.push(n - 1);
            text.push_str(&rest[..open]);
            text.push_str(&gap_marker(gaps.len()));
            rest = &after[close + 2..];
        }
        text.push_str(rest);
        *prompt = text;
        match gaps.as_slice() {
            [] => {
                self.error(
                    node,
                    "this question has no gap `[[1]]` in its text",
                    "mark each gap with the number of the choice that fills it: `The [[1]] sat on the [[2]].`",
                );
                None
            }
            [only] => {
                let group = &options[*only].1;
                let choices = options
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, g))| g == group)
                    .map(|(i, (text, _))| Choice {
                        text: text.clone(),
                        correct: i == *only,
                        feedback: None,
                        weight: None,
                    })
                    .collect();
                Some(QuestionKind::Single(ChoiceQuestion { choices }))
            }
            _ => {
                let pairs = gaps
                    .iter()
                    .enumerate()
                    .map(|(i, &option)| Pair {
                        left: format!("({})", i + 1),
                        right: options[option].0.clone(),
                    })
                    .collect::<Vec<_>>();
                let mut distractors: Vec<String> = Vec::new();
                for (text, _) in &options {
                    if !pairs.iter().any(|p| &p.right == text) && !distractors.contains(text) {
                        distractors.push(text.clone());
                    }
                }
                Some(QuestionKind::Match(MatchQuestion { pairs, distractors }))
            }
        }
    }
}

/// A gap's place in the HTML, kept through the conversion to Markdown (a
/// word without markup) and put back by [`restore_gaps`].
fn gap_marker(n: usize) -> String {
    format!("BRANDCAMPGAP{n}X")
}

/// The gaps of a converted text: the blank when there is one gap, a
/// numbered blank `(1)` for each of several.
fn restore_gaps(markdown: String) -> String {
    if !markdown.contains("BRANDCAMPGAP") {
        return markdown;
    }
    let several = markdown.contains("BRANDCAMPGAP2X");
    let mut out = markdown;
    let mut n = 1;
    while out.contains(&gap_marker(n)) {
        let blank = if several {
            format!("{BLANK} ({n})")
        } else {
            BLANK.to_string()
        };
        out = out.replace(&gap_marker(n), &blank);
        n += 1;
    }
    out
}

/// Plain accepted answers as `accept` (and one wildcard as `pattern`), as a
/// quiz.yaml author would write them; otherwise `answers`.
fn simple_text_question(entries: Vec<TextAnswer>) -> TextQuestion {
    let plain = entries
        .iter()
        .all(|e| e.weight.is_none() && e.feedback.is_none());
    TextQuestion::from_answers(entries, plain)
}

fn child<'d, 'i>(node: Node<'d, 'i>, name: &str) -> Option<Node<'d, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// The text of an element: its text and CDATA, joined.
fn element_text(node: Node<'_, '_>) -> String {
    node.children()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

/// The text of the child element `name`.
fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(element_text)
}

/// Moodle's yes: `true`, `1`.
fn is_true(text: &str) -> bool {
    let text = text.trim();
    !(text.is_empty() || text == "false" || text == "0")
}

/// A file name safe to write in the site: no folders, no hidden file, no
/// control characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*#%&".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    cleaned.chars().take(100).collect()
}

/// A file name as a relative URL: each character a URL cannot hold
/// percent-encoded.
pub(super) fn encode_name(name: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(name, SET).to_string()
}
