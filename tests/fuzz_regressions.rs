//! Every input that once made a fuzz target fail, run again through the same
//! check (`fuzz/checks.rs`). A crash found by `cargo fuzz` is added here as
//! a file in `tests/fuzz-regressions/<target>/`.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn run_all(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        let data = std::fs::read(&path).expect("read");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
}

#[test]
fn yaml_configs() {
    run_all("yaml_configs", checks::yaml_configs);
}

#[test]
fn yaml_locate() {
    run_all("yaml_locate", checks::yaml_locate);
}

#[test]
fn front_matter() {
    run_all("front_matter", checks::front_matter);
}

#[test]
fn lesson_markdown() {
    run_all("lesson_markdown", checks::lesson_markdown);
}

#[test]
fn quiz_yaml() {
    run_all("quiz_yaml", checks::quiz_yaml);
}

#[test]
fn gift() {
    run_all("gift", checks::gift);
}

#[test]
fn moodle_xml() {
    run_all("moodle_xml", checks::moodle_xml);
}

#[test]
fn brand_rules() {
    run_all("brand_rules", checks::brand_rules);
}
