//! JSON Schemas of the YAML an author writes (course.yaml, module.yaml,
//! quiz.yaml, brand.yaml, lesson front matter), generated from the Rust
//! types that read them (`schemars`), so that the two cannot drift apart.
//!
//! `brandcamp schema DIR` writes them; an editor with the YAML language
//! server completes and checks keys as a trainer types (docs/editors.md).
//! The same schemas give the build the keys each kind of question accepts
//! ([`question_keys`]), from which unknown-key suggestions are made.
//!
//! Draft 7 is written, as it is the draft editors' YAML support knows best.
//! Only the question is assembled by hand: serde reads a question as the
//! keys every question has plus the keys of its `type`, which derive macros
//! cannot express with unknown keys refused; it is built here from the
//! derived schemas of both parts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::quiz::schema::{
    ChoiceQuestion, MatchQuestion, NumericQuestion, OrderQuestion, PostQuestion, QuestionCommon,
    QuestionKind, QuizFile, TextQuestion, TrueFalseQuestion,
};
use crate::schema::{CourseFile, FrontMatter, ModuleFile};

/// One file the schemas describe: its schema's file name, what it is for,
/// and the schema.
pub struct FileSchema {
    pub file_name: &'static str,
    pub describes: &'static str,
    pub schema: Value,
}

/// Every schema, in the order `brandcamp schema` lists them.
pub fn schemas() -> Vec<FileSchema> {
    vec![
        file::<CourseFile>("course.schema.json", "course.yaml", "A brandcamp course"),
        file::<ModuleFile>("module.schema.json", "module.yaml", "A brandcamp module"),
        file::<QuizFile>("quiz.schema.json", "quiz.yaml", "A module's graded quiz"),
        file::<crate::brand::file::BrandFile>(
            "brand.schema.json",
            "brand.yaml",
            "The organisation's brand rules and look",
        ),
        file::<FrontMatter>(
            "front-matter.schema.json",
            "a lesson's front matter",
            "The front matter of a lesson (between `---` lines)",
        ),
    ]
}

fn file<T: JsonSchema>(
    file_name: &'static str,
    describes: &'static str,
    title: &str,
) -> FileSchema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    FileSchema {
        file_name,
        describes,
        schema: schema.to_value(),
    }
}

/// A question of a quiz: `type`, the keys every question has, and those of
/// its type, nothing else.
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
        let common_properties = properties(&common);
        let variants: Vec<Value> = kinds(generator)
            .into_iter()
            .map(|(name, description, kind)| {
                let mut all = common_properties.clone();
                all.insert(
                    "type".into(),
                    serde_json::json!({ "const": name, "description": description }),
                );
                all.extend(properties(&kind));
                let mut required: Vec<Value> = vec!["type".into()];
                if let Some(Value::Array(kind_required)) = kind.get("required") {
                    required.extend(kind_required.iter().cloned());
                }
                serde_json::json!({
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

fn properties(schema: &Schema) -> serde_json::Map<String, Value> {
    match schema.get("properties") {
        Some(Value::Object(map)) => map.clone(),
        _ => serde_json::Map::new(),
    }
}

/// The keys a question of `kind` accepts besides `type`: those of every
/// question, then those of its kind; empty for a kind that does not exist.
pub fn question_keys(kind: &str) -> &'static [String] {
    static KEYS: OnceLock<BTreeMap<&'static str, Vec<String>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut generator = SchemaSettings::draft07().into_generator();
        let common: Vec<String> = properties(&QuestionCommon::json_schema(&mut generator))
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        kinds(&mut generator)
            .into_iter()
            .map(|(name, _, kind)| {
                let mut all = common.clone();
                all.extend(properties(&kind).into_iter().map(|(key, _)| key));
                (name, all)
            })
            .collect()
    });
    keys.get(kind).map(Vec::as_slice).unwrap_or(&[])
}

/// The keys of a map read as `T`, as its schema gives them.
pub fn keys_of<T: JsonSchema>() -> Vec<String> {
    let mut generator = SchemaSettings::draft07().into_generator();
    properties(&T::json_schema(&mut generator))
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

/// The keys every question accepts besides `type`.
pub fn common_question_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(keys_of::<QuestionCommon>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_type_has_its_schema() {
        let mut generator = SchemaSettings::draft07().into_generator();
        let names: Vec<&str> = kinds(&mut generator).iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, QuestionKind::NAMES);
    }

    #[test]
    fn question_keys_are_the_common_keys_then_the_kinds() {
        let mut common = common_question_keys().to_vec();
        common.sort();
        assert_eq!(common, ["explanation", "hint", "id", "points", "prompt"]);
        assert!(question_keys("post").iter().any(|k| k == "model_answer"));
        assert!(question_keys("post").iter().any(|k| k == "prompt"));
        assert!(!question_keys("single").iter().any(|k| k == "items"));
        assert!(question_keys("nonsense").is_empty());
    }
}
