//! The build pipeline, in the order it runs:
//!
//! 1. **load** the course folder into the model ([`crate::load`]), and the
//!    **theme** ([`crate::theme`]);
//! 2. **check** what the loaded course tells as a whole
//!    ([`crate::validate::check_course`]), and lint its words against the
//!    brand rules ([`crate::brand::lint`]);
//! 3. render every lesson's **Markdown**, in parallel
//!    ([`crate::markdown`]): its HTML, headings, search texts, and the
//!    links it makes to the course's pages and files;
//! 4. **check links** against the whole course ([`crate::validate::links`]);
//! 5. bring the course's **progress lock** up to date: where each lesson and
//!    quiz keeps its learners' progress ([`crate::progress_lock`]);
//! 6. list the site's **paths** (its pages, [`crate::render::pages`]), and
//!    **check the output**: no two files at one place, and what the LMS
//!    package asks ([`crate::validate::check_output`]);
//! 7. **make** the site's files — pages through their templates, the
//!    search index, the scripts made for the course, the author's files —
//!    in parallel ([`crate::make`], [`crate::render`]), handing each to the
//!    **writer**, which stages it beside the output ([`crate::write`]);
//!    then write the new lock, if it changed, and swap the staged site
//!    into place.
//!
//! `check` runs phases 1–6 and writes nothing (neither does `serve`'s build
//! write the lock: its output is a preview). `build --scorm` packages the
//! staged site as a zip before the swap ([`crate::scorm`]); `build --cmi5`
//! does the same for a cmi5 LMS ([`crate::cmi5`], [`crate::package`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::brand::engine::Rules;
use crate::brand::fence::PostFences;
use crate::brand::lint::BodyLint;
use crate::brand::{self, Brand};
use crate::contained::Folder;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::make::{self, CachedPage, Reuse, SiteInputs};
use crate::markdown::{FenceRenderer, FenceRenderers, LessonRenderer, LinkTargets, RenderedLesson};
use crate::model::{Course, Lesson, Module};
use crate::progress_lock::{self, LockPolicy, Resolved};
use crate::quiz::Quiz;
use crate::quiz::fence::QuizFences;
use crate::render::{self, Page};
use crate::reuse::{self, Remembered};
use crate::scorm::{self, PackageOptions};
use crate::sources::Sources;
use crate::theme::{Theme, ThemeFingerprint};
use crate::write::{PreviousSite, SiteWriter, Staging};
use crate::{search, urls, validate};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub course_dir: PathBuf,
    /// Where to write the site; `None` checks without writing.
    pub output: Option<PathBuf>,
    pub drafts: bool,
}

/// The package `build` is asked for (`--scorm VERSION` or `--cmi5`).
#[derive(Debug, Clone)]
pub enum Package {
    Scorm(crate::scorm::PackageOptions),
    Cmi5(crate::cmi5::PackageOptions),
}

impl Package {
    /// The package as its checks see it.
    fn lms(&self) -> validate::Lms {
        match self {
            Package::Scorm(options) => validate::Lms::Scorm(options.version),
            Package::Cmi5(_) => validate::Lms::Cmi5,
        }
    }

    /// Where the zip goes (see each format's `zip_path`).
    pub(crate) fn zip_path(&self, output: &Path) -> PathBuf {
        match self {
            Package::Scorm(options) => options.zip_path(output),
            Package::Cmi5(options) => options.zip_path(output),
        }
    }

    /// As the build's summary names it: `SCORM package`, `cmi5 package`.
    pub fn label(&self) -> String {
        match self {
            Package::Scorm(_) => "SCORM package".to_string(),
            Package::Cmi5(_) => "cmi5 package".to_string(),
        }
    }

    pub(crate) fn check_destination(
        &self,
        output: &Path,
        course_root: &Path,
    ) -> Result<(), Diagnostic> {
        let destination = self.zip_path(output);
        match self {
            Package::Scorm(_) => scorm::check_destination(&destination, output, course_root),
            Package::Cmi5(_) => crate::cmi5::check_destination(&destination, output, course_root),
        }
    }
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
    /// The package written for an LMS, if one was asked for.
    pub package: Option<PathBuf>,
    /// What that package is: `SCORM package`, `cmi5 package`.
    pub package_label: Option<String>,
    /// What changed for learners, when the build changed progress.lock.
    pub lock_changes: Option<progress_lock::Changes>,
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
    /// The texts the build read, which the diagnostics quote
    /// ([`crate::report::print`]).
    pub sources: Arc<Sources>,
    pub summary: Option<Summary>,
    /// The site this build replaced, being removed in the background (see
    /// [`crate::write`]) while the summary is printed; dropping the outcome
    /// waits for the removal to end.
    pub previous_site: Option<PreviousSite>,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.summary.is_some()
    }
}

/// What a build keeps for the next one, so that a rebuild after a small
/// change (as `serve` makes) does not redo what the change cannot affect:
/// pages whose template context and theme are unchanged are not rendered
/// again, and lessons whose text is unchanged are not indexed again. Only
/// pure results are kept, so a rebuild gives the same bytes as a build.
#[derive(Default)]
pub struct BuildCache {
    /// The theme the cached pages were rendered with.
    theme: Option<ThemeFingerprint>,
    pages: HashMap<String, Arc<CachedPage>>,
    sections: search::SectionCache,
    /// Lessons and quizzes as last read.
    load: load::LoadCache,
    /// Lessons' Markdown as last rendered, valid while what rendering
    /// depends on besides the lesson itself is unchanged.
    markdown: Remembered<Arc<RenderedLesson>>,
    markdown_inputs: Option<MarkdownInputs>,
    /// Each module's lessons as last rendered with those inputs.
    rendered_modules: Vec<ModuleMemo<RenderedModule>>,
    /// The output the cached pages were last written to, as long as that
    /// build is the one in place: its unchanged pages are then kept without
    /// being compared. Nothing else may write to that output meanwhile.
    written_to: Option<PathBuf>,
    /// How many files the last build read (see [`Sources`]).
    files_read: usize,
    /// The files of that build, when it updated the output in place.
    files: Option<std::collections::HashSet<String>>,
    /// The course's files changed since that build began, as the caller
    /// told them (see [`BuildCache::changed_files`]), relative to the course
    /// folder; `None` when that is not known. The files copied as they are
    /// (pictures…) that are not among them are kept without being read.
    changed_since_written: Option<std::collections::HashSet<PathBuf>>,
    /// Whether the caller told the coming build what changed.
    told: bool,
    /// The course as the cached pages saw it, lessons' texts left out
    /// (see [`shape_of`]).
    shape: Option<u64>,
    shapes: Vec<ModuleMemo<ModuleShape>>,
    /// Each module's share of the build id (see [`build_id_reusing`]).
    content_hashes: Vec<ModuleMemo<u64>>,
    /// progress.lock as resolved for a course of that shape and the lock's
    /// text then (see [`resolve_lock_reusing`]).
    lock: Option<CachedLock>,
}

/// progress.lock as resolved by a build, for the next one (see
/// [`resolve_lock_reusing`]).
struct CachedLock {
    shape: u64,
    /// The lock's text then (`None`: there was no lock).
    text: Option<Arc<str>>,
    policy: LockPolicy,
    resolved: Resolved,
}

/// [`progress_lock::resolve`], reused while the course's shape (which holds
/// every id, slug and quiz version) and progress.lock's text are the same,
/// and the last resolution reported nothing. The lock is read through the
/// course's sources, where `resolve` then finds it.
fn resolve_lock_reusing(
    course: &Course,
    policy: LockPolicy,
    shape: u64,
    cached: &mut Option<CachedLock>,
    diagnostics: &Diagnostics,
) -> Option<Resolved> {
    let file = progress_lock::path(course);
    // `None` when the lock is there but cannot be read: resolved again, to
    // report it.
    let text = match file.symlink_metadata() {
        Err(_) => Some(None),
        Ok(_) => course
            .sources
            .read(Folder::course(&course.root), &file, &Diagnostics::new())
            .map(Some),
    };
    if let (Some(text), Some(c)) = (&text, cached.as_ref())
        && c.shape == shape
        && c.text == *text
        && c.policy == policy
    {
        return Some(c.resolved.clone());
    }
    let reported = Diagnostics::new();
    let resolved = progress_lock::resolve(course, policy, &reported);
    let reported = reported.into_sorted();
    *cached = match (&resolved, text) {
        (Some(resolved), Some(text)) if reported.is_empty() => Some(CachedLock {
            shape,
            text,
            policy,
            resolved: resolved.clone(),
        }),
        _ => None,
    };
    diagnostics.extend(reported);
    resolved
}

impl BuildCache {
    /// Tells the next build which files changed since the previous one
    /// began, when every change is known (`serve` learns them from the
    /// file system): `changed` are real paths and `course_root` the real
    /// path of the course folder. The lessons not among them are then not
    /// read again. Without this call, every file is read and compared.
    pub fn changed_files(&mut self, course_root: &Path, changed: &[PathBuf]) {
        self.told = true;
        let relative: Option<Vec<PathBuf>> = changed
            .iter()
            .map(|path| path.strip_prefix(course_root).ok().map(Path::to_path_buf))
            .collect();
        match (relative, &mut self.changed_since_written) {
            (Some(relative), Some(since)) => since.extend(relative),
            _ => self.changed_since_written = None,
        }
        // A lesson is made of its file and of the course's variables
        // (course.yaml): a change anywhere else leaves it as it was.
        let mut lessons = std::collections::HashSet::new();
        for path in changed {
            match path.strip_prefix(course_root) {
                Ok(relative) if relative != Path::new("course.yaml") => {
                    lessons.insert(relative.to_path_buf());
                }
                _ => return,
            }
        }
        self.load.only_lessons_changed(lessons);
    }
}

/// What rendering a lesson's Markdown depends on besides the lesson and the
/// theme (strings, fence templates; see `BuildCache::theme`): the course's
/// pages and files (the addresses links are written with, and what each
/// link leads to) and the brand rules (post cards). Whether a link leads to
/// a draft or to nothing is not among them: the link pass tells it anew at
/// every build.
struct MarkdownInputs {
    /// The course's shape the targets were made of (the targets are made
    /// again for another shape; the other inputs are compared).
    shape: Option<u64>,
    targets: Arc<LinkTargets>,
    brand: Option<Brand>,
    /// Knowledge checks are expanded as they are rendered.
    variables: crate::variables::Variables,
}

impl PartialEq for MarkdownInputs {
    fn eq(&self, other: &Self) -> bool {
        (Arc::ptr_eq(&self.targets, &other.targets) || self.targets == other.targets)
            && self.brand == other.brand
            && self.variables == other.variables
    }
}

/// A fingerprint of everything a page's context is made of besides the
/// lessons' texts: the course model (titles, front matter, word counts,
/// quizzes, brand, settings…) with every lesson's text left out. Taken from
/// the model's `Debug` form, so that a field added to a lesson, a quiz or
/// what they hold is part of it without being listed here (the course's and
/// modules' own fields are named, and the compiler asks for a new one). The
/// model holds no hash map, whose order would change from one build to the
/// next (a test holds it to that).
#[cfg(test)]
fn shape_of(course: &Course) -> u64 {
    shape_reusing(course, &mut Vec::new())
}

/// A value made of a module's lessons and quiz, kept with the shared values
/// it was made of (held, so that no other value can take their place): a
/// module taken as it was from the previous build (`serve`, see
/// [`crate::load`]) gives the same value without being looked at again.
struct ModuleMemo<T> {
    lessons: Arc<Vec<Lesson>>,
    quiz: Option<Arc<Quiz>>,
    value: T,
}

/// `make(module)` for each module, in parallel, taken from `memo` for the
/// modules whose lessons and quiz are the values it was made of; `memo`
/// then holds this build's.
fn per_module<T: Clone + Send + Sync>(
    modules: &[Module],
    memo: &mut Vec<ModuleMemo<T>>,
    make: impl Fn(&Module) -> T + Sync,
) -> Vec<T> {
    let made: Vec<ModuleMemo<T>> = modules
        .par_iter()
        .enumerate()
        .map(|(m, module)| {
            let kept = memo.get(m).filter(|kept| {
                Arc::ptr_eq(&kept.lessons, &module.lessons)
                    && match (&kept.quiz, &module.quiz) {
                        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                        (a, b) => a.is_none() && b.is_none(),
                    }
            });
            ModuleMemo {
                lessons: Arc::clone(&module.lessons),
                quiz: module.quiz.clone(),
                value: kept.map_or_else(|| make(module), |kept| kept.value.clone()),
            }
        })
        .collect();
    *memo = made;
    memo.iter().map(|kept| kept.value.clone()).collect()
}

/// A module's lessons and quiz as the shape sees them (see [`shape_of`]).
type ModuleShape = (u64, Option<u64>);

/// [`shape_of`], through `cache`.
fn shape_reusing(course: &Course, cache: &mut Vec<ModuleMemo<ModuleShape>>) -> u64 {
    // Every field named, so that a field added to the course is not left
    // out unseen; the texts read are what the shape leaves out.
    let Course {
        root,
        title,
        description,
        language,
        organization,
        variables,
        pass_mark,
        review,
        certificate,
        ui,
        theme,
        templates_dir,
        static_files,
        modules,
        brand,
        iri,
        xapi,
        sources: _,
    } = course;
    let parts = per_module(modules, cache, |module| {
        let empty: Arc<str> = Arc::from("");
        let lessons: Vec<Lesson> = module
            .lessons
            .iter()
            .map(|lesson| Lesson {
                // Pages show a lesson's length in minutes, not in words.
                source: Arc::clone(&empty),
                word_count: lesson.minutes() as usize,
                ..lesson.clone()
            })
            .collect();
        (debug_hash(&lessons), module.quiz.as_ref().map(debug_hash))
    });
    let module_hashes: Vec<u64> = modules
        .par_iter()
        .zip(&parts)
        .map(|(module, parts)| {
            let Module {
                slug,
                dir,
                title,
                summary,
                objectives,
                duration,
                requires,
                lessons: _,
                assets,
                quiz_file,
                quiz: _,
                drafts,
                unreadable,
                identity,
            } = module;
            debug_hash(&(
                (slug, dir, title, summary, objectives, duration, requires),
                (assets, quiz_file, drafts, unreadable, identity),
                parts,
            ))
        })
        .collect();
    debug_hash(&(
        (root, title, description, language, organization, variables),
        (pass_mark, review, certificate, ui, theme, templates_dir),
        (static_files, brand, iri, xapi, module_hashes),
    ))
}

/// [`render::build_id`], hashing again only the modules whose lessons or
/// quiz are not those of the previous build.
fn build_id_reusing(course: &Course, cache: &mut Vec<ModuleMemo<u64>>) -> String {
    let hashes = per_module(&course.modules, cache, render::module_content_hash);
    render::build_id_of(course, &hashes)
}

/// A hash of `value`'s `Debug` form, made as it is formatted, without
/// holding the text.
fn debug_hash(value: &impl std::fmt::Debug) -> u64 {
    use std::hash::Hasher;
    struct Hashing(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(std::collections::hash_map::DefaultHasher::new());
    let _ = std::fmt::Write::write_fmt(&mut hashing, format_args!("{value:?}"));
    hashing.0.finish()
}

/// Builds (or checks) a course. Never panics on bad input: every problem is a
/// diagnostic in the outcome. A build brings progress.lock up to date; a
/// check (no output) only says when it is out of date.
pub fn build(options: &BuildOptions) -> Outcome {
    build_with(options, None, default_policy(options), None)
}

/// Like [`build`], reusing what `cache` holds from the previous build and
/// leaving in it what the next build can reuse. This is `serve`'s build:
/// it uses progress.lock as the course needs it without writing it.
pub fn build_reusing(options: &BuildOptions, cache: Option<&mut BuildCache>) -> Outcome {
    build_with(options, None, LockPolicy::Preview, cache)
}

/// Builds the site and, beside it, a SCORM package of it for an LMS. Either
/// both are written or, on any error, neither changes.
pub fn build_with_scorm(options: &BuildOptions, package: &PackageOptions) -> Outcome {
    let package = Package::Scorm(package.clone());
    build_with(options, Some(&package), default_policy(options), None)
}

/// Builds the site and, beside it, a cmi5 package of it. Either both are
/// written or, on any error, neither changes.
pub fn build_with_cmi5(options: &BuildOptions, package: &crate::cmi5::PackageOptions) -> Outcome {
    let package = Package::Cmi5(package.clone());
    build_with(options, Some(&package), default_policy(options), None)
}

/// A build with a SCORM package or not, and a chosen way with progress.lock
/// (`build --locked` gives [`LockPolicy::Locked`]).
pub fn build_as(options: &BuildOptions, package: Option<&Package>, lock: LockPolicy) -> Outcome {
    build_with(options, package, lock, None)
}

fn default_policy(options: &BuildOptions) -> LockPolicy {
    match options.output {
        Some(_) => LockPolicy::Update,
        None => LockPolicy::Check,
    }
}

fn build_with(
    options: &BuildOptions,
    package: Option<&Package>,
    lock: LockPolicy,
    cache: Option<&mut BuildCache>,
) -> Outcome {
    let started = Instant::now();
    let diagnostics = Diagnostics::new();
    // As many files as the last build read, held without growing.
    let sources = Arc::new(Sources::with_capacity(
        cache.as_deref().map_or(0, |c| c.files_read),
    ));
    let mut previous_site = None;
    let mut cache = cache;
    let summary = run(
        options,
        package,
        lock,
        &sources,
        &diagnostics,
        cache.as_deref_mut(),
        &mut previous_site,
    )
    .map(|mut summary| {
        summary.elapsed = started.elapsed();
        summary
    });
    let summary = if diagnostics.has_errors() {
        None
    } else {
        summary
    };
    if let Some(cache) = cache {
        cache.files_read = sources.len();
    }
    Outcome {
        diagnostics: diagnostics.into_sorted(),
        sources,
        summary,
        previous_site,
    }
}

fn run(
    options: &BuildOptions,
    package: Option<&Package>,
    lock_policy: LockPolicy,
    sources: &Arc<Sources>,
    diagnostics: &Diagnostics,
    mut cache: Option<&mut BuildCache>,
    previous_site: &mut Option<PreviousSite>,
) -> Option<Summary> {
    let mut phases = Phases::default();
    if let Some(c) = cache.as_deref_mut()
        && !std::mem::take(&mut c.told)
    {
        // Something changed that nobody told of.
        c.changed_since_written = None;
    }
    // A build that keeps nothing for the next one (not serve's).
    let one_off = cache.is_none();
    // Where the build would write is checked before the work of building:
    // a refused output or package path is reported with the course's own
    // problems, and the build stops before writing.
    if let Some(output) = &options.output {
        if let Err(d) = crate::write::check_output_is_safe(output, &options.course_dir) {
            diagnostics.push(d);
        }
        if let Some(package) = package
            && let Err(d) = package.check_destination(output, &options.course_dir)
        {
            diagnostics.push(d);
        }
    }
    let load_options = LoadOptions {
        drafts: options.drafts,
    };
    let mut course = phases.time("load", || {
        load::load_course_reusing(
            &options.course_dir,
            &load_options,
            sources,
            diagnostics,
            cache.as_deref_mut().map(|c| &mut c.load),
        )
    })?;
    let mut theme = phases.time("theme", || {
        let mut theme = Theme::load(&course, diagnostics)?;
        let build_id = match cache.as_deref_mut() {
            Some(c) => build_id_reusing(&course, &mut c.content_hashes),
            None => render::build_id(&course),
        };
        theme.set_course(&course, build_id);
        Some(theme)
    })?;
    // What was rendered with another theme cannot be reused.
    let theme_changed = cache.as_deref_mut().is_some_and(|c| {
        let fingerprint = theme.fingerprint();
        let changed = c.theme.as_ref() != Some(&fingerprint);
        if changed {
            c.pages.clear();
            c.theme = Some(fingerprint);
        }
        changed
    });
    phases.time("check", || validate::check_course(&course, diagnostics));

    // Without brand.yaml, post cards are signed by the organisation and
    // only the platforms' own limits apply.
    let brand = match &course.brand {
        Some(brand) => brand.clone(),
        None => Brand::unbranded(course.organization.as_deref().unwrap_or(&course.title)),
    };
    let brand = &brand;
    let rules = Rules::compile(brand);
    if course.brand.is_some() {
        phases.time("brand lint", || {
            brand::lint::lint_course(&course, brand, &rules, diagnostics)
        });
    }
    if cache.is_none() {
        // The course, module, quiz and brand files have been checked and
        // linted: their trees are let go before the lessons are rendered,
        // when a build holds the most (`serve` keeps them for its next
        // build).
        course.sources.forget_yaml(false);
    }
    let post_fences = PostFences {
        brand,
        rules: &rules,
        theme: &theme,
        // Lessons' bodies are linted as they are rendered.
        lint: course
            .brand
            .as_ref()
            .and_then(|_| BodyLint::new(brand, &rules, &course.sources)),
    };
    let quiz_fences = QuizFences {
        theme: &theme,
        variables: &course.variables,
        sources: &course.sources,
    };
    let fences = FenceRenderers(vec![&post_fences, &quiz_fences]);
    let fences: &dyn FenceRenderer = &fences;
    let shape = cache
        .as_deref_mut()
        .map(|c| phases.time("shape", || shape_reusing(&course, &mut c.shapes)));
    // Made of the course's shape: kept while it is the same.
    let targets = phases.time("link targets", || {
        let kept = cache
            .as_deref()
            .and_then(|c| c.markdown_inputs.as_ref())
            .filter(|inputs| shape.is_some() && inputs.shape == shape);
        match kept {
            Some(inputs) => Arc::clone(&inputs.targets),
            None => Arc::new(LinkTargets::new(&course)),
        }
    });
    let mut reuse = Reuse::Compare;
    let markdown_cache = cache.as_deref_mut().map(|c| {
        let inputs = MarkdownInputs {
            shape,
            targets: Arc::clone(&targets),
            brand: course.brand.clone(),
            variables: course.variables.clone(),
        };
        let inputs_changed = c.markdown_inputs.as_ref() != Some(&inputs);
        if theme_changed || inputs_changed {
            c.markdown = Remembered::default();
            c.rendered_modules.clear();
            // The cached pages were made with the former inputs: compared
            // until pages are made with these (even if this build fails).
            c.shape = None;
        }
        if !theme_changed && !inputs_changed && c.shape.is_some() && c.shape == shape {
            reuse = Reuse::UnlessLessonChanged;
        }
        c.markdown_inputs = Some(inputs);
        c.markdown.next_build();
        (&c.markdown, &mut c.rendered_modules)
    });
    let (lessons_cache, modules_cache) = markdown_cache.unzip();
    let rendered = phases.time("markdown", || {
        render_lessons(
            &course,
            &theme,
            &targets,
            fences,
            lessons_cache,
            modules_cache,
            diagnostics,
        )
    });
    phases.time("check links", || {
        validate::check_links(&course, &targets, &rendered, diagnostics)
    });
    // What is rendered and checked no longer needs the lessons' texts; a
    // build for serve keeps them, which its next build compares with.
    if cache.is_none() {
        // Kept for the lessons a diagnostic quotes.
        let quoted = diagnostics.files();
        let lessons: Vec<PathBuf> = course
            .modules
            .iter()
            .flat_map(|m| m.lessons.iter())
            .map(|l| course.root.join(&l.path))
            .filter(|path| !quoted.contains(path))
            .collect();
        course.sources.forget(lessons);
        course.sources.forget_yaml(true);
        course.release_lesson_texts();
    }
    let lock = phases.time("lock", || match (cache.as_deref_mut(), shape) {
        (Some(cache), Some(shape)) => {
            resolve_lock_reusing(&course, lock_policy, shape, &mut cache.lock, diagnostics)
        }
        _ => progress_lock::resolve(&course, lock_policy, diagnostics),
    });
    let pages = phases.time("paths", || render::pages(&course));
    phases.time("check output", || {
        // The site's paths are made of the course's shape and the theme:
        // when both are those of the last build that wrote its pages,
        // which had checked them, they are as they were.
        let claims = (reuse != Reuse::UnlessLessonChanged)
            .then(|| site_claims(&course, &theme, &pages, &make::file_copies(&course)));
        validate::check_output(
            &course,
            lock.as_ref().map(|l| &l.lock),
            package.map(Package::lms),
            claims,
            diagnostics,
        )
    });
    let mut summary = Summary {
        modules: course.modules.len(),
        lessons: course.lesson_count(),
        quizzes: course.modules.iter().filter(|m| m.quiz.is_some()).count(),
        pages: pages.len(),
        ..Summary::default()
    };
    if diagnostics.has_errors() {
        return None;
    }
    let lock = lock?;
    if let Some(output) = &options.output {
        let write_lock = lock_policy == LockPolicy::Update;
        let site = SiteInputs {
            course: &course,
            brand,
            theme: &theme,
            pages: &pages,
            rendered: &rendered,
            lock: &lock,
        };
        let destination = Destination {
            output,
            package,
            write_lock,
        };
        summary.files = write_site(
            &site,
            &destination,
            cache.map(|c| (c, reuse, shape)),
            diagnostics,
            &mut phases,
            previous_site,
        )?;
        summary.package = package.map(|p| p.zip_path(output));
        summary.package_label = package.map(Package::label);
        if write_lock && lock.new_text.is_some() {
            summary.lock_changes = Some(lock.changes);
        }
    }
    summary.phases = phases.0;
    if one_off {
        // The course and its rendered lessons are hundreds of megabytes at
        // 10,000 lessons: freed beside what follows the build (printing its
        // summary, exiting) rather than before it. Freed here if no thread
        // can be started.
        drop(pages);
        let built = (course, rendered);
        let _ = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || drop(built));
    }
    Some(summary)
}

/// A module's lessons as a build rendered them, with the diagnostics that
/// gave (see [`render_lessons`]).
type RenderedModule = (Vec<Arc<RenderedLesson>>, Arc<[Diagnostic]>);

/// Phase 3: every lesson's Markdown to HTML, in parallel. Indexed like
/// `course.modules[m].lessons[l]`. With a cache (`serve`), a module whose
/// lessons are those the previous build rendered (a module taken as it
/// was, see [`crate::load`]) is taken as it was rendered, and the others'
/// lessons are rendered again only if their text changed. The cache holds
/// what was rendered with the same theme and inputs (see [`MarkdownInputs`]).
fn render_lessons(
    course: &Course,
    theme: &Theme,
    targets: &LinkTargets,
    fences: &dyn FenceRenderer,
    lessons_cache: Option<&Remembered<Arc<RenderedLesson>>>,
    modules_cache: Option<&mut Vec<ModuleMemo<RenderedModule>>>,
    diagnostics: &Diagnostics,
) -> Vec<Vec<Arc<RenderedLesson>>> {
    let renderer = LessonRenderer {
        course,
        targets,
        strings: &theme.strings,
        fences,
        page_ids: &theme.page_ids,
    };
    let render = |module: &Module| -> RenderedModule {
        let own = Diagnostics::new();
        let rendered = module
            .lessons
            .par_iter()
            .map(|lesson| {
                // The lesson's page is named after its file, the key.
                reuse::through(
                    lessons_cache,
                    &lesson.path,
                    || Arc::clone(&lesson.source),
                    &own,
                    |diagnostics| {
                        let page = urls::lesson_page(module, lesson);
                        Some(Arc::new(renderer.render(lesson, &page, diagnostics)))
                    },
                )
                .unwrap_or_default()
            })
            .collect();
        (rendered, own.into_sorted().into())
    };
    let modules = match modules_cache {
        Some(memo) => per_module(&course.modules, memo, render),
        None => course.modules.par_iter().map(render).collect(),
    };
    modules
        .into_iter()
        .map(|(rendered, found)| {
            diagnostics.extend(found.iter().cloned());
            rendered
        })
        .collect()
}

/// Where and how a build writes: the output folder, the package made of
/// it if asked for, and whether progress.lock is written.
struct Destination<'a> {
    output: &'a Path,
    package: Option<&'a Package>,
    write_lock: bool,
}

/// Phase 7 and the swap: makes the site's files into a staging folder
/// beside the output, or into the output itself for `serve`'s preview
/// ([`make::site_files`] through a [`SiteWriter`]); then, if nothing went
/// wrong, makes the package of it if asked for, writes the new lock (if
/// asked and it changed) and puts the site and the package in place.
/// Returns the number of files the site holds.
fn write_site(
    site: &SiteInputs<'_>,
    destination: &Destination<'_>,
    cache: Option<(&mut BuildCache, Reuse, Option<u64>)>,
    diagnostics: &Diagnostics,
    phases: &mut Phases,
    previous_site: &mut Option<PreviousSite>,
) -> Option<usize> {
    let Destination {
        output,
        package,
        write_lock,
    } = *destination;
    let course = site.course;
    let (mut cache, reuse, shape) = match cache {
        Some((cache, reuse, shape)) => (Some(cache), reuse, shape),
        None => (None, Reuse::Compare, None),
    };
    // Taken now: until this build is in place, the output is not what the
    // cache says.
    let in_place = cache
        .as_deref_mut()
        .and_then(|c| c.written_to.take())
        .is_some_and(|written| written == output)
        // A SCORM or cmi5 package is made of a staged site.
        && package.is_none();
    // The files of the build in place, known after the first build that
    // updates it.
    let previous_files = cache.as_deref_mut().and_then(|c| c.files.take());
    let changed_since_written = cache
        .as_deref_mut()
        .and_then(|c| c.changed_since_written.take());
    // serve's output, which only it writes, is updated where it is.
    let staged = if in_place {
        Staging::in_place(output, previous_files)
    } else {
        Staging::create(output, &course.root)
    };
    let writer = match staged {
        Ok(staging) => SiteWriter::new(
            staging,
            in_place,
            changed_since_written,
            output,
            diagnostics,
        ),
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut dirs: Vec<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    dirs.push(urls::ASSETS_DIR);
    if make::look(course).is_some() {
        dirs.push(crate::look::ASSETS_DIR);
    }
    if !writer.create_dirs(dirs) {
        return None;
    }
    let previous = cache.as_deref_mut().map(|c| make::Previous {
        pages: &c.pages,
        sections: &mut c.sections,
        reuse,
    });
    let made = make::site_files(site, previous, &writer, diagnostics);
    phases.0.extend(made.timings);
    if let Some(cache) = cache.as_deref_mut() {
        cache.pages = made.pages.into_iter().collect();
        // What the pages now cached were made from.
        cache.shape = shape;
    }
    if diagnostics.has_errors() {
        return None;
    }
    let zip = match package {
        Some(package) => {
            let staged = match package {
                Package::Scorm(package) => scorm::stage_package(
                    course,
                    site.theme,
                    &site.lock.lock,
                    writer.dir(),
                    output,
                    package,
                ),
                Package::Cmi5(package) => {
                    crate::cmi5::stage_package(course, site.theme, writer.dir(), output, package)
                }
            };
            match staged {
                Ok(zip) => Some(zip),
                Err(d) => {
                    diagnostics.push(d);
                    return None;
                }
            }
        }
        None => None,
    };
    // The lock goes first: a lock ahead of the site it describes is
    // harmless (slots only grow), a site ahead of its lock is not.
    if write_lock
        && let Some(text) = &site.lock.new_text
        && let Err(d) = progress_lock::write(course, text)
    {
        diagnostics.push(d);
        return None;
    }
    let files_made = match phases.time("swap", || writer.commit()) {
        Ok(committed) => {
            *previous_site = committed.previous;
            committed.files
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                output,
                None,
                format!("cannot put the new site in place: {e}"),
            ));
            return None;
        }
    };
    if let Some(zip) = zip {
        let destination = zip.destination().to_path_buf();
        if let Err(e) = zip.commit() {
            diagnostics.push(Diagnostic::error(
                destination,
                None,
                format!("cannot put the package in place: {e}"),
            ));
            return None;
        }
    }
    if let Some(cache) = cache {
        cache.written_to = Some(output.to_path_buf());
        cache.files = files_made;
        cache.changed_since_written = Some(Default::default());
    }
    Some(made.files)
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
        crate::contained::OUTPUT_MARKER.to_string(),
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
            Page::Quiz { module, .. } => format!("the quiz page of module `{}`", module.slug),
            Page::Certificate => "the certificate page".to_string(),
            Page::Brand(_) => "the brand page".to_string(),
            Page::Search => "the search page".to_string(),
            Page::NotFound => "the page for missing pages".to_string(),
        };
        claims.push(claim(
            page.site_path(),
            course.root.join(page.source_file()),
            what,
        ));
    }
    for asset in &theme.assets {
        let site_path = format!("{}/{}", urls::ASSETS_DIR, asset.name);
        let what = format!("the theme's file `{site_path}`");
        claims.push(claim(site_path, course_yaml.clone(), what));
    }
    for generated in [
        "strings.js",
        "search-index.js",
        "brand-rules.js",
        crate::bundle::BUNDLE_NAME,
        "look.css",
    ] {
        let site_path = format!("{}/{generated}", urls::ASSETS_DIR);
        let what = format!("the generated file `{site_path}`");
        claims.push(claim(site_path, course_yaml.clone(), what));
    }
    for n in 0..crate::toc::Layout::new(course).group_count() {
        let site_path = crate::toc::group_path(n);
        let what = format!("the generated file `{site_path}`");
        claims.push(claim(site_path, course_yaml.clone(), what));
    }
    for module in &course.modules {
        let Some(quiz) = &module.quiz else { continue };
        for file in &quiz.files {
            let what = format!("the file `{}` of {}", file.name, quiz.path.display());
            claims.push(claim(
                urls::quiz_file(module, &file.name),
                course.root.join(&quiz.path),
                what,
            ));
        }
    }
    for (source, site_path) in copies {
        claims.push(claim(
            site_path.clone(),
            course.root.join(source),
            source.display().to_string(),
        ));
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Course {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let diagnostics = Diagnostics::new();
        let sources = Arc::new(crate::sources::Sources::new());
        load::load_course(
            &root,
            &LoadOptions { drafts: false },
            &sources,
            &diagnostics,
        )
        .expect("course")
    }

    #[test]
    fn the_shape_of_a_course_is_the_same_from_one_load_to_the_next() {
        // A hash map in the model would format in another order each time.
        assert_eq!(shape_of(&bundled()), shape_of(&bundled()));
    }

    #[test]
    fn the_build_id_made_through_its_cache_is_the_build_id() {
        let course = bundled();
        let mut cache = Vec::new();
        let id = build_id_reusing(&course, &mut cache);
        assert_eq!(id, render::build_id(&course));
        let mut edited = course.clone();
        let lesson = &mut Arc::make_mut(&mut edited.modules[2].lessons)[1];
        lesson.source = format!("{}\nUne phrase de plus.\n", lesson.source).into();
        let edited_id = build_id_reusing(&edited, &mut cache);
        assert_eq!(edited_id, render::build_id(&edited));
        assert_ne!(edited_id, id, "a sentence more is another version");
        assert_eq!(build_id_reusing(&course, &mut cache), id);
    }

    #[test]
    fn the_shape_made_through_its_cache_is_the_shape() {
        let course = bundled();
        let mut cache = Vec::new();
        assert_eq!(shape_reusing(&course, &mut cache), shape_of(&course));
        // Modules shared with the previous build are taken from the cache;
        // those changed are hashed again.
        let mut edited = course.clone();
        Arc::make_mut(&mut edited.modules[1].lessons)[0]
            .title
            .push('!');
        assert_eq!(shape_reusing(&edited, &mut cache), shape_of(&edited));
        assert_ne!(shape_of(&edited), shape_of(&course));
        let quiz = edited
            .modules
            .iter()
            .position(|m| m.quiz.is_some())
            .expect("a quiz");
        if let Some(quiz) = &mut edited.modules[quiz].quiz {
            Arc::make_mut(quiz).questions.pop();
        }
        assert_eq!(shape_reusing(&edited, &mut cache), shape_of(&edited));
        assert_eq!(shape_reusing(&course, &mut cache), shape_of(&course));
    }

    #[test]
    fn the_shape_leaves_out_lesson_texts_but_not_what_pages_show_of_them() {
        let course = bundled();
        let mut edited = course.clone();
        let lesson = &mut Arc::make_mut(&mut edited.modules[0].lessons)[0];
        lesson.source = format!("{}\nUne phrase de plus.\n", lesson.source).into();
        assert_eq!(shape_of(&course), shape_of(&edited), "a sentence more");
        // Without `duration:`, a lesson's minutes come from its words.
        let mut untimed = course.clone();
        Arc::make_mut(&mut untimed.modules[0].lessons)[0].duration = None;
        let mut longer = untimed.clone();
        Arc::make_mut(&mut longer.modules[0].lessons)[0].word_count += 2000;
        assert_ne!(shape_of(&untimed), shape_of(&longer), "minutes more");
        let mut edited = course.clone();
        Arc::make_mut(&mut edited.modules[0].lessons)[0]
            .title
            .push('!');
        assert_ne!(shape_of(&course), shape_of(&edited), "a title");
    }
}
