//! Post cards: ```` ```post [platform] [bad] ```` blocks in lessons, rendered
//! through the Markdown pipeline's [`FenceRenderer`] hook with the theme's
//! `post_card.html`: the brand as author, the text with its hashtags and
//! mentions set apart, the length against the platform's limit and, for a
//! bad example, a label and what breaks the rules.
//!
//! Whether a good example follows the rules is the lint's business
//! ([`super::lint`]); here only the block itself is checked (its platform).

use std::ops::Range;

use serde::Serialize;

use super::engine::{self, Extra, Finding, Rules};
use super::lint::{BodyLint, PostInfo};
use super::{AccountKind, Brand};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::i18n::Strings;
use crate::markdown::{Fence, FenceRenderer, LessonEvents};
use crate::theme::Theme;

/// Renders `post` blocks; leaves every other block to the next renderer.
/// With `lint`, reads each lesson's body for the brand lint as it is
/// rendered.
pub struct PostFences<'a> {
    pub brand: &'a Brand,
    pub rules: &'a Rules,
    pub theme: &'a Theme,
    pub(crate) lint: Option<BodyLint<'a>>,
}

#[derive(Serialize)]
struct Card<'a> {
    /// `organization`, `employee` or `public`.
    account: &'static str,
    name: &'a str,
    handle: Option<&'a str>,
    initials: String,
    /// Whether the avatar may be the organisation's logo (its own account).
    official: bool,
    /// From a lesson page to the site root (post cards are in lessons).
    root: &'static str,
    platform: Option<&'a str>,
    bad: bool,
    segments: Vec<Segment<'a>>,
    length: usize,
    limit: Option<usize>,
    over: bool,
    /// What a bad example does wrong, in the course's language.
    problems: Vec<Problem>,
}

/// A run of the post's text: plain, a hashtag or a mention, possibly
/// breaking a rule (marked on bad examples).
#[derive(Serialize, Debug, PartialEq, Eq)]
struct Segment<'a> {
    kind: &'static str,
    text: &'a str,
    flagged: bool,
}

/// One finding, worded for learners.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub why: Option<String>,
}

impl FenceRenderer for PostFences<'_> {
    fn read_lesson(&self, lesson: &LessonEvents<'_>, diagnostics: &Diagnostics) {
        if let Some(lint) = &self.lint {
            lint.lesson(lesson, diagnostics);
        }
    }

    fn render_fence(&self, fence: &Fence<'_>, diagnostics: &Diagnostics) -> Option<String> {
        if fence.kind != "post" {
            return None;
        }
        let info = PostInfo::parse(fence.args);
        let info_line = Some(Position::new(fence.first_line.saturating_sub(1).max(1), 1));
        for (message, hint) in &info.problems {
            diagnostics.push(Diagnostic::error(fence.file, info_line, message).with_hint(hint));
        }
        let platform = match info.platform {
            Some(name) => match self.brand.platform(name) {
                Some(platform) => Some(platform),
                None => {
                    diagnostics.push(self.brand.unknown_platform(name, fence.file, info_line));
                    None
                }
            },
            None => None,
        };

        let text = fence.body.trim_matches(|c: char| engine::is_space(c));
        let extra = Extra {
            account: info.account,
            ..Extra::default()
        };
        let report = self
            .rules
            .check(text, platform.map(|p| p.name.as_str()), &extra);
        let official = info.account == AccountKind::Organization;
        let strings = &self.theme.strings;
        let name = match (&info.author, info.account) {
            (Some(author), _) => author.as_str(),
            (None, AccountKind::Organization) => self.brand.name.as_str(),
            (None, AccountKind::Employee) => strings.get("post_author_employee"),
            (None, AccountKind::Public) => strings.get("post_author_public"),
        };
        let handle = match &info.handle {
            Some(handle) => Some(handle.as_str()),
            None if official => Some(self.brand.handle.as_str()),
            None => None,
        };
        let flagged: Vec<Range<usize>> = if info.bad {
            report
                .findings
                .iter()
                .filter_map(|f| f.range().cloned())
                .collect()
        } else {
            Vec::new()
        };
        let card = Card {
            account: info.account.name(),
            name,
            handle,
            initials: super::initials(name),
            official,
            root: "../",
            platform: platform.map(|p| p.label.as_str()),
            bad: info.bad,
            segments: segments(text, &flagged),
            length: report.length,
            limit: report.limit,
            over: report.limit.is_some_and(|limit| report.length > limit),
            problems: if info.bad {
                report
                    .findings
                    .iter()
                    .map(|f| describe(f, text, &self.theme.strings))
                    .collect()
            } else {
                Vec::new()
            },
        };
        let mut context = tera::Context::new();
        context.insert("card", &card);
        match self.theme.render("post_card.html", &context) {
            Ok(html) => Some(html),
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(
                        fence.file,
                        info_line,
                        format!("cannot render a post card: {message}"),
                    )
                    .with_hint("the theme's post_card.html template is wrong"),
                );
                None
            }
        }
    }
}

/// Words a finding for learners, with the theme's `brand_problem_*` strings.
pub fn describe(finding: &Finding, text: &str, strings: &Strings) -> Problem {
    let found = finding.range().map_or("", |r| &text[r.clone()]);
    let (key, args, why): (&str, Vec<(&str, String)>, Option<&String>) = match finding {
        Finding::Length { length, limit, .. } => (
            "brand_problem_length",
            vec![("length", length.to_string()), ("limit", limit.to_string())],
            None,
        ),
        Finding::HashtagMissing { hashtag } => (
            "brand_problem_hashtag_missing",
            vec![("hashtag", hashtag.clone())],
            None,
        ),
        Finding::TooManyHashtags { count, max } => (
            "brand_problem_too_many_hashtags",
            vec![("count", count.to_string()), ("max", max.to_string())],
            None,
        ),
        Finding::MustMention { text } => (
            "brand_problem_must_mention",
            vec![("text", text.clone())],
            None,
        ),
        Finding::IdeaMissing { message, .. } | Finding::IdeaAvoided { message, .. } => {
            return Problem {
                message: message.clone(),
                why: None,
            };
        }
        Finding::HashtagAvoided { hashtag, .. } => (
            "brand_problem_hashtag_avoided",
            vec![("text", found.to_string()), ("hashtag", hashtag.clone())],
            None,
        ),
        Finding::Spelling { right, why, .. } => (
            "brand_problem_spelling",
            vec![("text", found.to_string()), ("use", right.clone())],
            why.as_ref(),
        ),
        Finding::Term { why, .. } => (
            "brand_problem_term",
            vec![("text", found.to_string())],
            why.as_ref(),
        ),
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Problem {
        message: strings.format(key, &args),
        why: why.cloned(),
    }
}

/// Splits the text at the edges of hashtags, mentions and flagged ranges.
fn segments<'t>(text: &'t str, flagged: &[Range<usize>]) -> Vec<Segment<'t>> {
    let tokens = engine::post_tokens(text);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in tokens.iter().map(|t| &t.range).chain(flagged) {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<Segment<'t>> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end {
            continue;
        }
        let token = tokens
            .iter()
            .find(|t| t.range.start <= start && end <= t.range.end);
        let kind = match token {
            Some(t) if t.hashtag => "hashtag",
            Some(_) => "mention",
            None => "text",
        };
        let flagged = flagged.iter().any(|r| r.start <= start && end <= r.end);
        match segments.last_mut() {
            Some(last) if last.kind == kind && last.flagged == flagged && kind == "text" => {
                // Adjacent plain runs stay one run.
                let from = last.text.as_ptr() as usize - text.as_ptr() as usize;
                last.text = &text[from..end];
            }
            _ => segments.push(Segment {
                kind,
                text: &text[start..end],
                flagged,
            }),
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_set_apart_hashtags_mentions_and_flags() {
        let text = "Merci @Nadia, c'est garanti ! #Lorvan";
        let start = text.find("garanti").unwrap();
        let flagged = start..start + "garanti".len();
        let got: Vec<(&str, &str, bool)> = segments(text, std::slice::from_ref(&flagged))
            .iter()
            .map(|s| (s.kind, s.text, s.flagged))
            .collect();
        assert_eq!(
            got,
            [
                ("text", "Merci ", false),
                ("mention", "@Nadia", false),
                ("text", ", c'est ", false),
                ("text", "garanti", true),
                ("text", " ! ", false),
                ("hashtag", "#Lorvan", false),
            ]
        );
    }
}
