//! `brand.yaml`: its shape, and the checks that need more than its shape (a
//! spelling both right and to avoid, a hashtag without `#`, a platform
//! without a positive limit…), each reported at its line.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::engine::{self, Fold, Rules};
use super::{
    AccountRules, Brand, Hashtags, LintLevel, Platform, RuleGroup, Term, built_in_platforms,
    default_handle,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::sources::Sources;
use crate::variables::Variables;
use crate::yaml::{self, Step};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BrandFile {
    name: String,
    handle: Option<String>,
    #[serde(default)]
    voice: Vec<String>,
    #[serde(default)]
    terms: Vec<TermFile>,
    #[serde(default)]
    hashtags: HashtagsFile,
    #[schemars(with = "Option<std::collections::BTreeMap<String, PlatformFile>>")]
    platforms: Option<Ordered<PlatformFile>>,
    #[serde(default)]
    accounts: AccountsFile,
    #[serde(default)]
    lint: LintLevel,
    /// Read on its own by [`crate::look::file`], key by key.
    #[schemars(with = "Option<crate::look::file::LookFile>")]
    look: Option<serde_yaml::Value>,
}

/// `accounts:`: the rule groups each kind of account follows; a kind left
/// out keeps its default ([`AccountRules::default`]).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct AccountsFile {
    organization: Option<Vec<RuleGroup>>,
    employee: Option<Vec<RuleGroup>>,
    public: Option<Vec<RuleGroup>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct TermFile {
    #[serde(rename = "use")]
    right: Option<String>,
    avoid: Vec<String>,
    why: Option<String>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct HashtagsFile {
    required: Option<Vec<String>>,
    avoid: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PlatformFile {
    /// Signed, so that `-1` gets this module's message rather than serde's.
    max_length: i64,
    label: Option<String>,
}

/// A YAML map read in the order it is written.
#[derive(Debug)]
struct Ordered<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, V>()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// The schema brand.yaml is checked against: [`BrandFile`]'s, its `look:`
/// left to [`crate::look::file::parse_look`], which checks it on its own so
/// that a problem there does not keep the brand's rules from being read.
fn brand_file_schema() -> &'static serde_json::Value {
    yaml::schema_leaving_open::<BrandFile>(Some("/properties/look"))
}

/// Reads `brand.yaml` (`text`, the contents of `file`). Returns `None` when
/// it cannot be read at all; otherwise the rules that are usable, and every
/// problem in `diagnostics`.
pub fn parse_brand(text: &str, file: &Path, diagnostics: &Diagnostics) -> Option<Brand> {
    parse_brand_with(
        text,
        file,
        &Variables::default(),
        &Sources::new(),
        diagnostics,
    )
}

/// Like [`parse_brand`], with the course's variables replaced in every text
/// (`name: "{{ organization }}"`, `handle: "{{ compte_officiel }}"`); the
/// text of an SVG of `look:` with a problem at a line goes into `sources`.
pub(crate) fn parse_brand_with(
    text: &str,
    file: &Path,
    variables: &Variables,
    sources: &Sources,
    diagnostics: &Diagnostics,
) -> Option<Brand> {
    // The tree kept with the file, when the store holds it.
    let tree = sources
        .yaml(file)
        .unwrap_or_else(|| std::sync::Arc::new(yaml::Tree::new(text, 1)));
    let tree = &*tree;
    let checked = variables.parse_yaml_checked(text, tree, file, brand_file_schema(), diagnostics);
    let parsed: BrandFile = match checked {
        Ok(parsed) => parsed,
        Err(problems) => {
            diagnostics.extend(problems);
            return None;
        }
    };
    let check = Checker {
        tree,
        file,
        diagnostics,
    };

    if parsed.name.trim().is_empty() {
        check.error(
            &[Step::Key("name")],
            "the brand has an empty `name`",
            "write the name as the brand signs its posts, e.g. `name: Acme`",
        );
    }
    let handle = match parsed.handle {
        Some(handle) if !handle.starts_with('@') || handle.len() < 2 => {
            check.error(
                &[Step::Key("handle")],
                format!("`{handle}` is not a handle"),
                format!("write it with `@`: `@{}`", handle.trim_start_matches('@')),
            );
            default_handle(&parsed.name)
        }
        Some(handle) => handle,
        None => default_handle(&parsed.name),
    };

    let terms = check_terms(&check, parsed.terms);
    let hashtags = Hashtags {
        required: check_hashtags(&check, "required", parsed.hashtags.required),
        avoid: check_hashtags(&check, "avoid", parsed.hashtags.avoid),
    };
    for (i, hashtag) in hashtags.avoid.iter().enumerate() {
        let key = engine::fold(hashtag, Fold::Loose).text;
        if let Some(required) = hashtags
            .required
            .iter()
            .find(|r| engine::fold(r, Fold::Loose).text == key)
        {
            check.error(
                &[Step::Key("hashtags"), Step::Key("avoid"), Step::Index(i)],
                format!("`{hashtag}` is both required and to avoid (as `{required}`)"),
                "remove it from one of the two lists",
            );
        }
    }
    let platforms = match parsed.platforms {
        None => built_in_platforms(),
        Some(Ordered(entries)) => check_platforms(&check, entries),
    };

    let brand = Brand {
        name: parsed.name.trim().to_string(),
        handle,
        voice: parsed.voice,
        terms,
        hashtags,
        platforms,
        accounts: {
            let defaults = AccountRules::default();
            let AccountsFile {
                organization,
                employee,
                public,
            } = parsed.accounts;
            AccountRules {
                organization: organization.unwrap_or(defaults.organization),
                employee: employee.unwrap_or(defaults.employee),
                public: public.unwrap_or(defaults.public),
            }
        },
        lint: parsed.lint,
        look: parsed.look.map(|value| {
            let reader = crate::look::file::Reader {
                text,
                tree,
                file,
                root: file.parent().unwrap_or(Path::new(".")),
                sources,
                diagnostics,
            };
            crate::look::file::parse_look(value, parsed.name.trim(), &reader)
        }),
    };
    check_rights_are_not_flagged(&check, &brand);
    Some(brand)
}

struct Checker<'a> {
    tree: &'a yaml::Tree,
    file: &'a Path,
    diagnostics: &'a Diagnostics,
}

impl Checker<'_> {
    fn error(&self, path: &[Step<'_>], message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, self.position(path), message).with_hint(hint));
    }

    /// The position of the deepest node of `path` that exists.
    fn position(&self, path: &[Step<'_>]) -> Option<Position> {
        self.tree.locate_nearest(path)
    }
}

/// Keeps the terms' usable spellings; reports empty lists, blank
/// spellings, a spelling both right and to avoid, and one listed twice.
fn check_terms(check: &Checker<'_>, terms: Vec<TermFile>) -> Vec<Term> {
    let rights: Vec<(usize, String)> = terms
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.right.clone().map(|r| (i, r)))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let mut kept = Vec::new();
    for (i, term) in terms.into_iter().enumerate() {
        let at = |rest: &[Step<'static>]| {
            let mut path = vec![Step::Key("terms"), Step::Index(i)];
            path.extend_from_slice(rest);
            path
        };
        if let Some(right) = &term.right
            && !engine::has_word(right)
        {
            check.error(
                &at(&[Step::Key("use")]),
                "`use` has no letters or digits",
                "write the right spelling, e.g. `use: Acme`",
            );
        }
        if term.avoid.is_empty() {
            check.error(
                &at(&[Step::Key("avoid")]),
                "this term has an empty `avoid` list",
                "list the spellings or words to avoid, e.g. `avoid: [\"ACME\", \"Acme Inc\"]`, or remove the term",
            );
        }
        let mut avoid = Vec::new();
        for (j, spelling) in term.avoid.into_iter().enumerate() {
            let path = at(&[Step::Key("avoid"), Step::Index(j)]);
            if !engine::has_word(&spelling) {
                check.error(
                    &path,
                    format!("`{spelling}` has no letters or digits, so it can never match"),
                    "remove it, or write the spelling to avoid",
                );
                continue;
            }
            if let Some((other, _)) = rights.iter().find(|(_, r)| *r == spelling) {
                let which = if *other == i {
                    "this term's".to_string()
                } else {
                    format!("term {}'s", other + 1)
                };
                check.error(
                    &path,
                    format!("`{spelling}` is both a spelling to avoid and {which} right spelling (`use`)"),
                    "remove it from `avoid` (a spelling that differs from the right one by case or accents, such as `ACME` for `Acme`, may be listed: it is matched with its case and accents)",
                );
                continue;
            }
            let key = engine::fold(&spelling, Fold::Exact).text;
            if seen.contains(&key) {
                check.error(
                    &path,
                    format!("`{spelling}` is listed twice"),
                    "remove the second one",
                );
                continue;
            }
            seen.push(key);
            avoid.push(spelling);
        }
        if !avoid.is_empty() {
            kept.push(Term {
                right: term.right,
                avoid,
                why: term.why,
            });
        }
    }
    kept
}

/// A spelling to avoid found inside a right spelling (`Lorvan` when the
/// brand is `Lorvan Mobilités`) would flag every correct use.
fn check_rights_are_not_flagged(check: &Checker<'_>, brand: &Brand) {
    let rules = Rules::compile(brand);
    for (i, term) in brand.terms.iter().enumerate() {
        let Some(right) = &term.right else { continue };
        if let Some(finding) = rules.wording(right).first()
            && let Some(range) = finding.range()
        {
            check.error(
                &[Step::Key("terms"), Step::Index(i), Step::Key("use")],
                format!(
                    "the right spelling `{right}` contains `{}`, a spelling to avoid, so every correct use would be flagged",
                    &right[range.clone()]
                ),
                "make the spelling to avoid longer (`Lorvan Mobilité` rather than `Lorvan`)",
            );
        }
    }
}

fn check_hashtags(
    check: &Checker<'_>,
    key: &'static str,
    list: Option<Vec<String>>,
) -> Vec<String> {
    let Some(list) = list else { return Vec::new() };
    if list.is_empty() {
        check.error(
            &[Step::Key("hashtags"), Step::Key(key)],
            format!("`hashtags: {key}` is an empty list"),
            format!("list at least one hashtag, e.g. `{key}: [\"#AcmeLife\"]`, or remove `{key}:`"),
        );
    }
    let mut kept: Vec<String> = Vec::new();
    for (i, hashtag) in list.into_iter().enumerate() {
        let path = [Step::Key("hashtags"), Step::Key(key), Step::Index(i)];
        if !engine::is_hashtag(&hashtag) {
            let hint = if !hashtag.starts_with('#') && engine::is_hashtag(&format!("#{hashtag}")) {
                format!("write it with `#`: `#{hashtag}`")
            } else {
                "a hashtag is `#` followed by letters, digits or `_`, without spaces or punctuation"
                    .to_string()
            };
            check.error(&path, format!("`{hashtag}` is not a hashtag"), hint);
            continue;
        }
        if kept
            .iter()
            .any(|k| engine::fold(k, Fold::Loose).text == engine::fold(&hashtag, Fold::Loose).text)
        {
            check.error(
                &path,
                format!("`{hashtag}` is listed twice"),
                "remove the second one (case and accents are ignored when comparing)",
            );
            continue;
        }
        kept.push(hashtag);
    }
    kept
}

fn check_platforms(check: &Checker<'_>, entries: Vec<(String, PlatformFile)>) -> Vec<Platform> {
    if entries.is_empty() {
        check.error(
            &[Step::Key("platforms")],
            "`platforms` is empty",
            "list platforms with their limit, e.g. `x: { max_length: 280 }`, or remove `platforms:` to use the built-in list",
        );
    }
    let mut platforms: Vec<Platform> = Vec::new();
    for (name, platform) in entries {
        let path = [Step::Key("platforms"), Step::Key(name.as_str())];
        let well_formed = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            let lower: String = name
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            check.error(
                &path,
                format!("`{name}` cannot be written after `post` in a lesson"),
                format!("name the platform in lower case, without spaces or accents, e.g. `{lower}` (give `label: {name}` to show it so)"),
            );
            continue;
        }
        if platforms.iter().any(|p| p.name == name) {
            check.error(
                &path,
                format!("`{name}` is listed twice"),
                "remove the second one",
            );
            continue;
        }
        if platform.max_length <= 0 {
            let mut at = path.to_vec();
            at.push(Step::Key("max_length"));
            check.error(
                &at,
                format!("`{name}` has a max_length of {}, which no post can meet", platform.max_length),
                "give the number of characters a post may have on this platform, e.g. `max_length: 280`",
            );
            continue;
        }
        let label = platform
            .label
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| super::default_label(&name));
        platforms.push(Platform {
            max_length: usize::try_from(platform.max_length).unwrap_or(usize::MAX),
            name,
            label,
        });
    }
    platforms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, String)> {
        let diagnostics = Diagnostics::new();
        parse_brand(text, Path::new("brand.yaml"), &diagnostics);
        diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| (d.position.map_or(0, |p| p.line), d.message))
            .collect()
    }

    #[test]
    fn a_valid_file_has_no_problems() {
        let text = "name: Acme\nvoice: [warm]\nterms:\n  - use: Acme\n    avoid: [ACME, Acme Inc]\nhashtags:\n  required: ['#AcmeLife']\nplatforms:\n  x: { max_length: 280 }\nlint: error\n";
        assert_eq!(problems(text), vec![]);
        let diagnostics = Diagnostics::new();
        let brand = parse_brand(text, Path::new("brand.yaml"), &diagnostics).unwrap();
        assert_eq!(brand.lint, LintLevel::Error);
        assert_eq!(brand.platforms[0].label, "X");
        assert_eq!(brand.handle, "@Acme");
    }

    #[test]
    fn platforms_keep_their_order() {
        let text = "name: A\nplatforms:\n  x: { max_length: 280 }\n  bsky: { max_length: 300, label: Bluesky }\n  linkedin: { max_length: 3000 }\n";
        let diagnostics = Diagnostics::new();
        let brand = parse_brand(text, Path::new("brand.yaml"), &diagnostics).unwrap();
        let names: Vec<&str> = brand.platforms.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(names, ["X", "Bluesky", "LinkedIn"]);
    }
}
