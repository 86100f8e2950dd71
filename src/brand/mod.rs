//! The organisation's brand rules, from the optional `brand.yaml` at the
//! course root, and the four things brandcamp does with them:
//!
//! - [`file`] reads and validates `brand.yaml` into a [`Brand`] (plain data,
//!   kept in the course model);
//! - [`engine`] checks a text against the rules (the same engine runs in the
//!   browser as `themes/default/assets/brand.js`);
//! - [`fence`] renders ```` ```post ```` blocks as post cards, and [`page`]
//!   the brand page and the rules the learners' checker reads;
//! - [`lint`] checks the course's own lessons, quizzes and titles.

pub mod engine;
pub mod fence;
pub mod file;
pub mod lint;
pub mod page;

use serde::{Deserialize, Serialize};

/// The rules of `brand.yaml`, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brand {
    /// The organisation as it signs its posts.
    pub name: String,
    /// The account name shown under `name` on post cards (`@LorvanMobilites`).
    pub handle: String,
    /// Traits of the brand's voice, shown on the brand page.
    pub voice: Vec<String>,
    pub terms: Vec<Term>,
    pub hashtags: Hashtags,
    /// In the order of `brand.yaml` (or the built-in list when it has none).
    pub platforms: Vec<Platform>,
    /// Which rules the posts of each kind of account follow.
    pub accounts: AccountRules,
    pub lint: LintLevel,
    /// The organisation's logo, colours and fonts (`look:`), if given.
    #[serde(skip)]
    pub look: Option<crate::look::Look>,
}

/// Who writes a post: the organisation's official account, an employee's
/// personal account, or a member of the public.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    #[default]
    Organization,
    Employee,
    Public,
}

impl AccountKind {
    pub(crate) const ALL: [AccountKind; 3] = [
        AccountKind::Organization,
        AccountKind::Employee,
        AccountKind::Public,
    ];

    /// As written in `account=` and in brand.yaml.
    pub fn name(self) -> &'static str {
        match self {
            AccountKind::Organization => "organization",
            AccountKind::Employee => "employee",
            AccountKind::Public => "public",
        }
    }

    pub fn parse(name: &str) -> Option<AccountKind> {
        AccountKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

/// A group of brand rules, as `accounts:` in brand.yaml names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleGroup {
    /// The platform's length limit.
    Length,
    /// `hashtags.required`.
    RequiredHashtags,
    /// `hashtags.avoid`.
    AvoidedHashtags,
    /// `terms`: spellings and words to avoid.
    Terms,
}

/// The rule groups each kind of account follows. By default the official
/// account follows every rule; an employee's personal account every rule
/// but the required hashtags (it speaks for its owner, not for the
/// organisation); a member of the public only the platform's limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountRules {
    pub organization: Vec<RuleGroup>,
    pub employee: Vec<RuleGroup>,
    pub public: Vec<RuleGroup>,
}

impl Default for AccountRules {
    fn default() -> Self {
        use RuleGroup::*;
        AccountRules {
            organization: vec![Length, RequiredHashtags, AvoidedHashtags, Terms],
            employee: vec![Length, AvoidedHashtags, Terms],
            public: vec![Length],
        }
    }
}

impl AccountRules {
    pub fn of(&self, kind: AccountKind) -> &[RuleGroup] {
        match kind {
            AccountKind::Organization => &self.organization,
            AccountKind::Employee => &self.employee,
            AccountKind::Public => &self.public,
        }
    }
}

/// One entry of `terms:`: spellings or words to avoid, with the right one
/// when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    #[serde(rename = "use")]
    pub right: Option<String>,
    pub avoid: Vec<String>,
    pub why: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Hashtags {
    pub required: Vec<String>,
    pub avoid: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Platform {
    /// As written after `post` in a lesson (`linkedin`).
    pub name: String,
    /// As shown to learners (`LinkedIn`).
    pub label: String,
    /// Characters (grapheme clusters) a post may have.
    pub max_length: usize,
}

/// How the lint of the course reports what breaks the brand rules.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    #[default]
    Warn,
    Error,
    Off,
}

/// Platforms known when `brand.yaml` lists none (or there is no brand.yaml):
/// name, label and the platform's own length limit. brand.js has the same list.
const BUILT_IN_PLATFORMS: &[(&str, &str, usize)] = &[
    ("x", "X", 280),
    ("linkedin", "LinkedIn", 3000),
    ("instagram", "Instagram", 2200),
    ("facebook", "Facebook", 63206),
    ("threads", "Threads", 500),
    ("bluesky", "Bluesky", 300),
    ("mastodon", "Mastodon", 500),
];

/// Initials for an avatar: `Lorvan Mobilités` → `LM`, `Karim B.` → `KB`.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .take(2)
        .collect()
}

/// The platforms used when `brand.yaml` does not list its own.
pub(crate) fn built_in_platforms() -> Vec<Platform> {
    BUILT_IN_PLATFORMS
        .iter()
        .map(|(name, label, max_length)| Platform {
            name: name.to_string(),
            label: label.to_string(),
            max_length: *max_length,
        })
        .collect()
}

/// How a platform is shown when `brand.yaml` gives no `label`: the built-in
/// label for a known name, else the name with a capital.
pub(crate) fn default_label(name: &str) -> String {
    if let Some((_, label, _)) = BUILT_IN_PLATFORMS.iter().find(|(n, _, _)| *n == name) {
        return label.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A handle-like line made from the brand's name: `Lorvan Mobilités` →
/// `@LorvanMobilites` (letters and digits only, accents removed).
pub(crate) fn default_handle(name: &str) -> String {
    let mut handle = String::from("@");
    for c in name.chars() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if d.is_ascii_alphanumeric() || d == '_' {
                handle.push(d);
            }
        });
    }
    handle
}

impl Brand {
    /// The platform named `name`, ignoring case.
    pub fn platform(&self, name: &str) -> Option<&Platform> {
        self.platforms
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The error for a platform name that is not among this brand's
    /// platforms (a ```` ```post ```` block, a quiz's `post` question), with
    /// the closest name.
    pub(crate) fn unknown_platform(
        &self,
        name: &str,
        file: &std::path::Path,
        position: Option<crate::diagnostics::Position>,
    ) -> crate::diagnostics::Diagnostic {
        let names: Vec<&str> = self.platforms.iter().map(|p| p.name.as_str()).collect();
        let hint = match crate::diagnostics::suggest(&name.to_lowercase(), names.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? The platforms are: {}",
                names.join(", ")
            ),
            None => format!(
                "the platforms are: {}; add others under `platforms:` in brand.yaml, with their `max_length`",
                names.join(", ")
            ),
        };
        crate::diagnostics::Diagnostic::error(
            file,
            position,
            format!("there is no platform `{name}`"),
        )
        .with_hint(hint)
    }

    /// Initials for the avatar of post cards: `Lorvan Mobilités` → `LM`.
    pub fn initials(&self) -> String {
        initials(&self.name)
    }

    /// The brand of a course that has no `brand.yaml`: post cards are signed
    /// with the organisation (or the course title), and no rule applies but
    /// the platforms' own limits.
    pub(crate) fn unbranded(signature: &str) -> Brand {
        Brand {
            name: signature.to_string(),
            handle: default_handle(signature),
            voice: Vec::new(),
            terms: Vec::new(),
            hashtags: Hashtags::default(),
            platforms: built_in_platforms(),
            accounts: AccountRules::default(),
            lint: LintLevel::Off,
            look: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_and_initials_come_from_the_name() {
        let brand = Brand::unbranded("Lorvan Mobilités");
        assert_eq!(brand.handle, "@LorvanMobilites");
        assert_eq!(brand.initials(), "LM");
    }

    #[test]
    fn platforms_are_found_ignoring_case() {
        let brand = Brand::unbranded("Acme");
        assert_eq!(brand.platform("LinkedIn").map(|p| p.max_length), Some(3000));
        assert!(brand.platform("myspace").is_none());
        assert_eq!(default_label("tiktok"), "Tiktok");
    }
}
