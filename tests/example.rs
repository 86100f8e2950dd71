//! `brandcamp new DIR --example` writes the whole bundled bootcamp, which
//! builds as it is, and which another organisation adapts by editing
//! course.yaml's variables and brand.yaml: no trace of the old name is left
//! in the site.

mod common;

use std::path::Path;
use std::process::Command;

fn brandcamp(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brandcamp"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run brandcamp")
}

fn assert_ok(output: &std::process::Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// course.yaml with another organisation: its `organization:` and every
/// variable's value made the new organisation's (the old name replaced in
/// names, handles and hashtags alike).
fn adapt_course_yaml(text: &str) -> String {
    let mut in_variables = false;
    let mut out = String::new();
    for line in text.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_variables = line.starts_with("variables:");
        }
        let line = if line.starts_with("organization:") {
            "organization: \"Acme Transports\"".to_string()
        } else if in_variables && line.contains(':') && !line.trim_start().starts_with('#') {
            line.replace("Lorvan", "Acme").replace("lorvan", "acme")
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn new_example_writes_the_bundled_bootcamp_which_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = brandcamp(&["new", "bootcamp", "--example"], dir.path());
    assert_ok(&output, "new --example");
    let course = dir.path().join("bootcamp");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    assert_eq!(
        common::snapshot_tree(&course),
        common::snapshot_tree(&bundled),
        "the example is the bundled content/, file for file"
    );
    assert_ok(&brandcamp(&["check", "bootcamp"], dir.path()), "check");
    // Like `new`, it never writes into a folder that holds something.
    let again = brandcamp(&["new", "bootcamp", "--example"], dir.path());
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

/// Depends on content/ naming its organisation only through course
/// variables (and brand.yaml's own spellings): see docs/adapting.md.
#[test]
fn the_example_adapted_to_another_organisation_keeps_no_trace_of_the_old_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_ok(
        &brandcamp(&["new", "bootcamp", "--example"], dir.path()),
        "new --example",
    );
    let course = dir.path().join("bootcamp");
    let course_yaml = course.join("course.yaml");
    let text = std::fs::read_to_string(&course_yaml).expect("course.yaml");
    assert!(
        text.contains("variables:"),
        "the example defines its variables"
    );
    std::fs::write(&course_yaml, adapt_course_yaml(&text)).expect("write");
    // brand.yaml: the new organisation's own misspellings to avoid.
    let brand_yaml = course.join("brand.yaml");
    let brand = std::fs::read_to_string(&brand_yaml).expect("brand.yaml");
    std::fs::write(&brand_yaml, brand.replace("Lorvan", "Acme")).expect("write");
    // The look: Acme's own logo in place of Lorvan's files.
    let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\"><title>Acme Transports</title><rect width=\"64\" height=\"64\" fill=\"#0a6e66\"/></svg>\n";
    for file in ["look/lorvan.svg", "look/lorvan-dark.svg"] {
        std::fs::write(course.join(file), logo).expect("write the logo");
    }

    let output = brandcamp(&["build", "bootcamp", "--out", "site"], dir.path());
    assert_ok(&output, "build of the adapted example");
    let mut traces = Vec::new();
    for (path, bytes) in common::snapshot_tree(&dir.path().join("site")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for (at, _) in text.match_indices("lorvan") {
            let from = text.floor_char_boundary(at.saturating_sub(40));
            let to = text.ceil_char_boundary((at + 40).min(text.len()));
            traces.push(format!("{path}: …{}…", &text[from..to]));
        }
    }
    assert!(
        traces.is_empty(),
        "{} traces of the old name:\n{}",
        traces.len(),
        traces.join("\n")
    );
    let home = std::fs::read_to_string(dir.path().join("site/index.html")).expect("home");
    assert!(home.contains("Acme Transports"));
}
