//! Quizzes: a module's graded quiz (`quiz.yaml`, `quiz.gift` or `quiz.xml`) and the
//! knowledge checks of lessons (```` ```quiz ```` and ```` ```gift ````
//! blocks), which share one question schema.
//!
//! - [`schema`]: the YAML as written (serde types, unknown keys refused);
//! - this module: parsing into the model ([`Quiz`], [`Question`]), with every
//!   problem of a file reported at its line;
//! - [`check`]: the rules serde cannot express (one right answer, weights
//!   that reach 100 %, a pattern the browser understands…);
//! - [`payload`]: the JSON a page embeds for the browser, answers encoded;
//! - [`fence`]: the knowledge checks, rendered through the Markdown
//!   pipeline's [`crate::markdown::FenceRenderer`] hook;
//! - [`gift`]: Moodle's GIFT format, read into the same model and written
//!   back out;
//! - [`moodle_xml`]: Moodle XML, likewise;
//! - [`bank`]: what banks brought from Moodle share (copies, repeated names).
//!
//! Grading happens in the browser (`themes/default/assets/grading.js`).

pub mod bank;
pub mod check;
pub mod fence;
pub mod gift;
pub mod moodle_xml;
pub mod payload;
pub mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Position, suggest};
use crate::variables::Variables;
use crate::yaml::{self, Step, Tree};
use schema::{QuestionCommon, QuizFile, QuizSettings};
pub use schema::{QuestionKind, Review};

/// A module's graded quiz, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// The quiz file, relative to the course root.
    pub path: PathBuf,
    pub title: Option<String>,
    /// Percent needed to pass; the course's `pass_mark` when `None`.
    pub pass_mark: Option<u8>,
    /// Shuffle questions and choices at each attempt.
    pub shuffle: bool,
    /// Questions drawn from the pool at each attempt (all when `None`).
    pub draw: Option<usize>,
    /// 0 means unlimited.
    pub max_attempts: u32,
    /// When the right answers are shown; the course's `review` when `None`.
    pub review: Option<Review>,
    pub questions: Vec<Question>,
    /// `id:` and `was:`: what learners' results are kept under.
    pub identity: crate::model::identity::Identity,
    /// Raised by the author to make every learner take the quiz again.
    pub version: u32,
    /// Where `version:` is written, if it is.
    pub version_position: Option<Position>,
    /// Files the questions show (pictures of a quiz.xml), written next to
    /// the quiz page.
    pub files: Vec<EmbeddedFile>,
}

/// A file a quiz file carries inside it (Moodle XML's base64 `<file>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedFile {
    /// A plain file name, unique in the quiz.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Quiz {
    /// How many questions one attempt shows.
    pub(crate) fn questions_per_attempt(&self) -> usize {
        self.draw.unwrap_or(self.questions.len())
    }
}

/// One question of a quiz or knowledge check.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable identity for progress and LMS reporting: the author's `id`, or
    /// one derived from the type and prompt.
    pub id: String,
    /// Markdown.
    pub prompt: String,
    pub points: u32,
    /// Markdown.
    pub hint: Option<String>,
    /// Markdown.
    pub explanation: Option<String>,
    pub kind: QuestionKind,
}

/// Shuffling is on unless a quiz turns it off.
pub(crate) const DEFAULT_SHUFFLE: bool = true;

/// A quiz's text and the file it comes from, for locating problems in it.
/// `line_offset` is added to every line: a knowledge check's YAML starts
/// further down its lesson.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub text: &'a str,
    pub file: &'a Path,
    pub line_offset: usize,
    /// The span tree of the text, when it is YAML and its tree is kept
    /// (see [`crate::sources::Sources::yaml`]); parsed once when the quiz
    /// is, otherwise.
    pub tree: Option<&'a Tree>,
}

impl<'a> Source<'a> {
    /// A source with no tree yet.
    pub fn new(text: &'a str, file: &'a Path, line_offset: usize) -> Self {
        Source {
            text,
            file,
            line_offset,
            tree: None,
        }
    }

    /// The position of the node at `path`, in the file.
    pub fn at(&self, path: &[Step<'_>]) -> Option<Position> {
        self.tree?.locate(path).map(|p| self.shift(p))
    }

    /// This source with its YAML tree: the kept one, or `local` parsed now.
    fn with_tree(self, local: &'a mut Option<Tree>) -> (Self, &'a Tree) {
        let tree = match self.tree {
            Some(tree) => tree,
            None => local.insert(Tree::new(self.text, self.line_offset + 1)),
        };
        (
            Source {
                tree: Some(tree),
                ..self
            },
            tree,
        )
    }

    /// An error at the node at `path` (or the nearest existing parent).
    pub fn error(&self, path: &[Step<'_>], message: impl Into<String>) -> Diagnostic {
        let position = (0..=path.len()).rev().find_map(|n| self.at(&path[..n]));
        Diagnostic::error(self.file, position, message)
    }

    /// An error about the value at `path`, underlined where the value is
    /// written (at the nearest existing parent when it is not).
    pub fn value_error(&self, path: &[Step<'_>], message: impl Into<String>) -> Diagnostic {
        match self.tree {
            // The tree starts on the line after `line_offset` (see `with_tree`).
            Some(tree) => yaml::error_at_value(tree, self.text, self.file, path, message),
            None => self.error(path, message),
        }
    }

    fn shift(&self, p: Position) -> Position {
        Position::new(p.line + self.line_offset, p.column)
    }

    fn shift_diagnostic(&self, d: Diagnostic) -> Diagnostic {
        if self.line_offset == 0 {
            d
        } else {
            d.shifted(self.line_offset, 0)
        }
    }
}

/// The `quiz:` settings of a module.yaml, and the file they are written in.
#[derive(Clone, Copy)]
pub struct ModuleQuizSettings<'a> {
    pub settings: &'a QuizSettings,
    pub source: Source<'a>,
}

/// Makes a module's quiz of the text of its file (`path` relative to
/// `root`; `None` when it could not be read, which the reader reported):
/// `quiz.yaml`, or `quiz.gift` or `quiz.xml` with its settings from
/// module.yaml's `quiz:`.
pub(crate) fn quiz_from_text(
    root: &Path,
    path: &Path,
    text: Option<&str>,
    tree: Option<&Tree>,
    module_settings: Option<ModuleQuizSettings<'_>>,
    variables: &Variables,
    diagnostics: &Diagnostics,
) -> Option<Quiz> {
    let file = root.join(path);
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if extension == "yaml"
        && let Some(m) = module_settings
    {
        diagnostics.push(
            m.source
                .error(
                    &[Step::Key("quiz")],
                    "`quiz:` in module.yaml is for a quiz written as quiz.gift or quiz.xml, but this module's quiz is quiz.yaml",
                )
                .with_width(4)
                .with_hint("put these settings at the top of quiz.yaml, and remove `quiz:` from module.yaml"),
        );
    }
    let source = Source {
        text: text?,
        file: &file,
        line_offset: 0,
        tree,
    };
    let mut quiz = match extension {
        "gift" => gift::parse_gift_quiz(source, module_settings, diagnostics)?,
        "xml" => moodle_xml::parse_moodle_xml_quiz(source, module_settings, diagnostics)?,
        _ => parse_quiz_with(source, variables, diagnostics)?,
    };
    quiz.path = path.to_path_buf();
    Some(quiz)
}

/// Parses the text of a `quiz.yaml`. Returns the quiz even when some of its
/// questions are wrong (they are left out and reported), `None` only when
/// the file cannot be read as a quiz at all.
pub fn parse_quiz(source: Source<'_>, diagnostics: &Diagnostics) -> Option<Quiz> {
    parse_quiz_with(source, &Variables::default(), diagnostics)
}

/// Like [`parse_quiz`], with the course's variables replaced in every text.
pub(crate) fn parse_quiz_with(
    source: Source<'_>,
    variables: &Variables,
    diagnostics: &Diagnostics,
) -> Option<Quiz> {
    let mut local = None;
    let (source, tree) = source.with_tree(&mut local);
    let checked = yaml::parse_checked(
        source.text,
        tree,
        source.file,
        Some(schema::quiz_file_schema()),
    );
    let mut file: QuizFile = match checked {
        Ok(file) => file,
        Err(problems) => {
            // Given as lines of the file already.
            diagnostics.extend(problems);
            return None;
        }
    };
    expand_quiz_texts(source, variables, &mut file.questions, diagnostics);
    if let Some(title) = file.title.as_mut() {
        *title = variables.expand(title).text.into_owned();
    }
    if file.questions.is_empty() {
        diagnostics.push(
            source
                .error(&[Step::Key("questions")], "this quiz has no questions")
                .with_hint("add a `questions:` list (see docs/quizzes.md)"),
        );
    }
    let settings = file.settings();
    // Questions that fail to parse still count in the pool `draw` takes from.
    let pool = file.questions.len();
    let questions: Vec<Question> = file
        .questions
        .into_iter()
        .enumerate()
        .filter_map(|(i, value)| {
            parse_question(
                value,
                source,
                &[Step::Key("questions"), Step::Index(i)],
                diagnostics,
            )
        })
        .collect();
    report_duplicate_ids(&questions, source, &[Step::Key("questions")], diagnostics);
    Some(quiz_with_settings(
        settings,
        questions,
        pool,
        source,
        &[],
        diagnostics,
    ))
}

/// A quiz of `questions` (drawn from a pool of `pool`, counting those that
/// failed) with `settings`, checked where they are written: at `base` in
/// `source` (the top of quiz.yaml, or `quiz:` in module.yaml).
pub(crate) fn quiz_with_settings(
    settings: QuizSettings,
    questions: Vec<Question>,
    pool: usize,
    source: Source<'_>,
    base: &[Step<'_>],
    diagnostics: &Diagnostics,
) -> Quiz {
    let pass_mark = match settings.pass_mark {
        Some(mark) if mark > 100 => {
            diagnostics.push(
                source
                    .error(
                        &child(base, Step::Key("pass_mark")),
                        format!("pass_mark is {mark}, above 100"),
                    )
                    .with_hint("pass_mark is a percent, from 0 to 100"),
            );
            None
        }
        mark => mark.map(|m| m as u8),
    };
    let draw = match settings.draw {
        Some(0) => {
            diagnostics.push(
                source
                    .error(
                        &child(base, Step::Key("draw")),
                        "`draw: 0` would show no question",
                    )
                    .with_hint("draw at least 1 question, or remove `draw` to show them all"),
            );
            None
        }
        Some(n) if n as usize > pool => {
            diagnostics.push(
                source
                    .error(
                        &child(base, Step::Key("draw")),
                        format!("`draw` asks for {n} questions, but the pool has {pool}"),
                    )
                    .with_hint(format!("draw at most {pool}, or add questions to the pool")),
            );
            None
        }
        n => n.map(|n| n as usize),
    };
    let version_position = source.at(&child(base, Step::Key("version")));
    let version = match settings.version {
        Some(0) => {
            diagnostics.push(
                source
                    .error(
                        &child(base, Step::Key("version")),
                        "`version: 0`: versions start at 1",
                    )
                    .with_hint(
                        "raise `version:` by one to make every learner take this quiz again",
                    ),
            );
            1
        }
        v => v.unwrap_or(1),
    };
    let written = |text: &String, path: Vec<Step<'_>>| crate::model::identity::WrittenId {
        text: text.clone(),
        file: source.file.to_path_buf(),
        position: source.at(&path),
    };
    let identity = crate::model::identity::Identity {
        id: settings
            .id
            .as_ref()
            .map(|id| written(id, child(base, Step::Key("id")))),
        was: settings
            .was
            .iter()
            .enumerate()
            .map(|(i, was)| {
                written(was, {
                    let mut path = child(base, Step::Key("was"));
                    path.push(Step::Index(i));
                    path
                })
            })
            .collect(),
    };
    Quiz {
        path: PathBuf::new(),
        title: settings.title,
        pass_mark,
        shuffle: settings.shuffle.unwrap_or(DEFAULT_SHUFFLE),
        draw,
        max_attempts: settings.max_attempts,
        review: settings.review,
        questions,
        identity,
        version,
        version_position,
        files: Vec::new(),
    }
}

/// How many questions the file lists, counting those that failed to parse.
/// Parses the questions of a knowledge check: a YAML list of questions (or
/// one question as a map).
pub fn parse_knowledge_check(source: Source<'_>, diagnostics: &Diagnostics) -> Vec<Question> {
    parse_knowledge_check_with(source, &Variables::default(), diagnostics)
}

/// Like [`parse_knowledge_check`], with the course's variables replaced.
pub(crate) fn parse_knowledge_check_with(
    source: Source<'_>,
    variables: &Variables,
    diagnostics: &Diagnostics,
) -> Vec<Question> {
    let mut local = None;
    let (source, tree) = source.with_tree(&mut local);
    let mut value: Value = match yaml::parse_value(source.text, tree, source.file) {
        Ok(value) => value,
        Err(d) => {
            // Given as lines of the file already.
            diagnostics.push(d);
            return Vec::new();
        }
    };
    expand_quiz_texts(
        source,
        variables,
        std::slice::from_mut(&mut value),
        diagnostics,
    );
    let questions: Vec<Question> = match value {
        Value::Sequence(items) if !items.is_empty() => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| parse_question(v, source, &[Step::Index(i)], diagnostics))
            .collect(),
        Value::Mapping(map) if map.get("type").is_some() => {
            parse_question(Value::Mapping(map), source, &[], diagnostics)
                .into_iter()
                .collect()
        }
        _ => {
            diagnostics.push(
                source
                    .error(&[], "a `quiz` block holds a list of questions")
                    .with_hint("start each question with `- type: single` (see docs/quizzes.md)"),
            );
            Vec::new()
        }
    };
    report_duplicate_ids(&questions, source, &[], diagnostics);
    questions
}

/// Replaces the variables in the texts of questions (parsed YAML values),
/// reporting at their line the references that cannot be replaced.
fn expand_quiz_texts(
    source: Source<'_>,
    variables: &Variables,
    values: &mut [Value],
    diagnostics: &Diagnostics,
) {
    if !source.text.contains("{{") {
        return;
    }
    if let Some(tree) = source.tree {
        variables.check_yaml(source.text, tree, source.file, diagnostics);
    }
    values
        .iter_mut()
        .for_each(|value| variables.expand_value(value));
}

/// Parses one question found at `path` in the source, reporting every
/// problem of it. `None` when it cannot be used.
pub(crate) fn parse_question(
    value: Value,
    source: Source<'_>,
    path: &[Step<'_>],
    diagnostics: &Diagnostics,
) -> Option<Question> {
    let mut local = None;
    let (source, tree) = source.with_tree(&mut local);
    let Value::Mapping(map) = value else {
        diagnostics.push(
            source
                .error(path, "a question is a map of keys")
                .with_hint("write at least `type:` and `prompt:` (see docs/quizzes.md)"),
        );
        return None;
    };
    let kind_name = match map.get("type") {
        None => {
            diagnostics.push(
                source
                    .error(path, "this question has no `type`")
                    .with_hint(format!(
                        "add `type:` with one of: {}",
                        QuestionKind::NAMES.join(", ")
                    )),
            );
            return None;
        }
        Some(Value::String(name)) if QuestionKind::NAMES.contains(&name.as_str()) => name.clone(),
        Some(other) => {
            let written = match other {
                Value::String(s) => s.clone(),
                _ => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let hint = match suggest(&written, QuestionKind::NAMES.iter().copied()) {
                Some(best) => format!(
                    "did you mean `{best}`? The types are: {}",
                    QuestionKind::NAMES.join(", ")
                ),
                None => format!("the types are: {}", QuestionKind::NAMES.join(", ")),
            };
            diagnostics.push(
                source
                    .value_error(
                        &child(path, Step::Key("type")),
                        format!("unknown question type `{written}`"),
                    )
                    .with_hint(hint),
            );
            return None;
        }
    };

    // The question as written, checked against the schema of its kind:
    // every unknown key, missing key and value of the wrong type at once.
    // Unknown keys alone leave the rest of the question readable: it is
    // read without them, so that what else is wrong with it (an answer
    // missing, two right choices) is reported in the same run.
    let mut map = map;
    let mut unknown_keys = false;
    // A prompt (not a required key) misspelt: its absence is not reported
    // again.
    let mut prompt_misspelt = false;
    if let Some(node) = tree.node_at(path) {
        let (root, kind_schema) = schema::question_schema(&kind_name);
        let problems = yaml::check(root, kind_schema, tree, node, yaml::Strings::TextOnly);
        diagnostics.extend(
            problems
                .iter()
                .map(|p| p.diagnostic(tree, source.text, source.file)),
        );
        for problem in &problems {
            match problem {
                yaml::Problem::UnknownKey { key, allowed, .. } => {
                    map.remove(key.as_str());
                    unknown_keys = true;
                    prompt_misspelt |=
                        suggest(key, allowed.iter().map(String::as_str)) == Some("prompt");
                }
                _ => return None,
            }
        }
    }
    // Split the keys: those of every question, and those of its kind.
    let mut common = Mapping::new();
    let mut specific = Mapping::new();
    for (key, value) in map {
        match key.as_str() {
            Some("type") => {}
            Some(k) if schema::common_question_keys().iter().any(|c| c == k) => {
                common.insert(key, value);
            }
            _ => {
                specific.insert(key, value);
            }
        }
    }
    let mut ok = !unknown_keys;
    let common: QuestionCommon =
        match yaml::from_value_at(Value::Mapping(common), source.text, tree, path, source.file) {
            Ok(common) => common,
            Err(d) => {
                diagnostics.push(source.shift_diagnostic(d));
                ok = false;
                QuestionCommon::default()
            }
        };
    let kind = parse_kind(&kind_name, Value::Mapping(specific), source, tree, path);
    let kind = match kind {
        Ok(kind) => Some(kind),
        Err(d) => {
            // The schema check found every key and type right but the
            // unknown ones: a key it is missing now is one of them,
            // misspelt, and reported as such.
            if !unknown_keys {
                diagnostics.push(source.shift_diagnostic(d));
            }
            None
        }
    };
    let prompt = match common.prompt {
        Some(prompt) if !prompt.trim().is_empty() => Some(prompt),
        Some(_) => {
            diagnostics.push(
                source
                    .error(&child(path, Step::Key("prompt")), "the prompt is empty")
                    .with_hint("write the question in `prompt:`"),
            );
            None
        }
        None if prompt_misspelt => None,
        None => {
            diagnostics.push(
                source
                    .error(path, "this question has no `prompt`")
                    .with_hint("add `prompt:` with the question to ask (Markdown)"),
            );
            None
        }
    };
    if common.points == Some(0) {
        diagnostics.push(
            source
                .error(
                    &child(path, Step::Key("points")),
                    "a question is worth at least 1 point",
                )
                .with_hint("remove `points` (1 by default) or give a whole number from 1"),
        );
        ok = false;
    }
    if let Some(id) = &common.id
        && id.trim().is_empty()
    {
        diagnostics.push(
            source
                .error(&child(path, Step::Key("id")), "the id is empty")
                .with_hint("give a short name such as `m1-q3`, or remove `id`"),
        );
        ok = false;
    }
    let (kind, prompt) = (kind?, prompt?);
    let question = Question {
        id: common
            .id
            .unwrap_or_else(|| derived_id(kind.name(), &prompt)),
        prompt,
        points: common.points.unwrap_or(1).max(1),
        hint: common.hint,
        explanation: common.explanation,
        kind,
    };
    ok &= check::check_question(&question, source, path, diagnostics);
    ok.then_some(question)
}

fn parse_kind(
    name: &str,
    value: Value,
    source: Source<'_>,
    tree: &Tree,
    path: &[Step<'_>],
) -> Result<QuestionKind, Diagnostic> {
    let (text, file) = (source.text, source.file);
    Ok(match name {
        "single" => QuestionKind::Single(yaml::from_value_at(value, text, tree, path, file)?),
        "multiple" => QuestionKind::Multiple(yaml::from_value_at(value, text, tree, path, file)?),
        "true_false" => {
            QuestionKind::TrueFalse(yaml::from_value_at(value, text, tree, path, file)?)
        }
        "text" => QuestionKind::Text(yaml::from_value_at(value, text, tree, path, file)?),
        "numeric" => QuestionKind::Numeric(yaml::from_value_at(value, text, tree, path, file)?),
        "order" => QuestionKind::Order(yaml::from_value_at(value, text, tree, path, file)?),
        "match" => QuestionKind::Match(yaml::from_value_at(value, text, tree, path, file)?),
        _ => QuestionKind::Post(yaml::from_value_at(value, text, tree, path, file)?),
    })
}

/// `path` followed by `step`.
pub fn child<'a>(path: &[Step<'a>], step: Step<'a>) -> Vec<Step<'a>> {
    let mut p = path.to_vec();
    p.push(step);
    p
}

/// A stable id from a question's type and prompt (FNV-1a, so that the same
/// question keeps its id from one build to the next).
pub fn derived_id(kind: &str, prompt: &str) -> String {
    format!(
        "q-{:012x}",
        fnv1a(&[kind.as_bytes(), b"\0", prompt.as_bytes()]) >> 16
    )
}

pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Two questions with the same id would share their progress and LMS
/// record. Reported at the second one.
fn report_duplicate_ids(
    questions: &[Question],
    source: Source<'_>,
    list: &[Step<'_>],
    diagnostics: &Diagnostics,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let twice = questions.iter().any(|q| {
        let count = seen.entry(q.id.as_str()).or_default();
        *count += 1;
        *count > 1
    });
    if !twice {
        return;
    }
    // Questions that failed to parse are missing from `questions`: find each
    // one's index in the source by its id (parsed again only now: rare).
    let value: Option<Value> = serde_yaml::from_str(source.text).ok();
    let items = value.as_ref().and_then(|v| {
        let mut node = v;
        for step in list {
            node = match step {
                Step::Key(k) => node.get(*k)?,
                Step::Index(i) => node.get(*i)?,
            };
        }
        node.as_sequence()
    });
    let index_of = |question: &Question, nth: usize| -> Option<usize> {
        let items = items?;
        items
            .iter()
            .enumerate()
            .filter(|(_, item)| match item.get("id").and_then(Value::as_str) {
                Some(id) => id == question.id,
                None => {
                    item.get("prompt").and_then(Value::as_str) == Some(question.prompt.as_str())
                }
            })
            .map(|(i, _)| i)
            .nth(nth)
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for question in questions {
        let count = seen.entry(question.id.as_str()).or_default();
        *count += 1;
        if *count < 2 {
            continue;
        }
        let index = index_of(question, *count - 1);
        let mut path = list.to_vec();
        if let Some(i) = index {
            path.push(Step::Index(i));
        }
        let explicit = items
            .and_then(|items| index.and_then(|i| items.get(i)))
            .is_some_and(|item| item.get("id").is_some());
        let diagnostic = if explicit {
            path.push(Step::Key("id"));
            source
                .error(
                    &path,
                    format!("two questions have the id `{}`", question.id),
                )
                .with_hint("give each question its own `id`")
        } else {
            source
                .error(
                    &path,
                    "this question is written twice (same type and prompt)",
                )
                .with_hint("remove the copy, or give the two questions different `id`s")
        };
        diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests;
