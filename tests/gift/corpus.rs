//! The fixture corpus (tests/fixtures/gift), one file per part of the
//! format, read question by question into the quiz model.

use brandcamp::quiz::gift::BLANK;
use brandcamp::quiz::schema::{
    MatchQuestion, NumericAnswer, NumericQuestion, Pair, QuestionKind, TextAnswer, TextQuestion,
    TrueFalseQuestion,
};
use brandcamp::quiz::{Question, derived_id};

use super::{by_id, choice, choices, read_fixture};

fn true_false(
    answer: bool,
    feedback_true: Option<&str>,
    feedback_false: Option<&str>,
) -> QuestionKind {
    QuestionKind::TrueFalse(TrueFalseQuestion {
        answer,
        feedback_true: feedback_true.map(Into::into),
        feedback_false: feedback_false.map(Into::into),
    })
}

fn accept(texts: &[&str]) -> QuestionKind {
    QuestionKind::Text(TextQuestion {
        case_sensitive: false,
        accept: texts.iter().map(|t| t.to_string()).collect(),
        pattern: None,
        answers: Vec::new(),
    })
}

fn number(answer: f64, tolerance: f64) -> QuestionKind {
    QuestionKind::Numeric(NumericQuestion {
        answer: Some(answer),
        tolerance,
        answers: Vec::new(),
    })
}

#[test]
fn multiple_choice_has_one_right_answer_and_wrong_ones_with_feedback() {
    let read = read_fixture("multiple-choice.gift");
    assert_eq!(read.questions.len(), 4);
    assert_eq!(read.pool, 4);

    let first = &read.questions[0];
    assert_eq!(
        first.prompt,
        "Which network is built for professional profiles?"
    );
    assert_eq!(first.id, derived_id("single", &first.prompt));
    assert_eq!(first.points, 1);
    assert_eq!(
        first.kind,
        QuestionKind::Single(brandcamp::quiz::schema::ChoiceQuestion {
            choices: vec![
                choice("Instagram", false, None, None),
                choice("LinkedIn", true, None, None),
                choice("TikTok", false, None, None),
            ]
        })
    );

    let feedback = by_id(&read, "mc-feedback");
    assert_eq!(feedback.kind.name(), "single");
    assert_eq!(
        choices(feedback),
        [
            choice(
                "Whoever sees it first",
                false,
                None,
                Some("No: a journalist gets one voice.")
            ),
            choice(
                "The press office",
                true,
                None,
                Some("Right: it speaks for the organisation.")
            ),
            choice(
                "Nobody, ever",
                false,
                None,
                Some("Silence is an answer too, and a bad one.")
            ),
        ]
    );
}

#[test]
fn partial_credit_in_multiple_choice_is_a_weight_on_a_wrong_choice() {
    let read = read_fixture("multiple-choice.gift");
    let partial = by_id(&read, "mc-partial");
    assert_eq!(partial.kind.name(), "single");
    assert_eq!(
        choices(partial),
        [
            choice("One hour", true, None, None),
            choice(
                "Four hours",
                false,
                Some(50.0),
                Some("Close: the first hour matters most.")
            ),
            choice("A week", false, Some(-50.0), Some("Far too long.")),
            choice("Never answer", false, None, None),
        ]
    );
}

#[test]
fn without_an_equals_sign_several_answers_may_be_ticked() {
    let read = read_fixture("multiple-choice.gift");
    let only = by_id(&read, "mc-100");
    assert_eq!(only.kind.name(), "multiple");
    assert_eq!(
        choices(only),
        [
            choice("guaranteed", false, Some(100.0), None),
            choice("welcome", false, None, None),
            choice("thanks", false, None, None),
        ]
    );
}

#[test]
fn multiple_answers_carry_their_weights_negative_ones_too() {
    let read = read_fixture("multiple-answers.gift");
    let halves = by_id(&read, "ma-halves");
    assert_eq!(halves.kind.name(), "multiple");
    assert_eq!(
        choices(halves),
        [
            choice("The brand account", false, Some(50.0), None),
            choice("The press office account", false, Some(50.0), None),
            choice(
                "A trainee's personal account",
                false,
                Some(-100.0),
                Some("Never on behalf of the company.")
            ),
            choice("An anonymous account", false, Some(-100.0), None),
        ]
    );
    let thirds = by_id(&read, "ma-thirds");
    let weights: Vec<Option<f64>> = choices(thirds).iter().map(|c| c.weight).collect();
    assert_eq!(
        weights,
        [Some(33.33333), Some(33.33333), Some(33.33334), None]
    );
}

#[test]
fn true_false_takes_every_spelling_and_its_two_feedbacks() {
    let read = read_fixture("true-false.gift");
    assert_eq!(by_id(&read, "tf-t").kind, true_false(true, None, None));
    assert_eq!(by_id(&read, "tf-true").kind, true_false(true, None, None));
    assert_eq!(
        by_id(&read, "tf-true").prompt,
        "Emojis are allowed in replies to customers."
    );
    assert_eq!(by_id(&read, "tf-f").kind, true_false(false, None, None));
    assert_eq!(by_id(&read, "tf-false").kind, true_false(false, None, None));
    // {TRUE#for a wrong answer#for a right answer}: a wrong answer is false.
    assert_eq!(
        by_id(&read, "tf-feedback-true").kind,
        true_false(
            true,
            Some("Right: assume every post is permanent."),
            Some("Think again: someone always keeps a copy."),
        )
    );
    // {FALSE#…#…}: a wrong answer is true.
    assert_eq!(
        by_id(&read, "tf-feedback-false").kind,
        true_false(
            false,
            Some("No: irony rarely survives a screen."),
            Some("Right: say what you mean."),
        )
    );
    assert_eq!(
        by_id(&read, "tf-right-only").kind,
        true_false(true, Some("Yes, it makes the reply human."), None)
    );
}

#[test]
fn short_answers_list_the_accepted_texts() {
    let read = read_fixture("short-answer.gift");
    assert_eq!(by_id(&read, "sa-one").kind, accept(&["#AcmeLife"]));
    assert_eq!(
        by_id(&read, "sa-several").kind,
        accept(&["community manager", "CM", "community lead"])
    );
    assert_eq!(by_id(&read, "sa-star").kind, accept(&["*"]));
    assert_eq!(by_id(&read, "sa-bare").kind, accept(&["1"]));
}

#[test]
fn weighted_short_answers_keep_their_weights_and_feedback() {
    let read = read_fixture("short-answer.gift");
    let answer = |text: &str, weight: Option<f64>, feedback: &str| TextAnswer {
        text: Some(text.into()),
        pattern: None,
        weight,
        feedback: Some(feedback.into()),
    };
    assert_eq!(
        by_id(&read, "sa-weights").kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: Vec::new(),
            pattern: None,
            answers: vec![
                answer("Finance", None, "Yes: figures go through Finance."),
                answer(
                    "The manager",
                    Some(50.0),
                    "Half right: the manager checks, Finance approves."
                ),
                answer(
                    "Nobody",
                    Some(0.0),
                    "Every result is checked before it is public."
                ),
            ],
        })
    );
}

#[test]
fn the_wildcard_becomes_a_pattern() {
    let read = read_fixture("short-answer.gift");
    assert_eq!(
        by_id(&read, "sa-wildcard").kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: Vec::new(),
            pattern: Some("Linked.*".into()),
            answers: Vec::new(),
        })
    );
    assert_eq!(
        by_id(&read, "sa-wildcard-feedback").kind,
        QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: Vec::new(),
            pattern: None,
            answers: vec![
                TextAnswer {
                    text: Some("Customer care".into()),
                    pattern: None,
                    weight: None,
                    feedback: None,
                },
                TextAnswer {
                    text: None,
                    pattern: Some(".*".into()),
                    weight: Some(0.0),
                    feedback: Some(
                        "The customer care account answers, whatever the question.".into()
                    ),
                },
            ],
        })
    );
}

#[test]
fn numerical_answers_take_a_margin_or_a_range() {
    let read = read_fixture("numerical.gift");
    assert_eq!(by_id(&read, "num-exact").kind, number(280.0, 0.0));
    assert_eq!(by_id(&read, "num-margin").kind, number(5.0, 0.5));
    // 1..3 is 2 give or take 1, as Moodle reads it.
    assert_eq!(by_id(&read, "num-range").kind, number(2.0, 1.0));
    let decimal = by_id(&read, "num-decimal");
    assert_eq!(decimal.kind, number(-1.5, 0.25));
    assert_eq!(
        decimal.explanation.as_deref(),
        Some("Negative: it is drawn inside.")
    );
}

#[test]
fn several_numerical_answers_keep_weights_and_feedback() {
    let read = read_fixture("numerical.gift");
    let answer =
        |n: Option<f64>, tolerance: f64, weight: Option<f64>, feedback: &str| NumericAnswer {
            answer: n,
            tolerance,
            weight,
            feedback: Some(feedback.into()),
        };
    assert_eq!(
        by_id(&read, "num-weighted").kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: None,
            tolerance: 0.0,
            answers: vec![
                answer(Some(2015.0), 0.0, None, "Right."),
                answer(Some(2015.0), 2.0, Some(50.0), "Close: 2015."),
            ],
        })
    );
    // `~#…`: any other number, worth nothing, with its feedback.
    assert_eq!(
        by_id(&read, "num-other").kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: None,
            tolerance: 0.0,
            answers: vec![
                answer(Some(30.0), 0.0, None, "Yes, half an hour."),
                answer(None, 0.0, Some(0.0), "Check the escalation chart."),
            ],
        })
    );
}

#[test]
fn matching_pairs_and_a_distractor() {
    let read = read_fixture("matching.gift");
    let pair = |left: &str, right: &str| Pair {
        left: left.into(),
        right: right.into(),
    };
    assert_eq!(
        by_id(&read, "match-basic").kind,
        QuestionKind::Match(MatchQuestion {
            pairs: vec![
                pair("X", "280"),
                pair("LinkedIn", "3000"),
                pair("Instagram", "2200"),
            ],
            distractors: Vec::new(),
        })
    );
    let extra = by_id(&read, "match-distractor");
    assert_eq!(
        extra.kind,
        QuestionKind::Match(MatchQuestion {
            pairs: vec![
                pair("Community manager", "Answers the public"),
                pair("Press officer", "Talks to journalists"),
            ],
            distractors: vec!["Approves the budget".into()],
        })
    );
    assert_eq!(
        extra.explanation.as_deref(),
        Some("The third job belongs to neither.")
    );
}

#[test]
fn a_missing_word_leaves_a_blank_in_the_text() {
    let read = read_fixture("missing-word.gift");
    let prompt = |id: &str| by_id(&read, id).prompt.clone();
    assert_eq!(
        prompt("mw-choice"),
        format!("Our replies are {BLANK} and precise.")
    );
    assert_eq!(by_id(&read, "mw-choice").kind.name(), "single");
    assert_eq!(
        prompt("mw-short"),
        format!("The company hashtag is {BLANK} on every platform.")
    );
    assert_eq!(by_id(&read, "mw-short").kind, accept(&["#AcmeLife"]));
    assert_eq!(
        prompt("mw-start"),
        format!("{BLANK} is the network for job offers.")
    );
    assert_eq!(
        prompt("mw-true-false"),
        format!("This sentence {BLANK} is true.")
    );
    // Markdown shows the blank as five underscores.
    let html = brandcamp::markdown::render_inline(&prompt("mw-choice"));
    assert_eq!(html, "Our replies are _____ and precise.");
}

#[test]
fn ids_come_from_comments_then_titles() {
    let read = read_fixture("options.gift");
    assert_eq!(read.questions[0].id, "opt-id");
    assert_eq!(read.questions[0].prompt, "Which tone do replies take?");
    assert_eq!(read.questions[1].id, "opt-leading-id");
    assert_eq!(read.questions[1].prompt, "Which colour is the logo?");
    let titled = by_id(&read, "opt-title");
    assert_eq!(titled.prompt, "The title is not part of the text.");
    let both = by_id(&read, "opt-id-wins");
    assert_eq!(both.prompt, "With both, the id of the comment wins.");
}

#[test]
fn escapes_give_the_special_characters_back() {
    let read = read_fixture("options.gift");
    let q = by_id(&read, "opt-escapes");
    assert_eq!(
        q.prompt,
        "Write {braces}, =, ~, #, : and a backslash \\ in a question."
    );
    assert_eq!(
        choices(q),
        [
            choice("a =b", true, None, Some("feedback with # and ~")),
            choice("c: d", false, None, None),
        ]
    );
    assert_eq!(
        by_id(&read, "opt-newline").prompt,
        "First line\nsecond line."
    );
    assert_eq!(
        by_id(&read, "opt-multiline").prompt,
        "A question\nwritten over\nthree lines."
    );
    // A backslash before other punctuation is Markdown's, and kept.
    assert_eq!(
        by_id(&read, "opt-markdown-escape").prompt,
        "Keep \\*stars\\* as Markdown escapes."
    );
}

#[test]
fn text_formats_become_markdown() {
    let read = read_fixture("options.gift");
    let html = |id: &str| brandcamp::markdown::render_inline(&by_id(&read, id).prompt);
    assert_eq!(html("opt-markdown"), "Is <strong>this</strong> bold?");
    // Kept as written, shown as text: raw HTML is for lessons only.
    assert_eq!(html("opt-html"), "Is &lt;b&gt;this&lt;/b&gt; bold?");
    assert_eq!(
        choices(by_id(&read, "opt-html"))[0].text,
        "<i>yes</i>",
        "an answer takes the format of its question"
    );
    // [plain] shows exactly what is written, tags included.
    assert_eq!(html("opt-plain"), "Is *this* &lt;b&gt;bold&lt;/b&gt;?");
    // [moodle] keeps line breaks, without Markdown; tags show as text.
    assert_eq!(
        html("opt-moodle"),
        "A *star* and &lt;b&gt;bold&lt;/b&gt;<br />\nnext line."
    );
    let formats = choices(by_id(&read, "opt-answer-format"));
    assert_eq!(formats[0].text, "\\*one\\*");
    assert_eq!(formats[1].text, "*two*");
    assert_eq!(formats[1].feedback.as_deref(), Some("<i>three</i>"));
}

#[test]
fn general_feedback_is_the_explanation() {
    let read = read_fixture("options.gift");
    let q = by_id(&read, "opt-general");
    assert_eq!(
        q.explanation.as_deref(),
        Some("The logo has been blue since the start.")
    );
    assert_eq!(choices(q).len(), 2);
}

#[test]
fn descriptions_and_essays_are_left_out_with_a_warning_at_their_line() {
    let text = std::fs::read_to_string("tests/fixtures/gift/options.gift").unwrap();
    let (read, found) = super::read_text(&text);
    assert!(
        read.questions
            .iter()
            .all(|q| !q.id.starts_with("opt-essay"))
    );
    assert_eq!(read.pool, read.questions.len());
    let warnings: Vec<String> = found
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].starts_with(&format!("quiz.gift:{}:1: ", line("This is a description"))));
    assert!(warnings[0].contains("description"));
    assert!(warnings[1].starts_with(&format!("quiz.gift:{}:", line("::opt-essay::"))));
    assert!(warnings[1].contains("essay"));
    assert!(warnings[2].starts_with(&format!("quiz.gift:{}:", line("::opt-essay-feedback::"))));
    assert!(found.iter().all(|d| !d.is_error()), "{found:#?}");
}

#[test]
fn every_fixture_question_passes_the_quiz_rules() {
    for entry in std::fs::read_dir(super::FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "gift") {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let read = read_fixture(&name);
            assert!(!read.questions.is_empty(), "{name}");
            let ids: Vec<&Question> = read.questions.iter().collect();
            assert!(
                ids.iter().all(|q| q.points == 1 && q.hint.is_none()),
                "{name}"
            );
        }
    }
}
