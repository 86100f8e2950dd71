//! `post` questions: ideas, ideas to avoid, rubric and model answer are
//! checked where they are written, and reach the page (the rubric and the
//! model answer only in the encoded part).

mod common;

use common::{TestCourse, describe, error_containing, place};

fn quiz_course(quiz: &str) -> TestCourse {
    TestCourse::new(&[
        ("01-crise/module.yaml", "title: Crise\n"),
        ("01-crise/01-a.md", "Leçon.\n"),
        ("01-crise/quiz.yaml", quiz),
    ])
}

#[test]
fn ideas_rubric_and_model_answer_reach_the_page() {
    let course = quiz_course(
        "questions:\n  - type: post\n    platform: x\n    account: employee\n    prompt: Écrivez.\n    ideas:\n      - words: [retard, perturb]\n        missing: Dites ce qui se passe.\n    avoid_ideas:\n      - words: [faute]\n        found: Ne désignez personne.\n    rubric: [\"Le ton est calme.\"]\n    model_answer: \"Trafic perturbé sur la T2.\"\n",
    );
    course.build_ok();
    let page = course.page("crise/quiz.html");
    assert!(page.contains("\"account\":\"employee\""), "{page}");
    assert!(
        page.contains("\"words\":[\"retard\",\"perturb\"],\"missing\":\"Dites ce qui se passe.\"")
    );
    assert!(
        page.contains(
            "\"avoidIdeas\":[{\"words\":[\"faute\"],\"found\":\"Ne désignez personne.\"}]"
        )
    );
    // The rubric and the model answer are in the encoded part, not in clear.
    assert!(!page.contains("Le ton est calme"));
    assert!(!page.contains("Trafic perturbé sur la T2"));
}

#[test]
fn a_wrong_idea_is_reported_at_its_line() {
    let course = quiz_course(
        "questions:\n  - type: post\n    platform: x\n    prompt: Écrivez.\n    ideas:\n      - words: []\n        missing: Dites ce qui se passe.\n      - words: [\"…\"]\n        missing: \" \"\n    rubric: [\"\"]\n",
    );
    let outcome = course.check();
    assert!(!outcome.succeeded());
    let text = describe(&outcome.diagnostics);
    let d = error_containing(&outcome, "this idea has no words");
    assert_eq!(
        place(&course, d),
        ("01-crise/quiz.yaml".into(), Some(6)),
        "{text}"
    );
    let d = error_containing(&outcome, "`…` has no letter or digit");
    assert_eq!(place(&course, d).1, Some(8));
    let d = error_containing(&outcome, "`missing` is empty");
    assert_eq!(place(&course, d).1, Some(9));
    error_containing(&outcome, "this rubric item is empty");
}

#[test]
fn a_misnamed_feedback_key_or_account_is_an_error_with_the_right_one() {
    let course = quiz_course(
        "questions:\n  - type: post\n    platform: x\n    prompt: Écrivez.\n    avoid_ideas:\n      - words: [faute]\n        missing: oops\n",
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "unknown key `missing`");
    assert_eq!(place(&course, d).1, Some(7));
    assert!(
        d.hint.as_deref().unwrap_or_default().contains("found"),
        "{}",
        describe(&outcome.diagnostics)
    );
    let outcome = quiz_course(
        "questions:\n  - type: post\n    platform: x\n    prompt: Écrivez.\n    account: salarie\n",
    )
    .check();
    let text = describe(&outcome.diagnostics);
    assert!(
        text.contains("salarie") && text.contains("employee"),
        "{text}"
    );
}
