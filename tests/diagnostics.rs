//! Every class of mistake gets a diagnostic naming its file and line, and one
//! run reports all of them.

mod common;

use brandcamp::diagnostics::Position;
use common::{TestCourse, describe, error_containing, errors, place};

fn course_with_module(module_yaml: &str, lessons: &[(&str, &str)]) -> TestCourse {
    let mut files = vec![("01-intro/module.yaml", module_yaml)];
    files.extend_from_slice(lessons);
    TestCourse::new(&files)
}

#[test]
fn yaml_syntax_error_is_reported_at_its_line() {
    let course = course_with_module(
        "title: Intro\nsummary: \"unclosed\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "YAML");
    assert_eq!(place(&course, d).0, "01-intro/module.yaml");
    // At the quote that is never closed, which the hint names.
    assert_eq!(d.position, Some(Position::new(2, 10)));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("closing `\"`")
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let course = course_with_module(
        "title: Intro\nsummery: typo\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "unknown key `summery`");
    assert_eq!(place(&course, d), ("01-intro/module.yaml".into(), Some(2)));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `summary`?")
    );
}

#[test]
fn unknown_front_matter_key_is_reported_at_its_line_in_the_lesson() {
    let course = course_with_module(
        "title: Intro\n",
        &[("01-intro/01-a.md", "---\ntitle: A\nduraton: 5\n---\nText\n")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "unknown key `duraton`");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `duration`?")
    );
}

#[test]
fn every_schema_problem_of_every_file_is_reported_in_one_run() {
    let course = TestCourse::new(&[
        (
            "course.yaml",
            "title: Test course\nlangauge: en\npas_mark: 80\n",
        ),
        ("01-intro/module.yaml", "title: Intro\nduration: soon\n"),
        (
            "01-intro/01-a.md",
            "---\ntitle: A\ndarft: true\n---\nText\n",
        ),
    ]);
    let outcome = course.check();
    let mut found: Vec<(String, String, usize, usize)> = errors(&outcome)
        .into_iter()
        .map(|d| {
            let at = d.position.expect("a position");
            (place(&course, d).0, d.message.clone(), at.line, at.column)
        })
        .collect();
    found.sort();
    let expected = [
        ("01-intro/01-a.md", "unknown key `darft`", 3, 1),
        (
            "01-intro/module.yaml",
            "wrong type: expected a whole number, found text \"soon\"",
            2,
            11,
        ),
        ("course.yaml", "unknown key `langauge`", 2, 1),
        ("course.yaml", "unknown key `pas_mark`", 3, 1),
    ]
    .map(|(file, message, line, column)| (file.to_string(), message.to_string(), line, column));
    assert_eq!(found, expected, "{}", describe(&outcome.diagnostics));
}

#[test]
fn missing_required_key_is_named() {
    let course = course_with_module("summary: no title\n", &[("01-intro/01-a.md", "A")]);
    let outcome = course.check();
    let d = error_containing(&outcome, "missing required key `title`");
    assert_eq!(place(&course, d).0, "01-intro/module.yaml");
    // At the map that lacks it: here the file's first line.
    assert_eq!(d.position, Some(Position::new(1, 1)));
    assert!(d.hint.as_deref().unwrap_or_default().contains("`title:`"));
}

#[test]
fn wrong_type_says_what_was_expected() {
    let course = course_with_module(
        "title: Intro\nduration: half an hour\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "expected a whole number");
    assert_eq!(place(&course, d), ("01-intro/module.yaml".into(), Some(2)));
}

#[test]
fn value_out_of_range_is_reported() {
    let course = TestCourse::new(&[("course.yaml", "title: T\npass_mark: 120\n")]);
    let outcome = course.check();
    let d = error_containing(&outcome, "above 100");
    assert_eq!(place(&course, d), ("course.yaml".into(), Some(2)));
}

#[test]
fn a_language_that_is_no_tag_is_one_error_at_the_value() {
    let course = TestCourse::new(&[
        ("course.yaml", "title: T\nlanguage: english\n"),
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", "A"),
    ]);
    let outcome = course.check();
    let d = error_containing(&outcome, "`english` is not a language tag");
    assert_eq!(d.position, Some(Position::new(2, 11)));
    assert_eq!(d.width, "english".len());
    // Not a second message about the same tag (no translation for it).
    assert_eq!(
        outcome.diagnostics.len(),
        1,
        "{}",
        describe(&outcome.diagnostics)
    );
}

#[test]
fn slug_collision_names_both_files() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-Welcome.md", "A"),
            ("01-intro/02-welcome.md", "B"),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "web address `welcome`");
    assert!(
        d.message.contains("01-Welcome.md") || d.file.ends_with("01-Welcome.md"),
        "{d}"
    );
    assert!(
        d.message.contains("02-welcome.md") || d.file.ends_with("02-welcome.md"),
        "{d}"
    );
}

#[test]
fn unknown_required_module_is_reported_at_its_list_item() {
    let course = TestCourse::new(&[
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", "A"),
        (
            "02-crisis/module.yaml",
            "title: Crisis\nrequires:\n  - intro\n  - intr0\n",
        ),
        ("02-crisis/01-a.md", "A"),
    ]);
    let outcome = course.check();
    let d = error_containing(&outcome, "there is no module `intr0`");
    assert_eq!(place(&course, d), ("02-crisis/module.yaml".into(), Some(4)));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `intro`?")
    );
}

#[test]
fn circular_requires_are_reported() {
    let course = TestCourse::new(&[
        ("01-a/module.yaml", "title: A\nrequires: [b]\n"),
        ("01-a/01-x.md", "x"),
        ("02-b/module.yaml", "title: B\nrequires: [a]\n"),
        ("02-b/01-x.md", "x"),
    ]);
    let outcome = course.check();
    let d = error_containing(&outcome, "require each other in a circle");
    assert!(d.message.contains("a → b → a"), "{d}");
    assert_eq!(place(&course, d), ("01-a/module.yaml".into(), Some(2)));
}

#[test]
fn explicit_order_naming_a_missing_lesson_is_reported_at_its_item() {
    let course = course_with_module(
        "title: Intro\nlessons:\n  - 01-a\n  - 02-missing\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "lists `02-missing`");
    assert_eq!(place(&course, d), ("01-intro/module.yaml".into(), Some(4)));
}

#[test]
fn explicit_order_leaving_a_lesson_out_is_an_error() {
    let course = course_with_module(
        "title: Intro\nlessons: [b]\n",
        &[("01-intro/a.md", "A"), ("01-intro/b.md", "B")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "`a.md` is not listed");
    assert_eq!(place(&course, d), ("01-intro/module.yaml".into(), Some(2)));
}

#[test]
fn explicit_module_order_is_followed() {
    let course = TestCourse::new(&[
        ("course.yaml", "title: T\nmodules: [second, first]\n"),
        ("first/module.yaml", "title: First\n"),
        ("first/a.md", "A"),
        ("second/module.yaml", "title: Second\n"),
        ("second/a.md", "A"),
    ]);
    course.build_ok();
    let toc = course.page("assets/toc/0.js");
    assert!(
        toc.find("Second").expect("second") < toc.find("First").expect("first"),
        "{toc}"
    );
}

#[test]
fn non_utf8_lesson_is_reported_with_its_line() {
    let course = course_with_module("title: Intro\n", &[]);
    course.write_bytes("01-intro/01-a.md", b"Ligne un\nCaf\xe9 en Latin-1\n");
    let outcome = course.check();
    let d = error_containing(&outcome, "not valid UTF-8");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(2)));
    assert!(d.hint.as_deref().unwrap_or_default().contains("UTF-8"));
}

#[test]
fn unterminated_front_matter_is_reported() {
    let course = course_with_module(
        "title: Intro\n",
        &[("01-intro/01-a.md", "---\ntitle: A\n\n# Body\n")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "never ends");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(1)));
}

#[test]
fn broken_lesson_link_is_reported_at_its_line() {
    let course = course_with_module(
        "title: Intro\n",
        &[(
            "01-intro/01-a.md",
            "---\ntitle: A\n---\nLine\n\nSee [b](02-b.md).\n",
        )],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "no lesson `02-b.md`");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(6)));
    assert_eq!(d.position.map(|p| p.column), Some(5));
}

#[test]
fn broken_anchor_is_reported_with_a_suggestion() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "See [b](02-b.md#strategy).\n"),
            ("01-intro/02-b.md", "## Stratégie\n"),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "has no heading `#strategy`");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(1)));
    assert!(
        d.hint.as_deref().unwrap_or_default().contains("#strategie"),
        "{d}"
    );
}

#[test]
fn missing_image_is_reported_at_its_line() {
    let course = course_with_module(
        "title: Intro\n",
        &[("01-intro/01-a.md", "Text\n\n![A chart](chart.png)\n")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "no image `chart.png`");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
}

#[test]
fn image_without_alt_text_is_a_warning() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "![](chart.png)\n"),
            ("01-intro/chart.png", "png"),
        ],
    );
    let outcome = course.check();
    assert!(outcome.succeeded(), "a warning does not fail the build");
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.message.contains("no alternative text"))
        .expect("warning");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(1)));
}

#[test]
fn links_that_run_code_or_leave_the_course_are_errors() {
    let course = course_with_module(
        "title: Intro\n",
        &[(
            "01-intro/01-a.md",
            "[x](javascript:alert(1))\n\n[y](../../etc/passwd)\n\n[z](/abs/path.md)\n\n[w](C:\\docs\\a.md)\n",
        )],
    );
    let outcome = course.check();
    assert_eq!(
        place(&course, error_containing(&outcome, "runs code")).1,
        Some(1)
    );
    assert_eq!(
        place(&course, error_containing(&outcome, "outside the course")).1,
        Some(3)
    );
    assert_eq!(
        place(
            &course,
            error_containing(&outcome, "absolute or Windows-style")
        )
        .1,
        Some(5)
    );
    assert!(
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("absolute or Windows-style"))
            .count()
            == 2
    );
}

#[test]
fn link_to_a_draft_says_it_is_a_draft() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "[b](02-b.md)\n"),
            ("01-intro/02-b.md", "---\ndraft: true\n---\nB\n"),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "is a draft");
    assert!(d.hint.as_deref().unwrap_or_default().contains("--drafts"));
}

#[test]
fn unknown_ui_string_is_reported_with_a_suggestion() {
    let course = TestCourse::new(&[("course.yaml", "title: T\nui:\n  nxt: Suivant\n")]);
    let outcome = course.check();
    let d = error_containing(&outcome, "no string named `nxt`");
    assert_eq!(place(&course, d), ("course.yaml".into(), Some(3)));
    assert!(d.hint.as_deref().unwrap_or_default().contains("`next`"));
}

#[test]
fn folder_of_lessons_without_module_yaml_is_reported() {
    let course = TestCourse::new(&[("01-intro/01-a.md", "A")]);
    let outcome = course.check();
    error_containing(&outcome, "no module.yaml");
}

#[test]
fn missing_course_yaml_is_reported() {
    let course = TestCourse::new(&[]);
    std::fs::remove_file(course.course_dir().join("course.yaml")).expect("remove");
    let outcome = course.check();
    error_containing(&outcome, "course.yaml is missing");
}

#[test]
fn one_run_reports_every_mistake() {
    let course = TestCourse::new(&[
        ("course.yaml", "title: T\nlanguage: fr\n"),
        ("01-intro/module.yaml", "title: Intro\nsumary: x\n"),
        ("01-intro/01-a.md", "[lost](nowhere.md)\n"),
        (
            "02-next/module.yaml",
            "title: Next\nrequires: [intro, nope]\n",
        ),
        ("02-next/01-a.md", "---\ntitle: [unclosed\n---\n"),
        ("02-next/02-b.md", "![Missing](missing.png)\n"),
    ]);
    let outcome = course.check();
    let errors = errors(&outcome);
    let found: Vec<(String, Option<Position>)> = errors
        .iter()
        .map(|d| {
            let (file, _) = place(&course, d);
            (format!("{file}: {}", d.message), d.position)
        })
        .collect();
    let expected = [
        ("01-intro/01-a.md", "broken link", (1, 1)),
        ("01-intro/module.yaml", "`sumary`", (2, 1)),
        ("02-next/01-a.md", "YAML syntax error", (2, 8)),
        ("02-next/02-b.md", "`missing.png`", (1, 1)),
        ("02-next/module.yaml", "no module `nope`", (2, 19)),
    ];
    assert_eq!(
        found.len(),
        expected.len(),
        "{}",
        describe(&outcome.diagnostics)
    );
    for (file, words, (line, column)) in expected {
        assert!(
            found
                .iter()
                .any(|(message, position)| message.starts_with(file)
                    && message.contains(words)
                    && *position == Some(Position::new(line, column))),
            "no error with {words:?} at {file}:{line}:{column} in:\n{}",
            describe(&outcome.diagnostics)
        );
    }
}

#[test]
fn mistyped_lesson_link_suggests_the_lesson_file() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            (
                "01-intro/01-a.md",
                "See [first hour](../02-crisis/01-frist-hour.md).\n",
            ),
            ("02-crisis/module.yaml", "title: Crisis\n"),
            ("02-crisis/01-first-hour.md", "# First hour\n"),
            ("02-crisis/02-press.md", "# Press\n"),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "no lesson `../02-crisis/01-frist-hour.md`");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `../02-crisis/01-first-hour.md`? Paths are relative to this lesson")
    );
}

#[test]
fn link_to_a_built_page_suggests_the_lesson_file() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            (
                "01-intro/01-a.md",
                "See [b](b.html) and [crisis](../crisis/first-hour.html#x).\n",
            ),
            ("01-intro/02-b.md", "# B\n"),
            ("02-crisis/module.yaml", "title: Crisis\n"),
            ("02-crisis/01-first-hour.md", "# First hour\n"),
        ],
    );
    let outcome = course.check();
    let hint = |needle| {
        error_containing(&outcome, needle)
            .hint
            .clone()
            .unwrap_or_default()
    };
    assert!(hint("no file `b.html`").starts_with("link to the lesson's Markdown file: `02-b.md`"));
    assert!(
        hint("no file `../crisis/first-hour.html`")
            .starts_with("link to the lesson's Markdown file: `../02-crisis/01-first-hour.md`")
    );
}

#[test]
fn link_to_nothing_like_a_lesson_gets_the_general_hint() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "See [z](zzz.md).\n"),
            ("01-intro/02-press-release.md", "# B\n"),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "no lesson `zzz.md`");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .starts_with("check the spelling"),
        "{d}"
    );
}

#[test]
fn wrong_value_in_a_quiz_is_underlined_where_it_is_written() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "A"),
            (
                "01-intro/quiz.yaml",
                "questions:\n  - type: true_false\n    prompt: x\n    answer: maybe\n  - type: single\n    prompt: y\n    choices: \"a, b\"\n",
            ),
        ],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "found text \"maybe\"");
    assert_eq!(d.position.map(|p| (p.line, p.column)), Some((4, 13)), "{d}");
    assert_eq!(d.width, 5);
    let d = error_containing(&outcome, "found text \"a, b\"");
    assert_eq!(d.position.map(|p| (p.line, p.column)), Some((7, 14)), "{d}");
    assert_eq!(d.width, 6);
}

#[test]
fn wrong_value_in_a_settings_file_is_underlined_whole() {
    let course = course_with_module(
        "title: Intro\nduration: half an hour   # minutes\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "expected a whole number");
    assert_eq!(d.position.map(|p| (p.line, p.column)), Some((2, 11)), "{d}");
    assert_eq!(d.width, "half an hour".len());
}

#[test]
fn a_single_item_where_a_list_goes_gets_an_example() {
    let course = course_with_module(
        "title: Intro\nrequires: basics\n",
        &[("01-intro/01-a.md", "A")],
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "expected a list, found text \"basics\"");
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "write a list, even of one item: `[basics]`, or each item on a line of its own starting with `- `"
        )
    );
}

#[test]
fn two_modules_with_one_web_address_are_reported_at_the_second() {
    let course = TestCourse::new(&[
        ("course.yaml", "title: T\n"),
        ("01-intro/module.yaml", "title: A\n"),
        ("01-intro/01-a.md", "A\n"),
        ("02-Intro/module.yaml", "title: B\n"),
        ("02-Intro/01-b.md", "B\n"),
    ]);
    let outcome = course.check();
    let d = error_containing(&outcome, "this module has the web address `intro`");
    assert_eq!(place(&course, d).0, "02-Intro/module.yaml");
    assert!(d.message.contains("01-intro/module.yaml"));
    assert!(d.hint.as_deref().unwrap_or_default().contains("rename one"));
}

#[test]
fn a_misspelt_question_key_is_reported_once_as_the_misspelling() {
    let course = course_with_module(
        "title: Intro\n",
        &[
            ("01-intro/01-a.md", "A\n"),
            (
                "01-intro/quiz.yaml",
                "questions:\n  - type: single\n    promt: \"Qui ?\"\n    choices:\n      - text: A\n        correct: true\n      - text: B\n",
            ),
        ],
    );
    let outcome = course.check();
    let errors = errors(&outcome);
    assert_eq!(errors.len(), 1, "{}", describe(&outcome.diagnostics));
    assert_eq!(errors[0].message, "unknown key `promt`");
    assert_eq!(errors[0].position, Some(Position::new(3, 5)));
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `prompt`?")
    );
}
