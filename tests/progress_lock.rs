//! progress.lock: the build keeps it, `check` and `serve` never write it,
//! `--locked` refuses to change it, and every bad id or damaged lock is an
//! error at its line, with nothing written.

mod common;

use brandcamp::progress_lock::{self, LockPolicy};
use brandcamp::site::{self, BuildCache, BuildOptions};
use common::{TestCourse, describe, error_containing, place};

const COURSE: &[(&str, &str)] = &[
    ("course.yaml", "title: Lock course\n"),
    ("01-why/module.yaml", "title: Why\n"),
    ("01-why/01-intro.md", "# Intro\n"),
    ("01-why/02-voice.md", "# Voice\n"),
    ("01-why/quiz.yaml", QUIZ),
    ("02-how/module.yaml", "title: How\n"),
    ("02-how/01-reply.md", "# Reply\n"),
];

const QUIZ: &str = "questions:\n  - type: true_false\n    prompt: Yes?\n    answer: true\n";

fn lock_text(course: &TestCourse) -> Option<String> {
    std::fs::read_to_string(course.course_dir().join("progress.lock")).ok()
}

fn built_lock(course: &TestCourse) -> String {
    let outcome = course.build_ok();
    assert!(outcome.summary.is_some());
    lock_text(course).expect("the build writes progress.lock")
}

/// The lesson and quiz lines of a lock, without its header.
fn slots(lock: &str) -> Vec<&str> {
    lock.lines()
        .filter(|l| l.starts_with("lesson ") || l.starts_with("quiz "))
        .collect()
}

fn build_as(course: &TestCourse, policy: LockPolicy) -> site::Outcome {
    site::build_as(
        &BuildOptions {
            course_dir: course.course_dir(),
            output: Some(course.out_dir()),
            drafts: false,
        },
        None,
        policy,
    )
}

#[test]
fn the_first_build_creates_the_lock_and_says_so() {
    let course = TestCourse::new(COURSE);
    let outcome = course.build_ok();
    let changes = outcome
        .summary
        .and_then(|s| s.lock_changes)
        .expect("lock changes");
    assert_eq!(
        changes.to_string(),
        "progress.lock created (3 lessons, 1 quiz): commit it with the course"
    );
    let lock = lock_text(&course).expect("lock");
    assert!(
        lock.contains("\ncourse brandcamp:lock-course\ntag "),
        "{lock}"
    );
    assert_eq!(
        slots(&lock),
        [
            "lesson 0 why/intro",
            "lesson 1 why/voice",
            "lesson 2 how/reply",
            "quiz 0 why version 1"
        ]
    );
    // Built again, nothing changes and nothing is said.
    let again = course.build_ok();
    assert!(again.summary.and_then(|s| s.lock_changes).is_none());
    assert_eq!(lock_text(&course).as_deref(), Some(lock.as_str()));
}

#[test]
fn the_command_line_prints_one_line_of_what_learners_keep_and_lose() {
    let course = TestCourse::new(COURSE);
    course.build_ok();
    std::fs::remove_file(course.course_dir().join("02-how/01-reply.md")).expect("rm");
    course.write("02-how/01-answer.md", "# Answer\n");
    course.write("01-why/quiz.yaml", &format!("version: 2\n{QUIZ}"));
    let run = course.run(&["build", "course", "--out", "public"]);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let line = stderr.lines().last().expect("a line");
    assert_eq!(
        line,
        "progress.lock updated: learners keep their progress in 2 lessons and 0 quizzes; new: 1 lesson; they lose: 1 lesson removed (how/reply), quiz why reset (version 2)"
    );
}

#[test]
fn reordering_renaming_with_was_and_removing_keep_every_slot() {
    let course = TestCourse::new(COURSE);
    let first = built_lock(&course);
    // Reordered (explicit order), one renamed with `was:`, one removed, one added.
    course.write(
        "01-why/module.yaml",
        "title: Why\nlessons: [voice, welcome]\n",
    );
    std::fs::remove_file(course.course_dir().join("01-why/01-intro.md")).expect("rm");
    course.write(
        "01-why/01-welcome.md",
        "---\nwas: [why/intro]\n---\n# Welcome\n",
    );
    std::fs::remove_file(course.course_dir().join("02-how/01-reply.md")).expect("rm");
    course.write("02-how/02-new.md", "# New\n");
    let second = built_lock(&course);
    assert_eq!(
        slots(&second),
        [
            "lesson 0 why/welcome was why/intro",
            "lesson 1 why/voice",
            "lesson 2 how/reply retired",
            "lesson 3 how/new",
            "quiz 0 why version 1"
        ]
    );
    assert_eq!(first.lines().nth(5), second.lines().nth(5), "the tag stays");
    // A removed lesson that comes back takes its old slot again.
    course.write("02-how/01-reply.md", "# Reply\n");
    let third = built_lock(&course);
    assert!(slots(&third).contains(&"lesson 2 how/reply"), "{third}");
}

#[test]
fn a_renamed_module_takes_its_lessons_and_quiz_with_it() {
    let course = TestCourse::new(COURSE);
    built_lock(&course);
    let dir = course.course_dir();
    std::fs::rename(dir.join("01-why"), dir.join("01-reasons")).expect("mv");
    course.write("01-reasons/module.yaml", "title: Reasons\nwas: [why]\n");
    let lock = built_lock(&course);
    assert_eq!(
        slots(&lock),
        [
            "lesson 0 reasons/intro was why/intro",
            "lesson 1 reasons/voice was why/voice",
            "lesson 2 how/reply",
            "quiz 0 reasons version 1 was why"
        ]
    );
}

#[test]
fn a_pinned_id_survives_any_move() {
    let course = TestCourse::new(COURSE);
    course.write("01-why/01-intro.md", "---\nid: the-intro\n---\n# Intro\n");
    built_lock(&course);
    let dir = course.course_dir();
    std::fs::rename(
        dir.join("01-why/01-intro.md"),
        dir.join("02-how/00-start.md"),
    )
    .expect("mv");
    let lock = built_lock(&course);
    assert!(slots(&lock).contains(&"lesson 0 the-intro"), "{lock}");
}

#[test]
fn check_never_writes_the_lock_and_says_when_it_is_out_of_date() {
    let course = TestCourse::new(COURSE);
    let outcome = course.check();
    assert!(outcome.succeeded());
    assert!(
        outcome.diagnostics.is_empty(),
        "no lock yet is not a problem"
    );
    assert_eq!(lock_text(&course), None, "check writes nothing");

    let lock = built_lock(&course);
    course.write("02-how/02-more.md", "# More\n");
    let outcome = course.check();
    assert!(outcome.succeeded());
    let warning = &outcome.diagnostics[0];
    assert!(!warning.is_error());
    assert_eq!(
        warning.message,
        "progress.lock is out of date: new lessons how/more"
    );
    assert_eq!(place(&course, warning).0, "progress.lock");
    assert_eq!(lock_text(&course).as_deref(), Some(lock.as_str()));
}

#[test]
fn serve_builds_never_write_the_lock() {
    let course = TestCourse::new(COURSE);
    let mut cache = BuildCache::default();
    let options = BuildOptions {
        course_dir: course.course_dir(),
        output: Some(course.dir.path().join("preview")),
        drafts: false,
    };
    let outcome = site::build_reusing(&options, Some(&mut cache));
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    assert_eq!(lock_text(&course), None);
    // The preview still has slots for every lesson.
    let toc =
        std::fs::read_to_string(course.dir.path().join("preview/assets/toc/0.js")).expect("toc");
    assert!(toc.contains(r#"["reply",2]"#), "{toc}");
}

#[test]
fn a_failed_build_never_writes_the_lock() {
    let course = TestCourse::new(COURSE);
    let lock = built_lock(&course);
    course.write("02-how/02-more.md", "# More\n\n[broken](nowhere.md)\n");
    let outcome = course.build();
    assert!(!outcome.succeeded());
    assert_eq!(lock_text(&course).as_deref(), Some(lock.as_str()));
    // Nor does a first build that fails create one.
    let fresh = TestCourse::new(&[
        ("01-a/module.yaml", "title: A\n"),
        ("01-a/01-x.md", "[x](y.md)\n"),
    ]);
    assert!(!fresh.build().succeeded());
    assert_eq!(lock_text(&fresh), None);
}

#[test]
fn locked_builds_refuse_to_change_the_lock() {
    let course = TestCourse::new(COURSE);
    let outcome = build_as(&course, LockPolicy::Locked);
    let error = error_containing(&outcome, "there is no progress.lock");
    assert_eq!(place(&course, error).0, "progress.lock");
    assert!(!course.out_dir().exists(), "nothing written");

    let lock = built_lock(&course);
    assert!(
        build_as(&course, LockPolicy::Locked).succeeded(),
        "an up-to-date lock builds"
    );
    course.write("01-why/quiz.yaml", &format!("version: 2\n{QUIZ}"));
    let outcome = build_as(&course, LockPolicy::Locked);
    let error = error_containing(&outcome, "--locked forbids changing it");
    assert!(
        error.message.ends_with("quizzes to retake why (version 2)"),
        "{}",
        error.message
    );
    assert_eq!(lock_text(&course).as_deref(), Some(lock.as_str()));

    let run = course.run(&["build", "course", "--out", "public", "--locked"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--locked forbids changing it"));
}

/// Each bad id: the message, and where it is reported.
#[test]
fn bad_ids_are_errors_at_their_line_all_in_one_run_and_nothing_is_written() {
    let course = TestCourse::new(&[
        ("course.yaml", "title: Lock course\n"),
        ("01-a/module.yaml", "title: A\nid: shared\n"),
        ("01-a/01-one.md", "---\ntitle: One\nid: same\n---\n"),
        ("01-a/02-two.md", "---\nid: same\n---\n"),
        ("01-a/03-three.md", "---\nwas:\n  - gone/old\n---\n"),
        ("01-a/04-four.md", "---\nwas: [gone/old]\n---\n"),
        ("01-a/05-five.md", "---\nwas: [same]\n---\n"),
        ("01-a/06-six.md", "---\nid: has space\n---\n"),
        ("02-b/module.yaml", "title: B\nid: shared\n"),
        ("02-b/01-x.md", "# X\n"),
        ("02-b/quiz.yaml", &format!("version: 0\n{QUIZ}")),
    ]);
    let outcome = course.build();
    assert!(!outcome.succeeded());
    let found: Vec<(String, Option<usize>, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let (file, line) = place(&course, d);
            (file, line, d.message.as_str())
        })
        .collect();
    let expected = [
        (
            "01-a/02-two.md",
            Some(2),
            "two lessons have the id `same`: this one and",
        ),
        (
            "01-a/04-four.md",
            Some(2),
            "two lessons say they were `gone/old`: this one and",
        ),
        (
            "01-a/05-five.md",
            Some(2),
            "`was: same` names an id that is still in use, by",
        ),
        (
            "01-a/06-six.md",
            Some(2),
            "`has space` cannot be an id: it holds a character",
        ),
        (
            "02-b/module.yaml",
            Some(2),
            "two modules have the id `shared`: this one and",
        ),
        (
            "02-b/quiz.yaml",
            Some(1),
            "`version: 0`: versions start at 1",
        ),
    ];
    for (file, line, message) in expected {
        assert!(
            found
                .iter()
                .any(|(f, l, m)| f == file && *l == line && m.starts_with(message)),
            "no {file}:{line:?} {message:?} in:\n{}",
            describe(&outcome.diagnostics)
        );
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "{}",
        describe(&outcome.diagnostics)
    );
    assert!(outcome.diagnostics.iter().all(|d| d.hint.is_some()));
    assert_eq!(lock_text(&course), None);
    assert!(!course.out_dir().exists());
}

/// A lock edited into something else: each case, the error and its line.
#[test]
fn a_damaged_lock_is_an_error_at_its_line_and_is_never_rewritten() {
    let cases: &[(&str, &str, usize, &str)] = &[
        (
            "nonsense",
            "hello world\n",
            7,
            "`hello` does not start a line of progress.lock",
        ),
        (
            "a slot twice",
            "lesson 1 why/voice\n",
            10,
            "lesson slot 1 is given twice",
        ),
        (
            "a missing slot",
            "lesson 5 why/more\n",
            7,
            "lesson slot 3 is missing before slot 5",
        ),
        (
            "a bad slot",
            "lesson three why/more\n",
            7,
            "`three` is not a slot number",
        ),
        (
            "an id twice",
            "lesson 3 why/intro retired\n",
            7,
            "the lesson `why/intro` has two slots",
        ),
        (
            "a quiz without version",
            "quiz 1 other\n",
            7,
            "this quiz has no `version`",
        ),
        ("a second tag", "tag !!\n", 7, "a second `tag` line"),
    ];
    for (what, extra, line, message) in cases {
        let course = TestCourse::new(COURSE);
        let lock = built_lock(&course);
        let damaged = lock.replacen("\n\n", &format!("\n{extra}\n"), 1);
        course.write("progress.lock", &damaged);
        course.write("02-how/02-more.md", "# More\n");
        let before = common::snapshot_tree(&course.out_dir());
        let outcome = course.build();
        let error = error_containing(&outcome, message);
        assert_eq!(
            place(&course, error),
            ("progress.lock".to_string(), Some(*line)),
            "{what}"
        );
        assert!(
            error
                .hint
                .as_deref()
                .unwrap_or_default()
                .contains("git checkout progress.lock")
        );
        assert_eq!(
            lock_text(&course).as_deref(),
            Some(damaged.as_str()),
            "{what}: never rewritten"
        );
        assert_eq!(
            common::snapshot_tree(&course.out_dir()),
            before,
            "{what}: the site is untouched"
        );
    }
}

#[test]
fn a_lock_of_another_course_is_refused_with_both_names() {
    let other = TestCourse::new(&[
        ("course.yaml", "title: Another course\n"),
        ("01-x/module.yaml", "title: X\n"),
        ("01-x/01-y.md", "# Y\n"),
    ]);
    let lock = built_lock(&other);
    let course = TestCourse::new(COURSE);
    course.write("progress.lock", &lock);
    let outcome = course.build();
    let error = error_containing(
        &outcome,
        "this lock belongs to the course `brandcamp:another-course`",
    );
    assert!(
        error
            .message
            .ends_with("not to this one (`brandcamp:lock-course`)")
    );
    assert_eq!(
        place(&course, error),
        ("progress.lock".to_string(), Some(5))
    );
    assert!(
        error
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("course brandcamp:lock-course")
    );
    assert_eq!(lock_text(&course).as_deref(), Some(lock.as_str()));
}

#[test]
fn a_new_course_title_keeps_the_lock_and_says_so() {
    let course = TestCourse::new(COURSE);
    built_lock(&course);
    course.write("course.yaml", "title: Renamed course\n");
    let outcome = course.build_ok();
    let changes = outcome
        .summary
        .and_then(|s| s.lock_changes)
        .expect("changes");
    assert_eq!(
        changes.to_string(),
        "progress.lock updated for the course's new title (it was brandcamp:lock-course): learners keep their progress in 3 lessons and 1 quiz; nothing is lost"
    );
    let lock = lock_text(&course).expect("lock");
    assert!(lock.contains("\ncourse brandcamp:renamed-course\n"));
    assert!(slots(&lock).contains(&"lesson 0 why/intro"));
}

#[test]
fn errors_in_the_lock_and_in_the_course_come_together() {
    let course = TestCourse::new(COURSE);
    built_lock(&course);
    course.write(
        "progress.lock",
        "course brandcamp:lock-course\ntag ABCDEF\nlesson 0 a\nlesson 0 b\n",
    );
    course.write("02-how/02-more.md", "---\nid: why/intro\n---\n");
    let outcome = course.build();
    error_containing(&outcome, "lesson slot 0 is given twice");
    error_containing(&outcome, "two lessons have the id `why/intro`");
}

#[test]
fn an_unreadable_lock_is_an_error_not_a_new_lock() {
    let course = TestCourse::new(COURSE);
    course.write_bytes("progress.lock", b"course \xff\n");
    let outcome = course.build();
    error_containing(&outcome, "not valid UTF-8");
    assert_eq!(
        std::fs::read(course.course_dir().join("progress.lock")).expect("lock"),
        b"course \xff\n"
    );
}

#[test]
fn the_lock_parses_back_to_what_was_rendered() {
    let course = TestCourse::new(COURSE);
    let text = built_lock(&course);
    let lock = progress_lock::parse(
        &text,
        std::path::Path::new("progress.lock"),
        "brandcamp:lock-course",
    )
    .expect("parses");
    assert_eq!(progress_lock::render(&lock), text);
}
