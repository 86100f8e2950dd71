//! Each mistake an author can make in GIFT is reported at its file, line
//! and column, with what was expected; the other questions are still read.

use std::path::Path;

use brandcamp::diagnostics::{Diagnostic, Diagnostics};
use brandcamp::quiz::Source;
use brandcamp::quiz::gift::read_gift;

use super::read_text;

/// The only problem of `text`, an error at `line`:`column` of quiz.gift.
fn only_error(text: &str, line: usize, column: usize) -> Diagnostic {
    let (_, found) = read_text(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert!(d.is_error(), "{d}");
    assert_eq!(d.file, Path::new("quiz.gift"));
    let p = d.position.expect("a position");
    assert_eq!((p.line, p.column), (line, column), "{d}");
    assert!(d.hint.is_some(), "{d}");
    d
}

#[test]
fn an_answer_block_that_is_never_closed_is_reported_at_its_brace() {
    let d = only_error("Good question.{=yes\n~no\n", 1, 15);
    assert!(d.message.contains("expected `}`"), "{d}");
}

#[test]
fn a_blank_line_inside_an_answer_block_is_reported_once() {
    let (read, found) = read_text("Which?{\n=a\n\n~b\n}\n\nNext?{T}\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].position.map(|p| (p.line, p.column)), Some((1, 7)));
    assert!(found[0].hint.as_deref().unwrap().contains("blank line"));
    assert_eq!(read.questions.len(), 1);
    assert_eq!(read.questions[0].prompt, "Next?");
}

#[test]
fn a_closing_brace_without_an_opening_one_is_reported() {
    let d = only_error("What is 1 + 1 } ? {#2}", 1, 15);
    assert!(d.message.contains("closes no answer block"), "{d}");
}

#[test]
fn a_brace_inside_an_answer_block_is_reported() {
    let d = only_error("Which?{=a {b} ~c}", 1, 11);
    assert!(d.message.contains("inside an answer block"), "{d}");
}

#[test]
fn a_second_answer_block_is_reported() {
    let d = only_error("First {=a ~b} then {=c ~d}.", 1, 20);
    assert!(d.message.contains("second answer block"), "{d}");
}

#[test]
fn a_multiple_choice_question_without_a_right_answer_is_reported() {
    let d = only_error("Which?\n{~a ~b ~c}", 2, 1);
    assert!(d.message.contains("no right answer"), "{d}");
}

#[test]
fn a_second_right_answer_is_reported_where_it_is() {
    let d = only_error("Which?{=a =b ~c}", 1, 11);
    assert!(d.message.contains("second right answer"), "{d}");
}

#[test]
fn a_weight_that_is_not_a_number_is_reported_at_its_percent_sign() {
    let d = only_error("Which?{=a\n  ~%half%b}", 2, 4);
    assert_eq!(
        d.message,
        "`half` is not a weight: expected a percent such as `%50%` or `%-25%`"
    );
}

#[test]
fn a_weight_that_is_not_closed_is_reported() {
    let d = only_error("Which?{=a ~%50 b}", 1, 12);
    assert!(d.message.contains("expected `%`"), "{d}");
}

#[test]
fn a_weight_above_100_is_reported() {
    let d = only_error("Which?{~%150%a ~b}", 1, 9);
    assert!(d.message.contains("from -100 to 100"), "{d}");
}

#[test]
fn weights_of_several_answers_must_add_up_to_100() {
    let d = only_error("Which?{\n~%50%a\n~%40%b\n~c\n}", 2, 2);
    assert_eq!(d.message, "the positive weights add up to 90 %, not 100 %");
    let d = only_error("Which?{~%60%a ~%60%b ~c}", 1, 9);
    assert!(d.message.contains("120 %"), "{d}");
}

#[test]
fn a_weight_after_an_equals_sign_in_multiple_choice_is_reported() {
    let d = only_error("Which?{=%50%a ~b}", 1, 9);
    assert!(d.message.contains("after `=`"), "{d}");
}

#[test]
fn text_before_the_first_answer_sign_is_reported() {
    let d = only_error("Which?{ a ~b =c}", 1, 9);
    assert!(d.message.contains("expected `=`"), "{d}");
}

#[test]
fn an_empty_answer_is_reported_at_its_sign() {
    let d = only_error("Which?{=a ~ #why}", 1, 11);
    assert!(d.message.contains("empty"), "{d}");
}

#[test]
fn a_short_answer_weight_below_zero_is_reported() {
    let d = only_error("Who?{=Lorvan =%-50%Acme}", 1, 15);
    assert!(d.message.contains("from 0 to 100"), "{d}");
}

#[test]
fn a_short_answer_without_full_credit_is_reported() {
    let d = only_error("Who?{=%50%Lorvan =%20%Acme}", 1, 5);
    assert!(d.message.contains("100 %"), "{d}");
}

#[test]
fn an_unknown_escape_is_reported_at_its_backslash() {
    let d = only_error("Which path?{=C:\\Users ~D:}", 1, 16);
    assert_eq!(d.message, "unknown escape `\\U`");
    assert_eq!(d.width, 2);
    let d = only_error("Which?{=a ~b} \\", 1, 15);
    assert!(d.message.contains("backslash ends the line"), "{d}");
}

#[test]
fn an_unterminated_title_is_reported_at_its_colons() {
    let d = only_error("\n::Greeting: Which opening do we use?{=Hello ~Yo}", 2, 1);
    assert!(d.message.contains("title is not closed"), "{d}");
}

#[test]
fn a_question_without_text_is_reported() {
    let d = only_error("::q1::{=a ~b}", 1, 7);
    assert!(d.message.contains("no text"), "{d}");
}

#[test]
fn a_numerical_answer_that_is_not_a_number_is_reported() {
    let d = only_error("How many?{#twelve}", 1, 12);
    assert_eq!(d.message, "`twelve` is not a number");
    let d = only_error("How much?{#3,5}", 1, 12);
    assert!(d.hint.as_deref().unwrap().contains("dot"), "{d}");
    let d = only_error("How much?{#3:x}", 1, 14);
    assert_eq!(d.message, "`x` is not a number");
}

#[test]
fn a_numerical_range_that_goes_down_is_reported() {
    let d = only_error("How many?{#5..1}", 1, 12);
    assert!(d.message.contains("goes down"), "{d}");
}

#[test]
fn a_negative_margin_is_reported() {
    let d = only_error("How many?{#5:-1}", 1, 14);
    assert!(d.message.contains("margin"), "{d}");
}

#[test]
fn a_numerical_question_without_full_credit_is_reported() {
    let d = only_error("How many?{#=%50%5 =%20%6}", 1, 10);
    assert!(d.message.contains("100 %"), "{d}");
}

#[test]
fn text_between_tilde_and_feedback_in_a_numerical_question_is_reported() {
    let d = only_error("How many?{#5 ~6 #no}", 1, 15);
    assert!(d.message.contains("after `~`"), "{d}");
}

#[test]
fn a_matching_pair_without_an_arrow_is_reported() {
    let d = only_error("Match.{=a -> 1 =b 2 =c -> 3}", 1, 16);
    assert!(d.message.contains("`->`"), "{d}");
}

#[test]
fn feedback_in_a_matching_pair_is_reported() {
    let d = only_error("Match.{=a -> 1 #good =b -> 2}", 1, 16);
    assert!(d.message.contains("no feedback"), "{d}");
}

#[test]
fn a_matching_question_needs_two_pairs() {
    let d = only_error("Match.{=a -> 1 = -> 2}", 1, 7);
    assert!(d.message.contains("at least two pairs"), "{d}");
}

#[test]
fn a_matching_item_used_twice_is_reported_at_the_second() {
    let d = only_error("Match.{=a -> 1 =b -> 2 =a -> 3}", 1, 24);
    assert!(d.message.contains("matched twice"), "{d}");
}

#[test]
fn a_matching_pair_without_its_match_is_reported() {
    let d = only_error("Match.{=a -> 1 =b -> =c -> 3}", 1, 19);
    assert!(d.message.contains("after `->`"), "{d}");
}

#[test]
fn a_name_given_twice_and_a_question_written_twice_are_warnings_as_moodle_imports_them() {
    // A second question under a name already taken gets a numbered id.
    let (read, found) = read_text("::q1::One?{T}\n\n::q1::Two?{F}\n");
    let ids: Vec<&str> = read.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q1-2"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].is_error());
    assert_eq!(found[0].location(), "quiz.gift:3:7");
    assert_eq!(
        found[0].message,
        "the name `q1` is also the name of the question at line 1: this one gets the id `q1-2`"
    );
    // The same question again is kept once.
    let (read, found) = read_text("Same?{T}\n\nSame?{T}\n");
    assert_eq!(read.questions.len(), 1);
    assert_eq!(read.pool, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].is_error());
    assert_eq!(found[0].location(), "quiz.gift:3:1");
    assert!(found[0].message.contains("the same as the one at line 1"));
}

#[test]
fn an_id_bracket_that_is_not_closed_is_reported() {
    let d = only_error("// [id:q1\nOne?{T}\n", 1, 4);
    assert!(d.message.contains("expected `]`"), "{d}");
}

#[test]
fn a_lowercase_true_is_read_as_a_short_answer_with_a_warning() {
    let (read, found) = read_text("Is it?{true}");
    assert_eq!(read.questions[0].kind.name(), "text");
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_error());
    assert!(found[0].hint.as_deref().unwrap().contains("{TRUE}"));
}

#[test]
fn every_error_of_a_file_is_reported_in_one_run() {
    let text = std::fs::read_to_string("tests/fixtures/gift/errors/many.gift").unwrap();
    let (read, found) = read_text(&text);
    let at: Vec<(usize, usize)> = found
        .iter()
        .map(|d| d.position.map(|p| (p.line, p.column)).unwrap())
        .collect();
    assert_eq!(
        at,
        [(5, 19), (7, 24), (11, 1), (13, 8), (13, 20), (15, 10)],
        "{found:#?}"
    );
    assert!(found.iter().all(Diagnostic::is_error));
    // The good questions between them are read.
    let prompts: Vec<&str> = read.questions.iter().map(|q| q.prompt.as_str()).collect();
    assert_eq!(prompts, ["A good one.", "Another good one."]);
    assert_eq!(read.pool, 7);
}

#[test]
fn positions_in_a_knowledge_check_are_lines_of_the_lesson() {
    let diagnostics = Diagnostics::new();
    let questions = read_gift(
        Source {
            text: "Good?{T}\n\nBad?{~a ~b}\n",
            file: Path::new("lesson.md"),
            line_offset: 9,
            tree: None,
        },
        &diagnostics,
    );
    assert_eq!(questions.questions.len(), 1);
    let found = diagnostics.into_sorted();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location(), "lesson.md:12:5");
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    let d = only_error("\u{feff}Which?{~a ~b}\r\n\r\nGood?{T}\r\n", 1, 7);
    assert!(d.message.contains("no right answer"), "{d}");
    let (read, found) = read_text("\u{feff}::q::Which?\r\n{=a\r\n~b}\r\n");
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(read.questions[0].prompt, "Which?");
    assert_eq!(read.questions[0].id, "q");
}
