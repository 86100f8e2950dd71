//! Courses with quiz.gift: built with their module.yaml settings, gift
//! knowledge checks, the mistakes of `quiz:`, and `brandcamp export gift`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use brandcamp::diagnostics::Diagnostic;
use brandcamp::export::export_gift;
use brandcamp::site::{self, BuildOptions, Outcome};

use super::read_text;

const COURSE: &str = "tests/fixtures/gift-course";

fn build(course: &Path, out: Option<&Path>) -> Outcome {
    site::build(&BuildOptions {
        course_dir: course.to_path_buf(),
        output: out.map(Path::to_path_buf),
        drafts: false,
    })
}

/// Copies the fixture course so that a test can change it.
fn course_copy(temp: &Path) -> PathBuf {
    let target = temp.join("course");
    for entry in walkdir::WalkDir::new(COURSE) {
        let entry = entry.unwrap();
        let to = target.join(entry.path().strip_prefix(COURSE).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    target
}

/// The errors of checking the course, as `file:line:col: message`.
fn errors(course: &Path) -> Vec<(Diagnostic, String)> {
    build(course, None)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|d| {
            let at = d
                .location()
                .strip_prefix(&format!("{}/", course.display()))
                .unwrap_or_default()
                .to_string();
            (d, at)
        })
        .collect()
}

fn payload(page: &str) -> serde_json::Value {
    let json = page
        .split("class=\"quiz-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_quiz_written_in_gift_is_built_with_the_settings_of_its_module() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let outcome = build(Path::new(COURSE), Some(&out));
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    let page = fs::read_to_string(out.join("weights/quiz.html")).unwrap();
    assert!(page.contains("Who may post?"));
    let json = payload(&page);
    assert_eq!(json["passMark"], 50);
    assert_eq!(json["shuffle"], false);
    assert_eq!(json["questions"].as_array().unwrap().len(), 1);
    assert_eq!(json["questions"][0]["type"], "multiple");
    assert_eq!(json["questions"][0]["id"], "accounts");
    // The course's pass mark when module.yaml gives none… and the rest.
    let kinds = payload(&fs::read_to_string(out.join("kinds/quiz.html")).unwrap());
    assert_eq!(kinds["passMark"], 60);
    let types: Vec<&str> = kinds["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["single", "text", "numeric", "true_false", "match"]);
    // What gives answers away stays out of plain sight.
    let kinds_page = fs::read_to_string(out.join("kinds/quiz.html")).unwrap();
    for secret in [
        "Half right",
        "Finance approves",
        "Close: 2015",
        "Look at the first page",
        "\"weights\"",
        "\"answers\"",
    ] {
        assert!(
            !kinds_page.contains(secret),
            "`{secret}` is readable in the page"
        );
    }
    // The distractor is one of the matches offered.
    assert!(
        kinds["questions"][4]["rights"]
            .as_array()
            .unwrap()
            .contains(&"Approves the budget".into())
    );
}

#[test]
fn a_gift_block_in_a_lesson_is_a_knowledge_check() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    assert!(build(Path::new(COURSE), Some(&out)).succeeded());
    let lesson = fs::read_to_string(out.join("weights/accounts.html")).unwrap();
    assert!(lesson.contains("data-knowledge-check"));
    assert!(lesson.contains("The brand account speaks for the company."));
    assert!(!lesson.contains("language-gift"));
    assert!(
        !lesson.contains("Close: hashtags"),
        "feedback stays out of plain sight"
    );
    let before = lesson.find("Only two accounts").unwrap();
    let check = lesson.find("data-knowledge-check").unwrap();
    let after = lesson.find("Text after the check.").unwrap();
    assert!(before < check && check < after);
}

#[test]
fn a_mistake_in_a_gift_knowledge_check_is_reported_at_its_lesson_line() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    let lesson = course.join("01-weights/01-accounts.md");
    let text = fs::read_to_string(&lesson)
        .unwrap()
        .replace("{TRUE#", "{TRUE#%\\q#");
    fs::write(&lesson, text).unwrap();
    let found = errors(&course);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "01-weights/01-accounts.md:6:64");
    assert!(found[0].0.message.contains("unknown escape"));
}

#[test]
fn gift_mistakes_fail_the_build_each_at_its_place() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    fs::write(
        course.join("01-weights/quiz.gift"),
        "Good?{T}\n\nWhich two?{\n~%50%a\n~%20%b\n}\n\n::open::Never closed {=a ~b\n",
    )
    .unwrap();
    let found: Vec<String> = errors(&course).into_iter().map(|(_, at)| at).collect();
    assert_eq!(
        found,
        ["01-weights/quiz.gift:4:2", "01-weights/quiz.gift:8:22"]
    );
}

#[test]
fn quiz_settings_next_to_a_quiz_yaml_are_an_error() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    let module = course.join("03-yaml/module.yaml");
    let text = fs::read_to_string(&module).unwrap() + "quiz:\n  pass_mark: 90\n";
    fs::write(&module, text).unwrap();
    let found = errors(&course);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "03-yaml/module.yaml:3:1");
    assert!(found[0].0.message.contains("quiz.yaml"));
    assert!(
        found[0]
            .0
            .hint
            .as_deref()
            .unwrap()
            .contains("top of quiz.yaml")
    );
}

#[test]
fn quiz_settings_without_a_quiz_gift_are_an_error() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    fs::remove_file(course.join("02-kinds/quiz.gift")).unwrap();
    let found = errors(&course);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "02-kinds/module.yaml:3:1");
    assert!(found[0].0.message.contains("no quiz.gift"));
}

#[test]
fn an_unknown_quiz_setting_is_reported_at_its_line() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    let module = course.join("02-kinds/module.yaml");
    let text = fs::read_to_string(&module)
        .unwrap()
        .replace("shuffle: false", "shufle: false");
    fs::write(&module, text).unwrap();
    let found = errors(&course);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "02-kinds/module.yaml:5:3");
    assert!(found[0].0.hint.as_deref().unwrap().contains("`shuffle`"));
}

#[test]
fn quiz_settings_are_checked_against_the_gift_pool() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    let module = course.join("02-kinds/module.yaml");
    let text = fs::read_to_string(&module).unwrap() + "  draw: 9\n";
    fs::write(&module, text).unwrap();
    let module = course.join("01-weights/module.yaml");
    let text = fs::read_to_string(&module)
        .unwrap()
        .replace("pass_mark: 50", "pass_mark: 150");
    fs::write(&module, text).unwrap();
    let found = errors(&course);
    let at: Vec<&str> = found.iter().map(|(_, at)| at.as_str()).collect();
    assert_eq!(
        at,
        ["01-weights/module.yaml:6:3", "02-kinds/module.yaml:6:3"]
    );
    assert!(found[1].0.message.contains("the pool has 5"));
}

#[test]
fn export_writes_one_gift_file_per_module_quiz() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("gift");
    let outcome = export_gift(Path::new(COURSE), &out);
    let summary = outcome.summary.expect("an export");
    let names: Vec<String> = summary
        .files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["weights.gift", "kinds.gift", "yaml.gift"]);
    assert_eq!((summary.questions, summary.skipped), (8, 1));
    // The order question is left out, the points are lost: both said.
    let warnings: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.contains("03-yaml/quiz.yaml:")));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("question `steps`") && w.contains("`order`"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("question `limit`") && w.contains("2 points"))
    );
    let yaml = fs::read_to_string(out.join("yaml.gift")).unwrap();
    assert!(yaml.contains("$CATEGORY: $course$/top/YAML\n"));
    assert!(yaml.contains("::first-hour::"));
    assert!(!yaml.contains("steps"));
}

#[test]
fn gift_to_course_to_gift_keeps_every_question() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("gift");
    assert!(export_gift(Path::new(COURSE), &out).summary.is_some());
    for (module, slug) in [("01-weights", "weights"), ("02-kinds", "kinds")] {
        let source = fs::read_to_string(Path::new(COURSE).join(module).join("quiz.gift")).unwrap();
        let exported = fs::read_to_string(out.join(format!("{slug}.gift"))).unwrap();
        let (before, found) = read_text(&source);
        assert!(found.is_empty(), "{found:#?}");
        let (after, found) = read_text(&exported);
        assert!(found.is_empty(), "{found:#?}");
        assert_eq!(before.questions, after.questions, "{exported}");
    }
}

#[test]
fn a_course_with_errors_exports_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let course = course_copy(temp.path());
    fs::write(course.join("01-weights/quiz.gift"), "Which?{~a ~b}\n").unwrap();
    let out = temp.path().join("gift");
    let outcome = export_gift(&course, &out);
    assert!(outcome.summary.is_none());
    assert!(outcome.diagnostics.iter().any(Diagnostic::is_error));
    assert!(!out.exists());
}

#[test]
fn the_export_command_writes_into_its_out_folder() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("moodle");
    let run = Command::new(env!("CARGO_BIN_EXE_brandcamp"))
        .args(["export", "gift", COURSE, "--out"])
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(out.join("kinds.gift").is_file());
    assert!(
        stderr.contains("Exported 3 GIFT files (8 questions, 1 left out)"),
        "{stderr}"
    );
    let usage = Command::new(env!("CARGO_BIN_EXE_brandcamp"))
        .args(["export", "xml", COURSE])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn the_new_course_exports_without_a_warning() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("my-course");
    brandcamp::scaffold::create(&course).unwrap();
    let outcome = export_gift(&course, &temp.path().join("gift"));
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    assert_eq!(outcome.summary.expect("an export").skipped, 0);
}

#[test]
fn a_question_without_an_id_is_named_by_its_prompt_in_warnings() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("course");
    fs::create_dir_all(course.join("01-steps")).unwrap();
    fs::write(course.join("course.yaml"), "title: Steps\n").unwrap();
    fs::write(course.join("01-steps/module.yaml"), "title: Steps\n").unwrap();
    fs::write(course.join("01-steps/01-a.md"), "A\n").unwrap();
    let prompt = "Put the **steps** of a reply to an angry customer in the order they come";
    fs::write(
        course.join("01-steps/quiz.yaml"),
        format!(
            "questions:\n  - type: order\n    prompt: \"{prompt}\"\n    items: [Listen, Answer]\n"
        ),
    )
    .unwrap();
    let outcome = export_gift(&course, &temp.path().join("gift"));
    let warning = &outcome.diagnostics[0].message;
    assert!(
        warning.starts_with(
            "question \"Put the steps of a reply to an angry customer in…\" is an `order` question"
        ),
        "{warning}"
    );
    assert!(!warning.contains("q-"), "{warning}");
}
