//! The shapes of the YAML an author writes: `course.yaml`, `module.yaml` and
//! lesson front matter. Unknown keys are errors (`deny_unknown_fields`), so a
//! typo is never silently ignored. (Quiz and brand files have their own
//! modules.)

use std::collections::BTreeMap;

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Deserialize)]
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateFile {
    pub title: Option<String>,
    pub signatory: Option<String>,
    /// The signatory's role, on the line under their name.
    pub signatory_role: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
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
    pub fn untitled(dir_name: &str) -> ModuleFile {
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

#[derive(Debug, Clone, Default, Deserialize)]
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
