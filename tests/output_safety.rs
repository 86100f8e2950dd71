//! Text from YAML files and file names is shown as text wherever it lands:
//! page content, attributes, `<title>`, and the JSON of `assets/toc/`.
//! The fixture `hostile-text` puts script-injection attempts in every title,
//! summary, objective and interface string (the browser test
//! `tests/browser/escaping.test.mjs` opens the same course and checks that
//! nothing runs).

mod common;

use common::{TestCourse, snapshot_tree};

/// What must never appear in a built page: markup that came from YAML.
const INJECTED: &[&str] = &[
    "<script>alert",
    "<img src=x",
    "onmouseover='alert",
    "href=\"javascript:",
    "src=\"javascript:",
];

fn built() -> TestCourse {
    let course = TestCourse::fixture("hostile-text");
    // A lesson whose title comes from its file name, which holds `&` (`"`
    // and `<>` are refused in file names: Windows cannot hold them).
    course.write(
        "01-module/02-fish & chips.md",
        "A lesson named by its file.\n",
    );
    course.build_ok();
    course
}

#[test]
fn text_from_yaml_never_becomes_markup() {
    let course = built();
    let mut pages = 0;
    for (path, bytes) in snapshot_tree(&course.out_dir()) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).expect("utf-8");
        for injected in INJECTED {
            assert!(
                !html.contains(injected),
                "{path} holds `{injected}`:\n{}",
                context(&html, injected)
            );
        }
    }
    assert!(pages >= 6, "only {pages} pages");
}

#[test]
fn text_from_yaml_is_shown_escaped() {
    let course = built();
    let home = course.page("index.html");
    // The course title, in <title> and in the page.
    assert!(home.contains("<title>&lt;script&gt;alert(1)&lt;"), "{home}");
    // The description is Markdown without HTML: its tags are text.
    assert!(home.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        home.contains(r##"<a href="#">link</a>"##),
        "a javascript: link goes nowhere"
    );
    // A module title in an attribute-free place and a summary.
    let module = course.page("module/index.html");
    assert!(module.contains("<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    // An interface string inside an attribute (the callout label).
    let lesson = course.page("module/first.html");
    assert!(
        lesson.contains(r#"aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#),
        "{}",
        context(&lesson, "callout-note")
    );
    // A lesson title from its first heading is that heading's text.
    let last = course.page("module/last.html");
    assert!(last.contains("<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    // A lesson title from a file name.
    let named = course.page("module/fish-chips.html");
    assert!(
        named.contains("<h1>Fish &amp; chips</h1>"),
        "{}",
        context(&named, "<h1")
    );
}

#[test]
fn json_for_scripts_cannot_close_the_script() {
    let course = built();
    let toc = course.page("assets/toc/0.js");
    assert!(!toc.contains('<'), "{toc}");
    assert!(
        toc.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"),
        "{toc}"
    );
}

/// The lines of `html` around `needle`, for failure messages.
fn context(html: &str, needle: &str) -> String {
    match html.find(needle) {
        Some(i) => {
            let start = html[..i].rfind('\n').map_or(0, |j| j + 1);
            let end = html[i..].find('\n').map_or(html.len(), |j| i + j);
            html[start..end].to_string()
        }
        None => format!("({needle} not found)"),
    }
}
