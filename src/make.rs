//! Phase 7: the site's files, made of the checked course, its rendered
//! lessons and the theme: every page through its template, the search
//! index and its text chunks, the table of contents' groups, the theme's
//! assets and the scripts made for this course, the author's files copied
//! as they are. Each file is handed to a [`SiteWriter`] as it is made; only
//! the writer knows how it reaches the disk ([`crate::write`]), and putting
//! the made site in place is the build's last step ([`crate::site`]).
//!
//! Pages and the search index are made side by side: the index is pure
//! computation while writing pages waits on the disk. Pages are handed
//! over as they are rendered rather than gathered first, so that a large
//! course is never held twice in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::brand::{self, Brand};
use crate::contained::Folder;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::RenderedLesson;
use crate::model::Course;
use crate::progress_lock::Resolved;
use crate::render::{self, Page};
use crate::theme::{AssetContent, Theme};
use crate::write::SiteWriter;
use crate::{search, urls};

/// What the site is made of: the course as checked, with what the earlier
/// phases made of it.
pub(crate) struct SiteInputs<'a> {
    pub course: &'a Course,
    pub brand: &'a Brand,
    pub theme: &'a Theme,
    pub pages: &'a [Page<'a>],
    /// Indexed like `course.modules[m].lessons[l]`.
    pub rendered: &'a [Vec<Arc<RenderedLesson>>],
    pub lock: &'a Resolved,
}

/// A page as a build made it, kept for the next build (`serve`).
pub(crate) struct CachedPage {
    template: &'static str,
    context: tera::Context,
    html: Vec<u8>,
    /// The text of the lesson a lesson page shows.
    source: Option<Arc<str>>,
}

/// Whether the pages a build caches can be taken as they are: the theme,
/// what lessons are rendered with, and the course apart from its lessons'
/// texts are as the cached pages saw them. Then a lesson page's context can
/// only differ through its own lesson's text, the certificate's through any
/// lesson's text (its build number), and the other pages' (home, modules,
/// quizzes, brand rules) not at all; building and comparing every page's
/// context (the bulk of a rebuild of a large course) is spared.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reuse {
    /// Compare each page's context with the cached one.
    Compare,
    /// Keep each cached page, but lesson pages whose lesson's text changed
    /// and the certificate.
    UnlessLessonChanged,
}

/// What the previous build made, for this one to take where it holds.
pub(crate) struct Previous<'a> {
    pub pages: &'a HashMap<String, Arc<CachedPage>>,
    pub sections: &'a mut search::SectionCache,
    pub reuse: Reuse,
}

/// What [`site_files`] made.
pub(crate) struct Made {
    /// Every page with what it was made of, when a [`Previous`] was given
    /// (for the next build).
    pub pages: Vec<(String, Arc<CachedPage>)>,
    /// How many files the site holds.
    pub files: usize,
    /// How long the pages and the search index (made side by side) and the
    /// copies took.
    pub timings: [(&'static str, Duration); 3],
}

/// Makes every file of the site and hands it to `writer`. Problems (a
/// template that fails, a file that cannot be copied or written) are
/// reported in `diagnostics`.
pub(crate) fn site_files(
    site: &SiteInputs<'_>,
    previous: Option<Previous<'_>>,
    writer: &SiteWriter<'_>,
    diagnostics: &Diagnostics,
) -> Made {
    let course = site.course;
    let theme = site.theme;
    let (previous_pages, section_cache, reuse) = match previous {
        Some(p) => (Some(p.pages), Some(p.sections), p.reuse),
        None => (None, None, Reuse::Compare),
    };
    let contexts = render::PageContexts::new(course, &theme.strings, &theme.build_id);
    let render_pages = || {
        let started = Instant::now();
        let made: Vec<(String, Arc<CachedPage>)> = site
            .pages
            .par_iter()
            .filter_map(|page| {
                let path = page.site_path();
                // A lesson page shows its lesson's text; the certificate
                // shows what all texts make up (its build number); the
                // other pages show only the course's shape.
                let source = match page {
                    Page::Lesson { lesson, .. } => Some(&lesson.source),
                    _ => None,
                };
                let same_as_before = |previous: &CachedPage| match (page, source) {
                    (Page::Certificate, _) => false,
                    (_, Some(source)) => previous
                        .source
                        .as_ref()
                        .is_some_and(|p| Arc::ptr_eq(p, source) || **p == **source),
                    (_, None) => true,
                };
                if reuse == Reuse::UnlessLessonChanged
                    && let Some(previous) = previous_pages.and_then(|p| p.get(&path))
                    && same_as_before(previous)
                {
                    writer.write_unchanged(&path, &previous.html);
                    return Some((path, Arc::clone(previous)));
                }
                let (template, context) = contexts.page_context(page, site.rendered);
                let unchanged = previous_pages
                    .and_then(|p| p.get(&path))
                    .filter(|p| p.template == template && p.context == context);
                let html = match unchanged {
                    Some(previous) => {
                        writer.write_unchanged(&path, &previous.html);
                        previous.html.clone()
                    }
                    None => match theme.render_page_bytes(template, &context) {
                        Ok(html) => {
                            writer.write(&path, &html);
                            html
                        }
                        Err(message) => {
                            diagnostics.push(
                                Diagnostic::error(
                                    course.root.join(page.source_file()),
                                    None,
                                    format!("cannot render the page {path}: {message}"),
                                )
                                .with_hint("a template of the theme or of templates/ is wrong"),
                            );
                            return None;
                        }
                    },
                };
                previous_pages.is_some().then(|| {
                    let page = CachedPage {
                        template,
                        context,
                        html,
                        source: source.cloned(),
                    };
                    (path, Arc::new(page))
                })
            })
            .collect();
        (made, started.elapsed())
    };
    let index_search = || {
        let started = Instant::now();
        let sink = search::ChunkSink {
            // A chunk made of the same sections as the one the previous
            // build wrote here holds the same bytes.
            keep: |k| writer.keep(&search::text_chunk_path(k)),
            write: |k, script: String| writer.write(&search::text_chunk_path(k), script.as_bytes()),
        };
        let scripts = search::search_scripts(course, site.rendered, section_cache, sink);
        // Written now rather than held with the other generated files.
        let path = format!("{}/search-index.js", urls::ASSETS_DIR);
        writer.write(&path, scripts.index.as_bytes());
        (scripts.text_chunks, started.elapsed())
    };
    let ((pages, pages_time), (text_chunks, search_time)) = rayon::join(render_pages, index_search);

    let started = Instant::now();
    let copies = file_copies(course);
    copies
        .par_iter()
        .for_each(|(source, site_path)| writer.copy_course_file(&course.root, source, site_path));
    // The theme folder's assets that the build does not read, copied too.
    let theme_copies: Vec<(&Path, &Path, String)> = theme
        .assets
        .iter()
        .filter_map(|asset| match &asset.content {
            AssetContent::File { root, path } => Some((
                root.as_path(),
                path.as_path(),
                format!("{}/{}", urls::ASSETS_DIR, asset.name),
            )),
            AssetContent::Bytes(_) => None,
        })
        .collect();
    theme_copies
        .par_iter()
        .for_each(|(root, source, site_path)| writer.copy(Folder::theme(root), source, site_path));
    let files_time = started.elapsed();

    let generated = generated_files(site, contexts.toc());
    for (path, bytes) in &generated {
        writer.write(path, bytes);
    }
    Made {
        pages,
        // The search index and its text chunks besides.
        files: site.pages.len()
            + copies.len()
            + theme_copies.len()
            + generated.len()
            + 1
            + text_chunks,
        timings: [
            ("pages", pages_time),
            ("search", search_time),
            ("files", files_time),
        ],
    }
}

/// The site's files that are neither pages nor copies nor search: the
/// theme's own files (its stylesheet minified), the table of contents'
/// groups, the scripts made for this course, a quiz.xml's pictures and
/// the look's stylesheet. (site path, bytes)
fn generated_files<'a>(
    site: &SiteInputs<'a>,
    toc: &crate::toc::Layout,
) -> Vec<(String, std::borrow::Cow<'a, [u8]>)> {
    let (course, theme) = (site.course, site.theme);
    let mut generated: Vec<(String, std::borrow::Cow<'_, [u8]>)> = theme
        .assets
        .iter()
        .filter_map(|asset| {
            let AssetContent::Bytes(bytes) = &asset.content else {
                return None;
            };
            let bytes = if asset.name == "style.css" {
                crate::bundle::minified_css(&String::from_utf8_lossy(bytes))
                    .into_bytes()
                    .into()
            } else {
                bytes.clone()
            };
            Some((format!("{}/{}", urls::ASSETS_DIR, asset.name), bytes))
        })
        .collect();
    let toc_groups = crate::toc::scripts(course, toc, site.lock);
    for (n, group) in toc_groups.into_iter().enumerate() {
        generated.push((crate::toc::group_path(n), group.into_bytes().into()));
    }
    let strings = render::strings_script(&theme.strings);
    // Written for every course, so that post questions can always be
    // checked (against the platforms' limits when there is no brand.yaml).
    let rules = brand::page::rules_script(site.brand, &theme.strings);
    generated.push((
        format!("{}/{}", urls::ASSETS_DIR, crate::bundle::BUNDLE_NAME),
        crate::bundle::script_bundle(&[&strings, &rules], |name| theme.asset_bytes(name))
            .into_bytes()
            .into(),
    ));
    generated.push((
        format!("{}/strings.js", urls::ASSETS_DIR),
        strings.into_bytes().into(),
    ));
    generated.push((
        format!("{}/brand-rules.js", urls::ASSETS_DIR),
        rules.into_bytes().into(),
    ));
    if let Some(script) = render::xapi_settings_script(course) {
        generated.push((
            format!("{}/xapi-settings.js", urls::ASSETS_DIR),
            script.into_bytes().into(),
        ));
    }
    // The pictures a quiz.xml carries, next to the quiz page.
    for module in &course.modules {
        for file in module.quiz.iter().flat_map(|q| &q.files) {
            generated.push((
                urls::quiz_file(module, &file.name),
                file.bytes.as_slice().into(),
            ));
        }
    }
    if let Some(css) = look(course).and_then(crate::look::output::style_sheet) {
        generated.push((
            crate::look::output::STYLE_SHEET.to_string(),
            css.into_bytes().into(),
        ));
    }
    generated
}

/// The course's look (logo, colours, fonts), if brand.yaml gives one.
pub(crate) fn look(course: &Course) -> Option<&crate::look::Look> {
    course.brand.as_ref().and_then(|b| b.look.as_ref())
}

/// Files copied as they are: module files beside their pages, `static/` at
/// the site root, the look's logo and fonts in `assets/look/`. (source
/// relative to the course, site path)
pub(crate) fn file_copies(course: &Course) -> Vec<(PathBuf, String)> {
    let mut copies: Vec<(PathBuf, String)> = look(course).map(|l| l.files()).unwrap_or_default();
    for module in &course.modules {
        copies.extend(
            module
                .assets
                .iter()
                .map(|a| (a.clone(), urls::module_asset(module, a))),
        );
    }
    copies.extend(
        course
            .static_files
            .iter()
            .map(|f| (f.clone(), urls::static_file(f))),
    );
    copies
}
