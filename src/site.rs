//! The build pipeline, in the order it runs:
//!
//! 1. **load** the course folder into the model ([`crate::load`]);
//! 2. load the **theme** ([`crate::theme`]);
//! 3. render every lesson's **Markdown**, in parallel ([`crate::markdown`]);
//! 4. **validate** what needs the whole course ([`crate::validate`]);
//! 5. **render** pages and **write** them to a staging folder, in parallel
//!    ([`crate::render`], [`crate::write`]), then swap it into place.
//!
//! `check` runs phases 1–4 and writes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::markdown::{FenceRenderer, LessonRenderer, LinkTargets, PlainFences, RenderedLesson};
use crate::model::Course;
use crate::render::{self, Page};
use crate::theme::Theme;
use crate::write::Staging;
use crate::{urls, validate};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub course_dir: PathBuf,
    /// Where to write the site; `None` checks without writing.
    pub output: Option<PathBuf>,
    pub drafts: bool,
}

/// What a build did, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub modules: usize,
    pub lessons: usize,
    pub quizzes: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// How long each phase took, in order (shown by `build --timings`).
    pub phases: Vec<(&'static str, Duration)>,
}

/// Times the phases of a run.
#[derive(Default)]
struct Phases(Vec<(&'static str, Duration)>);

impl Phases {
    fn time<T>(&mut self, name: &'static str, phase: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = phase();
        self.0.push((name, started.elapsed()));
        result
    }
}

/// The outcome of a build or check: the diagnostics of the run (sorted), and
/// a summary when it succeeded.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<Summary>,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.summary.is_some()
    }
}

/// Builds (or checks) a course. Never panics on bad input: every problem is a
/// diagnostic in the outcome.
pub fn build(options: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let diagnostics = Diagnostics::new();
    let summary = run(options, &diagnostics).map(|mut summary| {
        summary.elapsed = started.elapsed();
        summary
    });
    let summary = if diagnostics.has_errors() {
        None
    } else {
        summary
    };
    Outcome {
        diagnostics: diagnostics.into_sorted(),
        summary,
    }
}

fn run(options: &BuildOptions, diagnostics: &Diagnostics) -> Option<Summary> {
    let mut phases = Phases::default();
    let load_options = LoadOptions {
        drafts: options.drafts,
    };
    let course = phases.time("load", || {
        load::load_course(&options.course_dir, &load_options, diagnostics)
    })?;
    let mut theme = phases.time("theme", || Theme::load(&course, diagnostics))?;
    theme.set_course(&course);
    validate::check_course(&course, diagnostics);

    let fences: &dyn FenceRenderer = &PlainFences;
    let drafts = course
        .modules
        .iter()
        .flat_map(|m| m.drafts.iter().cloned())
        .collect();
    let targets = LinkTargets::new(&course, drafts);
    let rendered = phases.time("markdown", || {
        render_lessons(&course, &theme, &targets, fences, diagnostics)
    });
    phases.time("validate", || {
        validate::check_anchors(&course, &rendered, diagnostics)
    });

    let pages = render::pages(&course);
    let copies = file_copies(&course);
    validate::check_site_paths(site_claims(&course, &theme, &pages, &copies), diagnostics);
    let mut summary = Summary {
        modules: course.modules.len(),
        lessons: course.lesson_count(),
        quizzes: course
            .modules
            .iter()
            .filter(|m| m.quiz_file.is_some())
            .count(),
        pages: pages.len(),
        ..Summary::default()
    };
    if diagnostics.has_errors() {
        return None;
    }
    if let Some(output) = &options.output {
        summary.files = write_site(
            &course,
            &theme,
            &pages,
            &rendered,
            output,
            diagnostics,
            &mut phases,
        )?;
    }
    summary.phases = phases.0;
    Some(summary)
}

/// Phase 3: every lesson's Markdown to HTML, in parallel. Indexed like
/// `course.modules[m].lessons[l]`.
fn render_lessons(
    course: &Course,
    theme: &Theme,
    targets: &LinkTargets,
    fences: &dyn FenceRenderer,
    diagnostics: &Diagnostics,
) -> Vec<Vec<RenderedLesson>> {
    let renderer = LessonRenderer {
        course,
        targets,
        strings: &theme.strings,
        fences,
    };
    course
        .modules
        .par_iter()
        .map(|module| {
            module
                .lessons
                .par_iter()
                .map(|lesson| {
                    renderer.render(lesson, &urls::lesson_page(module, lesson), diagnostics)
                })
                .collect()
        })
        .collect()
}

/// Phase 5: renders every page and writes it, with the assets, to a staging
/// folder, then puts the staging folder in place of the output. Returns the
/// number of files written.
fn write_site(
    course: &Course,
    theme: &Theme,
    pages: &[Page<'_>],
    rendered: &[Vec<RenderedLesson>],
    output: &Path,
    diagnostics: &Diagnostics,
    phases: &mut Phases,
) -> Option<usize> {
    let staging = match Staging::create(output, &course.root) {
        Ok(staging) => staging,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    // Named as in the output: the staging folder means nothing to the author.
    let io_error = |what: &str, e: std::io::Error| {
        diagnostics.push(
            Diagnostic::error(output.join(what), None, format!("cannot write this file: {e}"))
                .with_hint("check that there is space left and that the folder is writable; the previous site was left as it was"),
        );
    };
    let mut dirs: Vec<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    dirs.push(urls::ASSETS_DIR);
    if let Err(e) = staging.create_dirs(dirs) {
        io_error("", e);
        return None;
    }

    phases.time("pages", || {
        pages.par_iter().for_each(|page| {
            let path = page.site_path();
            match theme.render_page(course, page, rendered) {
                Ok(html) => {
                    if let Err(e) = staging.write(&path, html.as_bytes()) {
                        io_error(&path, e);
                    }
                }
                Err(message) => diagnostics.push(
                    Diagnostic::error(
                        course.root.join(page_source(page)),
                        None,
                        format!("cannot render the page {path}: {message}"),
                    )
                    .with_hint("a template of the theme or of templates/ is wrong"),
                ),
            }
        })
    });

    let copies = file_copies(course);
    phases.time("files", || {
        copies.par_iter().for_each(|(source, site_path)| {
            let source = course.root.join(source);
            if let Err(e) = staging.copy(&source, site_path) {
                // Say which side failed: the author's file or the output.
                match std::fs::File::open(&source) {
                    Err(read) => diagnostics.push(
                        Diagnostic::error(&source, None, format!("cannot read this file: {read}"))
                            .with_hint(
                                "check its permissions, or move it out of the course folder",
                            ),
                    ),
                    Ok(_) => io_error(site_path, e),
                }
            }
        })
    });

    let mut generated: Vec<(String, std::borrow::Cow<'_, [u8]>)> = theme
        .assets
        .iter()
        .map(|(name, bytes)| (format!("{}/{name}", urls::ASSETS_DIR), bytes.clone()))
        .collect();
    generated.push((
        format!("{}/toc.js", urls::ASSETS_DIR),
        render::toc_script(course).into_bytes().into(),
    ));
    for (path, bytes) in &generated {
        if let Err(e) = staging.write(path, bytes) {
            io_error(path, e);
        }
    }

    if diagnostics.has_errors() {
        return None;
    }
    if let Err(e) = phases.time("swap", || staging.commit()) {
        diagnostics.push(Diagnostic::error(
            output,
            None,
            format!("cannot put the new site in place: {e}"),
        ));
        return None;
    }
    Some(pages.len() + copies.len() + generated.len())
}

/// Files copied as they are: module files beside their pages, `static/` at
/// the site root. (source relative to the course, site path)
fn file_copies(course: &Course) -> Vec<(PathBuf, String)> {
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
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

/// Every file the site will hold and what puts it there, in the order of
/// precedence: generated files first, then the author's copied files.
fn site_claims(
    course: &Course,
    theme: &Theme,
    pages: &[Page<'_>],
    copies: &[(PathBuf, String)],
) -> Vec<validate::SiteClaim> {
    let claim = |site_path: String, file: PathBuf, what: String| validate::SiteClaim {
        site_path,
        file,
        what,
    };
    let course_yaml = course.root.join("course.yaml");
    let mut claims = vec![claim(
        load::OUTPUT_MARKER.to_string(),
        course_yaml.clone(),
        "brandcamp's marker of a built site".into(),
    )];
    // Two pages at one place come from two slugs that collide, which
    // loading has reported already.
    let mut page_paths = std::collections::HashSet::new();
    for page in pages
        .iter()
        .filter(|page| page_paths.insert(page.site_path()))
    {
        let what = match page {
            Page::Home => "the course home page".to_string(),
            Page::Module { module, .. } => format!("the page of module `{}`", module.slug),
            Page::Lesson { lesson, .. } => {
                format!("the page of lesson {}", lesson.path.display())
            }
        };
        claims.push(claim(
            page.site_path(),
            course.root.join(page_source(page)),
            what,
        ));
    }
    for (name, _) in &theme.assets {
        let site_path = format!("{}/{name}", urls::ASSETS_DIR);
        let what = format!("the theme's file `{site_path}`");
        claims.push(claim(site_path, course_yaml.clone(), what));
    }
    let toc = format!("{}/toc.js", urls::ASSETS_DIR);
    claims.push(claim(
        toc.clone(),
        course_yaml,
        format!("the list of modules `{toc}`"),
    ));
    for (source, site_path) in copies {
        claims.push(claim(
            site_path.clone(),
            course.root.join(source),
            source.display().to_string(),
        ));
    }
    claims
}

/// The file a page comes from, for errors while rendering it.
fn page_source(page: &Page<'_>) -> PathBuf {
    match page {
        Page::Home => PathBuf::from("course.yaml"),
        Page::Module { module, .. } => module.dir.join("module.yaml"),
        Page::Lesson { lesson, .. } => lesson.path.clone(),
    }
}
