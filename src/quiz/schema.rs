//! The shapes of the quiz YAML an author writes: `quiz.yaml` and the
//! questions of ```` ```quiz ```` blocks in lessons. Unknown keys are errors
//! (`deny_unknown_fields`).
//!
//! A question is a map with a `type`. Its keys are split in two: the keys
//! every question may carry ([`QuestionCommon`]) and the keys of its kind
//! ([`QuestionKind`], tagged by `type`). The enum derives `Deserialize` as the
//! schema's single definition, but [`super::parse_question`] deserializes the
//! kind's struct directly, so that errors keep their exact position (serde's
//! internally tagged enums buffer their content and lose the path).

use std::borrow::Cow;
use std::sync::OnceLock;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::yaml::schema_properties;

/// `review`: when a graded quiz shows its right answers and explanations
/// (docs/quizzes.md). A failed attempt always shows which answers were wrong
/// and the feedback of the choices picked.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Once the quiz is passed, or once `max_attempts` is used up.
    #[default]
    AfterPass,
    /// After every attempt, passed or not.
    Always,
    /// Never: the learner sees what was wrong, not what was right.
    Never,
}

impl Review {
    /// The name an author writes.
    pub fn name(self) -> &'static str {
        match self {
            Review::AfterPass => "after_pass",
            Review::Always => "always",
            Review::Never => "never",
        }
    }
}

/// `quiz.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub title: Option<String>,
    /// Percent; checked against 100 after parsing, so that the error has a
    /// position and a plain message.
    pub pass_mark: Option<u32>,
    pub shuffle: Option<bool>,
    pub draw: Option<u32>,
    #[serde(default)]
    pub max_attempts: u32,
    /// The id learners' results are kept under (default: the module's).
    pub id: Option<String>,
    /// Ids the quiz had before.
    #[serde(default)]
    pub was: Vec<String>,
    /// Raised to make every learner take the quiz again (default 1).
    pub version: Option<u32>,
    /// The course's `review` when absent.
    pub review: Option<Review>,
    /// Parsed one by one with [`super::parse_question`].
    #[serde(default)]
    #[schemars(with = "Vec<Question>")]
    pub questions: Vec<serde_yaml::Value>,
}

/// The quiz-level keys of `quiz.yaml` without its questions: what
/// `module.yaml` gives under `quiz:` for a quiz written as `quiz.gift`. The
/// fields are those of [`QuizFile`] (serde cannot flatten a struct into one
/// that denies unknown keys; a test keeps the two in step).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizSettings {
    pub title: Option<String>,
    pub pass_mark: Option<u32>,
    pub shuffle: Option<bool>,
    pub draw: Option<u32>,
    #[serde(default)]
    pub max_attempts: u32,
    pub id: Option<String>,
    #[serde(default)]
    pub was: Vec<String>,
    pub version: Option<u32>,
    pub review: Option<Review>,
}

impl QuizFile {
    /// The quiz-level keys, apart from the questions.
    pub fn settings(&self) -> QuizSettings {
        QuizSettings {
            title: self.title.clone(),
            pass_mark: self.pass_mark,
            shuffle: self.shuffle,
            draw: self.draw,
            max_attempts: self.max_attempts,
            id: self.id.clone(),
            was: self.was.clone(),
            version: self.version,
            review: self.review,
        }
    }
}

/// The keys every question may carry besides `type`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionCommon {
    pub id: Option<String>,
    /// Markdown.
    pub prompt: Option<String>,
    pub points: Option<u32>,
    /// Markdown, shown on request before answering.
    pub hint: Option<String>,
    /// Markdown, shown once the answer is checked.
    pub explanation: Option<String>,
}

/// The kinds of question, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one correct choice.
    Single(ChoiceQuestion),
    /// One or more correct choices; all-or-nothing unless choices carry
    /// `weight` (GIFT-style percentages, negative ones allowed).
    Multiple(ChoiceQuestion),
    TrueFalse(TrueFalseQuestion),
    /// Free text compared with `accept` or matched by `pattern`.
    Text(TextQuestion),
    Numeric(NumericQuestion),
    /// `items` in the right order, shown shuffled.
    Order(OrderQuestion),
    /// `pairs` whose right sides are shown shuffled.
    Match(MatchQuestion),
    /// The learner writes a social post, checked against the brand rules.
    Post(PostQuestion),
}

impl QuestionKind {
    /// Every `type`, as written in YAML.
    pub(crate) const NAMES: &'static [&'static str] = &[
        "single",
        "multiple",
        "true_false",
        "text",
        "numeric",
        "order",
        "match",
        "post",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single(_) => "single",
            QuestionKind::Multiple(_) => "multiple",
            QuestionKind::TrueFalse(_) => "true_false",
            QuestionKind::Text(_) => "text",
            QuestionKind::Numeric(_) => "numeric",
            QuestionKind::Order(_) => "order",
            QuestionKind::Match(_) => "match",
            QuestionKind::Post(_) => "post",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceQuestion {
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Markdown.
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    /// Markdown, shown when this choice was picked.
    pub feedback: Option<String>,
    /// Percent of the question's points this choice adds (or, negative,
    /// takes away) when picked. In a `single` question, only the choices
    /// that are not `correct` take one: partial credit for a near miss.
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrueFalseQuestion {
    pub answer: bool,
    /// Markdown, shown when the learner answers true.
    pub feedback_true: Option<String>,
    /// Markdown, shown when the learner answers false.
    pub feedback_false: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextQuestion {
    #[serde(default)]
    pub accept: Vec<String>,
    /// A regular expression the whole answer must match (see docs/quizzes.md
    /// for the syntax both Rust and the browser accept).
    pub pattern: Option<String>,
    /// Answers with their own credit and feedback (GIFT's short answers);
    /// `accept` and `pattern` are answers worth 100 % without feedback.
    #[serde(default)]
    pub answers: Vec<TextAnswer>,
    /// Compare answers with their case (`Paris` is not `paris`); accents
    /// and spacing are still ignored. Moodle's short answers may ask it.
    #[serde(default)]
    pub case_sensitive: bool,
}

impl TextQuestion {
    /// A text question from imported answers (GIFT, Moodle XML): written as
    /// a quiz.yaml author would, with `accept` (and at most one `pattern`)
    /// when every answer is `plain` (full credit, no feedback), else with
    /// weighted `answers`.
    pub(crate) fn from_answers(answers: Vec<TextAnswer>, plain: bool) -> TextQuestion {
        let patterns = answers.iter().filter(|a| a.pattern.is_some()).count();
        if plain && patterns <= 1 {
            TextQuestion {
                case_sensitive: false,
                accept: answers.iter().filter_map(|a| a.text.clone()).collect(),
                pattern: answers.iter().find_map(|a| a.pattern.clone()),
                answers: Vec::new(),
            }
        } else {
            TextQuestion {
                case_sensitive: false,
                accept: Vec::new(),
                pattern: None,
                answers,
            }
        }
    }
}

/// One answer of a `text` question's `answers`: a `text` or a `pattern`.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextAnswer {
    /// Compared like `accept`.
    pub text: Option<String>,
    /// Matched like the question's `pattern`.
    pub pattern: Option<String>,
    /// Percent of the question's points, 0 to 100 (100 when absent).
    pub weight: Option<f64>,
    /// Markdown, shown when this answer is the one that counted.
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumericQuestion {
    /// Optional here so that a missing answer is reported with a hint.
    pub answer: Option<f64>,
    #[serde(default)]
    pub tolerance: f64,
    /// Answers with their own tolerance, credit and feedback (GIFT's
    /// numerical questions), instead of `answer` and `tolerance`.
    #[serde(default)]
    pub answers: Vec<NumericAnswer>,
}

/// One answer of a `numeric` question's `answers`.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumericAnswer {
    /// The number; without it, the entry stands for any other number (for
    /// feedback on wrong answers).
    pub answer: Option<f64>,
    #[serde(default)]
    pub tolerance: f64,
    /// Percent of the question's points, 0 to 100 (100 when absent).
    pub weight: Option<f64>,
    /// Markdown, shown when this answer is the one that counted.
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderQuestion {
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchQuestion {
    pub pairs: Vec<Pair>,
    /// Right sides that match no left side, offered among the others.
    #[serde(default)]
    pub distractors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub left: String,
    pub right: String,
}

/// A `post` question. It is graded by [`crate::quiz::PostRules`] in the
/// browser (`gradePost` in grading.js).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostQuestion {
    pub platform: String,
    /// The account the learner writes as: its rules of brand.yaml apply.
    #[serde(default)]
    pub account: crate::brand::AccountKind,
    #[serde(default)]
    pub must_mention: Vec<String>,
    pub max_hashtags: Option<u32>,
    /// Ideas the post must express, each a family of words.
    #[serde(default)]
    pub ideas: Vec<RequiredIdea>,
    /// Ideas the post must not express.
    #[serde(default)]
    pub avoid_ideas: Vec<AvoidedIdea>,
    /// Self-assessment items (Markdown), shown once the automatic checks pass.
    #[serde(default)]
    pub rubric: Vec<String>,
    /// A post that answers the question well, shown with the rubric.
    pub model_answer: Option<String>,
}

/// One of `ideas`: met when any of `words` starts a word of the post.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredIdea {
    pub words: Vec<String>,
    /// What the learner is told when the idea is absent.
    pub missing: String,
}

/// One of `avoid_ideas`: found when any of `words` starts a word of the post.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AvoidedIdea {
    pub words: Vec<String>,
    /// What the learner is told when the idea is found.
    pub found: String,
}

/// A question as its JSON Schema gives it. serde reads a question as the
/// keys every question has plus the keys of its `type`, which derive macros
/// cannot express with unknown keys refused: the schema is assembled here
/// from the derived schemas of both parts.
pub struct Question;

/// The kinds of question, by the `type` an author writes, with the derived
/// schema of the keys proper to each.
fn kinds(generator: &mut SchemaGenerator) -> Vec<(&'static str, &'static str, Schema)> {
    vec![
        (
            "single",
            "Exactly one correct choice.",
            ChoiceQuestion::json_schema(generator),
        ),
        (
            "multiple",
            "One or more correct choices (all or nothing unless choices carry `weight`).",
            ChoiceQuestion::json_schema(generator),
        ),
        (
            "true_false",
            "A statement, true or false.",
            TrueFalseQuestion::json_schema(generator),
        ),
        (
            "text",
            "A short text compared with `accept` or matched by `pattern`.",
            TextQuestion::json_schema(generator),
        ),
        (
            "numeric",
            "A number, with a tolerance.",
            NumericQuestion::json_schema(generator),
        ),
        (
            "order",
            "`items` to put in the right order.",
            OrderQuestion::json_schema(generator),
        ),
        (
            "match",
            "`pairs` to match.",
            MatchQuestion::json_schema(generator),
        ),
        (
            "post",
            "A social post the learner writes, checked against the brand rules.",
            PostQuestion::json_schema(generator),
        ),
    ]
}

impl JsonSchema for Question {
    fn schema_name() -> Cow<'static, str> {
        "Question".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let common = QuestionCommon::json_schema(generator);
        let common_properties = schema_properties(&common);
        let variants: Vec<Value> = kinds(generator)
            .into_iter()
            .map(|(name, description, kind)| {
                let mut all = common_properties.clone();
                all.insert(
                    "type".into(),
                    serde_json::json!({ "const": name, "description": description }),
                );
                all.extend(schema_properties(&kind));
                let mut required: Vec<Value> = vec!["type".into()];
                if let Some(Value::Array(kind_required)) = kind.get("required") {
                    required.extend(kind_required.iter().cloned());
                }
                serde_json::json!({
                    "title": format!("A `{name}` question"),
                    "type": "object",
                    "properties": all,
                    "required": required,
                    "additionalProperties": false,
                })
            })
            .collect();
        json_schema!({
            "description": "A question: `type` and `prompt`, then the keys of its type (docs/quizzes.md).",
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": { "enum": QuestionKind::NAMES },
            },
            "oneOf": variants,
        })
    }
}

/// The root schema of a question, and the part of it for a question of
/// `kind` (a `type` that exists; any other gives the whole question's),
/// generated once per process.
pub(crate) fn question_schema(kind: &str) -> (&'static Value, &'static Value) {
    let root = crate::yaml::schema_of::<Question>();
    let variant = root
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|variants| {
            variants
                .iter()
                .find(|v| v.pointer("/properties/type/const") == Some(&Value::from(kind)))
        });
    (root, variant.unwrap_or(root))
}

/// The schema quiz.yaml is checked against: [`QuizFile`]'s, its questions
/// left to [`super::parse_question`], which checks each against the
/// schema of its `type` and goes on with the others.
pub(crate) fn quiz_file_schema() -> &'static Value {
    crate::yaml::schema_leaving_open::<QuizFile>(Some("/properties/questions/items"))
}

/// The keys every question accepts besides `type`.
pub(crate) fn common_question_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(crate::yaml::keys_of::<QuestionCommon>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_type_has_its_schema() {
        let mut generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let names: Vec<&str> = kinds(&mut generator).iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, QuestionKind::NAMES);
    }

    #[test]
    fn a_question_schema_has_the_common_keys_and_its_kinds() {
        let mut common = common_question_keys().to_vec();
        common.sort();
        assert_eq!(common, ["explanation", "hint", "id", "points", "prompt"]);
        let keys = |kind: &str| {
            let (_, schema) = question_schema(kind);
            schema_properties(&Schema::try_from(schema.clone()).expect("a schema"))
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        assert!(keys("post").iter().any(|k| k == "model_answer"));
        assert!(keys("post").iter().any(|k| k == "prompt"));
        assert!(!keys("single").iter().any(|k| k == "items"));
    }
}
