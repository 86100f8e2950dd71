//! What each fuzz target checks, shared with `tests/fuzz_regressions.rs`,
//! which runs every input that once failed (`tests/fuzz-regressions/`).
//! Each check takes the fuzzer's bytes and panics on a failure.

use std::path::Path;

use brandcamp::brand::AccountKind;
use brandcamp::brand::engine::{Extra, Idea, Rules};
use brandcamp::brand::fence::describe;
use brandcamp::brand::file::parse_brand;
use brandcamp::diagnostics::{Diagnostic, Diagnostics, Position};
use brandcamp::frontmatter;
use brandcamp::i18n::Strings;
use brandcamp::load::lesson_from_text;
use brandcamp::markdown::{LessonRenderer, LinkTargets, PlainFences};
use brandcamp::model::{Course, Module};
use brandcamp::quiz::gift::{read_gift, write_questions};
use brandcamp::quiz::moodle_xml::{MoodleQuestions, read_moodle_xml, write_quiz};
use brandcamp::quiz::{Source, parse_knowledge_check, parse_quiz};
use brandcamp::schema::{CourseFile, FrontMatter, ModuleFile};
use brandcamp::validate::check_links;
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
        yaml::parse::<FrontMatter>(text, file).err(),
    ];
    for diagnostic in results.into_iter().flatten().flatten() {
        if let Some(p) = diagnostic.position {
            assert_inside(text, p, &diagnostic.to_string());
        }
    }
}

/// `yaml::Tree::locate` with any path in any text. The input's first line is the
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
    if let Some(p) = yaml::Tree::new(text, 1).locate(&steps) {
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
/// Markdown pipeline and the link pass: callouts stay balanced, and every
/// diagnostic points inside the lesson.
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
    std::sync::Arc::make_mut(&mut module.lessons).push(lesson);
    module.assets.push("01-m/img.png".into());
    course.modules.push(module);
    let targets = LinkTargets::new(&course);
    let strings = Strings::default();
    let renderer = LessonRenderer {
        course: &course,
        targets: &targets,
        strings: &strings,
        fences: &PlainFences,
        page_ids: &Default::default(),
    };
    let rendered = renderer.render(&course.modules[0].lessons[0], "m/lesson.html", &diagnostics);
    let rendered = vec![vec![std::sync::Arc::new(rendered)]];
    check_links(&course, &targets, &rendered, &diagnostics);
    let rendered = &rendered[0][0];
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

/// Any text as a module's quiz.yaml (and as the YAML of a knowledge check),
/// through parsing and every check of its questions and settings: a quiz or
/// diagnostics placed inside the text.
pub fn quiz_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source {
        text,
        file: Path::new("quiz.yaml"),
        line_offset: 0,
        tree: None,
    };
    let diagnostics = Diagnostics::new();
    let _ = parse_quiz(source, &diagnostics);
    let _ = parse_knowledge_check(source, &diagnostics);
    for d in diagnostics.into_sorted() {
        if let Some(p) = d.position {
            assert_inside(text, p, &d.to_string());
        }
    }
}

/// Any text as GIFT: diagnostics inside the text; and when it reads without
/// errors, the questions written back as GIFT read again without errors,
/// the same questions, and are written again as the same text.
pub fn gift(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (read, found) = read_gift_text(text);
    for d in &found {
        if let Some(p) = d.position {
            assert_inside(text, p, &d.to_string());
        }
    }
    let (written, _) = write_questions(&read.questions);
    if found.iter().any(Diagnostic::is_error) {
        return;
    }
    let (again, found) = read_gift_text(&written);
    assert!(
        found.iter().all(|d| !d.is_error()),
        "written {written:?}\n{found:#?}"
    );
    assert_eq!(read.questions, again.questions, "written {written:?}");
    let (rewritten, _) = write_questions(&again.questions);
    assert_eq!(written, rewritten);
}

fn read_gift_text(text: &str) -> (brandcamp::quiz::gift::GiftQuestions, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let read = read_gift(
        Source {
            text,
            file: Path::new("quiz.gift"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (read, diagnostics.into_sorted())
}

/// Any text as Moodle XML: diagnostics inside the text; and when it reads
/// without errors, the questions written back as Moodle XML read again
/// without errors, as the same questions and files, and are written again
/// as the same text.
pub fn moodle_xml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (read, found) = read_moodle_xml_text(text);
    for d in &found {
        if let Some(p) = d.position {
            assert_inside(text, p, &d.to_string());
        }
    }
    let (written, _) = write_quiz(&read.questions, "$course$/top/Fuzz", &read.files);
    if found.iter().any(Diagnostic::is_error) {
        return;
    }
    let (again, found) = read_moodle_xml_text(&written);
    assert!(
        found.iter().all(|d| !d.is_error()),
        "written {written:?}\n{found:#?}"
    );
    assert_eq!(read.questions, again.questions, "written {written:?}");
    let (rewritten, _) = write_quiz(&again.questions, "$course$/top/Fuzz", &again.files);
    assert_eq!(written, rewritten);
}

fn read_moodle_xml_text(text: &str) -> (MoodleQuestions, Vec<Diagnostic>) {
    let diagnostics = Diagnostics::new();
    let read = read_moodle_xml(
        Source {
            text,
            file: Path::new("quiz.xml"),
            line_offset: 0,
            tree: None,
        },
        &diagnostics,
    );
    (read, diagnostics.into_sorted())
}

/// The input up to its first NUL byte as brand.yaml, the rest as a text
/// checked against the compiled rules (without a NUL, the whole input is
/// both): diagnostics inside brand.yaml, and every finding's range inside
/// the text, on character boundaries.
pub fn brand_rules(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (yaml, text) = input.split_once('\0').unwrap_or((input, input));
    let diagnostics = Diagnostics::new();
    let brand = parse_brand(yaml, Path::new("brand.yaml"), &diagnostics);
    for d in diagnostics.into_sorted() {
        if let Some(p) = d.position {
            assert_inside(yaml, p, &d.to_string());
        }
    }
    let Some(brand) = brand else {
        return;
    };
    let rules = Rules::compile(&brand);
    let strings = Strings::default();
    let mut findings = rules.wording(text);
    findings.extend(rules.check(text, None, &Extra::default()).findings);
    for platform in &brand.platforms {
        let report = rules.check(text, Some(&platform.name), &Extra::default());
        findings.extend(report.findings);
    }
    // A post question's own rules: the right spellings to mention, one
    // hashtag at most, a short limit, the words to avoid as an idea to
    // express and the right ones as an idea to avoid, written by an
    // employee.
    let extra = Extra {
        must_mention: brand.terms.iter().filter_map(|t| t.right.clone()).collect(),
        max_hashtags: Some(1),
        max_length: Some(text.len() % 50),
        ideas: vec![Idea {
            words: brand.terms.iter().flat_map(|t| t.avoid.clone()).collect(),
            message: "missing".to_string(),
        }],
        avoid_ideas: vec![Idea {
            words: brand.terms.iter().filter_map(|t| t.right.clone()).collect(),
            message: "found".to_string(),
        }],
        account: AccountKind::Employee,
    };
    findings.extend(rules.check(text, None, &extra).findings);
    for finding in &findings {
        if let Some(r) = finding.range() {
            assert!(
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end),
                "{finding:?} outside the text or not on character boundaries ({} bytes)",
                text.len()
            );
        }
        let _ = describe(finding, text, &strings);
    }
}

fn assert_inside(text: &str, p: Position, what: &str) {
    let lines = text.split('\n').count();
    assert!(
        p.line >= 1 && p.line <= lines && p.column >= 1,
        "position {p:?} outside the text ({lines} lines): {what}"
    );
}
