//! Properties that hold for any input, each checked on 128 generated inputs
//! per run, in well under five seconds even in a debug build (the fuzz
//! targets in `fuzz/` try millions; see docs/reliability.md).

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use brandcamp::diagnostics::{Diagnostic, LineIndex, Position};
use brandcamp::report;
use brandcamp::slug::{slug_for_name, slugify};
use brandcamp::sources::Sources;
use brandcamp::yaml::{self, Step};
use codespan_reporting::term::termcolor::NoColor;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Text made of the pieces that matter to Markdown, YAML and front matter,
/// mixed with any characters: random strings alone rarely make a callout.
fn structured_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("---\n".to_string()),
        Just("> ".to_string()),
        Just("> [!NOTE]\n".to_string()),
        Just("[!TIP]".to_string()),
        Just("- ".to_string()),
        Just("  ".to_string()),
        Just("# ".to_string()),
        Just("```".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("../".to_string()),
        Just("#anchor".to_string()),
        Just("<a href=\"".to_string()),
        Just("javascript:".to_string()),
        Just("title: ".to_string()),
        Just(": ".to_string()),
        Just("\"".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("{".to_string()),
        Just("\u{feff}".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn slugs_are_lowercase_ascii_words_and_stable(name in "\\PC{0,40}") {
        let slug = slugify(&name);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug:?}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug:?}");
        prop_assert_eq!(slugify(&slug), slug.clone());
        let from_name = slug_for_name(&name);
        prop_assert_eq!(slugify(&from_name), from_name.clone());
    }

    /// The search index's words and the accent folding (src/fold.rs), made
    /// faster, still split and fold as their plain definitions do (the query
    /// side in search-core.js follows those definitions).
    #[test]
    fn search_words_and_folding_follow_their_definitions(text in "(\\PC|[éÉàçœÆ٣ ,.'’-]){0,60}") {
        use brandcamp::fold::fold;
        use brandcamp::search::{STOP_WORDS, words};
        let defined: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| (2..=40).contains(&w.chars().count()) && !STOP_WORDS.contains(w))
            .collect();
        prop_assert_eq!(words(&text).collect::<Vec<_>>(), defined);
        let mut folded = String::new();
        for c in text.chars() {
            match c {
                'œ' | 'Œ' => folded.push_str("oe"),
                'æ' | 'Æ' => folded.push_str("ae"),
                'ß' => folded.push_str("ss"),
                _ => unicode_normalization::char::decompose_canonical(c, |part| {
                    if !unicode_normalization::char::is_combining_mark(part) {
                        folded.extend(part.to_lowercase());
                    }
                }),
            }
        }
        prop_assert_eq!(fold(&text), folded);
    }

    #[test]
    fn front_matter_split_never_panics(text in structured_text()) {
        checks::front_matter(text.as_bytes());
    }

    #[test]
    fn line_positions_grow_with_offsets(text in "\\PC{0,80}", a in 0usize..120, b in 0usize..120) {
        let index = LineIndex::new(&text);
        let (low, high) = (a.min(b), a.max(b));
        prop_assert!(index.position(low) <= index.position(high));
        let p = index.position(high);
        prop_assert!(p.line >= 1 && p.column >= 1);
        prop_assert!(p.line <= text.split('\n').count());
    }

    #[test]
    fn locate_never_panics_and_stays_inside(
        text in structured_text(),
        path in prop::collection::vec(prop_oneof!["[a-z]{1,6}".prop_map(Some), (0usize..4).prop_map(|_| None)], 0..4),
        index in 0usize..4,
    ) {
        let steps: Vec<Step<'_>> = path
            .iter()
            .map(|s| match s {
                Some(key) => Step::Key(key),
                None => Step::Index(index),
            })
            .collect();
        if let Some(p) = yaml::Tree::new(&text, 1).locate(&steps) {
            prop_assert!(p.line >= 1 && p.line <= text.split('\n').count() && p.column >= 1);
        }
    }

    #[test]
    fn yaml_parsing_never_panics(text in structured_text()) {
        checks::yaml_configs(text.as_bytes());
    }

    #[test]
    fn markdown_never_panics_and_callouts_are_balanced(text in structured_text()) {
        checks::lesson_markdown(text.as_bytes());
    }

    #[test]
    fn diagnostics_print_anywhere_in_a_file(
        text in structured_text(),
        line in 0usize..12,
        column in 0usize..40,
        width in 0usize..50,
    ) {
        let file = std::path::Path::new("course/lesson.md");
        let sources = Sources::new();
        sources.insert(file, text.as_str().into());
        let diagnostic = Diagnostic::error(file, Some(Position::new(line, column)), "problem")
            .with_width(width)
            .with_hint("hint");
        let mut out = NoColor::new(Vec::new());
        prop_assert!(report::print(&[diagnostic], &sources, &mut out).is_ok());
        let printed = String::from_utf8_lossy(out.get_ref()).into_owned();
        prop_assert!(printed.contains("problem"));
    }
}

#[test]
fn the_generated_text_reaches_the_interesting_cases() {
    // A sanity check of the strategy itself: callouts and links do occur.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut callouts = 0;
    for _ in 0..200 {
        let text = structured_text()
            .new_tree(&mut runner)
            .expect("tree")
            .current();
        callouts += usize::from(text.contains("> [!NOTE]"));
    }
    assert!(callouts > 10, "{callouts}");
}
