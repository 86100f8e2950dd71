//! The quiz schema and its checks: each problem an author can make is
//! reported with its file and line.

use super::check::{check_pattern, javascript_incompatibility};
use super::*;
use crate::diagnostics::Diagnostic;

const FILE: &str = "course/01-m/quiz.yaml";

fn parse(text: &str) -> (Option<Quiz>, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let quiz = parse_quiz(
        Source {
            text,
            file: Path::new(FILE),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (quiz, diagnostics.into_sorted())
}

fn problems(text: &str) -> Vec<Diagnostic> {
    parse(text).1
}

/// The only problem of `text`, which must be at `line`.
fn only_problem(text: &str, line: usize) -> Diagnostic {
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!(d.file, Path::new(FILE));
    assert_eq!(d.position.map(|p| p.line), Some(line), "{d}");
    d
}

#[test]
fn a_quiz_with_every_type_of_question_parses() {
    let (quiz, found) = parse(
        r#"
title: All types
pass_mark: 70
shuffle: false
draw: 2
max_attempts: 3
questions:
  - type: single
    prompt: "One *right*"
    choices: [{text: a, correct: true, feedback: yes}, {text: b}]
  - type: multiple
    prompt: Weighted
    choices:
      - {text: a, weight: 50}
      - {text: b, weight: 50}
      - {text: c, weight: -100}
  - {type: true_false, prompt: Sky is blue, answer: true}
  - {type: text, prompt: Name, accept: [Acme], pattern: "acm[eé]"}
  - {type: numeric, prompt: Age, answer: 38, tolerance: 0.5}
  - {type: order, prompt: Steps, items: [a, b, c]}
  - {type: match, prompt: Pairs, pairs: [{left: a, right: "1"}, {left: b, right: "2"}]}
  - {type: post, prompt: Write, platform: linkedin, must_mention: [Acme], max_hashtags: 2}
"#,
    );
    assert!(found.is_empty(), "{found:#?}");
    let quiz = quiz.unwrap();
    assert_eq!(quiz.pass_mark, Some(70));
    assert!(!quiz.shuffle);
    assert_eq!(quiz.draw, Some(2));
    assert_eq!(quiz.max_attempts, 3);
    let kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(kinds, QuestionKind::NAMES);
}

#[test]
fn the_tagged_enum_and_the_per_kind_parsing_agree() {
    let value: QuestionKind =
        serde_yaml::from_str("type: numeric\nanswer: 3\ntolerance: 1\n").unwrap();
    let (quiz, found) =
        parse("questions:\n  - type: numeric\n    prompt: P\n    answer: 3\n    tolerance: 1\n");
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(quiz.unwrap().questions[0].kind, value);
}

#[test]
fn the_json_schema_keys_are_what_serde_accepts() {
    for kind in QuestionKind::NAMES {
        let text = format!("type: {kind}\nnot_a_key: 1\n");
        let err = serde_yaml::from_str::<QuestionKind>(&text)
            .unwrap_err()
            .to_string();
        let common = super::schema::common_question_keys();
        let (_, schema) = super::schema::question_schema(kind);
        let keys: Vec<&String> = schema["properties"]
            .as_object()
            .expect("a question's keys")
            .keys()
            .collect();
        assert!(keys.len() > common.len() + 1, "{kind}");
        for key in keys.iter().filter(|k| !common.contains(k) && **k != "type") {
            assert!(err.contains(&format!("`{key}`")), "{kind}: {err}");
        }
    }
}

#[test]
fn no_correct_choice_is_reported_at_the_choices() {
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - text: a\n      - text: b\n",
        4,
    );
    assert_eq!(d.message, "no choice is marked correct");
    assert!(d.hint.unwrap().contains("correct: true"));
}

#[test]
fn multiple_without_a_correct_choice_is_reported() {
    let d = only_problem(
        "questions:\n  - type: multiple\n    prompt: P\n    choices: [{text: a}, {text: b}]\n",
        4,
    );
    assert_eq!(d.message, "no choice is marked correct");
}

#[test]
fn single_with_two_correct_choices_is_reported_at_the_second() {
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - text: a\n        correct: true\n      - text: b\n        correct: true\n",
        8,
    );
    assert!(d.message.contains("exactly one correct choice"), "{d}");
    assert!(d.hint.unwrap().contains("type: multiple"));
}

#[test]
fn draw_larger_than_the_pool_is_reported_at_draw() {
    let d = only_problem(
        "draw: 3\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n  - {type: true_false, prompt: Q, answer: false}\n",
        1,
    );
    assert_eq!(d.message, "`draw` asks for 3 questions, but the pool has 2");
}

#[test]
fn order_with_fewer_than_two_items_is_reported_at_the_items() {
    let d = only_problem(
        "questions:\n  - type: order\n    prompt: P\n    items: [only]\n",
        4,
    );
    assert!(d.message.contains("at least two items"), "{d}");
}

#[test]
fn match_with_a_duplicate_left_side_is_reported_at_the_second() {
    let d = only_problem(
        "questions:\n  - type: match\n    prompt: P\n    pairs:\n      - {left: a, right: x}\n      - {left: b, right: y}\n      - left: a\n        right: z\n",
        7,
    );
    assert_eq!(d.message, "the left side `a` is used twice");
}

#[test]
fn numeric_without_an_answer_is_reported_at_the_question() {
    let d = only_problem(
        "questions:\n  - type: numeric\n    prompt: P\n    tolerance: 1\n",
        2,
    );
    assert_eq!(d.message, "a `numeric` question needs `answer`");
}

#[test]
fn unknown_type_is_reported_at_the_type_written_with_a_suggestion() {
    let d = only_problem("questions:\n  - prompt: P\n    type: mulitple\n", 3);
    assert_eq!(d.message, "unknown question type `mulitple`");
    assert_eq!(d.position.unwrap().column, 11, "{d}");
    assert_eq!(d.width, "mulitple".len(), "{d}");
    assert!(d.hint.unwrap().starts_with("did you mean `multiple`?"));
}

#[test]
fn missing_type_is_reported_at_the_question() {
    let d = only_problem("questions:\n  - prompt: P\n    answer: true\n", 2);
    assert_eq!(d.message, "this question has no `type`");
}

#[test]
fn unknown_key_in_a_question_suggests_the_closest_key() {
    let d = only_problem(
        "questions:\n  - type: true_false\n    promt: P\n    prompt: P\n    answer: true\n",
        3,
    );
    assert_eq!(d.message, "unknown key `promt`");
    assert_eq!(d.width, 5);
    assert!(d.hint.unwrap().starts_with("did you mean `prompt`?"));
}

#[test]
fn unknown_key_in_a_choice_is_reported_at_its_line() {
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - text: a\n        corect: true\n      - text: b\n        correct: true\n",
        6,
    );
    assert_eq!(d.message, "unknown key `corect`");
    assert!(d.hint.unwrap().contains("did you mean `correct`?"));
}

#[test]
fn unknown_key_at_the_top_of_the_quiz_is_reported() {
    let d = only_problem(
        "titel: Q\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n",
        1,
    );
    assert_eq!(d.message, "unknown key `titel`");
    assert!(d.hint.unwrap().contains("did you mean `title`?"));
}

#[test]
fn a_key_of_another_type_of_question_is_unknown() {
    let d = only_problem(
        "questions:\n  - type: true_false\n    prompt: P\n    answer: true\n    choices: []\n",
        5,
    );
    assert_eq!(d.message, "unknown key `choices`");
}

#[test]
fn a_wrong_type_deep_in_a_question_is_reported_at_its_line() {
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - text: a\n        correct: true\n      - text: b\n        correct: maybe\n",
        8,
    );
    assert!(d.message.contains("expected `true` or `false`"), "{d}");
}

#[test]
fn weights_that_cannot_reach_100_percent_are_reported() {
    let d = only_problem(
        "questions:\n  - type: multiple\n    prompt: P\n    choices:\n      - {text: a, weight: 40}\n      - {text: b, weight: 40}\n      - {text: c, weight: -20}\n",
        4,
    );
    assert!(d.message.contains("cannot reach 100 %"), "{d}");
}

#[test]
fn weights_above_100_percent_are_reported() {
    let d = only_problem(
        "questions:\n  - type: multiple\n    prompt: P\n    choices:\n      - {text: a, weight: 80}\n      - {text: b, weight: 80}\n",
        4,
    );
    assert!(d.message.contains("more than 100 %"), "{d}");
}

#[test]
fn a_weight_on_the_correct_choice_of_a_single_question_is_reported() {
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - text: a\n        correct: true\n        weight: 50\n      - text: b\n",
        7,
    );
    assert!(d.message.contains("worth 100 %"), "{d}");
}

#[test]
fn a_single_question_gives_partial_credit_for_a_near_miss() {
    let (quiz, found) = parse(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - {text: a, correct: true}\n      - {text: b, weight: 50}\n      - {text: c, weight: -100}\n",
    );
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(quiz.unwrap().questions.len(), 1);
    let d = only_problem(
        "questions:\n  - type: single\n    prompt: P\n    choices:\n      - {text: a, correct: true}\n      - text: b\n        weight: 100\n",
        7,
    );
    assert!(d.message.contains("less than 100"), "{d}");
}

#[test]
fn duplicate_ids_are_reported_at_the_second() {
    let d = only_problem(
        "questions:\n  - {id: q1, type: true_false, prompt: P, answer: true}\n  - type: true_false\n    id: q1\n    prompt: Q\n    answer: false\n",
        4,
    );
    assert_eq!(d.message, "two questions have the id `q1`");
}

#[test]
fn the_same_question_twice_is_reported() {
    let d = only_problem(
        "questions:\n  - {type: true_false, prompt: P, answer: true}\n  - {type: true_false, prompt: P, answer: false}\n",
        3,
    );
    assert!(d.message.contains("written twice"), "{d}");
}

#[test]
fn pass_mark_above_100_is_reported() {
    let d = only_problem(
        "pass_mark: 120\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n",
        1,
    );
    assert_eq!(d.message, "pass_mark is 120, above 100");
}

#[test]
fn an_invalid_pattern_is_reported_with_the_regex_error() {
    let d = only_problem(
        "questions:\n  - type: text\n    prompt: P\n    pattern: \"acme[\"\n",
        4,
    );
    assert!(d.message.contains("not a valid regular expression"), "{d}");
    assert!(d.message.contains("unclosed character class"), "{d}");
}

#[test]
fn a_pattern_the_browser_reads_differently_is_refused() {
    let d = only_problem(
        "questions:\n  - type: text\n    prompt: P\n    pattern: \"(?i)acme\"\n",
        4,
    );
    assert!(d.message.contains("would not work in the browser"), "{d}");
}

#[test]
fn a_pattern_too_large_for_the_browser_is_refused_at_its_line() {
    let d = only_problem(
        "questions:\n  - type: text\n    prompt: P\n    pattern: \"(a{100}b?){200}\"\n",
        4,
    );
    assert!(d.message.contains("too large"), "{d}");
    assert!(d.message.contains("the limit is 10000"), "{d}");
    // Patterns that make a backtracking engine take exponential time are
    // small automata: grading.js runs them in one pass.
    for fine in [
        r"(a+)+b",
        r"(a|a)*b",
        r"(\w+\s?)*!",
        r"\d{1,4}(,\d{3}){0,5}",
    ] {
        assert_eq!(check_pattern(fine), Ok(()), "{fine}");
    }
}

#[test]
fn patterns_shared_by_rust_and_javascript_are_accepted() {
    for ok in [
        r"acme",
        r"strat[eé]gie",
        r"(l')?aiguillage",
        r"\d{2,3} ?%",
        r"[^\]]+",
        r"\p{L}+",
        r"a\.b|c\\d",
        r"\x41\u{e9}",
        r"(?:ab)+\s\b",
    ] {
        assert_eq!(check_pattern(ok), Ok(()), "{ok}");
    }
    for bad in [
        r"(?i)a",
        r"(?P<x>a)",
        r"\pL",
        r"[[:alpha:]]",
        r"[a-z&&[^e]]",
        r"\A a",
        r"a]",
        r"[]a]",
    ] {
        assert!(
            check_pattern(bad).is_err() || javascript_incompatibility(bad).is_some(),
            "{bad}"
        );
    }
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let found = problems(
        "pass_mark: 101\ndraw: 9\nquestions:\n  - {type: singel, prompt: A}\n  - {type: order, prompt: B, items: [x]}\n  - {type: numeric, prompt: C}\n  - type: single\n    prompt: D\n    choices: [{text: a}, {text: b}]\n",
    );
    let lines: Vec<usize> = found
        .iter()
        .filter_map(|d| d.position.map(|p| p.line))
        .collect();
    assert_eq!(lines, [1, 2, 4, 5, 6, 9], "{found:#?}");
}

#[test]
fn an_empty_quiz_is_reported() {
    let d = only_problem("title: Nothing\n", 1);
    assert_eq!(d.message, "this quiz has no questions");
}

#[test]
fn knowledge_check_problems_point_to_the_lines_of_the_lesson() {
    let diagnostics = Diagnostics::new();
    let lesson = Path::new("course/01-m/01-intro.md");
    // The block's YAML starts at line 10 of the lesson.
    let questions = parse_knowledge_check(
        Source {
            text: "- type: single\n  prompt: P\n  choices:\n    - text: a\n    - text: b\n      corect: true\n",
            file: lesson,
            line_offset: 9,
            tree: None,
        },
        &diagnostics,
    );
    assert!(questions.is_empty());
    let found = diagnostics.into_sorted();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, lesson);
    assert_eq!(found[0].position.map(|p| p.line), Some(15));
    assert_eq!(found[0].message, "unknown key `corect`");
}

#[test]
fn knowledge_check_syntax_errors_point_to_the_lines_of_the_lesson() {
    let diagnostics = Diagnostics::new();
    parse_knowledge_check(
        Source {
            text: "- type: single\n  prompt: \"unclosed\n",
            file: Path::new("l.md"),
            line_offset: 4,
            tree: None,
        },
        &diagnostics,
    );
    let found = diagnostics.into_sorted();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].position.is_some_and(|p| p.line >= 6),
        "{:?}",
        found[0]
    );
}

#[test]
fn a_question_without_an_id_gets_a_stable_one() {
    let (quiz, _) =
        parse("questions:\n  - {type: true_false, prompt: Sky is blue, answer: true}\n");
    let id = &quiz.unwrap().questions[0].id;
    assert_eq!(id, &derived_id("true_false", "Sky is blue"));
    assert_eq!(id, &derived_id("true_false", "Sky is blue"));
    assert_ne!(id, &derived_id("true_false", "Sky is green"));
}

#[test]
fn review_is_read_and_left_to_the_course_when_absent() {
    let with = |line: &str| {
        parse(&format!(
            "{line}questions:\n  - {{type: true_false, prompt: P, answer: true}}\n"
        ))
    };
    assert_eq!(with("").0.unwrap().review, None);
    assert_eq!(
        with("review: always\n").0.unwrap().review,
        Some(Review::Always)
    );
    assert_eq!(
        with("review: never\n").0.unwrap().review,
        Some(Review::Never)
    );
    assert_eq!(
        with("review: after_pass\n").0.unwrap().review,
        Some(Review::AfterPass)
    );
}

#[test]
fn an_unknown_review_is_reported_with_the_values_it_may_take() {
    let d = only_problem(
        "review: afterpass\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n",
        1,
    );
    assert!(d.to_string().contains("after_pass"), "{d}");
}
