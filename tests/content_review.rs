//! The bundled bootcamp stays reviewable and adoptable: every graded question
//! of `content/` has its row in docs/content-review.md pointing at a lesson
//! line that exists, and the organisation's name lives only in course.yaml's
//! variables and brand.yaml's list of misspellings.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The module folders of the bundled course, in order.
fn module_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = fs::read_dir(repository().join("content"))
        .expect("content/ is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.join("module.yaml").is_file())
        .collect();
    folders.sort();
    folders
}

/// The `id` of every question of every module quiz (`  - id: …` lines).
fn graded_question_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for folder in module_folders() {
        let quiz = fs::read_to_string(folder.join("quiz.yaml")).expect("every module has a quiz");
        for line in quiz.lines() {
            if let Some(id) = line.trim_start().strip_prefix("- id: ") {
                assert!(
                    ids.insert(id.trim().to_string()),
                    "{id} is used twice in the bundled course"
                );
            }
        }
    }
    ids
}

fn review() -> String {
    fs::read_to_string(repository().join("docs/content-review.md"))
        .expect("docs/content-review.md exists")
}

/// The rows of the review table: (question id, `content/…` path, line).
fn review_rows() -> Vec<(String, String, usize)> {
    review()
        .lines()
        .filter_map(|row| {
            let id = row.strip_prefix("| `")?.split('`').next()?.to_string();
            let link = row.rsplit("[content/").next()?.split(']').next()?;
            let (path, line) = link.rsplit_once(':')?;
            Some((id, format!("content/{path}"), line.parse().ok()?))
        })
        .collect()
}

#[test]
fn every_graded_question_of_the_bundled_course_has_a_review_row() {
    let reviewed: BTreeSet<String> = review_rows().into_iter().map(|(id, _, _)| id).collect();
    let questions = graded_question_ids();
    let missing: Vec<&String> = questions.difference(&reviewed).collect();
    let stale: Vec<&String> = reviewed.difference(&questions).collect();
    assert!(
        missing.is_empty(),
        "questions with no row in docs/content-review.md: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows of docs/content-review.md for questions that no longer exist: {stale:?}"
    );
}

#[test]
fn every_review_row_points_at_an_existing_lesson_line() {
    for (id, path, line) in review_rows() {
        let text = fs::read_to_string(repository().join(&path))
            .unwrap_or_else(|_| panic!("{id}: {path} does not exist"));
        let backing = text.lines().nth(line.saturating_sub(1));
        assert!(
            backing.is_some_and(|text| !text.trim().is_empty()),
            "{id}: {path}:{line} is not a line of text"
        );
    }
}

#[test]
fn the_organisation_is_named_only_in_the_course_variables_and_the_misspellings() {
    let mut traces = Vec::new();
    for folder in module_folders() {
        for entry in fs::read_dir(&folder).expect("a readable module") {
            let path = entry.expect("a readable entry").path();
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            for (number, line) in text.lines().enumerate() {
                if line.contains("Lorvan") {
                    traces.push(format!("{}:{}", path.display(), number + 1));
                }
            }
        }
    }
    assert!(
        traces.is_empty(),
        "write these as course variables ({{{{ organization }}}}, …): {traces:?}"
    );
    let brand = fs::read_to_string(repository().join("content/brand.yaml")).unwrap();
    for line in brand.lines().filter(|line| line.contains("Lorvan")) {
        assert!(
            line.trim_start().starts_with("avoid:"),
            "brand.yaml names the organisation outside a list of misspellings: {line}"
        );
    }
}
