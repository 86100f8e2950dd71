//! The whole terminal output of `brandcamp check` for the mistakes trainers
//! make, pinned as snapshots (tests/snapshots/): the file, line and column,
//! the quoted source line with its caret, the message and the hint, and the
//! summary line. A change to any of them shows as a diff to review (`cargo
//! insta review`, or `INSTA_UPDATE=always cargo test --test
//! diagnostic_snapshots` and read the changed files).

mod common;

use common::TestCourse;

const MODULE: &str = "title: \"Basics\"\n";
const LESSON: &str = "---\ntitle: \"Welcome\"\n---\n\nRead [the next lesson](02-next.md).\n\n## First steps\n\nText.\n";
const NEXT: &str = "# Next\n\nBack to [the welcome](01-welcome.md#first-steps).\n";
const QUIZ: &str = "questions:\n  - type: single\n    prompt: \"Which colour?\"\n    choices:\n      - text: Blue\n        correct: true\n      - text: Red\n";

/// A small valid course with the given files replaced or added (or, given
/// as empty, left out).
fn course(files: &[(&str, &str)]) -> TestCourse {
    let mut all: Vec<(&str, &str)> = vec![
        (
            "course.yaml",
            "title: \"Test course\"\norganization: \"Acme\"\nvariables:\n  compte_officiel: \"@acme\"\n",
        ),
        ("01-basics/module.yaml", MODULE),
        ("01-basics/01-welcome.md", LESSON),
        ("01-basics/02-next.md", NEXT),
        ("01-basics/quiz.yaml", QUIZ),
    ];
    for (path, text) in files {
        all.retain(|(p, _)| p != path);
        if !text.is_empty() {
            all.push((path, text));
        }
    }
    TestCourse::new(&all)
}

/// What `brandcamp check course` prints, with the run's time taken out.
fn check_output(course: &TestCourse) -> String {
    let output = course.run(&["check", "course"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = format!("{stdout}{stderr}");
    let mut clean = String::new();
    for line in text.lines() {
        // "… in 0.01 s" varies from run to run.
        let line = match line.rfind(" in ") {
            Some(at) if line.ends_with(" s") => format!("{} in [time] s", &line[..at]),
            _ => line.to_string(),
        };
        clean.push_str(line.trim_end());
        clean.push('\n');
    }
    format!(
        "exit status: {}\n\n{clean}",
        output.status.code().unwrap_or(-1)
    )
}

fn snapshot(name: &str, files: &[(&str, &str)]) {
    let output = check_output(&course(files));
    insta::assert_snapshot!(name, output);
}

#[test]
fn the_valid_course_passes_with_nothing_to_say() {
    snapshot("valid", &[]);
}

#[test]
fn course_yaml_misspelt_key() {
    snapshot(
        "course_misspelt_key",
        &[("course.yaml", "title: \"Test course\"\npas_mark: 80\n")],
    );
}

#[test]
fn course_yaml_value_of_the_wrong_type() {
    snapshot(
        "course_wrong_type",
        &[("course.yaml", "title: \"Test course\"\npass_mark: high\n")],
    );
}

#[test]
fn course_yaml_pass_mark_above_100() {
    snapshot(
        "course_pass_mark_150",
        &[("course.yaml", "title: \"Test course\"\npass_mark: 150\n")],
    );
}

#[test]
fn course_yaml_certificate_neither_bool_nor_map() {
    snapshot(
        "course_certificate_string",
        &[(
            "course.yaml",
            "title: \"Test course\"\ncertificate: \"yes\"\n",
        )],
    );
}

#[test]
fn course_yaml_syntax_error() {
    snapshot(
        "course_yaml_syntax",
        &[("course.yaml", "title: \"Test course\n  language: fr\n")],
    );
}

#[test]
fn module_yaml_without_title() {
    snapshot(
        "module_no_title",
        &[("01-basics/module.yaml", "summary: \"No title\"\n")],
    );
}

#[test]
fn module_yaml_requires_not_a_list() {
    snapshot(
        "module_requires_not_a_list",
        &[
            ("02-more/module.yaml", "title: \"More\"\nrequires: basics\n"),
            ("02-more/01-a.md", "# A\n\nText.\n"),
        ],
    );
}

#[test]
fn front_matter_misspelt_key() {
    snapshot(
        "front_matter_misspelt_key",
        &[(
            "01-basics/01-welcome.md",
            "---\ntitle: \"Welcome\"\ndraf: true\n---\n\nText.\n\n## First steps\n",
        )],
    );
}

#[test]
fn front_matter_never_closed() {
    snapshot(
        "front_matter_unclosed",
        &[(
            "01-basics/01-welcome.md",
            "---\ntitle: \"Welcome\"\n\nText.\n\n## First steps\n",
        )],
    );
}

#[test]
fn link_to_a_missing_lesson() {
    snapshot(
        "link_missing_lesson",
        &[(
            "01-basics/01-welcome.md",
            "# Welcome\n\nRead [the next lesson](02-nxt.md).\n\n## First steps\n",
        )],
    );
}

#[test]
fn link_to_the_html_page_instead_of_the_markdown() {
    snapshot(
        "link_html_instead_of_md",
        &[(
            "01-basics/01-welcome.md",
            "# Welcome\n\nRead [the next lesson](02-next.html).\n\n## First steps\n",
        )],
    );
}

#[test]
fn link_to_a_missing_heading() {
    snapshot(
        "link_missing_anchor",
        &[(
            "01-basics/02-next.md",
            "# Next\n\nBack to [the welcome](01-welcome.md#first-step).\n",
        )],
    );
}

#[test]
fn quiz_unknown_question_type() {
    snapshot(
        "quiz_unknown_type",
        &[(
            "01-basics/quiz.yaml",
            "questions:\n  - type: singel\n    prompt: \"Which?\"\n",
        )],
    );
}

#[test]
fn quiz_key_of_another_type() {
    snapshot(
        "quiz_misspelt_question_key",
        &[(
            "01-basics/quiz.yaml",
            "questions:\n  - type: single\n    prompt: \"Which?\"\n    choises:\n      - text: Blue\n        correct: true\n",
        )],
    );
}

#[test]
fn quiz_no_correct_choice() {
    snapshot(
        "quiz_no_correct_choice",
        &[(
            "01-basics/quiz.yaml",
            "questions:\n  - type: single\n    prompt: \"Which?\"\n    choices:\n      - text: Blue\n      - text: Red\n",
        )],
    );
}

#[test]
fn quiz_key_given_twice() {
    snapshot(
        "quiz_duplicate_key",
        &[(
            "01-basics/quiz.yaml",
            "questions:\n  - type: single\n    prompt: \"Which?\"\n    prompt: \"Again?\"\n    choices:\n      - text: Blue\n        correct: true\n",
        )],
    );
}

#[test]
fn quiz_pattern_that_is_not_valid() {
    snapshot(
        "quiz_bad_pattern",
        &[(
            "01-basics/quiz.yaml",
            "questions:\n  - type: text\n    prompt: \"Name?\"\n    pattern: \"(acme\"\n",
        )],
    );
}

#[test]
fn quiz_draw_larger_than_the_pool() {
    snapshot(
        "quiz_draw_too_large",
        &[(
            "01-basics/quiz.yaml",
            "draw: 5\nquestions:\n  - type: true_false\n    prompt: \"Blue?\"\n    answer: true\n",
        )],
    );
}

#[test]
fn gift_quiz_with_a_syntax_error() {
    snapshot(
        "gift_unclosed_answers",
        &[
            ("01-basics/quiz.yaml", ""),
            ("01-basics/quiz.gift", "::Q1:: Which colour? {=Blue ~Red\n"),
        ],
    );
}

#[test]
fn brand_yaml_hashtag_without_hash_and_misspelt_key() {
    snapshot(
        "brand_problems",
        &[(
            "brand.yaml",
            "name: \"Acme\"\nhashtags:\n  required: [\"AcmeLife\"]\nvocie: [\"clear\"]\n",
        )],
    );
}

#[test]
fn variable_not_defined() {
    snapshot(
        "variable_undefined",
        &[(
            "01-basics/02-next.md",
            "# Next\n\nFollow {{ compte_oficiel }}.\n",
        )],
    );
}

#[test]
fn several_mistakes_are_reported_together() {
    snapshot(
        "several_mistakes",
        &[
            ("course.yaml", "title: \"Test course\"\npas_mark: 80\n"),
            (
                "01-basics/02-next.md",
                "# Next\n\nBack to [the welcome](01-welcome.md#nowhere).\n",
            ),
            (
                "01-basics/quiz.yaml",
                "questions:\n  - type: single\n    prompt: \"Which?\"\n    choices:\n      - text: Blue\n",
            ),
        ],
    );
}
