//! The shared test vectors of the brand rule engine (tests/brand_vectors.json):
//! the Rust engine must give exactly the findings listed. The JavaScript
//! engine runs the same file (tests/browser/brand-vectors.test.mjs).

use std::path::Path;

use brandcamp::brand::AccountKind;
use brandcamp::brand::engine::{Extra, Finding, Idea, Rules};
use brandcamp::brand::file::parse_brand;
use brandcamp::diagnostics::Diagnostics;
use serde_json::{Value, json};

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/brand_vectors.json");
    let text = std::fs::read_to_string(&path).expect("tests/brand_vectors.json");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Code points before byte `offset` of `text`.
fn chars(text: &str, offset: usize) -> usize {
    text[..offset].chars().count()
}

/// A finding as the vectors write it.
fn as_vector(finding: &Finding, text: &str) -> Value {
    let span = |range: &std::ops::Range<usize>| {
        (
            chars(text, range.start),
            chars(text, range.end),
            &text[range.clone()],
        )
    };
    let mut value = match finding {
        Finding::Length {
            length,
            limit,
            range,
        } => {
            let (start, end, _) = span(range);
            json!({"kind": "length", "length": length, "limit": limit, "start": start, "end": end})
        }
        Finding::HashtagMissing { hashtag } => {
            json!({"kind": "hashtag_missing", "hashtag": hashtag})
        }
        Finding::TooManyHashtags { count, max } => {
            json!({"kind": "too_many_hashtags", "count": count, "max": max})
        }
        Finding::MustMention { text } => json!({"kind": "must_mention", "text": text}),
        Finding::IdeaMissing { index, message } => {
            json!({"kind": "idea_missing", "index": index, "message": message})
        }
        Finding::IdeaAvoided {
            index,
            message,
            range,
        } => {
            let (start, end, found) = span(range);
            json!({"kind": "idea_avoided", "index": index, "message": message, "text": found, "start": start, "end": end})
        }
        Finding::HashtagAvoided { hashtag, range } => {
            let (start, end, found) = span(range);
            json!({"kind": "hashtag_avoided", "text": found, "hashtag": hashtag, "start": start, "end": end})
        }
        Finding::Spelling { range, right, why } => {
            let (start, end, found) = span(range);
            json!({"kind": "spelling", "text": found, "use": right, "start": start, "end": end, "why": why})
        }
        Finding::Term { range, why } => {
            let (start, end, found) = span(range);
            json!({"kind": "term", "text": found, "start": start, "end": end, "why": why})
        }
    };
    if let Some(map) = value.as_object_mut() {
        map.retain(|_, v| !v.is_null());
    }
    value
}

fn ideas(list: &Value, message: &str) -> Vec<Idea> {
    list.as_array()
        .map(|ideas| {
            ideas
                .iter()
                .map(|idea| Idea {
                    words: idea["words"]
                        .as_array()
                        .map(|w| {
                            w.iter()
                                .filter_map(|v| v.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                    message: idea[message].as_str().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn extra(case: &Value) -> Extra {
    let extra = &case["extra"];
    let pick = |snake: &str, camel: &str| {
        if extra[snake].is_null() {
            extra[camel].clone()
        } else {
            extra[snake].clone()
        }
    };
    Extra {
        must_mention: pick("must_mention", "mustMention")
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        max_hashtags: pick("max_hashtags", "maxHashtags")
            .as_u64()
            .map(|n| n as usize),
        max_length: pick("max_length", "maxLength").as_u64().map(|n| n as usize),
        ideas: ideas(&extra["ideas"], "missing"),
        avoid_ideas: ideas(&extra["avoid_ideas"], "found"),
        account: extra["account"]
            .as_str()
            .map(|name| AccountKind::parse(name).expect("a kind of account"))
            .unwrap_or_default(),
    }
}

#[test]
fn the_rust_engine_passes_every_shared_vector() {
    let vectors = vectors();
    let mut failures = Vec::new();
    let mut count = 0;
    for suite in vectors["suites"].as_array().expect("suites") {
        // The rules are brand.yaml written as JSON (which is YAML): read
        // them the way a course's brand.yaml is read.
        let diagnostics = Diagnostics::new();
        let rules_text = serde_json::to_string(&suite["rules"]).expect("rules");
        let brand = parse_brand(&rules_text, Path::new("brand_vectors.json"), &diagnostics)
            .expect("the rules of the vectors are a valid brand.yaml");
        assert_eq!(diagnostics.into_sorted(), vec![], "suite {}", suite["name"]);
        let rules = Rules::compile(&brand);
        for case in suite["cases"].as_array().expect("cases") {
            count += 1;
            let text = case["text"].as_str().expect("text");
            let report = rules.check(text, case["platform"].as_str(), &extra(case));
            let got = json!({
                "length": report.length,
                "limit": report.limit,
                "findings": report.findings.iter().map(|f| as_vector(f, text)).collect::<Vec<_>>(),
            });
            let want = json!({
                "length": case["length"],
                "limit": case["limit"],
                "findings": case["findings"],
            });
            if got != want {
                failures.push(format!(
                    "{} / {}:\n  text: {text:?}\n  want: {want}\n  got:  {got}",
                    suite["name"], case["name"]
                ));
            }
        }
    }
    assert!(count > 20, "only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
