//! Round trips: quiz.yaml → GIFT → model gives the same questions, and
//! GIFT → model → GIFT → model is stable.

use std::path::Path;

use brandcamp::diagnostics::Diagnostics;
use brandcamp::quiz::gift::write_questions;
use brandcamp::quiz::schema::QuestionKind;
use brandcamp::quiz::{Question, Quiz, Source, parse_quiz};

use super::{FIXTURES, read_fixture, read_text};

fn yaml_quiz(text: &str) -> Quiz {
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
    let found = diagnostics.into_sorted();
    assert!(found.is_empty(), "{found:#?}");
    quiz.unwrap()
}

/// Questions as GIFT, read back; the export must leave nothing out.
fn through_gift(questions: &[Question]) -> (String, Vec<Question>) {
    let (gift, notes) = write_questions(questions);
    assert!(notes.is_empty(), "{notes:#?}");
    let (read, found) = read_text(&gift);
    assert!(found.is_empty(), "{gift}\n{found:#?}");
    (gift, read.questions)
}

/// A weighted choice is right by its weight, whatever `correct` says.
fn normalized(mut questions: Vec<Question>) -> Vec<Question> {
    for q in &mut questions {
        if let QuestionKind::Multiple(c) = &mut q.kind {
            for choice in &mut c.choices {
                if choice.weight.is_some() {
                    choice.correct = false;
                }
            }
        }
    }
    questions
}

#[test]
fn a_yaml_quiz_exported_to_gift_reads_back_the_same() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("round-trip.yaml")).unwrap();
    let quiz = yaml_quiz(&text);
    assert_eq!(quiz.questions.len(), 14);
    let (gift, back) = through_gift(&quiz.questions);
    let expected = normalized(quiz.questions.clone());
    assert_eq!(back.len(), expected.len(), "{gift}");
    for (before, after) in expected.iter().zip(&back) {
        assert_eq!(before, after, "{gift}");
    }
}

#[test]
fn gift_read_written_and_read_again_is_stable() {
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "gift") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let first = read_fixture(&name).questions;
        let (gift, second) = through_gift(&first);
        assert_eq!(first, second, "{name}:\n{gift}");
        // And written again, the same text.
        let (again, _) = write_questions(&second);
        assert_eq!(gift, again, "{name}");
    }
}

#[test]
fn the_answer_block_goes_back_in_place_of_the_blank() {
    let read = read_fixture("missing-word.gift");
    let (gift, _) = write_questions(&read.questions);
    assert!(gift.contains("Our replies are {\n\t=warm\n"), "{gift}");
    assert!(gift.contains("} and precise."), "{gift}");
}

#[test]
fn special_characters_are_escaped_on_output() {
    let quiz = yaml_quiz(
        "questions:\n  - id: \"a:b\"\n    type: single\n    prompt: \"{x} = ~y # z: \\\\ w\\nnext\"\n    choices:\n      - {text: \"1 = 1\", correct: true, feedback: \"# yes\"}\n      - {text: \"{2}\"}\n",
    );
    let (gift, _) = write_questions(&quiz.questions);
    assert_eq!(
        gift,
        "::a\\:b::[markdown]\\{x\\} \\= \\~y \\# z\\: \\\\ w\\nnext {\n\t=1 \\= 1#\\# yes\n\t~\\{2\\}\n}\n"
    );
}

#[test]
fn an_all_or_nothing_multiple_question_is_written_with_weights_and_a_note() {
    let quiz = yaml_quiz(
        "questions:\n  - id: m\n    type: multiple\n    prompt: Which?\n    choices:\n      - {text: a, correct: true}\n      - {text: b, correct: true}\n      - {text: c}\n",
    );
    let (gift, notes) = write_questions(&quiz.questions);
    assert!(gift.contains("~%50%a\n\t~%50%b\n\t~%-100%c"), "{gift}");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].question, "m");
    assert!(!notes[0].skipped);
    assert!(notes[0].message.contains("all-or-nothing"));
    let (read, found) = read_text(&gift);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(read.questions[0].kind.name(), "multiple");
}

#[test]
fn order_and_post_questions_are_left_out_with_a_note_naming_them() {
    let quiz = yaml_quiz(
        "questions:\n  - {id: steps, type: order, prompt: Order, items: [a, b, c]}\n  - {id: write, type: post, prompt: Write, platform: x}\n  - {id: kept, type: true_false, prompt: Kept, answer: true, points: 2, hint: Think}\n",
    );
    let (gift, notes) = write_questions(&quiz.questions);
    assert_eq!(gift, "::kept::[markdown]Kept {TRUE}\n");
    let skipped: Vec<&str> = notes
        .iter()
        .filter(|n| n.skipped)
        .map(|n| n.question.as_str())
        .collect();
    assert_eq!(skipped, ["steps", "write"]);
    assert!(notes[0].message.contains("`order`"));
    // What is lost of a kept question is said too.
    let lost: Vec<&str> = notes
        .iter()
        .filter(|n| !n.skipped)
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(lost.len(), 2, "{lost:#?}");
    assert!(lost.iter().any(|m| m.contains("2 points")));
    assert!(lost.iter().any(|m| m.contains("hint")));
}

#[test]
fn a_pattern_that_is_not_a_wildcard_is_left_out_with_a_note() {
    let quiz = yaml_quiz(
        "questions:\n  - {id: colour, type: text, prompt: Colour?, pattern: \"colou?r\"}\n",
    );
    let (gift, notes) = write_questions(&quiz.questions);
    assert!(gift.is_empty());
    assert_eq!(notes.len(), 1);
    assert!(notes[0].skipped);
    assert!(notes[0].message.contains("colou?r"));
}
