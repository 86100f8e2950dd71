//! Syntax highlighting of fenced code at build time, with syntect and the
//! grammars it bundles (Sublime Text's, the ones bat and Zola use): no
//! highlighter runs in the learner's browser.
//!
//! The output is class-based (`<span class="hl-keyword hl-control">`), not
//! inline colours, so that the theme's CSS chooses the colours for light and
//! dark alike (`--code-*` in style.css, each checked for contrast on the code
//! background). A block whose language syntect does not know, or that has no
//! language, is shown as plain text in the same frame.

use std::sync::LazyLock;

use pulldown_cmark_escape::{escape_html, escape_html_body_text};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded on the first highlighted block only: a course without code pays
/// nothing.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The HTML of a fenced code block: a frame that scrolls long lines within
/// itself (focusable, so that the keyboard can scroll it too), the code
/// highlighted when `language` is known.
pub(crate) fn code_block(language: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2 + 96);
    html.push_str("<div class=\"code-block\"><pre class=\"code\" tabindex=\"0\"><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        let _ = escape_html(&mut html, language);
        html.push('"');
    }
    html.push('>');
    match highlighted(language, code) {
        Some(spans) => html.push_str(&spans),
        None => {
            let _ = escape_html_body_text(&mut html, code);
        }
    }
    html.push_str("</code></pre></div>\n");
    html
}

/// The code as classed spans, or `None` for a language syntect does not know.
fn highlighted(language: &str, code: &str) -> Option<String> {
    if language.is_empty() {
        return None;
    }
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes.find_syntax_by_token(language)?;
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_are_highlighted_with_classes() {
        let html = code_block("rust", "fn main() {\n    let x = \"<b>\"; // hi\n}\n");
        assert!(html.starts_with("<div class=\"code-block\"><pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\">"));
        assert!(
            html.contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"),
            "{html}"
        );
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "text is escaped: {html}");
        assert!(
            !html.contains("style="),
            "colours come from the theme: {html}"
        );
    }

    #[test]
    fn unknown_or_missing_languages_are_plain_escaped_text() {
        for language in ["", "no-such-language"] {
            let html = code_block(language, "a < b && c\n");
            assert!(html.contains("a &lt; b &amp;&amp; c"), "{html}");
            assert!(!html.contains("<span"), "{html}");
        }
        assert!(code_block("x\"><script>", "").contains("language-x&quot;&gt;&lt;script&gt;"));
    }
}
