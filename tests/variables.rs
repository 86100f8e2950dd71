//! Course variables: `{{ name }}` defined once in course.yaml, replaced in
//! lessons, quizzes, titles and brand.yaml; code left alone; an undefined
//! variable is an error at its line and column with the closest name.

mod common;

use common::{TestCourse, describe, error_containing, place};

const COURSE: &str = "title: \"Les réseaux chez {{ organization }}\"\n\
language: fr\n\
organization: \"Lorvan Mobilités\"\n\
description: \"Suivez {{ compte_officiel }} : c'est « nous ».\"\n\
variables:\n  compte_officiel: \"@LorvanMobilites\"\n  reseau_interne: \"Lorvan&Vous\"\n\
certificate:\n  title: \"Attestation {{ organization }}\"\n";

fn course(lesson: &str) -> TestCourse {
    TestCourse::new(&[
        ("course.yaml", COURSE),
        (
            "01-intro/module.yaml",
            "title: \"Bienvenue chez {{ organization }}\"\nsummary: \"Le réseau {{ reseau_interne }}\"\nobjectives:\n  - \"Publier sur {{ reseau_interne }}\"\n",
        ),
        ("01-intro/01-a.md", lesson),
        (
            "01-intro/quiz.yaml",
            "title: \"Quiz {{ organization }}\"\nquestions:\n  - type: single\n    prompt: \"Qui parle pour {{ organization }} ?\"\n    choices:\n      - text: \"{{ compte_officiel }}\"\n        correct: true\n      - text: Personne\n        feedback: \"Non : {{ reseau_interne }} est interne.\"\n",
        ),
        (
            "brand.yaml",
            "name: \"{{ organization }}\"\nhandle: \"{{ compte_officiel }}\"\nvoice: [\"proche de {{ reseau_interne }}\"]\n",
        ),
    ])
}

const LESSON: &str = "---\ntitle: \"Sur {{ reseau_interne }}\"\n---\n\
Chez {{organization}}, écrivez `{{ organization }}` ou \\{{ rien }}.\n\n\
```yaml\nname: {{ pas_une_variable }}\n```\n\n\
```post x\nSuivez {{ compte_officiel }} #LorvanMobilités\n```\n\n\
```quiz\n- type: true_false\n  prompt: \"{{ reseau_interne }} est interne.\"\n  answer: true\n```\n";

#[test]
fn variables_are_replaced_in_every_text_and_code_is_left_alone() {
    let course = course(LESSON);
    course.build_ok();
    let lesson = course.page("intro/a.html");
    assert!(
        lesson.contains(
            "Chez Lorvan Mobilités, écrivez <code>{{ organization }}</code> ou {{ rien }}."
        ),
        "{lesson}"
    );
    // The code block is highlighted: its text is read without the tags.
    assert!(
        without_tags(&lesson).contains("name: {{ pas_une_variable }}"),
        "{lesson}"
    );
    assert!(
        lesson.contains("<title>Sur Lorvan&amp;Vous"),
        "front matter title"
    );
    assert!(lesson.contains("@LorvanMobilites"), "post card text");
    assert!(lesson.contains("Vous est interne."), "knowledge check");
    assert!(!lesson.contains("{{ compte_officiel }}"));
    let quiz = course.page("intro/quiz.html");
    assert!(quiz.contains("Quiz Lorvan Mobilités"));
    assert!(quiz.contains("Qui parle pour Lorvan Mobilités ?"));
    assert!(!quiz.contains("{{"), "no reference left in the quiz page");
    let home = course.page("index.html");
    assert!(home.contains("Les réseaux chez Lorvan Mobilités"));
    assert!(home.contains("Bienvenue chez Lorvan Mobilités"));
    assert!(
        home.contains("Suivez @LorvanMobilites"),
        "course description"
    );
    let brand = course.page("brand.html");
    assert!(brand.contains("proche de Lorvan&amp;Vous"), "brand voice");
}

#[test]
fn an_undefined_variable_is_an_error_at_its_line_and_column_with_the_closest_name() {
    let course = course("Intro\n\nSuivez {{ compte_oficiel }} sur {{ Reseau }}.\n");
    course.write(
        "01-intro/module.yaml",
        "title: Intro\nsummary: |\n  Chez {{ organisation }}.\n",
    );
    let outcome = course.check();
    assert!(!outcome.succeeded());
    let d = error_containing(&outcome, "`compte_oficiel` is not defined");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
    assert_eq!(d.position.map(|p| p.column), Some(8));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `compte_officiel`?")
    );
    let d = error_containing(&outcome, "`{{ Reseau }}` is not a variable");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
    let d = error_containing(&outcome, "`organisation` is not defined");
    assert_eq!(place(&course, d), ("01-intro/module.yaml".into(), Some(3)));
    assert_eq!(d.position.map(|p| p.column), Some(8));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("`organization`")
    );
    // The whole run reports every one, and the CLI shows file:line:col.
    let output = course.run(&["check", "course"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("01-a.md:3:8"), "{stderr}");
}

#[test]
fn undefined_variables_in_quizzes_and_brand_yaml_are_reported_where_written() {
    let course = course(LESSON);
    course.write(
        "01-intro/quiz.yaml",
        "questions:\n  - type: true_false\n    prompt: \"Vrai chez {{ organisaton }} ?\"\n    answer: true\n",
    );
    course.write(
        "brand.yaml",
        "name: \"{{ organization }}\"\nhandle: \"{{ compte }}\"\n",
    );
    course.write(
        "01-intro/01-a.md",
        "Intro\n\n```quiz\n- type: true_false\n  prompt: \"{{ reseau }}\"\n  answer: true\n```\n",
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "`organisaton` is not defined");
    assert_eq!(place(&course, d), ("01-intro/quiz.yaml".into(), Some(3)));
    let d = error_containing(&outcome, "`compte` is not defined");
    assert_eq!(place(&course, d), ("brand.yaml".into(), Some(2)));
    let d = error_containing(&outcome, "`reseau` is not defined");
    assert_eq!(
        place(&course, d),
        ("01-intro/01-a.md".into(), Some(5)),
        "{}",
        describe(&outcome.diagnostics)
    );
}

#[test]
fn bad_variable_definitions_are_reported_in_course_yaml() {
    let course = TestCourse::new(&[
        (
            "course.yaml",
            "title: T\nvariables:\n  Compte-Officiel: x\n  organization: y\n  deux: \"a\\nb\"\n",
        ),
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", "A"),
    ]);
    let outcome = course.check();
    let d = error_containing(&outcome, "`Compte-Officiel` cannot be a variable name");
    assert_eq!(place(&course, d), ("course.yaml".into(), Some(3)));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or_default()
            .contains("compte_officiel")
    );
    error_containing(&outcome, "`organization` is set by course.yaml");
    error_containing(&outcome, "the value of `deux` has a line break");
}

/// The text of some HTML, its tags removed (entities left as they are).
fn without_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
