//! Round trips through Moodle XML, nothing lost for the types both formats
//! share: GIFT → model → XML → model, quiz.yaml → XML → model, and
//! XML → model → XML (the same text written twice). Exports are
//! well-formed XML for xmllint.

use std::path::Path;

use brandcamp::diagnostics::Diagnostics;
use brandcamp::quiz::gift::read_gift;
use brandcamp::quiz::moodle_xml::write_quiz;
use brandcamp::quiz::schema::QuestionKind;
use brandcamp::quiz::{EmbeddedFile, Question, Source, parse_quiz};

use super::{FIXTURES, read_fixture, read_text};

/// Questions as Moodle XML, read back; the export must leave nothing out.
fn through_xml(questions: &[Question], files: &[EmbeddedFile]) -> (String, Vec<Question>) {
    let (xml, notes) = write_quiz(questions, "$course$/top/Tests", files);
    let lost: Vec<_> = notes.iter().filter(|n| n.skipped).collect();
    assert!(lost.is_empty(), "{lost:#?}");
    let (read, found) = read_text(&xml);
    assert!(found.is_empty(), "{xml}\n{found:#?}");
    assert_eq!(read.files, files, "{xml}");
    (xml, read.questions)
}

fn gift_questions(path: &Path) -> Vec<Question> {
    let text = std::fs::read_to_string(path).unwrap();
    let diagnostics = Diagnostics::new();
    let read = read_gift(
        Source {
            text: &text,
            file: path,
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    assert!(!diagnostics.has_errors(), "{}", path.display());
    read.questions
}

#[test]
fn every_gift_fixture_goes_through_moodle_xml_unchanged() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/gift")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gift"))
        .collect();
    files.push(Path::new(FIXTURES).join("bank.gift"));
    let mut count = 0;
    for path in files {
        let questions = gift_questions(&path);
        let (xml, back) = through_xml(&questions, &[]);
        assert_eq!(questions.len(), back.len(), "{}", path.display());
        for (before, after) in questions.iter().zip(&back) {
            assert_eq!(before, after, "{}:\n{xml}", path.display());
        }
        count += questions.len();
    }
    assert!(count > 50, "{count} questions");
}

#[test]
fn every_xml_fixture_reads_writes_and_reads_back_the_same() {
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let (first, _) = read_fixture(&name);
        let (xml, second) = through_xml(&first.questions, &first.files);
        assert_eq!(first.questions, second, "{name}:\n{xml}");
        let (again, _) = write_quiz(&second, "$course$/top/Tests", &first.files);
        assert_eq!(xml, again, "{name}");
    }
}

#[test]
fn a_yaml_quiz_goes_through_moodle_xml_unchanged_but_for_all_or_nothing_grading() {
    let text = std::fs::read_to_string("tests/fixtures/gift/round-trip.yaml").unwrap();
    let diagnostics = Diagnostics::new();
    let quiz = parse_quiz(
        Source {
            text: &text,
            file: Path::new("quiz.yaml"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    )
    .unwrap();
    assert!(!diagnostics.has_errors());
    let (xml, notes) = write_quiz(&quiz.questions, "$course$/top/Tests", &[]);
    let (read, found) = read_text(&xml);
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(read.questions.len(), quiz.questions.len());
    for (before, after) in quiz.questions.iter().zip(&read.questions) {
        let all_or_nothing = matches!(&before.kind, QuestionKind::Multiple(c)
            if c.choices.iter().all(|c| c.weight.is_none()));
        if all_or_nothing {
            // Moodle has no all-or-nothing grading: said in a note.
            assert!(notes.iter().any(|n| n.question == before.id));
            assert_eq!(after.kind.name(), "multiple");
        } else {
            assert_eq!(&right_by_weight(before.clone()), after, "{xml}");
        }
    }
}

/// A weighted choice is right by its weight, whatever `correct` says; and
/// texts are trimmed, as Moodle trims them.
fn right_by_weight(mut question: Question) -> Question {
    question.prompt = question.prompt.trim().to_string();
    if let QuestionKind::Multiple(c) = &mut question.kind {
        for choice in &mut c.choices {
            if choice.weight.is_some() {
                choice.correct = false;
            }
        }
    }
    question
}

#[test]
fn posts_are_left_out_with_a_note_and_orders_kept_with_one() {
    let diagnostics = Diagnostics::new();
    let quiz = parse_quiz(
        Source {
            text: "questions:\n  - {id: steps, type: order, prompt: Order, items: [a, b, c]}\n  - {id: write, type: post, prompt: Write, platform: x}\n",
            file: Path::new("quiz.yaml"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    )
    .unwrap();
    let (xml, notes) = write_quiz(&quiz.questions, "$course$/top/Tests", &[]);
    let (read, _) = read_text(&xml);
    assert_eq!(read.questions, quiz.questions[..1]);
    let noted: Vec<(&str, bool)> = notes
        .iter()
        .map(|n| (n.question.as_str(), n.skipped))
        .collect();
    assert_eq!(noted, [("steps", false), ("write", true)]);
}

#[test]
fn exports_are_well_formed_for_xmllint() {
    let Ok(status) = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
    else {
        eprintln!("xmllint is not installed: skipped (scripts/test.sh installs it)");
        return;
    };
    assert!(status.status.success());
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let (read, _) = read_fixture(&name);
        let (xml, _) = write_quiz(&read.questions, "$course$/top/Tests & <more>", &read.files);
        let out = dir.path().join(&name);
        std::fs::write(&out, xml).unwrap();
        let lint = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            lint.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&lint.stderr)
        );
    }
}
