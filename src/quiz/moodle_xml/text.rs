//! The texts of Moodle XML as the Markdown of the quiz model: each text
//! has a `format` (HTML unless said otherwise), and HTML becomes Markdown
//! (paragraphs, emphasis, links, lists, images) rather than raw HTML, which
//! quiz texts never carry. Files a text embeds (`@@PLUGINFILE@@/name`) are
//! named as they are written next to the quiz page.

use std::sync::LazyLock;

use htmd::HtmlToMarkdown;

use crate::quiz::gift::text::escape_markdown;

/// What `@@PLUGINFILE@@/` stands for in a text: the files of the question.
pub const PLUGINFILE: &str = "@@PLUGINFILE@@/";

/// Moodle's text formats, as written in `format="…"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Html,
    /// `moodle_auto_format` and `wiki_like`: text where HTML tags are
    /// allowed and line breaks are kept.
    Moodle,
    Plain,
    Markdown,
}

impl TextFormat {
    /// The format named `name`; `None` for a name Moodle does not know
    /// (it then assumes HTML).
    pub fn from_name(name: &str) -> Option<TextFormat> {
        match name.trim() {
            "html" => Some(TextFormat::Html),
            "moodle_auto_format" | "wiki_like" => Some(TextFormat::Moodle),
            "plain_text" => Some(TextFormat::Plain),
            "markdown" => Some(TextFormat::Markdown),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TextFormat::Html => "html",
            TextFormat::Moodle => "moodle_auto_format",
            TextFormat::Plain => "plain_text",
            TextFormat::Markdown => "markdown",
        }
    }
}

static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
    HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "head", "iframe", "object"])
        .build()
});

/// A text of `format` as Markdown, trimmed. Control characters other than
/// tabs and line breaks are dropped whatever the format: they have no
/// place in a question, and HTML drops them, so a text keeps them only
/// until it is written back as HTML (found by the `moodle_xml` fuzz target).
pub(crate) fn to_markdown(text: &str, format: TextFormat) -> String {
    let cleaned;
    let text = if text.chars().any(is_stray_control) {
        cleaned = text
            .chars()
            .filter(|c| !is_stray_control(*c))
            .collect::<String>();
        cleaned.as_str()
    } else {
        text
    };
    match format {
        TextFormat::Markdown => text.trim().to_string(),
        TextFormat::Plain => escape_markdown(text.trim(), true),
        TextFormat::Html => html_to_markdown(text),
        TextFormat::Moodle => {
            // Line breaks are kept: the text as HTML with a `<br>` for each.
            html_to_markdown(&text.trim().replace('\n', "<br>"))
        }
    }
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn html_to_markdown(html: &str) -> String {
    let html = html.trim();
    match CONVERTER.convert(html) {
        Ok(markdown) => markdown.trim().to_string(),
        // The parser recovers from any input; kept as text if not.
        Err(_) => escape_markdown(html, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_without_tags() {
        assert_eq!(
            to_markdown(
                "<p>Moodle is <b>modular</b>, see <a href=\"https://moodle.org\">its site</a>.</p>",
                TextFormat::Html
            ),
            "Moodle is **modular**, see [its site](https://moodle.org)."
        );
        assert_eq!(
            to_markdown("<p>One</p><p>Two&nbsp;&amp; three</p>", TextFormat::Html),
            "One\n\nTwo\u{a0}& three"
        );
        assert_eq!(
            to_markdown(
                "<p><img src=\"logo.jpg\" alt=\"Logo\" width=\"48\"> is ours</p>",
                TextFormat::Html
            ),
            "![Logo](logo.jpg) is ours"
        );
    }

    #[test]
    fn other_formats_keep_their_meaning() {
        assert_eq!(to_markdown("*kept*", TextFormat::Markdown), "*kept*");
        assert_eq!(
            to_markdown("<b>shown</b> *as is*", TextFormat::Plain),
            "\\<b\\>shown\\</b\\> \\*as is\\*"
        );
        assert_eq!(
            to_markdown("line one\nline <i>two</i>", TextFormat::Moodle),
            "line one  \nline *two*"
        );
        assert_eq!(to_markdown("5 * 3 = 15", TextFormat::Html), "5 \\* 3 = 15");
    }

    #[test]
    fn scripts_and_event_handlers_do_not_survive() {
        let markdown = to_markdown(
            "<p>Safe?<script>alert(1)</script><img src=x onerror=alert(2)><style>p{}</style></p>",
            TextFormat::Html,
        );
        assert!(!markdown.contains("alert"), "{markdown}");
        assert!(!markdown.contains('<'), "{markdown}");
        // What is left is Markdown, which quiz pages render without raw HTML.
        let html = crate::markdown::render_snippet(&markdown);
        assert!(
            !html.contains("onerror") && !html.contains("<script"),
            "{html}"
        );
    }
}
