//! Interface strings: the theme's `i18n/<language>.yaml`, chosen by the
//! course's `language`, with the course's `ui:` overrides on top.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::sources::Sources;
use crate::yaml::{self, Step};

#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The string for `key`, or the key itself if the theme lacks it (a
    /// theme bug, made visible rather than hidden).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// Picks the theme's strings for `language` (`fr-CA` uses `fr`), English when
/// the theme has none for it, then applies `overrides` from course.yaml.
/// `files` maps a language (`en`) to the text of its YAML file.
pub fn choose(
    files: &BTreeMap<String, (std::path::PathBuf, String)>,
    language: &str,
    overrides: &BTreeMap<String, String>,
    course_yaml: &Path,
    sources: &Sources,
    diagnostics: &Diagnostics,
) -> Strings {
    let primary = language
        .split('-')
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    let mut strings = parse(files.get("en"), diagnostics);
    if primary != "en" {
        match files.get(&primary) {
            Some(_) => strings.0.extend(parse(files.get(&primary), diagnostics).0),
            None if overrides.is_empty() => diagnostics.push(
                Diagnostic::warning(
                    course_yaml,
                    sources.locate(course_yaml, &[Step::Key("language")]),
                    format!("the interface has no built-in `{primary}` translation; English is used"),
                )
                .with_hint("translate the interface with `ui:` in course.yaml (the keys are in the theme's i18n/en.yaml)"),
            ),
            None => {}
        }
    }
    for (key, value) in overrides {
        if strings.0.contains_key(key) {
            strings.0.insert(key.clone(), value.clone());
        } else {
            let hint = match suggest(key, strings.keys()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "see the keys in the theme's i18n/en.yaml".to_string(),
            };
            diagnostics.push(
                Diagnostic::error(
                    course_yaml,
                    sources.locate(course_yaml, &[Step::Key("ui"), Step::Key(key)]),
                    format!("`ui` has no string named `{key}`"),
                )
                .with_hint(hint),
            );
        }
    }
    strings
}

fn parse(file: Option<&(std::path::PathBuf, String)>, diagnostics: &Diagnostics) -> Strings {
    match file {
        Some((path, text)) => match yaml::parse::<BTreeMap<String, String>>(text, path) {
            Ok(map) => Strings(map),
            Err(problems) => {
                diagnostics.extend(problems);
                Strings::default()
            }
        },
        None => Strings::default(),
    }
}
