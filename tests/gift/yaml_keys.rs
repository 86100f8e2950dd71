//! The quiz.yaml keys that GIFT brought to the quiz model are checked like
//! the others: each mistake at its line.

use std::path::Path;

use brandcamp::diagnostics::{Diagnostic, Diagnostics};
use brandcamp::quiz::schema::{QuizFile, QuizSettings};
use brandcamp::quiz::{Quiz, Source, parse_quiz};

fn parse(text: &str) -> (Option<Quiz>, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let quiz = parse_quiz(
        Source {
            text,
            file: Path::new("quiz.yaml"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (quiz, diagnostics.into_sorted())
}

/// The only problem of a quiz with one question, at `line`.
fn only_problem(question: &str, line: usize) -> Diagnostic {
    let (_, found) = parse(&format!("questions:\n{question}"));
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!(d.position.map(|p| p.line), Some(line), "{d}");
    d
}

#[test]
fn every_new_key_is_accepted() {
    let (quiz, found) = parse(
        r#"
questions:
  - type: single
    prompt: Near miss
    choices: [{text: a, correct: true}, {text: b, weight: 50}, {text: c, weight: -100}]
  - type: true_false
    prompt: Feedback
    answer: false
    feedback_true: "No."
    feedback_false: "Yes."
  - type: text
    prompt: Answers
    accept: [Finance]
    answers:
      - {text: The manager, weight: 50, feedback: Half.}
      - {pattern: ".*", weight: 0, feedback: Ask.}
  - type: numeric
    prompt: Numbers
    answers:
      - {answer: 2015}
      - {answer: 2015, tolerance: 2, weight: 50, feedback: Close.}
      - {weight: 0, feedback: Other.}
  - type: match
    prompt: Pairs
    pairs: [{left: a, right: "1"}, {left: b, right: "2"}]
    distractors: ["3"]
"#,
    );
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(quiz.unwrap().questions.len(), 5);
}

#[test]
fn quiz_settings_take_the_keys_of_the_top_of_quiz_yaml() {
    let keys = |error: String| -> Vec<String> {
        error
            .split("expected one of ")
            .nth(1)
            .unwrap()
            .split(',')
            .map(|k| {
                k.trim()
                    .trim_matches('`')
                    .split('`')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .filter(|k| k != "questions")
            .collect()
    };
    let file = serde_yaml::from_str::<QuizFile>("nope: 1").unwrap_err();
    let settings = serde_yaml::from_str::<QuizSettings>("nope: 1").unwrap_err();
    assert_eq!(keys(file.to_string()), keys(settings.to_string()));
}

#[test]
fn a_text_answer_without_text_or_pattern_is_reported() {
    let d = only_problem(
        "  - type: text\n    prompt: P\n    answers:\n      - {weight: 50}\n      - {text: a}\n",
        5,
    );
    assert!(d.message.contains("no `text` or `pattern`"), "{d}");
}

#[test]
fn a_text_answer_with_text_and_pattern_is_reported() {
    let d = only_problem(
        "  - type: text\n    prompt: P\n    answers:\n      - {text: a, pattern: a}\n",
        5,
    );
    assert!(d.message.contains("not both"), "{d}");
}

#[test]
fn a_text_answer_weight_out_of_range_is_reported() {
    let d = only_problem(
        "  - type: text\n    prompt: P\n    answers:\n      - text: a\n      - text: b\n        weight: 120\n",
        7,
    );
    assert!(d.message.contains("from 0 to 100"), "{d}");
}

#[test]
fn text_answers_without_full_credit_are_reported() {
    let d = only_problem(
        "  - type: text\n    prompt: P\n    answers:\n      - {text: a, weight: 50}\n",
        4,
    );
    assert!(d.message.contains("full credit"), "{d}");
}

#[test]
fn an_invalid_pattern_among_the_answers_is_reported() {
    let d = only_problem(
        "  - type: text\n    prompt: P\n    answers:\n      - text: a\n      - pattern: \"(a\"\n",
        6,
    );
    assert!(d.message.contains("not a valid regular expression"), "{d}");
}

#[test]
fn answer_and_answers_together_are_reported() {
    let d = only_problem(
        "  - type: numeric\n    prompt: P\n    answer: 3\n    answers:\n      - {answer: 3}\n",
        4,
    );
    assert!(d.message.contains("not both"), "{d}");
}

#[test]
fn two_numeric_answers_for_any_other_number_are_reported() {
    let d = only_problem(
        "  - type: numeric\n    prompt: P\n    answers:\n      - {answer: 3}\n      - {weight: 0}\n      - {weight: 0}\n",
        7,
    );
    assert!(d.message.contains("any other number"), "{d}");
}

#[test]
fn a_negative_tolerance_among_the_answers_is_reported() {
    let d = only_problem(
        "  - type: numeric\n    prompt: P\n    answers:\n      - answer: 3\n        tolerance: -1\n",
        6,
    );
    assert!(d.message.contains("cannot be negative"), "{d}");
}

#[test]
fn numeric_answers_without_full_credit_are_reported() {
    let d = only_problem(
        "  - type: numeric\n    prompt: P\n    answers:\n      - {answer: 3, weight: 50}\n      - {feedback: other}\n",
        4,
    );
    assert!(d.message.contains("full credit"), "{d}");
}

#[test]
fn an_empty_distractor_is_reported() {
    let d = only_problem(
        "  - type: match\n    prompt: P\n    pairs: [{left: a, right: \"1\"}, {left: b, right: \"2\"}]\n    distractors:\n      - \" \"\n",
        6,
    );
    assert!(d.message.contains("distractor is empty"), "{d}");
}

#[test]
fn a_single_question_with_two_full_weights_is_reported() {
    let d = only_problem(
        "  - type: single\n    prompt: P\n    choices:\n      - {text: a, correct: true}\n      - {text: b, weight: 100}\n",
        6,
    );
    assert!(d.message.contains("less than 100"), "{d}");
}
