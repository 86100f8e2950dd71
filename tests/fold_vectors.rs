//! The shared cases of the accent-folding rule (tests/fold_vectors.json):
//! every Rust use of it gives what they list. The JavaScript copies run the
//! same file (tests/browser/fold-vectors.test.mjs).

use std::path::Path;

use brandcamp::brand::engine::{Finding, Fold, Rules};
use brandcamp::brand::file::parse_brand;
use brandcamp::diagnostics::Diagnostics;
use brandcamp::fold::fold;
use brandcamp::slug::slugify;
use serde_json::Value;

fn cases() -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fold_vectors.json");
    let text = std::fs::read_to_string(&path).expect("tests/fold_vectors.json");
    let vectors: Value = serde_json::from_str(&text).expect("valid JSON");
    let field = |case: &Value, key: &str| case[key].as_str().expect(key).to_string();
    vectors["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| {
            (
                field(case, "text"),
                field(case, "folded"),
                field(case, "slug"),
            )
        })
        .collect()
}

/// The terms of brand rules that avoid `avoid`, loosely (no `use`).
fn rules_avoiding(avoid: &str) -> Rules {
    let diagnostics = Diagnostics::new();
    let yaml = format!(
        "name: Acme\nterms:\n  - avoid: [{}]\n",
        serde_json::to_string(avoid).expect("a string")
    );
    let brand = parse_brand(&yaml, Path::new("brand.yaml"), &diagnostics).expect("rules");
    assert_eq!(diagnostics.into_sorted(), vec![], "{avoid:?}");
    Rules::compile(&brand)
}

/// Whether the only finding in `text` is the avoided term, over all of it.
fn found_whole(rules: &Rules, text: &str) -> bool {
    matches!(
        rules.wording(text).as_slice(),
        [Finding::Term { range, .. }] if *range == (0..text.len())
    )
}

#[test]
fn the_fold_gives_every_shared_case() {
    let cases = cases();
    assert!(cases.len() >= 10, "only {} cases", cases.len());
    for (text, folded, _) in &cases {
        assert_eq!(&fold(text), folded, "{text:?}");
    }
}

#[test]
fn the_brand_rules_fold_loosely_by_the_same_rule() {
    for (text, folded, _) in cases() {
        assert_eq!(
            brandcamp::brand::engine::fold(&text, Fold::Loose).text,
            folded,
            "{text:?}"
        );
        // As the JavaScript test checks it: a term written as the case's
        // text is found, whole, in the folded text.
        assert!(found_whole(&rules_avoiding(&text), &folded), "{text:?}");
    }
}

#[test]
fn slugs_are_the_folded_ascii_words() {
    for (text, _, slug) in cases() {
        assert_eq!(slugify(&text), slug, "{text:?}");
    }
}
