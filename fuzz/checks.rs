//! What each fuzz target checks, shared with `tests/fuzz_regressions.rs`,
//! which runs every input that once failed (`tests/fuzz-regressions/`).
//! Each check takes the fuzzer's bytes and panics on a failure.

use std::path::Path;

use brandcamp::diagnostics::{Diagnostics, Position};
use brandcamp::frontmatter;
use brandcamp::i18n::Strings;
use brandcamp::load::lesson_from_text;
use brandcamp::markdown::{LessonRenderer, LinkTargets, PlainFences};
use brandcamp::model::{Course, Module};
use brandcamp::schema::{CourseFile, FrontMatter, ModuleFile};
use brandcamp::yaml::{self, Step};

/// Any text as course.yaml, module.yaml and front matter: parsing succeeds
/// or gives a diagnostic placed inside the text.
pub fn yaml_configs(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("fuzz.yaml");
    let results = [
        yaml::parse::<CourseFile>(text, file).err(),
        yaml::parse::<ModuleFile>(text, file).err(),
        yaml::parse_embedded::<FrontMatter>(text, file, 1).err(),
    ];
    for diagnostic in results.into_iter().flatten() {
        if let Some(p) = diagnostic.position {
            assert_inside(text, p, &diagnostic.to_string());
        }
    }
}

/// `yaml::locate` with any path in any text. The input's first line is the
/// path (`questions/2/type`: numbers are list indexes), the rest the text.
pub fn yaml_locate(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (path, text) = input.split_once('\n').unwrap_or((input, ""));
    let steps: Vec<Step<'_>> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.parse() {
            Ok(index) => Step::Index(index),
            Err(_) => Step::Key(s),
        })
        .collect();
    if let Some(p) = yaml::locate(text, &steps) {
        assert_inside(text, p, &format!("{steps:?}"));
    }
}

/// Front matter splitting: the body starts on a character boundary, after
/// the YAML.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(split) = frontmatter::split(text) {
        assert!(text.is_char_boundary(split.body_start));
        assert!(split.body_start <= text.len());
        if let Some(yaml) = split.yaml {
            let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
            assert!(start + yaml.len() <= split.body_start);
        }
    }
}

/// Any text as a lesson of a small in-memory course, through the whole
/// Markdown pipeline: callouts stay balanced, and every diagnostic points
/// inside the lesson.
pub fn lesson_markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagnostics = Diagnostics::new();
    let mut course = Course::new("course", "Fuzz");
    let mut module = Module::new("01-m", "m", "M");
    let path = course.root.join("01-m/01-lesson.md");
    let Some(lesson) = lesson_from_text(&course.root, &path, text.to_string(), &diagnostics) else {
        return;
    };
    module.lessons.push(lesson);
    module.assets.push("01-m/img.png".into());
    course.modules.push(module);
    let targets = LinkTargets::new(&course, Default::default());
    let strings = Strings::default();
    let renderer = LessonRenderer {
        course: &course,
        targets: &targets,
        strings: &strings,
        fences: &PlainFences,
    };
    let rendered = renderer.render(&course.modules[0].lessons[0], "m/lesson.html", &diagnostics);
    let opened = rendered.html.matches("<div class=\"callout").count();
    let closed = rendered.html.matches("</div>").count();
    assert!(
        closed >= opened,
        "{opened} callouts opened, {closed} closed"
    );
    for d in diagnostics.into_sorted() {
        if let Some(p) = d.position {
            assert_inside(text, p, &d.to_string());
        }
    }
}

fn assert_inside(text: &str, p: Position, what: &str) {
    let lines = text.split('\n').count();
    assert!(
        p.line >= 1 && p.line <= lines && p.column >= 1,
        "position {p:?} outside the text ({lines} lines): {what}"
    );
}
