//! The scripts every page loads, joined into one file and minified when the
//! site is built (`assets/brandcamp.js`), so that a page costs few requests
//! and few bytes. Minifying is minifier-rs's (the crate rustdoc uses for its
//! own scripts): comments and white space go, names stay, so what runs is
//! the theme's code as written. The course's interface strings and brand
//! rules, which every page needs too, come first in the same file.
//!
//! The theme's files are still written one by one beside the bundle, for
//! templates of a course's own that name them.
//!
//! Data for the scripts (in `.js` files and in pages) is written as JSON by
//! [`script_json`], which keeps it from closing the script that holds it.

use serde::Serialize;

/// The theme's scripts in the bundle, in the order they run: each may use
/// what the ones before it define (toc-loader.js's `BrandcampToc`,
/// site.js's `BrandcampText`, progress.js's
/// store, brand.js's engine, grading.js's graders, interactions.js's
/// records, search-core.js's index reader).
pub(crate) const BUNDLED_SCRIPTS: &[&str] = &[
    "toc-loader.js",
    "site.js",
    "progress.js",
    "brand.js",
    "grading.js",
    "interactions.js",
    "quiz.js",
    "search-core.js",
    "search.js",
];

/// The bundle's name under `assets/`.
pub(crate) const BUNDLE_NAME: &str = "brandcamp.js";

/// `assets/brandcamp.js`: the generated `scripts` first (strings, brand
/// rules), then the theme's [`BUNDLED_SCRIPTS`] that `asset` finds by name,
/// each minified. A script the minifier cannot read is kept as written.
pub(crate) fn script_bundle<'a>(
    generated: &[&str],
    asset: impl Fn(&str) -> Option<&'a [u8]>,
) -> String {
    let mut bundle = String::new();
    for script in generated {
        push_minified(&mut bundle, script);
    }
    for name in BUNDLED_SCRIPTS {
        let Some(bytes) = asset(name) else {
            continue;
        };
        push_minified(&mut bundle, &String::from_utf8_lossy(bytes));
    }
    bundle
}

fn push_minified(bundle: &mut String, script: &str) {
    match minifier::js::minify(script) {
        Ok(minified) => bundle.push_str(&minified.to_string()),
        Err(_) => bundle.push_str(script),
    }
    // Each script ends its own statement, whatever its last token.
    bundle.push_str(";\n");
}

/// A stylesheet without comments and needless white space; as written when
/// the minifier cannot read it.
pub(crate) fn minified_css(css: &str) -> String {
    match minifier::css::minify(css) {
        Ok(minified) => minified.to_string(),
        Err(_) => css.to_string(),
    }
}

/// JSON to embed in JavaScript, in a `.js` file or an inline `<script>`:
/// `<`, `>` and `&` are written as `\u003c`… so that text from YAML can never
/// close the script (`</script>`) or open a comment, and the line separators
/// that older JavaScript rejects are escaped too.
pub(crate) fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn the_bundle_keeps_the_order_and_drops_comments() {
        let assets: Vec<(String, Cow<'_, [u8]>)> = vec![
            ("quiz.js".into(), Cow::Borrowed(b"// quiz\nvar quiz = 2;\n")),
            (
                "site.js".into(),
                Cow::Borrowed(b"/* site */\nvar site = 1;\n"),
            ),
            ("other.js".into(), Cow::Borrowed(b"var other = 3;\n")),
        ];
        let find = |name: &str| {
            assets
                .iter()
                .find(|(asset, _)| asset == name)
                .map(|(_, bytes)| bytes.as_ref())
        };
        let bundle = script_bundle(&["window.S = {\"a\": \"b // c\"};\n"], find);
        let strings = bundle.find("window.S").expect("generated first");
        let site = bundle.find("var site=1").expect("site.js minified");
        let quiz = bundle.find("var quiz=2").expect("quiz.js minified");
        assert!(strings < site && site < quiz, "{bundle}");
        assert!(bundle.contains("\"b // c\""), "strings are kept: {bundle}");
        assert!(
            !bundle.contains("other") && !bundle.contains("/*"),
            "{bundle}"
        );
    }

    #[test]
    fn css_loses_its_comments_and_keeps_its_rules() {
        let css =
            "/* note */\n:root {\n  --bg: light-dark(#fff, #000);\n}\n\na:hover { color: red; }\n";
        let small = minified_css(css);
        assert!(!small.contains("note"), "{small}");
        assert!(
            small.contains("--bg:light-dark(#fff,#000)")
                || small.contains("--bg:light-dark(#fff, #000)"),
            "{small}"
        );
        assert!(small.contains("a:hover{color:red"), "{small}");
    }

    #[test]
    fn json_for_scripts_cannot_close_the_script() {
        let json = script_json(&["</script><script>alert(1)</script>", "a & b", "\u{2028}"]);
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e","a \u0026 b","\u2028"]"#
        );
        let back: Vec<String> = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }
}
