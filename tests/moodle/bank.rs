//! A GIFT question bank written the way Moodle's own examples are
//! (tests/fixtures/moodle/bank.gift): the same questions again in a later
//! section, names given twice, categories, every text format, escapes and
//! each kind of answer block. Moodle imports it all; so does brandcamp,
//! keeping one copy of each question written twice and giving every
//! question an id of its own.

use std::path::Path;

use brandcamp::diagnostics::Diagnostics;
use brandcamp::quiz::gift::read_gift;
use brandcamp::quiz::{Source, derived_id};

use brandcamp::quiz::schema::{NumericQuestion, QuestionKind};

use super::{FIXTURES, choices, ids};

#[test]
fn a_moodle_style_bank_reads_without_errors_each_question_once_under_its_own_id() {
    let path = Path::new(FIXTURES).join("bank.gift");
    let text = std::fs::read_to_string(&path).unwrap();
    let diagnostics = Diagnostics::new();
    let read = read_gift(
        Source {
            text: &text,
            file: Path::new("bank.gift"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    let found = diagnostics.into_sorted();
    let network = derived_id("text", "Which network is for professional profiles?");
    let messages: Vec<String> = found
        .iter()
        .map(|d| {
            assert!(!d.is_error(), "{d}");
            format!("{}: {}", d.position.unwrap().line, d.message)
        })
        .collect();
    assert_eq!(
        messages,
        [
            "25: this question is the same as the one at line 11: the quiz keeps one copy".into(),
            "27: this question is the same as the one at line 13: the quiz keeps one copy".into(),
            format!(
                "30: this question has the same text as the one at line 17, with other answers: this one gets the id `{network}-2`"
            ),
            "47: the name `Limits` is also the name of the question at line 41: this one gets the id `Limits-2`".into(),
            "54: this question is the same as the one at line 52: the quiz keeps one copy".into(),
            "76: an essay question (empty answer block) cannot be graded in the browser: left out".into(),
            "78: this question has no answer block `{…}`: it is a description, left out".into(),
        ]
    );
    let ids = ids(&read.questions);
    assert_eq!(ids.len(), 16);
    assert_eq!(read.pool, 16);
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert_eq!(ids[8..11], ["Limits", "Limits-2", "Tone"]);

    // Ranges, formats and escapes read as Moodle reads them.
    let by_prompt = |start: &str| {
        read.questions
            .iter()
            .find(|q| q.prompt.starts_with(start))
            .unwrap_or_else(|| panic!("no question starting {start:?}"))
    };
    assert_eq!(
        by_prompt("How long").kind,
        QuestionKind::Numeric(NumericQuestion {
            answer: Some(4.0),
            tolerance: 1.0,
            answers: vec![],
        })
    );
    assert_eq!(by_prompt("Our tone").prompt, "Our tone is <b>warm</b>.");
    assert_eq!(by_prompt("Is a").prompt, "Is a \\<b\\> tag shown as it is?");
    let equals = by_prompt("Which answer equals 5?");
    assert_eq!(
        choices(equals)
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    );
    assert!(choices(equals)[1].correct);
}
