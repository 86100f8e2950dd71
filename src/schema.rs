//! The shapes of the YAML an author writes: `course.yaml`, `module.yaml` and
//! lesson front matter. Unknown keys are errors (`deny_unknown_fields`), so a
//! typo is never silently ignored. (Quiz and brand files have their own
//! modules.)

use std::collections::BTreeMap;

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    pub organization: Option<String>,
    /// Course variables: `{{ name }}` in the course's texts (src/variables.rs).
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    pub pass_mark: Option<u8>,
    /// The default `review` of the course's quizzes.
    pub review: Option<crate::quiz::Review>,
    pub certificate: Option<CertificateSetting>,
    pub modules: Option<Vec<String>>,
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
    pub theme: Option<String>,
    /// The course's IRI (cmi5 course id, xAPI activity id).
    pub iri: Option<String>,
    /// The learning record store of the plain site.
    pub xapi: Option<XapiFile>,
}

/// `xapi:` of course.yaml.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XapiFile {
    pub endpoint: String,
    /// A write-only key and its secret, sent as HTTP Basic credentials.
    pub key: Option<String>,
    pub secret: Option<String>,
    #[serde(default)]
    pub learner: crate::model::LearnerIdentity,
}

/// `certificate: false`, or `certificate: { title, signatory }`.
#[derive(Debug, Clone)]
pub enum CertificateSetting {
    Enabled(bool),
    Custom(CertificateFile),
}

// Written by hand rather than `#[serde(untagged)]`, whose one error ("did not
// match any variant") has no position and hides a typo inside the map.
impl<'de> Deserialize<'de> for CertificateSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Setting;
        impl<'de> Visitor<'de> for Setting {
            type Value = CertificateSetting;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "`true`, `false` or a map with `title`, `signatory` and `signatory_role`",
                )
            }

            fn visit_bool<E: de::Error>(self, enabled: bool) -> Result<Self::Value, E> {
                Ok(CertificateSetting::Enabled(enabled))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                CertificateFile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(CertificateSetting::Custom)
            }
        }
        deserializer.deserialize_any(Setting)
    }
}

impl schemars::JsonSchema for CertificateSetting {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CertificateSetting".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let custom = generator.subschema_for::<CertificateFile>();
        schemars::json_schema!({
            "description": "`false` for no certificate, or its `title`, `signatory` and `signatory_role`.",
            "anyOf": [{ "type": "boolean" }, custom],
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateFile {
    pub title: Option<String>,
    pub signatory: Option<String>,
    /// The signatory's role, on the line under their name.
    pub signatory_role: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleFile {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    pub duration: Option<u32>,
    #[serde(default)]
    pub requires: Vec<String>,
    pub lessons: Option<Vec<String>>,
    /// Quiz settings for a module whose quiz is given as `quiz.gift`.
    pub quiz: Option<crate::quiz::schema::QuizSettings>,
    /// The id learners' progress is kept under (default: the slug).
    pub id: Option<String>,
    /// Ids the module had before.
    #[serde(default)]
    pub was: Vec<String>,
}

impl ModuleFile {
    /// Stands in for a module.yaml that could not be read.
    pub(crate) fn untitled(dir_name: &str) -> ModuleFile {
        ModuleFile {
            title: dir_name.to_string(),
            summary: None,
            objectives: Vec::new(),
            duration: None,
            requires: Vec::new(),
            lessons: None,
            quiz: None,
            id: None,
            was: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub duration: Option<u32>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// The id learners' progress is kept under (default: module/slug).
    pub id: Option<String>,
    /// Ids the lesson had before.
    #[serde(default)]
    pub was: Vec<String>,
}
