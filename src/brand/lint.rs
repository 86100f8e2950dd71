//! The brand lint: the course's own text checked against `brand.yaml`.
//!
//! What is read: the prose of lessons (not code spans, code blocks, HTML or
//! web addresses), good ```` ```post ```` examples (against every rule;
//! `post … bad` examples are skipped), knowledge checks (```` ```quiz ````),
//! `quiz.yaml`, and the titles, summaries, descriptions and objectives of
//! `course.yaml`, `module.yaml` and front matter. YAML is read as text
//! values with their positions, so this pass depends on no schema.
//!
//! Nothing is read again for it: YAML through the span trees the source
//! store keeps, and a lesson's body through the events the renderer parsed
//! it into ([`BodyLint`], called by [`crate::brand::fence::PostFences`]),
//! so that its findings are the lesson's and `serve` keeps them with its
//! rendering. Findings are warnings or errors as `lint:` says. The rules are
//! compiled once ([`Rules`]); each text is folded and searched in one pass.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::engine::{Extra, Finding, Rules};
use super::{AccountKind, Brand, LintLevel};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::markdown::LessonEvents;
use crate::model::{Course, Lesson};
use crate::{frontmatter, markdown, yaml};

/// The YAML keys whose values are text learners read.
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "summary",
    "objectives",
    "prompt",
    "text",
    "feedback",
    "explanation",
    "hint",
    "items",
    "left",
    "right",
];

/// How to quote a wrong spelling on purpose, in a lesson and in YAML.
const QUOTE_IN_LESSON: &str =
    "To quote it on purpose, put it in `backticks`, or in a ```post … bad``` example.";
const QUOTE_IN_YAML: &str = "To quote it on purpose, put it in `backticks`.";

/// What follows `post` in a fenced block's info string:
/// `post x bad account=public author="Karim B." handle="@karim_b"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostInfo<'a> {
    pub platform: Option<&'a str>,
    pub bad: bool,
    /// `account=`: who writes the post (the organisation by default).
    pub account: AccountKind,
    /// `author="…"`: the name shown on the card.
    pub author: Option<String>,
    /// `handle="…"`: the line under the name.
    pub handle: Option<String>,
    /// What is not understood, as (message, hint) (reported by the post
    /// card renderer).
    pub problems: Vec<(String, String)>,
}

const POST_KEYS: [&str; 3] = ["account", "author", "handle"];

impl<'a> PostInfo<'a> {
    /// Reads what follows `post` in the info string.
    pub fn parse(args: &'a str) -> PostInfo<'a> {
        let mut info = PostInfo {
            platform: None,
            bad: false,
            account: AccountKind::default(),
            author: None,
            handle: None,
            problems: Vec::new(),
        };
        let usage = "write ```post, then the platform, `bad` for an example of what not to do, and `account=`, `author=\"…\"`, `handle=\"…\"` for who writes it: ```post x bad account=public author=\"Karim B.\"";
        for word in post_words(args) {
            let (key, value) = match word {
                PostWord::Bare(word) if word.eq_ignore_ascii_case("bad") => {
                    info.bad = true;
                    continue;
                }
                PostWord::Bare(word) if info.platform.is_none() && !word.contains('"') => {
                    info.platform = Some(word);
                    continue;
                }
                PostWord::Bare(word) => {
                    info.problems.push((
                        format!("`{word}` is not understood after ```post"),
                        usage.to_string(),
                    ));
                    continue;
                }
                PostWord::Unclosed(key) => {
                    info.problems.push((
                        format!("the quoted value of `{key}=` is not closed"),
                        format!("close it with `\"`: {key}=\"…\""),
                    ));
                    continue;
                }
                PostWord::Pair(key, value) => (key, value),
            };
            match key {
                "account" => match AccountKind::parse(&value) {
                    Some(kind) => info.account = kind,
                    None => {
                        let names = AccountKind::ALL.map(AccountKind::name);
                        let hint = match crate::diagnostics::suggest(&value, names) {
                            Some(best) => format!("did you mean `account={best}`? The kinds are: organization, employee, public"),
                            None => "the kinds are: organization (the official account, the default), employee (an employee's personal account), public (a member of the public)".to_string(),
                        };
                        info.problems
                            .push((format!("`{value}` is not a kind of account"), hint));
                    }
                },
                "author" => info.author = Some(value),
                "handle" => info.handle = Some(value),
                other => {
                    let hint = match crate::diagnostics::suggest(other, POST_KEYS) {
                        Some(best) => format!(
                            "did you mean `{best}=`? After ```post come account=, author= and handle="
                        ),
                        None => usage.to_string(),
                    };
                    info.problems
                        .push((format!("`{other}=` is not understood after ```post"), hint));
                }
            }
        }
        info
    }
}

enum PostWord<'a> {
    Bare(&'a str),
    Pair(&'a str, String),
    /// `key="…` with no closing quote.
    Unclosed(&'a str),
}

/// The words of an info string; `key="a value"` is one word.
fn post_words(args: &str) -> Vec<PostWord<'_>> {
    let mut words = Vec::new();
    let mut rest = args.trim_start();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        match word.split_once('=') {
            Some((key, value)) if !key.is_empty() && !key.contains('"') => {
                if value.starts_with('"') {
                    let after = &rest[key.len() + 2..];
                    match after.find('"') {
                        Some(close) => {
                            words.push(PostWord::Pair(key, after[..close].to_string()));
                            rest = after[close + 1..].trim_start();
                            continue;
                        }
                        None => {
                            words.push(PostWord::Unclosed(key));
                            break;
                        }
                    }
                }
                words.push(PostWord::Pair(key, value.to_string()));
            }
            _ => words.push(PostWord::Bare(word)),
        }
        rest = rest[end..].trim_start();
    }
    words
}

/// Lints the whole course. Does nothing when `lint: off`.
pub(crate) fn lint_course(
    course: &Course,
    brand: &Brand,
    rules: &Rules,
    diagnostics: &Diagnostics,
) {
    let Some(severity) = severity(brand.lint) else {
        return;
    };
    let lint = Lint {
        rules,
        severity,
        diagnostics,
        sources: &course.sources,
    };
    let yaml_files = std::iter::once(course.root.join("course.yaml")).chain(
        course.modules.iter().flat_map(|m| {
            let module_yaml = course.root.join(&m.dir).join("module.yaml");
            let quiz = m
                .quiz_file
                .as_ref()
                .filter(|q| q.extension().is_some_and(|e| e == "yaml"))
                .map(|q| course.root.join(q));
            std::iter::once(module_yaml).chain(quiz)
        }),
    );
    let yaml_files: Vec<_> = yaml_files.collect();
    yaml_files.par_iter().for_each(|path| {
        // As loading read it; an unreadable file was reported then.
        if let Some(file) = course.sources.file(path) {
            let text = &*file.text;
            lint.yaml(text, &file.yaml(), &LineIndex::new(text), path, &|offset| {
                offset
            });
        }
    });
    course
        .modules
        .par_iter()
        .flat_map(|m| m.lessons.par_iter())
        .for_each(|lesson| lint.front_matter(lesson, &course.root.join(&lesson.path)));
}

/// The lint of lessons' bodies, which reads the events the renderer parsed
/// (see [`crate::markdown::FenceRenderer::read_lesson`]): its findings are
/// the lesson's, kept with its rendering by `serve`.
pub(crate) struct BodyLint<'a> {
    rules: &'a Rules,
    severity: crate::diagnostics::Severity,
    sources: &'a crate::sources::Sources,
}

impl<'a> BodyLint<'a> {
    /// `None` when `lint: off`.
    pub(crate) fn new(
        brand: &Brand,
        rules: &'a Rules,
        sources: &'a crate::sources::Sources,
    ) -> Option<Self> {
        Some(BodyLint {
            rules,
            severity: severity(brand.lint)?,
            sources,
        })
    }

    /// Lints the prose and the `post` and `quiz` blocks of a lesson's body.
    pub(crate) fn lesson(&self, body: &LessonEvents<'_>, diagnostics: &Diagnostics) {
        let lint = Lint {
            rules: self.rules,
            severity: self.severity,
            diagnostics,
            sources: self.sources,
        };
        let base = body.lesson.body_start;
        lint.markdown_events(
            body.lesson.body(),
            body.events,
            body.lines,
            body.file,
            &|offset| base + offset,
            QUOTE_IN_LESSON,
        );
    }
}

fn severity(level: LintLevel) -> Option<crate::diagnostics::Severity> {
    match level {
        LintLevel::Warn => Some(crate::diagnostics::Severity::Warning),
        LintLevel::Error => Some(crate::diagnostics::Severity::Error),
        LintLevel::Off => None,
    }
}

struct Lint<'a> {
    rules: &'a Rules,
    severity: crate::diagnostics::Severity,
    diagnostics: &'a Diagnostics,
    /// The texts read, with the span trees of their YAML.
    sources: &'a crate::sources::Sources,
}

/// Text gathered from Markdown events, with where each piece came from in
/// the source, so that a finding in the text is reported at its column.
#[derive(Default)]
struct Gathered {
    text: String,
    /// (offset in `text`, offset in the source, copied verbatim).
    pieces: Vec<(usize, usize, bool)>,
}

impl Gathered {
    fn push(&mut self, text: &str, source: &str, range: &Range<usize>) {
        let verbatim = source.get(range.clone()) == Some(text);
        self.pieces.push((self.text.len(), range.start, verbatim));
        self.text.push_str(text);
    }

    /// The source offset of `offset` in the gathered text. Text that was
    /// not copied verbatim (an entity, an escape) maps to its start.
    fn source_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|(at, _, _)| *at <= offset);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((at, source, true)) => source + (offset - at),
            Some((_, source, false)) => source,
            None => 0,
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.pieces.clear();
    }
}

impl Lint<'_> {
    fn report(&self, file: &Path, position: Position, width: usize, message: String, hint: String) {
        let diagnostic = Diagnostic::error(file, Some(position), message)
            .with_width(width)
            .with_hint(hint);
        self.diagnostics.push(Diagnostic {
            severity: self.severity,
            ..diagnostic
        });
    }

    /// Reports wrong spellings and avoided terms in `text`, where `to_source`
    /// maps an offset of `text` to an offset of the file whose `lines` are given.
    fn wording(
        &self,
        text: &str,
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
        quoting: &str,
    ) {
        for finding in self.rules.wording(text) {
            self.finding(
                &finding,
                text,
                lines,
                file,
                to_source,
                Position::START,
                quoting,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        finding: &Finding,
        text: &str,
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
        block: Position,
        quoting: &str,
    ) {
        let (position, width) = match finding.range() {
            Some(range) => (
                lines.position(to_source(range.start)),
                text[range.clone()]
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .count(),
            ),
            None => (block, 3),
        };
        // A term matched across lines is shown on one.
        let found = finding.range().map_or(String::new(), |r| {
            text[r.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
        let with_why = |why: &Option<String>| match why {
            Some(why) => format!("{} {quoting}", why.trim()),
            None => quoting.to_string(),
        };
        let (message, hint) = match finding {
            Finding::Spelling { right, why, .. } => (
                format!("`{found}` is not how the brand writes it: write `{right}`"),
                with_why(why),
            ),
            Finding::Term { why, .. } => (
                format!("`{found}` is a term to avoid (brand.yaml)"),
                with_why(why),
            ),
            Finding::Length { length, limit, .. } => (
                format!("this post is {length} characters long, over the limit of {limit}"),
                format!("Shorten it. {quoting}"),
            ),
            Finding::HashtagMissing { hashtag } => (
                format!("this post lacks the required hashtag `{hashtag}`"),
                format!("Add `{hashtag}`. {quoting}"),
            ),
            Finding::HashtagAvoided { hashtag, .. } => (
                format!("`{found}` is a hashtag to avoid (brand.yaml lists `{hashtag}`)"),
                format!("Remove it. {quoting}"),
            ),
            Finding::TooManyHashtags { .. }
            | Finding::MustMention { .. }
            | Finding::IdeaMissing { .. }
            | Finding::IdeaAvoided { .. } => return,
        };
        self.report(file, position, width, message, hint);
    }

    /// Lints the text values of YAML (`text`, whose span tree is `tree`,
    /// which sits in the file at the offsets `to_source` gives). The values
    /// are Markdown: their code spans are left alone, like a lesson's.
    fn yaml(
        &self,
        text: &str,
        tree: &yaml::Tree,
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
    ) {
        for value in tree.text_values() {
            if !value
                .key
                .as_deref()
                .is_some_and(|key| TEXT_KEYS.contains(&key))
            {
                continue;
            }
            // Where each character came from is worked out only for a finding.
            let offsets = std::cell::OnceCell::new();
            let at = |offset: usize| {
                let offsets = offsets.get_or_init(|| value.source_offsets(text));
                to_source(offsets.get(offset).copied().unwrap_or(value.range.end))
            };
            if is_plain_text(&value.value) {
                self.wording(&value.value, lines, file, &at, QUOTE_IN_YAML);
            } else {
                self.markdown(&value.value, lines, file, &at, QUOTE_IN_YAML);
            }
        }
    }

    /// A lesson's front matter (its body is read as it is rendered: see
    /// [`BodyLint`]).
    fn front_matter(&self, lesson: &Lesson, file: &Path) {
        let source: &str = &lesson.source;
        if let Ok(split) = frontmatter::split(source)
            && let Some(front) = split.yaml
        {
            let start = front.as_ptr() as usize - source.as_ptr() as usize;
            let tree = self
                .sources
                .embedded_yaml(file, front, split.yaml_first_line);
            self.yaml(front, &tree, &LineIndex::new(source), file, &|offset| {
                start + offset
            });
        }
    }

    /// Lints Markdown: its prose for wording, its fenced `post` and `quiz`
    /// blocks as [`Self::fenced_block`] says. `to_source` maps offsets of
    /// `markdown` to offsets of the file whose `lines` are given.
    fn markdown(
        &self,
        markdown: &str,
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
        quoting: &str,
    ) {
        let events: Vec<_> = Parser::new_ext(markdown, markdown::dialect::options())
            .into_offset_iter()
            .collect();
        self.markdown_events(markdown, &events, lines, file, to_source, quoting);
    }

    /// [`Self::markdown`] for Markdown already parsed into `events`.
    fn markdown_events(
        &self,
        markdown: &str,
        events: &[(Event<'_>, Range<usize>)],
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
        quoting: &str,
    ) {
        let mut prose = Gathered::default();
        let mut block = Gathered::default();
        // The fenced block being read: its info string and where it starts.
        let mut fence: Option<(String, usize)> = None;
        let mut in_code = false;
        let mut autolinks = 0usize;
        let flush = |prose: &mut Gathered| {
            if !prose.text.trim().is_empty() {
                let at = |offset: usize| to_source(prose.source_offset(offset));
                self.wording(&prose.text, lines, file, &at, quoting);
            }
            prose.clear();
        };
        for (event, range) in events {
            match event {
                Event::Text(text) if in_code => block.push(text, markdown, range),
                Event::Text(text) if autolinks == 0 => prose.push(text, markdown, range),
                Event::SoftBreak | Event::HardBreak if !in_code => {
                    prose.push("\n", markdown, range);
                }
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                }) => autolinks += 1,
                Event::End(TagEnd::Link) if autolinks > 0 => autolinks -= 1,
                Event::Start(
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. },
                )
                | Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image,
                ) => {}
                Event::Start(Tag::CodeBlock(kind)) => {
                    flush(&mut prose);
                    in_code = true;
                    block.clear();
                    fence = match kind {
                        CodeBlockKind::Fenced(info) => Some((info.trim().to_string(), range.start)),
                        CodeBlockKind::Indented => None,
                    };
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    if let Some((info, start)) = fence.take() {
                        let at = |offset: usize| to_source(block.source_offset(offset));
                        self.fenced_block(&info, &block.text, to_source(start), lines, file, &at);
                    }
                    block.clear();
                }
                _ => flush(&mut prose),
            }
        }
        flush(&mut prose);
    }

    /// A fenced block: good `post` examples against every rule, `quiz`
    /// blocks as YAML; anything else is code and left alone.
    fn fenced_block(
        &self,
        info: &str,
        body: &str,
        fence_start: usize,
        lines: &LineIndex<'_>,
        file: &Path,
        to_source: &dyn Fn(usize) -> usize,
    ) {
        let (kind, args) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
        match kind {
            "post" => {
                let post = PostInfo::parse(args);
                if post.bad {
                    return;
                }
                let text = body.trim_end_matches('\n');
                let extra = Extra {
                    account: post.account,
                    ..Extra::default()
                };
                let report = self.rules.check(text, post.platform, &extra);
                let quoting = format!(
                    "Checked as a post of {}. If it is an example of what not to do, mark the block: ```post {}bad```",
                    account_words(post.account),
                    post.platform.map(|p| format!("{p} ")).unwrap_or_default()
                );
                for finding in &report.findings {
                    self.finding(
                        finding,
                        text,
                        lines,
                        file,
                        to_source,
                        lines.position(fence_start),
                        &quoting,
                    );
                }
            }
            "quiz" => {
                // The block's body starts on the line after its fence.
                let first_line = lines.position(fence_start).line + 1;
                let tree = self.sources.embedded_yaml(file, body, first_line);
                self.yaml(body, &tree, lines, file, to_source);
            }
            _ => {}
        }
    }
}

/// The kind of account a post was checked as, for the lint's hints.
pub(crate) fn account_words(account: AccountKind) -> &'static str {
    match account {
        AccountKind::Organization => "the organisation's official account (account=organization)",
        AccountKind::Employee => "an employee's personal account (account=employee)",
        AccountKind::Public => "a member of the public (account=public)",
    }
}

/// Whether Markdown would show `text` as one paragraph of the same words:
/// no inline markup, no blank line, no indentation (most quiz texts), so
/// that it can be checked without parsing it.
fn is_plain_text(text: &str) -> bool {
    !text.contains("\n\n")
        && !text.starts_with(char::is_whitespace)
        && !text.bytes().any(|b| {
            matches!(
                b,
                b'*' | b'_' | b'`' | b'[' | b'<' | b'&' | b'\\' | b'~' | b'|'
            )
        })
}
