//! The Markdown lessons are written in: CommonMark with the extensions
//! below. Everything that reads a lesson's Markdown (rendering, the brand
//! lint, variables, the export of knowledge checks) parses it with these
//! options, so that all of them see the same blocks.

use pulldown_cmark::Options;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}
