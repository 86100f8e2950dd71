//! A course with a quiz.xml (tests/fixtures/moodle-course): built with its
//! module.yaml settings and its picture next to the quiz page, checked
//! against a quiz.yaml beside it, and exported with `brandcamp export
//! moodle-xml`.

use std::fs;
use std::path::Path;
use std::process::Command;

use brandcamp::export::{ExportFormat, export};
use brandcamp::site::{self, BuildOptions, Outcome};

use super::{ids, read_text};

const COURSE: &str = "tests/fixtures/moodle-course";

fn build(course: &Path, out: Option<&Path>) -> Outcome {
    site::build(&BuildOptions {
        course_dir: course.to_path_buf(),
        output: out.map(Path::to_path_buf),
        drafts: false,
    })
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
fn a_quiz_xml_is_built_with_its_settings_and_its_picture_next_to_the_page() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let outcome = build(Path::new(COURSE), Some(&out));
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    // The essay is left out, with a warning at its line.
    let warnings: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "{COURSE}/01-replies/quiz.xml:60:3 this `essay` question cannot be graded in the browser: left out"
        )]
    );
    let page = fs::read_to_string(out.join("replies/quiz.html")).unwrap();
    assert!(page.contains("Replies, from Moodle"));
    let json = payload(&page);
    assert_eq!(json["passMark"], 60);
    assert_eq!(json["shuffle"], false);
    let questions = json["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 2);
    assert_eq!(questions[0]["id"], "Logo colour");
    assert_eq!(
        questions[0]["prompt"],
        "What colour is this logo? <img src=\"logo.png\" alt=\"Our logo\" />"
    );
    // The picture's bytes, decoded from the base64 of quiz.xml.
    let picture = fs::read(out.join("replies/logo.png")).unwrap();
    assert!(picture.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(!page.contains("PLUGINFILE"));
}

#[test]
fn a_module_cannot_have_a_quiz_xml_and_a_quiz_yaml() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("course");
    fs::create_dir_all(course.join("01-m")).unwrap();
    fs::write(course.join("course.yaml"), "title: T\n").unwrap();
    fs::write(course.join("01-m/module.yaml"), "title: M\n").unwrap();
    fs::write(course.join("01-m/01-a.md"), "# A\n").unwrap();
    fs::copy(
        format!("{COURSE}/01-replies/quiz.xml"),
        course.join("01-m/quiz.xml"),
    )
    .unwrap();
    fs::write(
        course.join("01-m/quiz.yaml"),
        "questions:\n  - {type: true_false, prompt: Yes?, answer: true}\n",
    )
    .unwrap();
    let outcome = build(&course, None);
    let errors: Vec<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        ["a module has one quiz, but this one has quiz.xml and quiz.yaml"]
    );
}

#[test]
fn a_picture_named_like_a_page_of_the_site_is_an_error() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("course");
    fs::create_dir_all(course.join("01-m")).unwrap();
    fs::write(course.join("course.yaml"), "title: T\n").unwrap();
    fs::write(course.join("01-m/module.yaml"), "title: M\n").unwrap();
    fs::write(course.join("01-m/01-a.md"), "# A\n").unwrap();
    fs::write(course.join("01-m/logo.png"), "the author's own logo").unwrap();
    fs::copy(
        format!("{COURSE}/01-replies/quiz.xml"),
        course.join("01-m/quiz.xml"),
    )
    .unwrap();
    let outcome = build(&course, Some(&temp.path().join("site")));
    assert!(!outcome.succeeded());
    let clash = outcome
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(clash.message.contains("`m/logo.png`"), "{}", clash.message);
}

#[test]
fn export_writes_the_quiz_and_on_request_the_knowledge_checks_as_moodle_xml() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("moodle");
    let outcome = export(
        Path::new(COURSE),
        &out,
        ExportFormat::MoodleXml {
            knowledge_checks: true,
        },
    );
    let summary = outcome.summary.expect("exported");
    assert_eq!(summary.files, [out.join("replies.xml")]);
    assert_eq!(summary.questions, 3);
    let xml = fs::read_to_string(out.join("replies.xml")).unwrap();
    assert!(xml.contains("<text>$course$/top/Replies</text>"));
    assert!(xml.contains("<text>$course$/top/Replies/Knowledge checks</text>"));
    assert!(xml.contains("@@PLUGINFILE@@/logo.png"));
    let (read, found) = read_text(&xml);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(
        ids(&read.questions),
        ["Logo colour", "Who answers journalists", "kc-tone"]
    );
    assert_eq!(read.files.len(), 1);
    assert_eq!(read.files[0].name, "logo.png");

    // Without the option, the quiz alone.
    let out = temp.path().join("quiz-only");
    let outcome = export(
        Path::new(COURSE),
        &out,
        ExportFormat::MoodleXml {
            knowledge_checks: false,
        },
    );
    assert_eq!(outcome.summary.unwrap().questions, 2);
    let xml = fs::read_to_string(out.join("replies.xml")).unwrap();
    assert!(!xml.contains("Knowledge checks"));
}

#[test]
fn the_export_command_writes_moodle_xml_into_its_out_folder() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("bank");
    let run = Command::new(env!("CARGO_BIN_EXE_brandcamp"))
        .args(["export", "moodle-xml", COURSE, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("Exported 1 Moodle XML file (2 questions, 0 left out)"),
        "{stderr}"
    );
    assert!(out.join("replies.xml").is_file());
}
