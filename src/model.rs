//! The course as plain data: what loading fills in and every later phase
//! reads. No I/O here.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub mod identity;
pub use identity::{Identity, WrittenId};

/// A whole course, ready to validate and render.
#[derive(Debug, Clone)]
pub struct Course {
    /// The course folder as the user named it (paths in diagnostics start here).
    pub root: PathBuf,
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// BCP 47 tag, `en` by default.
    pub language: String,
    pub organization: Option<String>,
    /// `{{ name }}` values (course.yaml's `variables:` and `organization`),
    /// already replaced in everything loaded; kept for what is parsed later
    /// (knowledge checks).
    pub variables: crate::variables::Variables,
    /// Percent needed to pass a quiz, unless the quiz sets its own.
    pub pass_mark: u8,
    /// When quizzes show their right answers, unless a quiz sets its own.
    pub review: crate::quiz::Review,
    pub certificate: Option<Certificate>,
    /// Interface string overrides from `ui:`.
    pub ui: BTreeMap<String, String>,
    /// A theme folder that replaces the built-in theme.
    pub theme: Option<PathBuf>,
    /// Per-course template overrides (`templates/`), if present.
    pub templates_dir: Option<PathBuf>,
    /// Files copied as-is to the site root (`static/`), relative to `root`.
    pub static_files: Vec<PathBuf>,
    pub modules: Vec<Module>,
    /// The brand rules of `brand.yaml`, if the course has one.
    pub brand: Option<crate::brand::Brand>,
    /// `iri:` of course.yaml: the course's identity in cmi5 and xAPI (the
    /// course id of cmi5.xml, the activity id statements are about).
    pub iri: Option<String>,
    /// `xapi:` of course.yaml: the learning record store the plain site
    /// reports to; `None` (the default) sends nothing anywhere.
    pub xapi: Option<Xapi>,
    /// The text of every file loading read (and, once they are loaded, the
    /// theme's and progress.lock), each read once: later phases locate what
    /// they check in it, and diagnostics quote it.
    pub sources: Arc<crate::sources::Sources>,
}

/// Where the plain site sends its statements, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xapi {
    /// The LRS's xAPI endpoint (ends with `/`): an absolute URL, or a path
    /// on the site's own server (a proxy that adds the credentials).
    pub endpoint: String,
    /// The `Authorization` header sent with each request, if any. Public:
    /// everyone who can open the site can read it.
    pub authorization: Option<String>,
    pub learner: LearnerIdentity,
}

/// How the plain site names the learner in statements.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LearnerIdentity {
    /// A random id made in the learner's browser and kept there.
    #[default]
    Anonymous,
    /// The id (and name) given in the link the learner opened the course
    /// with: `?learner=ID&name=NAME`, kept in the browser afterwards.
    Link,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Certificate {
    pub title: Option<String>,
    pub signatory: Option<String>,
    pub signatory_role: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Module {
    /// URL name, unique in the course (`01-why-social` → `why-social`).
    pub slug: String,
    /// The module folder, relative to the course root.
    pub dir: PathBuf,
    pub title: String,
    /// Markdown.
    pub summary: Option<String>,
    pub objectives: Vec<String>,
    /// Minutes, as written in `module.yaml`; otherwise derived from lessons.
    pub duration: Option<u32>,
    /// Slugs of modules that must be complete before this one opens.
    pub requires: Vec<String>,
    /// Shared, so that a module taken from the previous build (`serve`)
    /// is not copied lesson by lesson; [`Arc::make_mut`] to change them.
    pub lessons: Arc<Vec<Lesson>>,
    /// Files other than lessons and module files, relative to the course root.
    pub assets: Vec<PathBuf>,
    /// `quiz.yaml` or `quiz.gift`, relative to the course root, if present.
    pub quiz_file: Option<PathBuf>,
    /// The quiz read from `quiz_file`, when it could be read (shared, as
    /// the lessons are).
    pub quiz: Option<Arc<crate::quiz::Quiz>>,
    /// Lessons marked `draft: true` and left out of this build.
    pub drafts: Vec<PathBuf>,
    /// Lessons that could not be read (their problem is reported at them):
    /// links to them are not reported again.
    pub unreadable: Vec<PathBuf>,
    /// `id:` and `was:` of module.yaml: what the module's progress is kept
    /// under (see [`crate::progress_lock`]).
    pub identity: Identity,
}

impl Module {
    /// A module of folder `dir` with a slug and a title, and nothing else.
    pub fn new(
        dir: impl Into<PathBuf>,
        slug: impl Into<String>,
        title: impl Into<String>,
    ) -> Module {
        Module {
            slug: slug.into(),
            dir: dir.into(),
            title: title.into(),
            summary: None,
            objectives: Vec::new(),
            duration: None,
            requires: Vec::new(),
            lessons: Arc::default(),
            assets: Vec::new(),
            quiz_file: None,
            quiz: None,
            drafts: Vec::new(),
            unreadable: Vec::new(),
            identity: Identity::default(),
        }
    }

    /// Minutes a learner needs: the author's figure, else the lessons' sum.
    pub fn minutes(&self) -> u32 {
        self.duration
            .unwrap_or_else(|| self.lessons.iter().map(Lesson::minutes).sum())
    }
}

#[derive(Debug, Clone)]
pub struct Lesson {
    /// URL name, unique in its module.
    pub slug: String,
    /// The Markdown file, relative to the course root.
    pub path: PathBuf,
    pub title: String,
    /// Minutes, from front matter; otherwise the reading time.
    pub duration: Option<u32>,
    pub objectives: Vec<String>,
    pub draft: bool,
    /// The whole file (front matter included), so that positions found in the
    /// body can be reported as lines of the file.
    pub source: Arc<str>,
    /// Byte offset where the Markdown body starts in `source`.
    pub body_start: usize,
    pub word_count: usize,
    /// `id:` and `was:` of the front matter.
    pub identity: Identity,
}

/// Reading speed used for lesson durations, in words per minute.
pub(crate) const WORDS_PER_MINUTE: usize = 200;

impl Lesson {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    pub fn minutes(&self) -> u32 {
        self.duration
            .unwrap_or_else(|| (self.word_count.div_ceil(WORDS_PER_MINUTE)).max(1) as u32)
    }
}

impl Course {
    /// A course with nothing but a folder and a title, every setting at its
    /// default (for building a course in memory: tests, fuzzing).
    pub fn new(root: impl Into<PathBuf>, title: impl Into<String>) -> Course {
        Course {
            root: root.into(),
            title: title.into(),
            description: None,
            language: "en".into(),
            organization: None,
            variables: crate::variables::Variables::default(),
            pass_mark: 80,
            review: crate::quiz::Review::default(),
            certificate: Some(Certificate::default()),
            ui: BTreeMap::new(),
            theme: None,
            templates_dir: None,
            static_files: Vec::new(),
            modules: Vec::new(),
            brand: None,
            iri: None,
            xapi: None,
            sources: Arc::default(),
        }
    }

    /// Lets go of every lesson's text (see [`Lesson::source`]) once the
    /// lessons are rendered and checked: nothing after that reads it, and
    /// a large course's Markdown is a large share of what a build holds.
    /// [`Lesson::body`] is empty afterwards.
    pub fn release_lesson_texts(&mut self) {
        let empty: Arc<str> = Arc::from("");
        let lessons = self
            .modules
            .iter_mut()
            .flat_map(|m| Arc::make_mut(&mut m.lessons));
        for lesson in lessons {
            lesson.source = Arc::clone(&empty);
            lesson.body_start = 0;
        }
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    /// The name under which a learner's progress is kept in the browser:
    /// one key per course.
    pub(crate) fn storage_key(&self) -> String {
        format!("brandcamp:{}", crate::slug::slugify(&self.title))
    }
}
