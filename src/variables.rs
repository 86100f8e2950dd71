//! Course variables: `{{ name }}` in the texts an author writes, replaced by
//! the values defined once under `variables:` in course.yaml (and
//! `{{ organization }}`, from its `organization:` key), so that another
//! organisation adapts a course by editing one file.
//!
//! Where they are replaced: lesson Markdown outside code (code spans and
//! code blocks are left alone, except ```` ```post ```` blocks, which are
//! posts, and ```` ```quiz ```` blocks, whose YAML is expanded like
//! quiz.yaml), and every text value of course.yaml, module.yaml, lesson
//! front matter, quiz.yaml and brand.yaml. A YAML value is expanded after
//! it is parsed, so a value with quotes or colons needs no escaping.
//!
//! An undefined variable, or a `{{` that starts none, is an error at its
//! line and column with the closest name; `\{{` writes `{{` itself.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position, suggest};
use crate::yaml;

/// The variables of a course, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variables {
    values: BTreeMap<String, String>,
}

/// A reference that cannot be replaced, at `range` of the text expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    /// Characters of the reference, for the diagnostic's underline.
    pub width: usize,
    pub message: String,
    pub hint: String,
}

/// A text with its variables replaced, and what could not be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion<'a> {
    pub text: Cow<'a, str>,
    pub problems: Vec<Problem>,
}

/// Whether `name` may name a variable: `[a-z][a-z0-9_]*`.
pub(crate) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Variables {
    /// The variables of a course: `organization` (when course.yaml gives
    /// it) and those of `variables:`.
    pub fn new(organization: Option<&str>, defined: &BTreeMap<String, String>) -> Variables {
        let mut values = defined.clone();
        if let Some(organization) = organization {
            values.insert("organization".to_string(), organization.to_string());
        }
        Variables { values }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Every name and value, in name order (for caches that must notice a
    /// change of value).
    pub(crate) fn fingerprint(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.values {
            out.push_str(name);
            out.push('\u{1}');
            out.push_str(value);
            out.push('\u{2}');
        }
        out
    }

    /// Replaces every `{{ name }}` of `text`; `\{{` becomes `{{`.
    pub(crate) fn expand<'a>(&self, text: &'a str) -> Expansion<'a> {
        self.expand_outside(text, &[])
    }

    /// Like [`Variables::expand`], leaving the byte ranges `skip` (sorted,
    /// not overlapping) as they are.
    fn expand_outside<'a>(&self, text: &'a str, skip: &[Range<usize>]) -> Expansion<'a> {
        if !text.contains("{{") {
            return Expansion {
                text: Cow::Borrowed(text),
                problems: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut problems = Vec::new();
        let mut copied = 0;
        let mut from = 0;
        while let Some(found) = text[from..].find("{{") {
            let start = from + found;
            if let Some(range) = skip.iter().find(|r| r.contains(&start)) {
                from = range.end.max(start + 1);
                continue;
            }
            if text[..start].ends_with('\\') {
                out.push_str(&text[copied..start - 1]);
                out.push_str("{{");
                copied = start + 2;
                from = copied;
                continue;
            }
            let reference = reference_at(text, start);
            match reference {
                Reference::Name { name, end } => match self.get(name) {
                    Some(value) => {
                        out.push_str(&text[copied..start]);
                        out.push_str(value);
                        copied = end;
                    }
                    None => problems.push(self.undefined(name, start..end, &text[start..end])),
                },
                Reference::NotAName { inside, end } => {
                    let fixed = inside.to_lowercase().replace(['-', ' '], "_");
                    let hint = if is_name(&fixed) {
                        format!("variable names are written in lowercase, with `_` between words: `{{{{ {fixed} }}}}`")
                    } else {
                        "variable names are lowercase letters, digits and `_`, starting with a letter; to write `{{` itself, write `\\{{`".to_string()
                    };
                    problems.push(Problem {
                        range: start..end,
                        width: text[start..end].chars().count(),
                        message: format!("`{}` is not a variable", &text[start..end]),
                        hint,
                    });
                }
                Reference::Unclosed => problems.push(Problem {
                    range: start..start + 2,
                    width: 2,
                    message: "`{{` starts a variable that is not closed with `}}`".to_string(),
                    hint: "write a variable as `{{ name }}` on one line; to write `{{` itself, write `\\{{`".to_string(),
                }),
            }
            from = start + 2;
        }
        out.push_str(&text[copied..]);
        Expansion {
            text: Cow::Owned(out),
            problems,
        }
    }

    fn undefined(&self, name: &str, range: Range<usize>, written: &str) -> Problem {
        let names: Vec<&str> = self.values.keys().map(String::as_str).collect();
        let hint = match suggest(name, names.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? Variables are defined under `variables:` in course.yaml"
            ),
            None if names.is_empty() => format!(
                "this course defines no variables: add `variables:` to course.yaml with `{name}: \"…\"`, or write `\\{{{{` for `{{{{` itself"
            ),
            None => format!(
                "define it under `variables:` in course.yaml; the variables are: {}",
                names.join(", ")
            ),
        };
        Problem {
            range,
            width: written.chars().count(),
            message: format!("the variable `{name}` is not defined"),
            hint,
        }
    }

    /// Expands the Markdown of a lesson outside code spans and code blocks;
    /// `post` blocks (info string and text) are expanded, `quiz` blocks are
    /// left to [`Variables::expand_value`] once parsed.
    pub(crate) fn expand_markdown<'a>(&self, markdown: &'a str) -> Expansion<'a> {
        if !markdown.contains("{{") {
            return self.expand(markdown);
        }
        let mut skip: Vec<Range<usize>> = Vec::new();
        for (event, range) in
            Parser::new_ext(markdown, crate::markdown::dialect::options()).into_offset_iter()
        {
            match event {
                Event::Code(_) => skip.push(range),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if info.split_whitespace().next() == Some("post") => {}
                Event::Start(Tag::CodeBlock(_)) => skip.push(range),
                _ => {}
            }
        }
        skip.sort_by_key(|r| r.start);
        self.expand_outside(markdown, &skip)
    }

    /// Expands every string of a parsed YAML value (map keys are left alone).
    /// Problems are not reported here: see [`Variables::check_yaml`].
    pub(crate) fn expand_value(&self, value: &mut serde_yaml::Value) {
        match value {
            serde_yaml::Value::String(text) => {
                if let Cow::Owned(expanded) = self.expand(text).text {
                    *text = expanded;
                }
            }
            serde_yaml::Value::Sequence(items) => {
                items.iter_mut().for_each(|item| self.expand_value(item))
            }
            serde_yaml::Value::Mapping(map) => {
                map.values_mut().for_each(|item| self.expand_value(item))
            }
            serde_yaml::Value::Tagged(tagged) => self.expand_value(&mut tagged.value),
            _ => {}
        }
    }

    /// Reports every reference of the text values of a YAML text (whose
    /// span tree is `tree`) that cannot be replaced, at its line and column.
    pub(crate) fn check_yaml(
        &self,
        text: &str,
        tree: &yaml::Tree,
        file: &Path,
        diagnostics: &Diagnostics,
    ) {
        if !text.contains("{{") {
            return;
        }
        let first_line = tree.first_line();
        let lines = LineIndex::new(text);
        for value in tree.text_values() {
            let problems = self.expand(&value.value).problems;
            if problems.is_empty() {
                continue;
            }
            let offsets = value.source_offsets(text);
            for problem in problems {
                let offset = offsets
                    .get(problem.range.start)
                    .copied()
                    .unwrap_or(value.range.start);
                let position = lines.position(offset);
                let position = Position::new(
                    position.line + first_line.saturating_sub(1),
                    position.column,
                );
                diagnostics.push(report(file, position, problem));
            }
        }
    }

    /// Parses YAML (`text`, whose span tree is `tree`) into `T` as
    /// [`yaml::parse_in`] does, with every string value expanded, and
    /// reports the references that cannot be.
    pub(crate) fn parse_yaml<T: DeserializeOwned + schemars::JsonSchema + 'static>(
        &self,
        text: &str,
        tree: &yaml::Tree,
        file: &Path,
        diagnostics: &Diagnostics,
    ) -> Result<T, Vec<Diagnostic>> {
        let schema = yaml::schema_of::<T>();
        self.parse_yaml_checked(text, tree, file, schema, diagnostics)
    }

    /// Like [`Self::parse_yaml`], checked against `schema` (a root schema)
    /// rather than `T`'s own.
    pub(crate) fn parse_yaml_checked<T: DeserializeOwned>(
        &self,
        text: &str,
        tree: &yaml::Tree,
        file: &Path,
        schema: &serde_json::Value,
        diagnostics: &Diagnostics,
    ) -> Result<T, Vec<Diagnostic>> {
        let parsed: T = yaml::parse_checked(text, tree, file, Some(schema))?;
        if !text.contains("{{") {
            return Ok(parsed);
        }
        self.check_yaml(text, tree, file, diagnostics);
        // The expanded document is written out again and read as the
        // original was, so that a plain `42` is still read as the text a
        // field may expect.
        let expanded = yaml::parse_value(text, tree, file)
            .ok()
            .and_then(|mut value| {
                self.expand_value(&mut value);
                let written = serde_yaml::to_string(&value).ok()?;
                serde_yaml::from_str::<T>(&written).ok()
            });
        Ok(expanded.unwrap_or(parsed))
    }
}

/// A diagnostic for a problem found at `position` of `file`.
pub fn report(file: &Path, position: Position, problem: Problem) -> Diagnostic {
    Diagnostic::error(file, Some(position), problem.message)
        .with_width(problem.width)
        .with_hint(problem.hint)
}

enum Reference<'a> {
    Name { name: &'a str, end: usize },
    NotAName { inside: &'a str, end: usize },
    Unclosed,
}

/// What the `{{` at `start` of `text` opens: up to the next `}}` on its line.
fn reference_at(text: &str, start: usize) -> Reference<'_> {
    let rest = &text[start + 2..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let Some(close) = line.find("}}") else {
        return Reference::Unclosed;
    };
    let inside = line[..close].trim_matches([' ', '\t']);
    let end = start + 2 + close + 2;
    if is_name(inside) {
        Reference::Name { name: inside, end }
    } else {
        Reference::NotAName { inside, end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variables() -> Variables {
        let mut defined = BTreeMap::new();
        defined.insert(
            "compte_officiel".to_string(),
            "@LorvanMobilites".to_string(),
        );
        defined.insert("reseau_interne".to_string(), "Lorvan&Vous".to_string());
        Variables::new(Some("Lorvan Mobilités"), &defined)
    }

    #[test]
    fn names_are_replaced_with_or_without_spaces() {
        let got = variables()
            .expand("{{organization}} ({{ compte_officiel }}) sur {{  reseau_interne\t}}.");
        assert_eq!(
            got.text,
            "Lorvan Mobilités (@LorvanMobilites) sur Lorvan&Vous."
        );
        assert!(got.problems.is_empty());
    }

    #[test]
    fn a_backslash_writes_braces_themselves() {
        let got = variables().expand(r"Tera écrit \{{ title }} ici.");
        assert_eq!(got.text, "Tera écrit {{ title }} ici.");
        assert!(got.problems.is_empty());
    }

    #[test]
    fn an_undefined_variable_names_the_closest_one() {
        let text = "Suivez {{ compte_oficiel }}.";
        let got = variables().expand(text);
        assert_eq!(got.problems.len(), 1);
        let problem = &got.problems[0];
        assert_eq!(&text[problem.range.clone()], "{{ compte_oficiel }}");
        assert_eq!(
            problem.message,
            "the variable `compte_oficiel` is not defined"
        );
        assert!(
            problem.hint.contains("did you mean `compte_officiel`?"),
            "{}",
            problem.hint
        );
    }

    #[test]
    fn malformed_references_are_problems() {
        let got = variables().expand("{{ Compte Officiel }} and {{ open");
        let messages: Vec<&str> = got.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`{{ Compte Officiel }}` is not a variable",
                "`{{` starts a variable that is not closed with `}}`"
            ]
        );
        assert!(got.problems[0].hint.contains("{{ compte_officiel }}"));
    }

    #[test]
    fn code_in_markdown_is_left_alone_but_posts_are_expanded() {
        let markdown = "Chez {{ organization }}, `{{ organization }}` reste.\n\n```yaml\nname: {{ x }}\n```\n\n```post x author=\"{{ organization }}\"\nSuivez {{ compte_officiel }}\n```\n";
        let got = variables().expand_markdown(markdown);
        assert!(got.problems.is_empty(), "{:?}", got.problems);
        assert_eq!(
            got.text,
            "Chez Lorvan Mobilités, `{{ organization }}` reste.\n\n```yaml\nname: {{ x }}\n```\n\n```post x author=\"Lorvan Mobilités\"\nSuivez @LorvanMobilites\n```\n"
        );
    }

    #[test]
    fn yaml_values_are_expanded_after_parsing() {
        #[derive(serde::Deserialize, schemars::JsonSchema)]
        struct File {
            title: String,
            count: String,
        }
        let diagnostics = Diagnostics::new();
        let text = "title: \"{{ organization }}: \\\"nous\\\"\"\ncount: 42\n";
        let file: File = variables()
            .parse_yaml(
                text,
                &yaml::Tree::new(text, 1),
                Path::new("f.yaml"),
                &diagnostics,
            )
            .expect("parses");
        assert_eq!(file.title, "Lorvan Mobilités: \"nous\"");
        assert_eq!(file.count, "42");
        assert!(diagnostics.into_sorted().is_empty());
    }

    #[test]
    fn yaml_problems_are_reported_at_their_line_and_column() {
        let diagnostics = Diagnostics::new();
        let text = "title: x\nsummary: |\n  Chez {{ organisation }}.\n";
        variables().check_yaml(
            text,
            &yaml::Tree::new(text, 3),
            Path::new("m.yaml"),
            &diagnostics,
        );
        let found = diagnostics.into_sorted();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, Some(Position::new(5, 8)));
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("`organization`")
        );
    }
}
