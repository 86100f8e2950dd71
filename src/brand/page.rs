//! What the site shows of the brand rules: the brand page's template
//! context, and `assets/brand-rules.js`, the rules and strings the learners'
//! post checker (`brand.js`) reads. The rules are written once per site, so
//! pages stay small and the checker works from `file://`.

use serde::Serialize;

use super::{Brand, Platform};
use crate::i18n::Strings;

/// The brand page's context: the rules, grouped as the page shows them.
#[derive(Serialize)]
pub struct BrandPage<'a> {
    pub name: &'a str,
    pub handle: &'a str,
    pub voice: &'a [String],
    /// Terms with a right spelling.
    pub spellings: Vec<SpellingRow<'a>>,
    /// Terms with nothing to use instead.
    pub avoid: Vec<AvoidRow<'a>>,
    pub required_hashtags: &'a [String],
    pub avoided_hashtags: &'a [String],
    pub platforms: &'a [Platform],
    /// The rule groups each kind of account follows.
    pub accounts: &'a super::AccountRules,
}

#[derive(Serialize)]
pub struct SpellingRow<'a> {
    pub right: &'a str,
    pub wrong: &'a [String],
    pub why: Option<&'a str>,
}

#[derive(Serialize)]
pub struct AvoidRow<'a> {
    pub words: &'a [String],
    pub why: Option<&'a str>,
}

pub(crate) fn brand_page(brand: &Brand) -> BrandPage<'_> {
    BrandPage {
        name: &brand.name,
        handle: &brand.handle,
        voice: &brand.voice,
        spellings: brand
            .terms
            .iter()
            .filter_map(|t| {
                t.right.as_deref().map(|right| SpellingRow {
                    right,
                    wrong: &t.avoid,
                    why: t.why.as_deref(),
                })
            })
            .collect(),
        avoid: brand
            .terms
            .iter()
            .filter(|t| t.right.is_none())
            .map(|t| AvoidRow {
                words: &t.avoid,
                why: t.why.as_deref(),
            })
            .collect(),
        required_hashtags: &brand.hashtags.required,
        avoided_hashtags: &brand.hashtags.avoid,
        platforms: &brand.platforms,
        accounts: &brand.accounts,
    }
}

/// `assets/brand-rules.js`: sets `window.BRANDCAMP_BRAND` to the rules (in
/// the shape of brand.yaml) and the interface strings the checker uses
/// (every `brand_*` string).
pub(crate) fn rules_script(brand: &Brand, strings: &Strings) -> String {
    #[derive(Serialize)]
    struct Script<'a> {
        rules: Rules<'a>,
        strings: std::collections::BTreeMap<&'a str, &'a str>,
    }
    #[derive(Serialize)]
    struct Rules<'a> {
        name: &'a str,
        handle: &'a str,
        terms: &'a [super::Term],
        hashtags: &'a super::Hashtags,
        platforms: &'a [Platform],
        accounts: &'a super::AccountRules,
    }
    let script = Script {
        rules: Rules {
            name: &brand.name,
            handle: &brand.handle,
            terms: &brand.terms,
            hashtags: &brand.hashtags,
            platforms: &brand.platforms,
            accounts: &brand.accounts,
        },
        strings: strings
            .keys()
            .filter(|k| k.starts_with("brand_"))
            .map(|k| (k, strings.get(k)))
            .collect(),
    };
    let json = serde_json::to_string(&script).unwrap_or_else(|_| "{}".into());
    format!("window.BRANDCAMP_BRAND = {json};\n")
}
