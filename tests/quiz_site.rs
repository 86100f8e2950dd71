//! Quizzes in built sites: the fixture course in tests/fixtures/quiz-course
//! and small courses written on the fly.

use std::fs;
use std::path::{Path, PathBuf};

use brandcamp::site::{self, BuildOptions, Outcome};

const FIXTURE: &str = "tests/fixtures/quiz-course";

fn build(course: &Path, out: &Path) -> Outcome {
    site::build(&BuildOptions {
        course_dir: course.to_path_buf(),
        output: Some(out.to_path_buf()),
        drafts: false,
    })
}

fn build_fixture() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("site");
    let outcome = build(Path::new(FIXTURE), &out);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    (temp, out)
}

/// Copies the fixture course so that a test can break it.
fn fixture_copy(temp: &Path) -> PathBuf {
    let target = temp.join("course");
    for entry in walkdir::WalkDir::new(FIXTURE) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(FIXTURE).unwrap();
        let to = target.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    target
}

#[test]
fn every_module_with_a_quiz_gets_a_quiz_page_and_the_course_a_certificate() {
    let (_temp, out) = build_fixture();
    assert!(out.join("basics/quiz.html").is_file());
    assert!(out.join("practice/quiz.html").is_file());
    assert!(!out.join("final/quiz.html").exists());
    let certificate = fs::read_to_string(out.join("certificate.html")).unwrap();
    assert!(certificate.contains("Certificate of completion"));
    assert!(certificate.contains("Jane Doe, Head of Training"));
    assert!(certificate.contains("certificate-print.css"));
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"certificate.html\""));
    assert!(home.contains("data-reset-progress"));
}

#[test]
fn answers_are_kept_out_of_plain_sight() {
    let (_temp, out) = build_fixture();
    let page = fs::read_to_string(out.join("basics/quiz.html")).unwrap();
    for secret in [
        "SECRET-FEEDBACK-BLUE",
        "SECRET-EXPLANATION-COLOUR",
        "since 1990",
        "\"correct\"",
        "data-correct",
        "\"weights\"",
    ] {
        assert!(!page.contains(secret), "`{secret}` is readable in the page");
    }
    // What the learner must see before answering is there.
    assert!(page.contains("What colour is the Acme logo?"));
    assert!(page.contains("Think of the sky."));
    let practice = fs::read_to_string(out.join("practice/quiz.html")).unwrap();
    assert!(!practice.contains("Stratégie") && !practice.contains("Strat\\u00e9gie"));
}

#[test]
fn script_in_a_title_cannot_end_the_payload() {
    let (_temp, out) = build_fixture();
    let page = fs::read_to_string(out.join("basics/quiz.html")).unwrap();
    assert!(
        page.contains("Basics quiz &lt;&#x2F;script&gt;")
            || page.contains("Basics quiz &lt;/script&gt;"),
        "{page}"
    );
    assert_eq!(
        page.matches("<script").count(),
        page.matches("</script>").count()
    );
    let payload = page
        .split("class=\"quiz-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    assert!(!payload.contains('<'));
    let json: serde_json::Value = serde_json::from_str(payload).unwrap();
    assert_eq!(json["id"], "basics");
    assert_eq!(json["draw"], 3);
    assert_eq!(json["maxAttempts"], 3);
    assert_eq!(json["passMark"], 100);
    assert_eq!(json["questions"].as_array().unwrap().len(), 4);
}

/// The `review` a quiz page's payload carries.
fn review_of(out: &Path, quiz_page: &str) -> String {
    let page = fs::read_to_string(out.join(quiz_page)).unwrap();
    let payload = page
        .split("class=\"quiz-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(payload).unwrap();
    json["review"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_quiz_reviews_after_a_pass_unless_it_or_the_course_says_otherwise() {
    let (_temp, out) = build_fixture();
    assert_eq!(review_of(&out, "basics/quiz.html"), "after_pass");
    assert_eq!(review_of(&out, "practice/quiz.html"), "always");

    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    let yaml = fs::read_to_string(course.join("course.yaml")).unwrap();
    fs::write(course.join("course.yaml"), format!("{yaml}review: never\n")).unwrap();
    let out = temp.path().join("site");
    assert!(build(&course, &out).succeeded());
    assert_eq!(
        review_of(&out, "basics/quiz.html"),
        "never",
        "the course's default"
    );
    assert_eq!(
        review_of(&out, "practice/quiz.html"),
        "always",
        "the quiz's own"
    );
}

#[test]
fn the_certificate_names_the_signatory_role_and_the_course_version() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    let yaml = fs::read_to_string(course.join("course.yaml"))
        .unwrap()
        .replace(
            "signatory: \"Jane Doe, Head of Training\"",
            "signatory: \"Jane Doe\"\n  signatory_role: \"Head of Training\"",
        );
    fs::write(course.join("course.yaml"), &yaml).unwrap();
    let out = temp.path().join("site");
    assert!(build(&course, &out).succeeded());
    let certificate = fs::read_to_string(out.join("certificate.html")).unwrap();
    assert!(certificate.contains(">Jane Doe</p>"), "{certificate}");
    assert!(certificate.contains("<p class=\"certificate-role\">Head of Training</p>"));
    let id = |page: &str| {
        page.split("data-build-id=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_string()
    };
    let first = id(&certificate);
    assert_eq!(first.len(), 14, "{first}");

    // The same content, the same identifier; a changed lesson, a new one.
    let again = temp.path().join("again");
    assert!(build(&course, &again).succeeded());
    assert_eq!(
        id(&fs::read_to_string(again.join("certificate.html")).unwrap()),
        first
    );
    let lesson = course.join("01-basics/02-more.md");
    let text = fs::read_to_string(&lesson).unwrap();
    fs::write(&lesson, format!("{text}\nOne more sentence.\n")).unwrap();
    let changed = temp.path().join("changed");
    assert!(build(&course, &changed).succeeded());
    assert_ne!(
        id(&fs::read_to_string(changed.join("certificate.html")).unwrap()),
        first
    );
}

#[test]
fn a_knowledge_check_is_rendered_in_place() {
    let (_temp, out) = build_fixture();
    let lesson = fs::read_to_string(out.join("basics/intro.html")).unwrap();
    assert!(lesson.contains("data-knowledge-check"));
    assert!(lesson.contains("How is the brand written?"));
    assert!(!lesson.contains("Yes: one capital letter."));
    assert!(!lesson.contains("<code class=\"language-quiz\">"));
    let before = lesson.find("Acme writes its name").unwrap();
    let check = lesson.find("data-knowledge-check").unwrap();
    let after = lesson.find("More text after the check.").unwrap();
    assert!(before < check && check < after);
}

#[test]
fn the_module_list_script_carries_lessons_quizzes_and_requirements() {
    let (_temp, out) = build_fixture();
    let toc = fs::read_to_string(out.join("assets/toc/0.js")).unwrap();
    // Each lesson's slug and progress slot; the quiz's slot, id and version.
    assert!(
        toc.contains(r#""lessons":[["intro",0],["more",1]],"quiz":[0,"basics",1]"#),
        "{toc}"
    );
    assert!(toc.contains(r#""requires":["basics"]"#), "{toc}");
    let strings = fs::read_to_string(out.join("assets/strings.js")).unwrap();
    assert!(strings.contains("\"check_answers\":\"Check my answers\""));
}

#[test]
fn the_same_course_gives_the_same_quiz_bytes() {
    let (_a, first) = build_fixture();
    let (_b, second) = build_fixture();
    for page in [
        "basics/quiz.html",
        "practice/quiz.html",
        "basics/intro.html",
    ] {
        assert_eq!(
            fs::read(first.join(page)).unwrap(),
            fs::read(second.join(page)).unwrap(),
            "{page}"
        );
    }
}

#[test]
fn a_broken_knowledge_check_is_reported_at_its_line_in_the_lesson() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    let lesson = course.join("01-basics/01-intro.md");
    let text = fs::read_to_string(&lesson)
        .unwrap()
        .replace("feedback: \"No", "feedbak: \"No");
    fs::write(&lesson, text).unwrap();
    let outcome = build(&course, &temp.path().join("site"));
    assert!(!outcome.succeeded());
    let errors: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("error: {}:13:", lesson.display())),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("unknown key `feedbak`"));
    assert!(errors[0].contains("did you mean `feedback`?"));
}

#[test]
fn a_broken_quiz_fails_the_build_with_each_problem_at_its_line() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    let quiz = course.join("02-practice/quiz.yaml");
    let text = fs::read_to_string(&quiz)
        .unwrap()
        .replace("type: order", "type: ordre")
        .replace("answer: 38", "tolerance_: 38");
    fs::write(&quiz, text).unwrap();
    let outcome = build(&course, &temp.path().join("site"));
    assert!(!outcome.succeeded());
    let errors: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    let at = |line: usize| format!("error: {}:{line}:", quiz.display());
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&at(12)) && e.contains("unknown key `tolerance_`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&at(9)) && e.contains("needs `answer`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&at(15)) && e.contains("did you mean `order`?")),
        "{errors:#?}"
    );
}

#[test]
fn a_quiz_may_be_written_in_gift_instead() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    fs::remove_file(course.join("02-practice/quiz.yaml")).unwrap();
    fs::write(course.join("02-practice/quiz.gift"), "::Q:: Sky? {T}\n").unwrap();
    let out = temp.path().join("site");
    let outcome = build(&course, &out);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    let page = fs::read_to_string(out.join("practice/quiz.html")).unwrap();
    assert!(page.contains("Sky?"));
}

#[test]
fn the_new_course_has_a_quiz_and_a_knowledge_check_and_builds() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("my-course");
    brandcamp::scaffold::create(&course).unwrap();
    let out = temp.path().join("site");
    let outcome = build(&course, &out);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    assert_eq!(outcome.summary.unwrap().quizzes, 1);
    let module = fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().join("quiz.html").is_file());
    assert!(module.is_some(), "no quiz page");
    let lessons = fs::read_dir(module.unwrap().path()).unwrap();
    let with_check = lessons
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "quiz.html")
        .any(|e| {
            fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains("data-knowledge-check")
        });
    assert!(with_check, "no knowledge check in the new course");
    let checked = site::build(&BuildOptions {
        course_dir: course,
        output: None,
        drafts: false,
    });
    assert!(checked.succeeded(), "{:#?}", checked.diagnostics);
}
