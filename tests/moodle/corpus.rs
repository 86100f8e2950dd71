//! The corpus of tests/fixtures/moodle, one file per question type, read
//! question by question into the quiz model, field by field.

use brandcamp::quiz::gift::BLANK;
use brandcamp::quiz::schema::{
    ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OrderQuestion, Pair,
    QuestionKind, TextAnswer, TextQuestion, TrueFalseQuestion,
};

use super::{by_id, choice, choices, ids, read_fixture};

#[test]
fn multichoice_single_has_one_right_answer_partial_credit_feedback_hint_and_points() {
    let (read, found) = read_fixture("multichoice.xml");
    assert_eq!(read.pool, 4);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(
        ids(&read.questions),
        [
            "Official voice",
            "logo-colours",
            "Old picture",
            "Plain and markdown"
        ]
    );
    let q = by_id(&read.questions, "Official voice");
    assert_eq!(q.prompt, "Which team may post **for** the organisation?");
    assert_eq!(q.points, 2);
    assert_eq!(q.hint.as_deref(), Some("Think of who holds the passwords."));
    assert_eq!(
        q.explanation.as_deref(),
        Some("Only the team that owns the official accounts.")
    );
    // The answer without text is left out, as Moodle does.
    assert_eq!(
        q.kind,
        QuestionKind::Single(ChoiceQuestion {
            choices: vec![
                choice(
                    "The communication team",
                    true,
                    None,
                    Some("Right: it owns the accounts.")
                ),
                choice(
                    "Your manager",
                    false,
                    Some(50.0),
                    Some("Close: your manager asks the communication team.")
                ),
                choice("Anyone with a company address", false, None, None),
            ]
        })
    );
}

#[test]
fn multichoice_multiple_keeps_fractions_and_its_picture() {
    let (read, _) = read_fixture("multichoice.xml");
    let q = by_id(&read.questions, "logo-colours");
    assert_eq!(q.kind.name(), "multiple");
    assert_eq!(
        choices(q),
        [
            // Right by their weight, as in GIFT.
            choice("Blue", false, Some(33.33333), Some("Yes.")),
            choice("White", false, Some(33.33333), None),
            choice("Grey", false, Some(33.33333), None),
            choice(
                "Red",
                false,
                Some(-100.0),
                Some("Red is a competitor's colour.")
            ),
        ]
    );
    // The picture is named as it is written next to the quiz page.
    assert_eq!(
        q.prompt,
        "Which colours does the logo use? ![The two colours](logo%20colours.png)"
    );
    let file = read
        .files
        .iter()
        .find(|f| f.name == "logo colours.png")
        .expect("the picture is kept");
    assert!(file.bytes.starts_with(b"\x89PNG"));
}

#[test]
fn old_image_tags_and_text_formats_are_read() {
    let (read, _) = read_fixture("multichoice.xml");
    let old = by_id(&read.questions, "Old picture");
    // moodle_auto_format keeps its line break; the picture of Moodle 1.9's
    // <image> is shown after the text, under its own file name.
    assert_eq!(
        old.prompt,
        "Is this picture  \non brand? ![](red%20square.png)"
    );
    assert_eq!(
        choices(old),
        [
            choice("Yes", false, None, None),
            choice("No", true, None, None)
        ]
    );
    assert!(read.files.iter().any(|f| f.name == "red square.png"));

    let plain = by_id(&read.questions, "Plain and markdown");
    // plain_text is shown as written: Markdown and tags escaped.
    assert_eq!(
        plain.prompt,
        "Which tag is \\*not\\* allowed: \\<b\\> or \\#hashtag?"
    );
    assert_eq!(
        choices(plain),
        [
            choice("**#competitor**", true, None, None),
            choice("\\#ourbrand", false, None, None),
        ]
    );
}

#[test]
fn truefalse_reads_the_right_answer_and_both_feedbacks() {
    let (read, found) = read_fixture("truefalse.xml");
    assert!(found.is_empty(), "{found:#?}");
    let q = by_id(&read.questions, "Badge codes");
    assert_eq!(
        q.prompt,
        "A personal account may show badge codes if the photo is blurred."
    );
    assert_eq!(
        q.explanation.as_deref(),
        Some("Badge codes open doors: never show them.")
    );
    assert_eq!(
        q.kind,
        QuestionKind::TrueFalse(TrueFalseQuestion {
            answer: false,
            feedback_true: Some("No: blurred codes can be read again.".into()),
            feedback_false: Some("Right.".into()),
        })
    );
    let old = by_id(&read.questions, "Old names");
    assert_eq!(
        old.kind,
        QuestionKind::TrueFalse(TrueFalseQuestion {
            answer: true,
            feedback_true: None,
            feedback_false: Some("We sign every reply.".into()),
        })
    );
}

#[test]
fn shortanswer_accepts_texts_wildcards_and_weighted_answers() {
    let (read, found) = read_fixture("shortanswer.xml");
    assert_eq!(
        by_id(&read.questions, "Network").kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: vec!["LinkedIn".into(), "Linked In".into()],
            pattern: None,
            answers: vec![],
        })
    );
    assert_eq!(
        by_id(&read.questions, "Wildcard").kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: vec![],
            pattern: Some("\\#lorvan.*".replace("\\#", "#")),
            answers: vec![],
        })
    );
    let owner = by_id(&read.questions, "Owner");
    let answer =
        |text: Option<&str>, pattern: Option<&str>, weight, feedback: Option<&str>| TextAnswer {
            text: text.map(Into::into),
            pattern: pattern.map(Into::into),
            weight,
            feedback: feedback.map(Into::into),
        };
    assert_eq!(
        owner.kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: true,
            accept: vec![],
            pattern: None,
            answers: vec![
                answer(Some("Press office"), None, None, Some("Yes.")),
                answer(
                    Some("Communication team"),
                    None,
                    Some(50.0),
                    Some("Half right.")
                ),
                answer(None, Some(".*"), Some(0.0), Some("No: the press office.")),
                answer(Some("5 * 3"), None, None, None),
            ],
        })
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn numerical_reads_tolerances_other_answers_and_warns_about_units() {
    let (read, found) = read_fixture("numerical.xml");
    assert_eq!(
        by_id(&read.questions, "Post length").kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: Some(280.0),
            tolerance: 0.0,
            answers: vec![],
        })
    );
    let reply = by_id(&read.questions, "Reply time");
    assert_eq!(
        reply.explanation.as_deref(),
        Some("Four hours on working days.")
    );
    assert_eq!(
        reply.kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: None,
            tolerance: 0.0,
            answers: vec![
                NumericAnswer {
                    answer: Some(4.0),
                    tolerance: 0.5,
                    weight: None,
                    feedback: Some("Right.".into()),
                },
                NumericAnswer {
                    answer: Some(8.0),
                    tolerance: 1.0,
                    weight: Some(50.0),
                    feedback: Some("That is the weekend rule.".into()),
                },
                NumericAnswer {
                    answer: None,
                    tolerance: 0.0,
                    weight: Some(0.0),
                    feedback: Some("Look at the reply charter again.".into()),
                },
            ],
        })
    );
    assert_eq!(
        by_id(&read.questions, "Banner width").kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: Some(1584.0),
            tolerance: 0.0,
            answers: vec![],
        })
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("`px`"), "{}", found[0].message);
    assert_eq!(found[0].position.unwrap().line, 22);
}

#[test]
fn matching_reads_pairs_formats_and_extra_answers() {
    let (read, found) = read_fixture("matching.xml");
    assert!(found.is_empty(), "{found:#?}");
    let q = by_id(&read.questions, "Limits");
    assert_eq!(q.prompt, "Match each **network** with its post limit.");
    assert_eq!(q.points, 3);
    let pair = |left: &str, right: &str| Pair {
        left: left.into(),
        right: right.into(),
    };
    assert_eq!(
        q.kind,
        QuestionKind::Match(MatchQuestion {
            pairs: vec![
                pair("X", "280"),
                pair("LinkedIn", "3000"),
                pair("*Instagram* captions", "2200"),
            ],
            distractors: vec!["500".into()],
        })
    );
}

#[test]
fn one_gap_is_a_single_choice_and_several_gaps_a_match() {
    let (read, found) = read_fixture("gaps.xml");
    assert!(found.is_empty(), "{found:#?}");
    let one = by_id(&read.questions, "One gap");
    assert_eq!(one.prompt, format!("Replies are {BLANK} and precise."));
    assert_eq!(one.explanation.as_deref(), Some("Warm, always."));
    // Only the options of the gap's group are offered.
    assert_eq!(
        choices(one),
        [
            choice("warm", true, None, None),
            choice("cold", false, None, None),
            choice("late", false, None, None),
        ]
    );
    let several = by_id(&read.questions, "Several gaps");
    assert_eq!(
        several.prompt,
        format!("The {BLANK} (1) team answers the {BLANK} (2).")
    );
    assert_eq!(
        several.kind,
        QuestionKind::Match(MatchQuestion {
            pairs: vec![
                Pair {
                    left: "(1)".into(),
                    right: "press".into()
                },
                Pair {
                    left: "(2)".into(),
                    right: "journalist".into()
                },
            ],
            distractors: vec!["legal".into()],
        })
    );
}

#[test]
fn ordering_puts_the_answers_in_the_order_of_their_fractions() {
    let (read, _) = read_fixture("ordering.xml");
    assert_eq!(
        by_id(&read.questions, "Crisis steps").kind,
        QuestionKind::Order(OrderQuestion {
            items: vec![
                "Stop scheduled posts".into(),
                "Call the press office".into(),
                "Post a holding statement".into(),
            ]
        })
    );
}

#[test]
fn descriptions_essays_and_cloze_are_left_out_and_copies_kept_once() {
    let (read, found) = read_fixture("left-out.xml");
    assert_eq!(ids(&read.questions), ["Kept", "Kept-2"]);
    assert_eq!(read.pool, 2);
    let messages: Vec<String> = found
        .iter()
        .map(|d| format!("{}: {}", d.position.unwrap().line, d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "4: this `description` question cannot be graded in the browser: left out",
            "8: this `essay` question cannot be graded in the browser: left out",
            "13: this `cloze` question cannot be graded in the browser: left out",
            "23: this question is the same as the one at line 17: the quiz keeps one copy",
            "29: the name `Kept` is also the name of the question at line 17: this one gets the id `Kept-2`",
        ]
    );
    assert!(found.iter().all(|d| !d.is_error()));
}
