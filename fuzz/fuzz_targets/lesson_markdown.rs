//! Any text as a lesson of a small in-memory course, through the whole
//! Markdown pipeline (front matter, links, callouts, headings): never panics,
//! and every diagnostic points inside the lesson.
#![no_main]

use brandcamp::diagnostics::Diagnostics;
use brandcamp::load::lesson_from_text;
use brandcamp::markdown::{LessonRenderer, LinkTargets, PlainFences};
use brandcamp::model::{Course, Module};
use brandcamp::i18n::Strings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let diagnostics = Diagnostics::new();
    let mut course = Course::new("course", "Fuzz");
    let mut module = Module::new("01-m", "m", "M");
    let path = course.root.join("01-m/01-lesson.md");
    let Some(lesson) = lesson_from_text(&course.root, &path, text.to_string(), &diagnostics)
    else {
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
    let lesson = &course.modules[0].lessons[0];
    let rendered = renderer.render(lesson, "m/lesson.html", &diagnostics);
    let opened = rendered.html.matches("<div class=\"callout").count();
    assert!(rendered.html.matches("</div>").count() >= opened);
    let lines = text.split('\n').count();
    for d in diagnostics.into_sorted() {
        if let Some(p) = d.position {
            assert!(p.line >= 1 && p.line <= lines, "{d}");
        }
    }
});
