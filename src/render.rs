//! Rendering: turns the course model and its rendered Markdown into pages.
//! Each page gets a small template context holding only what it shows; the
//! list of all modules is not repeated in every page but written to the
//! scripts of `assets/toc/` (see [`crate::toc`]), which a page loads as it
//! needs, so a page's size does not grow with the course.

use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

use crate::brand::Brand;
use crate::bundle::script_json;
use crate::i18n::Strings;
use crate::markdown::{self, Heading, RenderedLesson};
use crate::model::{Course, Lesson, Module};
use crate::quiz::Quiz;
use crate::quiz::payload::{GradedSettings, Use, quiz_payload};
use crate::urls;

/// A page to render: what it is and where it goes.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    Home,
    /// `search.html`: results for `?q=`, drawn by the theme's script.
    Search,
    /// `404.html`, for web servers (and `brandcamp serve`) to show when a
    /// page does not exist.
    NotFound,
    Module {
        index: usize,
        module: &'a Module,
    },
    Lesson {
        module_index: usize,
        module: &'a Module,
        index: usize,
        lesson: &'a Lesson,
    },
    Quiz {
        module_index: usize,
        module: &'a Module,
        quiz: &'a Quiz,
    },
    Certificate,
    /// The brand rules, when the course has a brand.yaml.
    Brand(&'a Brand),
}

impl Page<'_> {
    /// The file a page is made of, relative to the course folder, for the
    /// errors about it.
    pub(crate) fn source_file(&self) -> PathBuf {
        match self {
            Page::Home | Page::Search | Page::NotFound => PathBuf::from("course.yaml"),
            Page::Module { module, .. } => module.dir.join("module.yaml"),
            Page::Lesson { lesson, .. } => lesson.path.clone(),
            Page::Quiz { quiz, .. } => quiz.path.clone(),
            Page::Certificate => PathBuf::from("course.yaml"),
            Page::Brand(_) => PathBuf::from("brand.yaml"),
        }
    }

    pub fn site_path(&self) -> String {
        match self {
            Page::Home => urls::home(),
            Page::Search => urls::SEARCH_PAGE.into(),
            Page::NotFound => urls::NOT_FOUND_PAGE.into(),
            Page::Module { module, .. } => urls::module_page(module),
            Page::Lesson { module, lesson, .. } => urls::lesson_page(module, lesson),
            Page::Quiz { module, .. } => urls::quiz_page(module),
            Page::Certificate => urls::certificate(),
            Page::Brand(_) => urls::brand_page(),
        }
    }
}

/// Every page of the course, in reading order.
pub fn pages(course: &Course) -> Vec<Page<'_>> {
    let mut pages = vec![Page::Home, Page::Search, Page::NotFound];
    if let Some(brand) = &course.brand {
        pages.push(Page::Brand(brand));
    }
    for (index, module) in course.modules.iter().enumerate() {
        pages.push(Page::Module { index, module });
        for (lesson_index, lesson) in module.lessons.iter().enumerate() {
            pages.push(Page::Lesson {
                module_index: index,
                module,
                index: lesson_index,
                lesson,
            });
        }
        if let Some(quiz) = &module.quiz {
            pages.push(Page::Quiz {
                module_index: index,
                module,
                quiz,
            });
        }
    }
    if course.certificate.is_some() {
        pages.push(Page::Certificate);
    }
    pages
}

/// What every page template receives besides its own data.
#[derive(Serialize)]
struct Frame<'a> {
    /// Leads back to the site root from this page: `""` or `"../"`.
    root: String,
    kind: &'static str,
    title: &'a str,
    /// The module shown in the sidebar with its lessons, if any.
    nav_module: Option<NavModule<'a>>,
    /// The groups of the table of contents the page loads
    /// (`assets/toc/<n>.js`, see [`crate::toc`]).
    toc: Vec<usize>,
}

#[derive(Serialize)]
struct NavModule<'a> {
    slug: &'a str,
    title: &'a str,
    href: String,
    /// The lessons listed (as [`NavLesson`]s): all of them, or those around
    /// the current one.
    lessons: Vec<tera::Value>,
    /// Whether lessons before or after those listed are left out.
    more_before: bool,
    more_after: bool,
    quiz_href: Option<String>,
    current_is_quiz: bool,
}

#[derive(Serialize)]
struct NavLesson<'a> {
    /// 1-based position in the module.
    number: usize,
    title: &'a str,
    href: String,
    current: bool,
}

/// Most lessons a page's sidebar lists. A module with more lists those
/// around the current lesson (its page lists them all): listing every
/// lesson on every page would make the site grow with the square of the
/// number of lessons (10,000 lessons, 100 million links).
pub(crate) const SIDEBAR_LESSONS: usize = 100;

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct ModuleCard<'a> {
    slug: &'a str,
    title: &'a str,
    href: String,
    summary_html: String,
    objectives: &'a [String],
    minutes: u32,
    lesson_count: usize,
    quiz_href: Option<String>,
    requires: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct LessonItem<'a> {
    slug: &'a str,
    title: &'a str,
    href: String,
    minutes: u32,
}

/// The template contexts of a build's pages. What every page's navigation
/// needs ([`Sidebars`]) is made once, when this is made, and shared by all
/// pages.
pub struct PageContexts<'a> {
    course: &'a Course,
    strings: &'a Strings,
    sidebars: Sidebars,
    /// The certificate's build number (see [`build_id`]), made while the
    /// lessons' texts were at hand.
    build_id: &'a str,
}

impl<'a> PageContexts<'a> {
    pub fn new(course: &'a Course, strings: &'a Strings, build_id: &'a str) -> Self {
        PageContexts {
            course,
            strings,
            sidebars: Sidebars::new(course),
            build_id,
        }
    }

    /// How the table of contents is cut into groups (`assets/toc/<n>.js`).
    pub(crate) fn toc(&self) -> &crate::toc::Layout {
        &self.sidebars.toc
    }

    /// The template of a page and its context: with the theme, all that
    /// decides the page's HTML.
    pub(crate) fn page_context(
        &self,
        page: &Page<'_>,
        rendered: &[Vec<Arc<RenderedLesson>>],
    ) -> (&'static str, tera::Context) {
        let course = self.course;
        let path = page.site_path();
        let root = urls::root_prefix(&path);
        let mut context = tera::Context::new();
        let template = match page {
            Page::Home => {
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "home",
                        title: &course.title,
                        nav_module: None,
                        toc: self.sidebars.toc.all_groups(),
                    },
                );
                context.insert(
                    "description_html",
                    &course.description.as_deref().map(markdown::render_snippet),
                );
                let cards: Vec<ModuleCard<'_>> = course
                    .modules
                    .iter()
                    .map(|m| module_card(course, &self.sidebars, m, &path))
                    .collect();
                context.insert("modules", &cards);
                let first = course.modules.iter().find_map(|m| {
                    m.lessons
                        .first()
                        .map(|l| urls::relative_href(&path, &urls::lesson_page(m, l)))
                });
                context.insert("start_href", &first);
                context.insert("certificate_href", &certificate_href(course, &path));
                "home.html"
            }
            Page::Search | Page::NotFound => {
                let (kind, title, template) = match page {
                    Page::Search => ("search", self.strings.get("search_title"), "search.html"),
                    _ => (
                        "not-found",
                        self.strings.get("not_found_title"),
                        "not-found.html",
                    ),
                };
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind,
                        title,
                        nav_module: None,
                        toc: vec![0],
                    },
                );
                template
            }
            Page::Module { index, module } => {
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "module",
                        title: &module.title,
                        nav_module: Some(nav_module(
                            &self.sidebars,
                            *index,
                            module,
                            &path,
                            None,
                            false,
                        )),
                        // Its pager leads to the modules before and after it.
                        toc: self.sidebars.toc.groups_for_module(
                            *index,
                            index.checked_sub(1).into_iter().chain([index + 1]),
                        ),
                    },
                );
                context.insert(
                    "module",
                    &module_card(course, &self.sidebars, module, &path),
                );
                let lessons: Vec<LessonItem<'_>> = module
                    .lessons
                    .iter()
                    .map(|l| LessonItem {
                        slug: &l.slug,
                        title: &l.title,
                        href: urls::relative_href(&path, &urls::lesson_page(module, l)),
                        minutes: l.minutes(),
                    })
                    .collect();
                context.insert("lessons", &lessons);
                context.insert("module_number", &(index + 1));
                context.insert("module_count", &course.modules.len());
                context.insert(
                    "previous",
                    &index
                        .checked_sub(1)
                        .map(|i| module_link(&course.modules[i], &path)),
                );
                context.insert(
                    "next",
                    &course.modules.get(index + 1).map(|m| module_link(m, &path)),
                );
                "module.html"
            }
            Page::Lesson {
                module_index,
                module,
                index,
                lesson,
            } => {
                let content = &rendered[*module_index][*index];
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "lesson",
                        title: &lesson.title,
                        nav_module: Some(nav_module(
                            &self.sidebars,
                            *module_index,
                            module,
                            &path,
                            Some(*index),
                            false,
                        )),
                        // The last lesson of a module without a quiz leads
                        // to the next module.
                        toc: self.sidebars.toc.groups_for_module(
                            *module_index,
                            (*index + 1 == module.lessons.len() && module.quiz.is_none())
                                .then_some(*module_index + 1),
                        ),
                    },
                );
                context.insert("module", &module_link(module, &path));
                context.insert("module_slug", &module.slug);
                context.insert("lesson_slug", &lesson.slug);
                context.insert("title", &lesson.title);
                context.insert("minutes", &lesson.minutes());
                context.insert("objectives", &lesson.objectives);
                context.insert("content", &content.html);
                let toc: Vec<&Heading> = content.headings.iter().filter(|h| h.level == 2).collect();
                context.insert("toc", &toc);
                context.insert("position", &(index + 1));
                context.insert("lesson_count", &module.lessons.len());
                let (previous, next) = neighbours(
                    course,
                    *module_index,
                    *index,
                    &path,
                    self.strings.get("module_quiz"),
                );
                context.insert("previous", &previous);
                context.insert("next", &next);
                "lesson.html"
            }
            Page::Quiz {
                module_index,
                module,
                quiz,
            } => {
                let title = quiz
                    .title
                    .as_deref()
                    .unwrap_or(self.strings.get("module_quiz"));
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "quiz",
                        title,
                        nav_module: Some(nav_module(
                            &self.sidebars,
                            *module_index,
                            module,
                            &path,
                            None,
                            true,
                        )),
                        // Its pager leads to the next module.
                        toc: self
                            .sidebars
                            .toc
                            .groups_for_module(*module_index, [*module_index + 1]),
                    },
                );
                let pass_mark = quiz.pass_mark.unwrap_or(course.pass_mark);
                context.insert("module", &module_link(module, &path));
                context.insert("module_number", &(module_index + 1));
                context.insert("title", title);
                context.insert("pass_mark", &pass_mark);
                context.insert("question_count", &quiz.questions_per_attempt());
                context.insert("max_attempts", &quiz.max_attempts);
                context.insert(
                    "payload",
                    &quiz_payload(
                        &module.slug,
                        &quiz.questions,
                        Some(GradedSettings {
                            quiz,
                            pass_mark,
                            review: quiz.review.unwrap_or(course.review),
                        }),
                        Use::Graded,
                    ),
                );
                let previous = match module.lessons.last() {
                    Some(l) => Link {
                        title: &l.title,
                        href: urls::relative_href(&path, &urls::lesson_page(module, l)),
                        current: false,
                    },
                    None => module_link(module, &path),
                };
                context.insert("previous", &previous);
                context.insert(
                    "next",
                    &course
                        .modules
                        .get(module_index + 1)
                        .map(|m| module_link(m, &path)),
                );
                context.insert("certificate_href", &certificate_href(course, &path));
                "quiz.html"
            }
            Page::Certificate => {
                let certificate = course.certificate.clone().unwrap_or_default();
                let title = certificate
                    .title
                    .clone()
                    .unwrap_or_else(|| self.strings.get("certificate").to_string());
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "certificate",
                        title: self.strings.get("certificate"),
                        nav_module: None,
                        toc: self.sidebars.toc.all_groups(),
                    },
                );
                context.insert("certificate_title", &title);
                context.insert("signatory", &certificate.signatory);
                context.insert("signatory_role", &certificate.signatory_role);
                context.insert("build_id", self.build_id);
                let graded: Vec<Link<'_>> = course
                    .modules
                    .iter()
                    .filter(|m| m.quiz.is_some())
                    .map(|m| module_link(m, &path))
                    .collect();
                context.insert("graded_modules", &graded);
                let slugs: Vec<&str> = course
                    .modules
                    .iter()
                    .filter(|m| m.quiz.is_some())
                    .map(|m| m.slug.as_str())
                    .collect();
                context.insert("graded_slugs", &slugs);
                "certificate.html"
            }
            Page::Brand(brand) => {
                context.insert(
                    "frame",
                    &Frame {
                        root,
                        kind: "brand",
                        title: self.strings.get("brand_rules"),
                        nav_module: None,
                        toc: vec![0],
                    },
                );
                context.insert("brand", &crate::brand::page::brand_page(brand));
                "brand.html"
            }
        };
        (template, context)
    }
}

/// A short identifier of the course's content, printed on certificates so
/// that one can tell which version of the course was passed: the same
/// content gives the same identifier at every build.
pub(crate) fn build_id(course: &Course) -> String {
    let modules: Vec<u64> = course.modules.par_iter().map(module_content_hash).collect();
    build_id_of(course, &modules)
}

/// [`build_id`], from the hash of each module's content
/// ([`module_content_hash`]), which `serve` keeps for the modules that
/// did not change.
pub(crate) fn build_id_of(course: &Course, module_hashes: &[u64]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hash_part(&mut hasher, course.title.as_bytes());
    for (module, hash) in course.modules.iter().zip(module_hashes) {
        hash_part(&mut hasher, module.slug.as_bytes());
        hasher.update(&hash.to_le_bytes());
    }
    let hex = format!("{:016X}", hasher.digest());
    format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12])
}

/// What a module adds to the build id: its lessons' names and texts and its
/// questions' ids and prompts. XXH3 rather than a byte-at-a-time hash: at
/// 10,000 lessons the texts are tens of megabytes.
pub(crate) fn module_content_hash(module: &Module) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for lesson in module.lessons.iter() {
        hash_part(&mut hasher, lesson.slug.as_bytes());
        hash_part(&mut hasher, lesson.source.as_bytes());
    }
    for question in module.quiz.iter().flat_map(|q| &q.questions) {
        hash_part(&mut hasher, question.id.as_bytes());
        hash_part(&mut hasher, question.prompt.as_bytes());
    }
    hasher.digest()
}

/// Each part goes in with its length, so that no two courses give the same
/// input by moving text from one part to the next.
fn hash_part(hasher: &mut xxhash_rust::xxh3::Xxh3, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// The certificate page, from `from`, when the course has one.
fn certificate_href(course: &Course, from: &str) -> Option<String> {
    course
        .certificate
        .as_ref()
        .map(|_| urls::relative_href(from, &urls::certificate()))
}

fn module_link<'a>(module: &'a Module, from: &str) -> Link<'a> {
    Link {
        title: &module.title,
        href: urls::relative_href(from, &urls::module_page(module)),
        current: false,
    }
}

fn module_card<'a>(
    course: &'a Course,
    sidebars: &Sidebars,
    module: &'a Module,
    from: &str,
) -> ModuleCard<'a> {
    ModuleCard {
        slug: &module.slug,
        title: &module.title,
        href: urls::relative_href(from, &urls::module_page(module)),
        summary_html: module
            .summary
            .as_deref()
            .map(markdown::render_snippet)
            .unwrap_or_default(),
        objectives: &module.objectives,
        minutes: module.minutes(),
        lesson_count: module.lessons.len(),
        quiz_href: module
            .quiz
            .as_ref()
            .map(|_| urls::relative_href(from, &urls::quiz_page(module))),
        requires: module
            .requires
            .iter()
            .filter_map(|slug| sidebars.module(course, slug))
            .map(|m| module_link(m, from))
            .collect(),
    }
}

fn nav_module<'a>(
    sidebars: &Sidebars,
    module_index: usize,
    module: &'a Module,
    from: &str,
    current: Option<usize>,
    current_is_quiz: bool,
) -> NavModule<'a> {
    let count = module.lessons.len();
    let shown = if count <= SIDEBAR_LESSONS {
        0..count
    } else {
        let start = current
            .unwrap_or(0)
            .saturating_sub(SIDEBAR_LESSONS / 2)
            .min(count - SIDEBAR_LESSONS);
        start..start + SIDEBAR_LESSONS
    };
    let made = sidebars
        .lessons
        .get(module_index)
        .map(|entries| {
            entries.get_or_init(|| (0..count).map(|i| nav_lesson(module, i, false)).collect())
        })
        .filter(|m| m.len() == count);
    NavModule {
        slug: &module.slug,
        title: &module.title,
        href: urls::relative_href(from, &urls::module_page(module)),
        lessons: shown
            .clone()
            .map(|i| {
                let is_current = current == Some(i);
                match made {
                    Some(entries) if !is_current => entries[i].clone(),
                    _ => nav_lesson(module, i, is_current),
                }
            })
            .collect(),
        more_before: shown.start > 0,
        more_after: shown.end < module.lessons.len(),
        quiz_href: module
            .quiz
            .as_ref()
            .map(|_| urls::relative_href(from, &urls::quiz_page(module))),
        current_is_quiz,
    }
}

/// The sidebar entry of a module's lesson `index`, for the pages of that
/// module (which all sit in its folder, so the link is the same on each).
fn nav_lesson(module: &Module, index: usize, current: bool) -> tera::Value {
    let lesson = &module.lessons[index];
    let from = urls::module_page(module);
    tera::Value::from_serializable(&NavLesson {
        number: index + 1,
        title: &lesson.title,
        href: urls::relative_href(&from, &urls::lesson_page(module, lesson)),
        current,
    })
}

/// What every page's navigation needs, made once per build: the sidebar
/// entry of every lesson (the pages of a module only differ in which one is
/// current, made for its page), and where each module is by slug (for
/// `requires`, without a search through the course per page).
struct Sidebars {
    /// Made for each module when a page first shows it: a rebuild that
    /// renders a few pages makes only theirs.
    lessons: Vec<std::sync::OnceLock<Vec<tera::Value>>>,
    modules: std::collections::HashMap<String, usize>,
    /// How the table of contents is cut into groups.
    pub(crate) toc: crate::toc::Layout,
}

impl Sidebars {
    fn new(course: &Course) -> Sidebars {
        Sidebars {
            lessons: course
                .modules
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            modules: course
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (m.slug.clone(), i))
                .collect(),
            toc: crate::toc::Layout::new(course),
        }
    }

    /// The module whose slug is `slug`.
    fn module<'a>(&self, course: &'a Course, slug: &str) -> Option<&'a Module> {
        self.modules.get(slug).and_then(|&i| course.modules.get(i))
    }
}

/// The pages before and after a lesson in reading order: lessons, then the
/// module's quiz, then the next module.
fn neighbours<'a>(
    course: &'a Course,
    module_index: usize,
    index: usize,
    from: &str,
    quiz_title: &'a str,
) -> (Option<Link<'a>>, Option<Link<'a>>) {
    let module = &course.modules[module_index];
    let link = |title: &'a str, site_path: String| {
        Some(Link {
            title,
            href: urls::relative_href(from, &site_path),
            current: false,
        })
    };
    let previous = match index.checked_sub(1) {
        Some(i) => link(
            &module.lessons[i].title,
            urls::lesson_page(module, &module.lessons[i]),
        ),
        None => link(&module.title, urls::module_page(module)),
    };
    let next = match module.lessons.get(index + 1) {
        Some(l) => link(&l.title, urls::lesson_page(module, l)),
        None if module.quiz.is_some() => link(quiz_title, urls::quiz_page(module)),
        None => course
            .modules
            .get(module_index + 1)
            .and_then(|m| link(&m.title, urls::module_page(m))),
    };
    (previous, next)
}

/// `assets/xapi-settings.js`, for a course with `xapi:` in course.yaml:
/// where the site's statements go and as whom (`window.BRANDCAMP_XAPI`,
/// read by `assets/lrs.js`). `None` for a course without: then neither this
/// file nor the scripts that send anything are in the site.
pub(crate) fn xapi_settings_script(course: &Course) -> Option<String> {
    #[derive(Serialize)]
    struct Settings<'a> {
        endpoint: &'a str,
        authorization: Option<&'a str>,
        learner: crate::model::LearnerIdentity,
        course: &'a str,
        title: &'a str,
    }
    let xapi = course.xapi.as_ref()?;
    let settings = Settings {
        endpoint: &xapi.endpoint,
        authorization: xapi.authorization.as_deref(),
        learner: xapi.learner,
        course: course.iri.as_deref()?,
        title: &course.title,
    };
    let json = serde_json::to_string(&settings).ok()?;
    // Safe inside a script: no `</script>` or `<!--` can be written.
    Some(format!(
        "window.BRANDCAMP_XAPI = {};\n",
        json.replace('<', "\\u003c")
    ))
}

/// `assets/strings.js`: the interface strings (in the course's language,
/// with its `ui:` overrides) for the learner-side scripts, written once.
pub(crate) fn strings_script(strings: &crate::i18n::Strings) -> String {
    let json = script_json(strings);
    format!("window.BRANDCAMP_STRINGS = {json};\n")
}
