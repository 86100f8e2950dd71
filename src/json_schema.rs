//! JSON Schemas of the YAML an author writes (course.yaml, module.yaml,
//! quiz.yaml, brand.yaml, lesson front matter), generated from the Rust
//! types that read them (`schemars`), so that the two cannot drift apart.
//!
//! `brandcamp schema DIR` writes them; an editor with the YAML language
//! server completes and checks keys as a trainer types (docs/editors.md).
//! The build checks every YAML file against the same derived schemas
//! before serde reads it (`yaml/check.rs`): unknown keys, with their
//! suggestions, missing keys, wrong types and unknown values come from them.
//!
//! Draft 7 is written, as it is the draft editors' YAML support knows best.
//! Only the question is assembled by hand ([`crate::quiz::schema::Question`]).

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::quiz::schema::QuizFile;
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
