//! Lesson Markdown to HTML: CommonMark with the GitHub extensions, heading
//! ids, callouts, links rewritten to built pages, and hooks for the fenced
//! blocks other parts of brandcamp render (`quiz`, `post`, `gift`).
//!
//! Rendering resolves each link to the URL it writes, and records each link
//! inside the course as a [`LessonLink`]: whether its target exists (a
//! lesson, a heading, a published lesson) is told by the link pass,
//! [`crate::validate::links`], once every lesson is rendered. What is about
//! the lesson's own text and its safety is reported here, since it decides
//! what is written: a link or raw HTML that runs code, a `file:` link, an
//! absolute path, a path out of the course folder, an image without
//! alternative text, a heading id the page already uses.

pub mod dialect;

/// For the benchmark floor (bench/floor), which parses lessons as the build does.
pub use dialect::options;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::i18n::Strings;
use crate::model::{Course, Lesson};
use crate::slug::{HeadingIds, PageIds};
use crate::urls;

/// What rendering one lesson produces.
#[derive(Debug, Default, Clone)]
pub struct RenderedLesson {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The links to the course's own pages and files, in the order written.
    pub links: Vec<LessonLink>,
    /// The plain text of each section, for the search index: `sections[0]`
    /// is the text before the first heading, `sections[i + 1]` the text
    /// after `headings[i]` (headings' own text is not repeated).
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// A link (or an image's source) of a lesson to something of the course, as
/// rendering resolved it; checked by [`crate::validate::links`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonLink {
    /// Where the link starts in the lesson file.
    pub position: Position,
    /// How many characters it spans on that line.
    pub width: usize,
    /// An image's source rather than a link.
    pub image: bool,
    /// The path as the author wrote it, before any `?` or `#`, not decoded
    /// (empty for `#anchor`).
    pub written: String,
    /// What the path leads to.
    pub destination: Destination,
    /// The `#anchor`, decoded.
    pub anchor: Option<String>,
}

/// What a lesson's link leads to. Paths are relative to the course folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `#anchor` alone: the lesson itself.
    ThisLesson,
    /// A lesson's page.
    Lesson(PathBuf),
    /// A module's page (its folder).
    Module(PathBuf),
    /// A file copied to the site (a module's file, or one of static/).
    File(PathBuf),
    /// Nothing the build writes; the link is written as it is.
    Nothing(PathBuf),
}

/// A fenced block handed to a [`FenceRenderer`].
pub struct Fence<'a> {
    /// The first word of the info string (`quiz`, `post`…).
    pub kind: &'a str,
    /// The rest of the info string (`linkedin bad`).
    pub args: &'a str,
    pub body: &'a str,
    /// The lesson file, as diagnostics name it.
    pub file: &'a Path,
    /// The line of the file where the block's body starts.
    pub first_line: usize,
    /// A stable id for the block within its lesson (`quiz-1`, `post-2`).
    pub id: String,
}

/// A lesson's body as the renderer parsed it, for what reads the whole of
/// it ([`FenceRenderer::read_lesson`]).
pub struct LessonEvents<'a> {
    pub lesson: &'a Lesson,
    /// The lesson file, as diagnostics name it.
    pub file: &'a Path,
    /// Lines of the whole lesson file (front matter included).
    pub lines: &'a LineIndex<'a>,
    /// The body's events, with their byte ranges in `lesson.body()`.
    pub events: &'a [(Event<'a>, std::ops::Range<usize>)],
}

/// Renders special fenced blocks. Returning `None` leaves the block as code.
pub trait FenceRenderer: Sync {
    fn render_fence(&self, fence: &Fence<'_>, diagnostics: &Diagnostics) -> Option<String>;

    /// Reads a lesson's whole body from the events the renderer parsed,
    /// before its blocks are rendered: the brand lint checks its words
    /// there ([`crate::brand::fence::PostFences`]), so that no lesson is
    /// parsed twice. Nothing by default.
    fn read_lesson(&self, _lesson: &LessonEvents<'_>, _diagnostics: &Diagnostics) {}
}

/// Several renderers asked in turn, each for the blocks it knows: the first
/// that renders a block wins.
pub struct FenceRenderers<'a>(pub Vec<&'a dyn FenceRenderer>);

impl FenceRenderer for FenceRenderers<'_> {
    fn render_fence(&self, fence: &Fence<'_>, diagnostics: &Diagnostics) -> Option<String> {
        self.0
            .iter()
            .find_map(|renderer| renderer.render_fence(fence, diagnostics))
    }

    fn read_lesson(&self, lesson: &LessonEvents<'_>, diagnostics: &Diagnostics) {
        for renderer in &self.0 {
            renderer.read_lesson(lesson, diagnostics);
        }
    }
}

/// A renderer that leaves every block as code.
pub struct PlainFences;

impl FenceRenderer for PlainFences {
    fn render_fence(&self, _: &Fence<'_>, _: &Diagnostics) -> Option<String> {
        None
    }
}

/// What a link in a lesson may point to, and the address of each: built
/// once per course, shared by every lesson (read-only, so lessons render in
/// parallel).
#[derive(Clone, PartialEq)]
pub struct LinkTargets {
    /// Lesson source path → site path of its page.
    pub(crate) lessons: HashMap<PathBuf, String>,
    /// Module folder → site path of its page.
    pub(crate) modules: HashMap<PathBuf, String>,
    /// Asset or static file source path → site path of its copy.
    pub(crate) files: HashMap<PathBuf, String>,
}

impl LinkTargets {
    pub fn new(course: &Course) -> Self {
        let mut lessons = HashMap::new();
        let mut modules = HashMap::new();
        let mut files = HashMap::new();
        for module in &course.modules {
            modules.insert(module.dir.clone(), urls::module_page(module));
            for lesson in module.lessons.iter() {
                lessons.insert(lesson.path.clone(), urls::lesson_page(module, lesson));
            }
            for asset in &module.assets {
                files.insert(asset.clone(), urls::module_asset(module, asset));
            }
        }
        for file in &course.static_files {
            files.insert(file.clone(), urls::static_file(file));
        }
        LinkTargets {
            lessons,
            modules,
            files,
        }
    }
}

const CALLOUTS: &[&str] = &[
    "NOTE",
    "TIP",
    "IMPORTANT",
    "WARNING",
    "CAUTION",
    "DO",
    "DONT",
];

/// Everything a lesson needs to render, shared across lessons.
pub struct LessonRenderer<'a> {
    pub course: &'a Course,
    pub targets: &'a LinkTargets,
    pub strings: &'a Strings,
    pub fences: &'a dyn FenceRenderer,
    /// The ids of the page around the lesson, which headings may not take.
    pub page_ids: &'a PageIds,
}

impl LessonRenderer<'_> {
    /// Renders one lesson whose page is `page` (a site path).
    pub fn render(&self, lesson: &Lesson, page: &str, diagnostics: &Diagnostics) -> RenderedLesson {
        let file = self.course.root.join(&lesson.path);
        let lines = LineIndex::new(&lesson.source);
        let body = lesson.body();
        let base = lesson.body_start;
        let lesson_dir = lesson.path.parent().unwrap_or(Path::new(""));
        let at = |range: &std::ops::Range<usize>| lines.position(base + range.start);
        let width = |range: &std::ops::Range<usize>| {
            let text = &body[range.clone()];
            text.lines().next().unwrap_or_default().chars().count()
        };

        let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(body, options())
            .into_offset_iter()
            .collect();
        let whole = LessonEvents {
            lesson,
            file: &file,
            lines: &lines,
            events: &events,
        };
        self.fences.read_lesson(&whole, diagnostics);
        let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
        let mut ids = HeadingIds::reserving(self.page_ids);
        let mut result = RenderedLesson::default();
        let mut quote_closers: Vec<&'static str> = Vec::new();
        let mut fence_counts: HashMap<String, usize> = HashMap::new();
        // Code blocks become HTML; their text, by position in `out`, for search.
        let mut code_texts: Vec<(usize, String)> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let (text, len) = collect_text(&events[i + 1..], |e| {
                        matches!(e, Event::End(TagEnd::Heading(_)))
                    });
                    // The page shows the title as its own heading: a lesson
                    // that opens with the same `# Title` would show it twice.
                    if i == 0 && *level == HeadingLevel::H1 && text.trim() == lesson.title {
                        i += len + 2;
                        continue;
                    }
                    let id = match id {
                        Some(id) if self.page_ids.contains(id) => {
                            diagnostics.push(
                                Diagnostic::error(
                                    &file,
                                    Some(at(range)),
                                    format!("the id `{id}` is used by the page around the lesson"),
                                )
                                .with_width(width(range))
                                .with_hint(format!("the theme's `{id}` element would be confused with this heading: choose another id (headings without `{{#…}}` get a free one)")),
                            );
                            ids.claim(id.to_string())
                        }
                        Some(id) => ids.claim(id.to_string()),
                        None => ids.unique(&text),
                    };
                    result.headings.push(Heading {
                        level: *level as u8,
                        text,
                        id: id.clone(),
                    });
                    out.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    if let Some(callout) = detect_callout(&events, i) {
                        let kind = callout.kind.to_ascii_lowercase();
                        let key = format!("callout_{kind}");
                        let label = self.strings.get(&key);
                        out.push(Event::Html(CowStr::from(format!(
                            "<div class=\"callout callout-{kind}\" role=\"note\" aria-label=\"{}\">\n<p class=\"callout-title\">{}</p>\n",
                            escape(label),
                            escape(label)
                        ))));
                        quote_closers.push("</div>\n");
                        if !callout.rest.is_empty() {
                            out.push(Event::Start(Tag::Paragraph));
                            out.push(Event::Text(CowStr::from(callout.rest)));
                            i = callout.next;
                        } else if matches!(
                            events.get(callout.next),
                            Some((Event::End(TagEnd::Paragraph), _))
                        ) {
                            i = callout.next + 1;
                        } else {
                            out.push(Event::Start(Tag::Paragraph));
                            i = callout.next;
                        }
                        continue;
                    }
                    quote_closers.push("");
                    out.push(event.clone());
                }
                Event::End(TagEnd::BlockQuote(_)) => match quote_closers.pop() {
                    Some(closer) if !closer.is_empty() => {
                        out.push(Event::Html(CowStr::Borrowed(closer)))
                    }
                    _ => out.push(event.clone()),
                },
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    let info = info.trim();
                    let (kind, args) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
                    let (body_text, len) = collect_text(&events[i + 1..], |e| {
                        matches!(e, Event::End(TagEnd::CodeBlock))
                    });
                    let count = fence_counts.entry(kind.to_string()).or_default();
                    *count += 1;
                    let fence = Fence {
                        kind,
                        args: args.trim(),
                        body: &body_text,
                        file: &file,
                        first_line: at(range).line + 1,
                        id: format!("{kind}-{count}"),
                    };
                    if let Some(html) = self.fences.render_fence(&fence, diagnostics) {
                        out.push(Event::Html(CowStr::from(html)));
                        i += len + 2;
                        continue;
                    }
                    // Plain code: highlighted here, and still searchable.
                    code_texts.push((out.len(), body_text.clone()));
                    out.push(Event::Html(CowStr::from(crate::highlight::code_block(
                        kind, &body_text,
                    ))));
                    i += len + 2;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.rewrite(
                        dest_url,
                        page,
                        lesson_dir,
                        &file,
                        at(range),
                        width(range),
                        false,
                        &mut result,
                        diagnostics,
                    );
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if matches!(events.get(i + 1), Some((Event::End(TagEnd::Image), _))) {
                        diagnostics.push(
                            Diagnostic::warning(&file, Some(at(range)), "this image has no alternative text")
                                .with_width(width(range))
                                .with_hint("describe the image between the brackets: ![what it shows](file.png), so that screen-reader users get it too"),
                        );
                    }
                    let dest = self.rewrite(
                        dest_url,
                        page,
                        lesson_dir,
                        &file,
                        at(range),
                        width(range),
                        true,
                        &mut result,
                        diagnostics,
                    );
                    out.push(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Table(_)) => {
                    out.push(Event::Html(CowStr::from(format!(
                        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                        escape(self.strings.get("table"))
                    ))));
                    out.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    out.push(event.clone());
                    out.push(Event::Html(CowStr::Borrowed("</div>")));
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    if let Some((attribute, value)) = html_url_running_code(html) {
                        diagnostics.push(
                            Diagnostic::error(
                                &file,
                                Some(at(range)),
                                format!(
                                    "this HTML runs code: `{attribute}` is `{}`",
                                    truncate(value.trim(), 30)
                                ),
                            )
                            .with_width(width(range))
                            .with_hint("raw HTML is allowed in lessons, but its links and sources may go to pages, files and web addresses only"),
                        );
                    }
                    out.push(event.clone());
                }
                Event::TaskListMarker(done) => {
                    let (class, key) = if *done {
                        ("task done", "task_done")
                    } else {
                        ("task", "task_todo")
                    };
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"{class}\" role=\"img\" aria-label=\"{}\"></span>",
                        escape(self.strings.get(key))
                    ))));
                }
                _ => out.push(event.clone()),
            }
            i += 1;
        }
        result.sections = section_texts(&out, &code_texts);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        // Every lesson's HTML and texts are held until the pages and the
        // search index are written: without the room they grew into.
        html.shrink_to_fit();
        for text in &mut result.sections {
            text.shrink_to_fit();
        }
        result.html = html;
        result
    }

    /// The URL to write in the page for a link or an image's source. A link
    /// to the course's own pages and files is written as the address of its
    /// page or copy, and recorded in `result.links` for the link pass.
    #[allow(clippy::too_many_arguments)]
    fn rewrite<'e>(
        &self,
        dest: &CowStr<'e>,
        page: &str,
        lesson_dir: &Path,
        file: &Path,
        position: Position,
        width: usize,
        image: bool,
        result: &mut RenderedLesson,
        diagnostics: &Diagnostics,
    ) -> CowStr<'e> {
        let report = |message: String, hint: &str| {
            diagnostics.push(
                Diagnostic::error(file, Some(position), message)
                    .with_width(width)
                    .with_hint(hint),
            );
        };
        let url = dest.trim();
        if url_runs_code(url, image) {
            report(
                format!("this link runs code (`{}`)", truncate(url.trim(), 30)),
                "links in lessons may go to pages, files and web addresses only",
            );
            return CowStr::Borrowed("#");
        }
        if url
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        {
            report(
                format!(
                    "`{}` is a file on your computer, not on the site",
                    truncate(url, 60)
                ),
                "copy the file into a module folder or static/ and link to it with a relative path",
            );
            return dest.clone();
        }
        if url.is_empty() || has_scheme(url) || url.starts_with("//") {
            return dest.clone();
        }
        let (path_part, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let mut record = |destination: Destination| {
            result.links.push(LessonLink {
                position,
                width,
                image,
                written: path_part.to_string(),
                destination,
                anchor: fragment.map(decode),
            });
        };
        if path_part.is_empty() {
            // `#anchor` in the same lesson.
            if fragment.is_some() {
                record(Destination::ThisLesson);
            }
            return dest.clone();
        }
        if path_part.starts_with('/')
            || path_part.starts_with('\\')
            || path_part.contains('\\')
            || looks_like_drive(path_part)
        {
            report(
                format!(
                    "`{}` is an absolute or Windows-style path",
                    truncate(path_part, 60)
                ),
                "write the path relative to this lesson with forward slashes, e.g. `../02-crisis/01-first-hour.md` or `img/photo.png`",
            );
            return dest.clone();
        }
        let Some(target) = urls::resolve_relative(lesson_dir, &decode(path_part)) else {
            report(
                format!(
                    "`{}` points outside the course folder",
                    truncate(path_part, 60)
                ),
                "link only to files inside the course",
            );
            return dest.clone();
        };
        let with_fragment = |site_path: &str| {
            let href = urls::relative_href(page, site_path);
            CowStr::from(match fragment {
                Some(f) => format!("{href}#{f}"),
                None => href,
            })
        };
        let (destination, written) = if let Some(site_path) = self.targets.lessons.get(&target) {
            (Destination::Lesson(target), with_fragment(site_path))
        } else if let Some(site_path) = self.targets.modules.get(&target) {
            (Destination::Module(target), with_fragment(site_path))
        } else if let Some(site_path) = self.targets.files.get(&target) {
            (Destination::File(target), with_fragment(site_path))
        } else {
            (Destination::Nothing(target), dest.clone())
        };
        record(destination);
        written
    }
}

struct Callout {
    kind: &'static str,
    /// Text after the marker on the same line.
    rest: String,
    /// Index of the first event after the marker (and its line break).
    next: usize,
}

/// `> [!TIP]` on the first line of a block quote makes it a callout.
fn detect_callout(events: &[(Event<'_>, std::ops::Range<usize>)], quote: usize) -> Option<Callout> {
    if !matches!(
        events.get(quote + 1),
        Some((Event::Start(Tag::Paragraph), _))
    ) {
        return None;
    }
    let mut text = String::new();
    let mut next = quote + 2;
    while let Some((Event::Text(t), _)) = events.get(next) {
        text.push_str(t);
        next += 1;
    }
    let inner = text.trim_start().strip_prefix("[!")?;
    let (name, rest) = inner.split_once(']')?;
    let kind = CALLOUTS.iter().find(|k| k.eq_ignore_ascii_case(name))?;
    let rest = rest.trim();
    if rest.is_empty()
        && matches!(
            events.get(next),
            Some((Event::SoftBreak | Event::HardBreak, _))
        )
    {
        next += 1;
    }
    Some(Callout {
        kind,
        rest: rest.to_string(),
        next,
    })
}

/// The text inside events up to the matching end; returns it and the number
/// of events it spans.
fn collect_text(
    events: &[(Event<'_>, std::ops::Range<usize>)],
    is_end: impl Fn(&Event<'_>) -> bool,
) -> (String, usize) {
    let mut text = String::new();
    for (n, (event, _)) in events.iter().enumerate() {
        match event {
            e if is_end(e) => return (text, n),
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (text, events.len())
}

/// The text of the events that make the page, split at headings. Blocks
/// rendered by a [`FenceRenderer`] (quizzes, posts) are HTML here, so their
/// answers stay out of the search index; highlighted code is HTML too, and
/// its text comes from `code_texts` (event position, text).
fn section_texts(events: &[Event<'_>], code_texts: &[(usize, String)]) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut in_heading = false;
    let mut code_texts = code_texts.iter().peekable();
    for (at, event) in events.iter().enumerate() {
        let Some(text) = sections.last_mut() else {
            break;
        };
        if let Some((_, code)) = code_texts.next_if(|(position, _)| *position == at) {
            text.push_str(code);
            if !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                sections.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if !in_heading => text.push_str(t),
            // Table cells stay apart in snippets: "Format | Plateforme ; Portrait | Instagram".
            Event::End(TagEnd::TableCell) if !in_heading => {
                text.truncate(text.trim_end().len());
                text.push_str(" | ");
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) if !in_heading => {
                text.truncate(text.trim_end().trim_end_matches('|').trim_end().len());
                text.push_str(" ; ");
            }
            Event::End(TagEnd::Table) if !in_heading => {
                text.truncate(text.trim_end().trim_end_matches(';').trim_end().len());
                text.push(' ');
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) if !in_heading && !text.ends_with(' ') && !text.is_empty() => text.push(' '),
            _ => {}
        }
    }
    sections
}

fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn looks_like_drive(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

pub(crate) fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// At most `max` characters of `text` for a message, with invisible
/// characters made visible (`java\tscript:`).
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let mut shown = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            shown.push('…');
            break;
        }
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Renders a short piece of Markdown from a YAML file (a summary, a quiz
/// explanation). Unlike a lesson, text from YAML may not carry HTML: raw HTML
/// is shown as text, and a link that would run code goes nowhere (`#`).
/// Other links are left as written.
pub(crate) fn render_snippet(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if url_runs_code(&dest_url, false) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if url_runs_code(&dest_url, true) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        event => event,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The text of a heading's Markdown, without its markup: `Une *belle*
/// \<leçon\>` → `Une belle <leçon>` (raw HTML tags are left out).
pub(crate) fn heading_text(heading: &str) -> String {
    // Parsed as a heading, so that `1. Intro` stays text, not a list.
    let source = format!("# {}", heading.replace(['\r', '\n'], " "));
    let mut text = String::with_capacity(heading.len());
    for event in Parser::new_ext(&source, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Whether following or loading a URL runs code: `javascript:` and
/// `vbscript:` URLs, and `data:` URLs except images (`image`: the URL is an
/// image's source, where `data:image/…` is a picture). Browsers ignore
/// tabs and line breaks anywhere in a URL, spaces and control characters
/// before it, and the case of its scheme, so this does too.
pub(crate) fn url_runs_code(url: &str, image: bool) -> bool {
    let start: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("javascript:")
        || start.starts_with("vbscript:")
        || (start.starts_with("data:") && !(image && start.starts_with("data:image/")))
}

/// Attributes of raw HTML whose value is a URL that a click or the page
/// itself follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
];

/// The first URL attribute of a piece of raw HTML whose value runs code:
/// (attribute, value). Character references in the value are decoded first,
/// as the browser does (`&#106;avascript:`).
fn html_url_running_code(html: &str) -> Option<(String, String)> {
    for (eq, _) in html.match_indices('=') {
        // An attribute name runs back to a space, a quote, `/`, `<` or `>`
        // (the HTML tokenizer's rule, so `éhref` is not `href`).
        let before = html[..eq].trim_end();
        let name_start = before
            .char_indices()
            .rfind(|(_, c)| {
                c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '/' | '=')
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = html[name_start..eq].trim().to_ascii_lowercase();
        if !URL_ATTRIBUTES.contains(&name.as_str()) {
            continue;
        }
        let rest = html[eq + 1..].trim_start();
        let value = match rest.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &rest[1..];
                &inner[..inner.find(quote as char).unwrap_or(inner.len())]
            }
            _ => {
                &rest[..rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len())]
            }
        };
        let value = decode_character_references(value);
        let image = matches!(name.as_str(), "src" | "poster" | "background");
        if url_runs_code(&value, image) {
            return Some((name, value));
        }
    }
    None
}

/// Decodes the character references a URL attribute may hide its scheme
/// with: numeric ones (`&#106;`, `&#x6A;`) and the few named ones that
/// matter here.
fn decode_character_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            value.and_then(char::from_u32)
        } else {
            match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Like [`render_snippet`], without the paragraph around a single line.
pub fn render_inline(markdown: &str) -> String {
    let html = render_snippet(markdown);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// The text of a short piece of Markdown without its markup (for places
/// that take plain text, such as the `<option>`s of a quiz).
pub(crate) fn render_plain(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_cells_stay_apart_in_section_texts() {
        let markdown = "Avant.\n\n| Format | Plateforme |\n|---|---|\n| Portrait | Instagram |\n| Article | LinkedIn |\n\nAprès.";
        let events: Vec<Event<'_>> =
            Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES).collect();
        assert_eq!(
            section_texts(&events, &[])[0]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            "Avant. Format | Plateforme ; Portrait | Instagram ; Article | LinkedIn Après."
        );
    }

    use super::*;

    #[test]
    fn urls_that_run_code_are_recognised_however_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(url_runs_code(url, false), "{url:?}");
        }
        for url in [
            "https://example.org",
            "page.md",
            "javascript.md",
            "#javascript:",
        ] {
            assert!(!url_runs_code(url, false), "{url:?}");
        }
        assert!(!url_runs_code("data:image/png;base64,AAAA", true));
        assert!(url_runs_code("data:image/png;base64,AAAA", false));
    }

    #[test]
    fn raw_html_links_that_run_code_are_found() {
        let found = |html: &str| html_url_running_code(html).map(|(name, _)| name);
        assert_eq!(
            found(r#"<a href="javascript:alert(1)">x</a>"#),
            Some("href".into())
        );
        assert_eq!(
            found(r#"<a HREF = 'JAVASCRIPT:alert(1)'>"#),
            Some("href".into())
        );
        assert_eq!(
            found(r#"<a href=javascript:alert(1)>"#),
            Some("href".into())
        );
        assert_eq!(
            found(r#"<a href="&#106;avascript:alert(1)">"#),
            Some("href".into())
        );
        assert_eq!(
            found(r#"<a href="&#x6A;ava&Tab;script&colon;alert(1)">"#),
            Some("href".into())
        );
        assert_eq!(
            found(r#"<iframe src="data:text/html,x">"#),
            Some("src".into())
        );
        assert_eq!(found(r#"<img src="data:image/png;base64,AAAA">"#), None);
        assert_eq!(
            found(r#"<a title="javascript: the language" href="x.html">"#),
            None
        );
        assert_eq!(found(r#"<p onclick="go()">"#), None);
        // A name after a multi-byte character (this once cut the character).
        assert_eq!(found(r#"<div éhref="javascript:x">"#), None);
        assert_eq!(found(r#"<div é href="javascript:x">"#), Some("href".into()));
    }

    #[test]
    fn markdown_from_yaml_cannot_carry_html_or_code_links() {
        let html =
            render_snippet("<script>alert(1)</script>\n\nA [x](javascript:alert(1)) <b>bold</b>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains(r##"<a href="#">x</a>"##), "{html}");
        assert!(
            render_snippet("**bold** [site](https://example.org)")
                .contains(r#"<strong>bold</strong> <a href="https://example.org">"#)
        );
    }
}
