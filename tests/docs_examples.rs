//! The YAML and Markdown examples of README.md and docs/*.md build, so that
//! the docs cannot drift from what brandcamp accepts.
//!
//! Every ```` ```yaml ```` and ```` ```markdown ```` block of those files is
//! marked by an HTML comment on the line before it (invisible once the
//! Markdown is rendered) that says what the block is:
//!
//! - `<!-- example: PATH -->`: the whole file PATH of a course (`course.yaml`,
//!   `01-basics/quiz.yaml`, `01-basics/02-example.md`…). It replaces or adds
//!   that file in the course of `tests/fixtures/docs-examples/`, which must
//!   then build without errors.
//! - `<!-- example: questions -->`: a fragment, a list of quiz questions; it
//!   becomes the `questions:` of a quiz.yaml in that course.
//! - `<!-- example: same as PATH -->`: the text of a file of this repository
//!   (the CI workflows of docs/examples/), which the block must equal.
//! - `<!-- example: skip: WHY -->`: not built, for the reason given.
//!
//! A block without a mark fails the test, so a new example is never left
//! out silently.

mod common;

use std::path::{Path, PathBuf};

use common::{TestCourse, describe};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// One fenced block of a doc, with the mark before it.
struct Example {
    /// `README.md:55`: where the block starts.
    place: String,
    language: String,
    mark: Option<String>,
    text: String,
}

/// The languages whose blocks must be marked.
const CHECKED_LANGUAGES: &[&str] = &["yaml", "markdown"];

fn examples(doc_name: &str, doc: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut mark: Option<String> = None;
    let mut open: Option<Example> = None;
    for (event, range) in Parser::new(doc).into_offset_iter() {
        match event {
            Event::Html(html) if open.is_none() => {
                mark = html
                    .trim()
                    .strip_prefix("<!-- example:")
                    .and_then(|rest| rest.strip_suffix("-->"))
                    .map(|m| m.trim().to_string());
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = doc[..range.start].matches('\n').count() + 1;
                open = Some(Example {
                    place: format!("{doc_name}:{line}"),
                    language: info.split_whitespace().next().unwrap_or("").to_string(),
                    mark: mark.take(),
                    text: String::new(),
                });
            }
            Event::Text(text) if open.is_some() => {
                if let Some(example) = open.as_mut() {
                    example.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(open.take()),
            Event::Start(_) => mark = None,
            _ => {}
        }
    }
    found
}

/// Builds (or compares) one example; the problem found, if any.
fn check_example(example: &Example, repository: &Path) -> Option<String> {
    let Some(mark) = &example.mark else {
        return CHECKED_LANGUAGES.contains(&example.language.as_str()).then(|| {
            format!(
                "{}: a ```{} example without a mark: put `<!-- example: PATH -->` (or `questions`, \
                 `same as PATH`, `skip: WHY`) on the line before it (see tests/docs_examples.rs)",
                example.place, example.language
            )
        });
    };
    if mark.starts_with("skip:") {
        return None;
    }
    if let Some(path) = mark.strip_prefix("same as ") {
        let file = std::fs::read_to_string(repository.join(path.trim()))
            .unwrap_or_else(|e| format!("cannot read {path}: {e}"));
        return (file != example.text).then(|| {
            format!(
                "{}: the block is not the text of {path}; copy the file into the doc",
                example.place
            )
        });
    }
    let course = TestCourse::fixture("docs-examples");
    if mark == "questions" {
        let indented: String = example.text.lines().map(|l| format!("  {l}\n")).collect();
        course.write(
            "01-basics/quiz.yaml",
            &format!("title: Example\nquestions:\n{indented}"),
        );
    } else {
        course.write(mark, &example.text);
    }
    let outcome = course.build();
    let errors: Vec<_> = outcome
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    (!errors.is_empty() || outcome.summary.is_none()).then(|| {
        format!(
            "{} (built as {mark}) does not build:\n{}",
            example.place,
            describe(&errors)
        )
    })
}

fn problems_in(doc_name: &str, doc: &str, repository: &Path) -> Vec<String> {
    examples(doc_name, doc)
        .iter()
        .filter_map(|example| check_example(example, repository))
        .collect()
}

fn documents(repository: &Path) -> Vec<PathBuf> {
    let mut docs = vec![repository.join("README.md")];
    let mut in_docs: Vec<PathBuf> = std::fs::read_dir(repository.join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("docs entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    in_docs.sort();
    docs.extend(in_docs);
    docs
}

#[test]
fn every_example_of_the_docs_builds() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut built = 0;
    for doc in documents(repository) {
        let name = doc
            .strip_prefix(repository)
            .unwrap_or(&doc)
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&doc).expect("readable doc");
        built += examples(&name, &text)
            .iter()
            .filter(|e| e.mark.as_deref().is_some_and(|m| !m.starts_with("skip:")))
            .count();
        problems.extend(problems_in(&name, &text, repository));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
    assert!(built >= 20, "only {built} examples were built or compared");
}

#[test]
fn a_broken_example_is_reported_at_its_line_in_the_doc() {
    let doc = "# Doc\n\n<!-- example: questions -->\n```yaml\n- type: single\n  prompt: \"Which?\"\n  choices:\n    - text: A\n```\n";
    let problems = problems_in("doc.md", doc, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("doc.md:4 "), "{}", problems[0]);
    assert!(
        problems[0].contains("no choice is marked correct"),
        "{}",
        problems[0]
    );
}

#[test]
fn an_example_without_a_mark_is_reported() {
    let doc = "Text.\n\n```yaml\ntitle: x\n```\n\n<!-- example: skip: a sketch -->\n```yaml\n- ...\n```\n\n```sh\nbrandcamp build\n```\n";
    let problems = problems_in("doc.md", doc, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("doc.md:3: a ```yaml example without a mark"));
}

#[test]
fn a_quoted_file_must_equal_the_file() {
    let doc = "<!-- example: same as docs/examples/gitlab-pages.yml -->\n```yaml\npages: {}\n```\n";
    let problems = problems_in("doc.md", doc, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("is not the text of docs/examples/gitlab-pages.yml"));
}
