//! Loading: reads a course folder into the [`Course`] model. Every problem
//! found on the way becomes a diagnostic; loading goes on past errors so that
//! one run reports as many as it can.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::contained::{
    Folder, OUTPUT_MARKER, inside_folder, list_files, not_a_regular_file, unportable,
    unportable_name,
};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::frontmatter;
use crate::model::{Certificate, Course, Identity, Lesson, Module, WrittenId};
use crate::quiz::{ModuleQuizSettings, Quiz};
use crate::reuse::{self, Remembered};
use crate::schema::{CertificateSetting, CourseFile, FrontMatter, ModuleFile};
use crate::slug::{order_key, slug_for_name};
use crate::sources::{SourceFile, Sources};
use crate::variables::Variables;
use crate::yaml::{self, Step, Tree};

/// Longest web address made from a name. File systems take names of 255
/// bytes at most, and a page adds `.html`; a longer name would fail only
/// when the page is written.
const MAX_SLUG_BYTES: usize = 200;

fn slug_too_long(path: &Path, slug: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        None,
        format!(
            "this name makes a web address of {} characters; the limit is {MAX_SLUG_BYTES}",
            slug.len()
        ),
    )
    .with_hint("give it a shorter name (the title can stay long: set it with `title:`)")
}

/// Names that lessons cannot take because module pages use them.
const RESERVED_LESSON_SLUGS: &[&str] = &["index", "quiz"];

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include lessons marked `draft: true`.
    pub drafts: bool,
}

/// The files a module read, as they were read.
type ReadFiles = Arc<[(PathBuf, Arc<SourceFile>)]>;

/// Lessons and quizzes as the previous build read them (see [`crate::reuse`]).
#[derive(Default)]
pub struct LoadCache {
    /// Each lesson with the text of its file.
    lessons: Remembered<(Lesson, Arc<str>)>,
    quizzes: Remembered<Quiz>,
    /// Each module, by its folder, with the files it read as they were read
    /// (see [`load_module_reusing`]).
    modules: Remembered<(Module, ReadFiles)>,
    /// For the next load only: every lesson file that may have changed
    /// since the previous one (relative to the course folder), when that is
    /// known (`serve` learns it from the file system's events). The other
    /// lessons are then taken from the previous load without being read.
    changed_lessons: Option<HashSet<PathBuf>>,
}

impl LoadCache {
    /// Says that, since the previous load, only the lesson files in
    /// `changed` (relative to the course folder) may have changed, and
    /// nothing else of the course (its YAML files, variables, folders).
    pub fn only_lessons_changed(&mut self, changed: HashSet<PathBuf>) {
        self.changed_lessons = Some(changed);
    }

    /// Whether nothing in the module folder `dir_name` may have changed.
    fn module_unchanged(&self, dir_name: &str) -> bool {
        self.changed_lessons
            .as_ref()
            .is_some_and(|changed| !changed.iter().any(|path| path.starts_with(dir_name)))
    }

    fn unchanged(&self, root: &Path, lesson: &Path) -> bool {
        self.changed_lessons.as_ref().is_some_and(|changed| {
            lesson
                .strip_prefix(root)
                .is_ok_and(|relative| !changed.contains(relative))
        })
    }
}

/// Reads the course in `root`. Returns `None` only when there is no course to
/// speak of (no folder, no readable `course.yaml`); otherwise a course with
/// whatever could be read, and the problems in `diagnostics`. Each file is
/// read once, into `sources`, which the course keeps.
pub(crate) fn load_course(
    root: &Path,
    options: &LoadOptions,
    sources: &Arc<Sources>,
    diagnostics: &Diagnostics,
) -> Option<Course> {
    load_course_reusing(root, options, sources, diagnostics, None)
}

/// Like [`load_course`], taking from `cache` the lessons and quizzes whose
/// files have not changed since the previous build, and leaving in it what
/// this one read.
pub(crate) fn load_course_reusing(
    root: &Path,
    options: &LoadOptions,
    sources: &Arc<Sources>,
    diagnostics: &Diagnostics,
    mut cache: Option<&mut LoadCache>,
) -> Option<Course> {
    if let Some(cache) = cache.as_deref_mut() {
        cache.lessons.next_build();
        cache.quizzes.next_build();
        cache.modules.next_build();
    }
    let course = load_course_once(root, options, sources, diagnostics, cache.as_deref());
    // What serve knew of the changes held for this load only.
    if let Some(cache) = cache {
        cache.changed_lessons = None;
    }
    course
}

fn load_course_once(
    root: &Path,
    options: &LoadOptions,
    sources: &Arc<Sources>,
    diagnostics: &Diagnostics,
    cache: Option<&LoadCache>,
) -> Option<Course> {
    if !root.is_dir() {
        diagnostics.push(
            Diagnostic::error(root, None, "no course folder here").with_hint(
                "give the folder that holds course.yaml (`brandcamp build my-course`), or create one with `brandcamp new my-course`",
            ),
        );
        return None;
    }
    let course_yaml = root.join("course.yaml");
    let text = match sources.read(Folder::course(root), &course_yaml, diagnostics) {
        Some(text) => text,
        None => {
            if !course_yaml.exists() {
                diagnostics.push(
                    Diagnostic::error(&course_yaml, None, "course.yaml is missing")
                        .with_hint("create it with at least `title: My course`"),
                );
            }
            return None;
        }
    };
    let tree = yaml_tree(sources, &course_yaml, &text);
    let (file, readable) = match yaml::parse_in(&text, &tree, &course_yaml) {
        Ok(file) => (file, true),
        Err(problems) => {
            diagnostics.extend(problems);
            // Go on with what can be read, so that the other files' problems
            // are reported in the same run; the build fails all the same.
            match lenient_course_file(&text) {
                Some(file) => (file, false),
                None => return None,
            }
        }
    };
    let variables = course_variables(&file, &tree, &course_yaml, diagnostics);
    // course.yaml's own texts may use the variables it defines.
    let file: CourseFile = if readable {
        variables
            .parse_yaml(&text, &tree, &course_yaml, diagnostics)
            .unwrap_or(file)
    } else {
        file
    };
    check_title(Some(&file.title), &tree, &course_yaml, diagnostics);
    let mut language = file.language.clone().unwrap_or_else(|| "en".into());
    if !is_language_tag(&language) {
        diagnostics.push(
            yaml::error_at_value(
                &tree,
                &text,
                &course_yaml,
                &[Step::Key("language")],
                format!("`{language}` is not a language tag"),
            )
            .with_hint("use a BCP 47 tag such as `fr`, `en` or `fr-CA`"),
        );
        // The build fails; its other checks speak English meanwhile,
        // without a second message about the same tag.
        language = "en".into();
    }
    let pass_mark = file.pass_mark.unwrap_or(80);
    if pass_mark > 100 {
        diagnostics.push(
            yaml::error_at_value(
                &tree,
                &text,
                &course_yaml,
                &[Step::Key("pass_mark")],
                format!("pass_mark is {pass_mark}, above 100"),
            )
            .with_hint("pass_mark is a percent, from 0 to 100"),
        );
    }
    let iri = file.iri.as_deref().map(str::trim).map(str::to_string);
    if let Some(iri) = &iri
        && !is_absolute_iri(iri)
    {
        diagnostics.push(
            yaml::error_at_value(
                &tree,
                &text,
                &course_yaml,
                &[Step::Key("iri")],
                format!("`{iri}` is not an absolute IRI"),
            )
            .with_hint("write a web address your organisation controls, e.g. `iri: https://learning.example.org/courses/brand-bootcamp`"),
        );
    }
    let xapi = file
        .xapi
        .as_ref()
        .and_then(|x| xapi_settings(x, iri.is_some(), &tree, &course_yaml, diagnostics));
    let certificate = match &file.certificate {
        None | Some(CertificateSetting::Enabled(true)) => Some(Certificate::default()),
        Some(CertificateSetting::Enabled(false)) => None,
        Some(CertificateSetting::Custom(c)) => Some(Certificate {
            title: c.title.clone(),
            signatory: c.signatory.clone(),
            signatory_role: c.signatory_role.clone(),
        }),
    };

    let entries = sorted_entries(root, diagnostics);
    let mut module_dirs = Vec::new();
    let mut templates_dir = None;
    let mut static_files = Vec::new();
    for (name, path) in &entries {
        if name.starts_with('.')
            || path.join(OUTPUT_MARKER).exists()
            || entry_kind(root, path, diagnostics) != Some(EntryKind::Folder)
        {
            continue;
        }
        match name.as_str() {
            "static" => static_files = list_files(Folder::course(root), path, diagnostics),
            "templates" => templates_dir = Some(path.clone()),
            _ => match path.join("module.yaml").symlink_metadata() {
                Ok(_) => module_dirs.push(name.clone()),
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => diagnostics.push(
                    Diagnostic::error(path, None, format!("cannot read this folder: {e}"))
                        .with_hint("check its permissions, or move it out of the course folder"),
                ),
                Err(_) if has_markdown(path) => diagnostics.push(
                    Diagnostic::error(path, None, "this folder holds lessons but no module.yaml")
                        .with_hint(
                            "add a module.yaml with at least `title: …` to make it a module",
                        ),
                ),
                Err(_) => {}
            },
        }
    }
    let module_dirs = apply_explicit_order(
        module_dirs,
        file.modules.as_deref(),
        &course_yaml,
        &tree,
        "modules",
        "module folder",
        diagnostics,
    );

    let modules: Vec<Module> = module_dirs
        .par_iter()
        .filter_map(|name| {
            load_module_reusing(root, name, options, &variables, sources, cache, diagnostics)
        })
        .collect();

    let brand = load_brand(root, &variables, sources, diagnostics);

    Some(Course {
        root: root.to_path_buf(),
        title: file.title,
        description: file.description,
        language,
        organization: file.organization,
        variables,
        pass_mark: pass_mark.min(100),
        review: file.review.unwrap_or_default(),
        certificate,
        ui: file.ui,
        theme: file.theme.map(PathBuf::from),
        templates_dir,
        static_files,
        modules,
        brand,
        iri,
        xapi,
        sources: Arc::clone(sources),
    })
}

/// `xapi:` of course.yaml as the build uses it, after checking it.
fn xapi_settings(
    file: &crate::schema::XapiFile,
    has_iri: bool,
    tree: &Tree,
    course_yaml: &Path,
    diagnostics: &Diagnostics,
) -> Option<crate::model::Xapi> {
    let at = |key: &'static str| tree.locate(&[Step::Key("xapi"), Step::Key(key)]);
    let mut ok = true;
    let mut refuse = |position, message: String, hint: &str| {
        ok = false;
        diagnostics
            .push(Diagnostic::error(course_yaml, position, message).with_hint(hint.to_string()));
    };
    let endpoint = file.endpoint.trim();
    let absolute = endpoint.starts_with("https://") || endpoint.starts_with("http://");
    if !(absolute || endpoint.starts_with('/')) || endpoint.chars().any(char::is_whitespace) {
        refuse(
            at("endpoint"),
            format!("`{endpoint}` is not an xAPI endpoint"),
            "give the LRS's address (`https://lrs.example.org/xapi/`) or a path on the site's own server that forwards to it (`/lrs/`)",
        );
    }
    if file.key.is_some() != file.secret.is_some() {
        refuse(
            tree.locate(&[Step::Key("xapi")]),
            "xapi: has a key without its secret, or a secret without its key".to_string(),
            "give both `key:` and `secret:` (a write-only key of the LRS), or neither (a proxy that adds them)",
        );
    }
    if !has_iri {
        refuse(
            tree.locate(&[Step::Key("xapi")]),
            "xapi: needs the course's `iri:`, the id the statements are about".to_string(),
            "add `iri: https://learning.example.org/courses/my-course` (an address your organisation controls) to course.yaml",
        );
    }
    let authorization = match (&file.key, &file.secret) {
        (Some(key), Some(secret)) => {
            use base64::Engine;
            let pair = format!("{key}:{secret}");
            Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ))
        }
        _ => None,
    };
    let mut endpoint = endpoint.to_string();
    if !endpoint.ends_with('/') {
        endpoint.push('/');
    }
    ok.then_some(crate::model::Xapi {
        endpoint,
        authorization,
        learner: file.learner,
    })
}

/// An IRI with a scheme (`https:`, `urn:`, …) and nothing a statement or
/// an XML attribute could not carry: no spaces, controls or `<>"{}|\^``.
pub(crate) fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut letters = scheme.chars();
    letters.next().is_some_and(|c| c.is_ascii_alphabetic())
        && letters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}

/// Reads the optional `brand.yaml` at the course root.
fn load_brand(
    root: &Path,
    variables: &Variables,
    sources: &Sources,
    diagnostics: &Diagnostics,
) -> Option<crate::brand::Brand> {
    let path = root.join("brand.yaml");
    if !path.exists() && root.join("brand.yml").exists() {
        diagnostics.push(
            Diagnostic::error(
                root.join("brand.yml"),
                None,
                "brand rules are read from brand.yaml, not brand.yml",
            )
            .with_hint("rename the file to brand.yaml"),
        );
    }
    let text = sources.read(Folder::course(root), &path, diagnostics)?;
    crate::brand::file::parse_brand_with(&text, &path, variables, sources, diagnostics)
}

/// [`load_module`], through the cache: a module whose folder saw no change
/// since the previous load (when the changes are known, see
/// [`LoadCache::only_lessons_changed`]) is taken as it was, with its
/// diagnostics, and the files it read go back into `sources` as they were
/// read, for what quotes them. Its folder is not listed again.
fn load_module_reusing(
    root: &Path,
    dir_name: &str,
    options: &LoadOptions,
    variables: &Variables,
    sources: &Sources,
    cache: Option<&LoadCache>,
    diagnostics: &Diagnostics,
) -> Option<Module> {
    let Some(cache) = cache else {
        return load_module(
            root,
            dir_name,
            options,
            variables,
            sources,
            None,
            diagnostics,
        );
    };
    let key = root.join(dir_name);
    if cache.module_unchanged(dir_name)
        && let Some(carried) = cache.modules.carry_over(&key, diagnostics)
    {
        return carried.map(|(module, files)| {
            sources.insert_files(files.iter());
            // Kept for the build that changes this module (its lessons are
            // read again then: keeping them all would cost each build more
            // than reading a module's lessons costs that one).
            cache
                .quizzes
                .keep(module.quiz_file.iter().map(|path| root.join(path)));
            module
        });
    }
    cache
        .modules
        .make(&key, diagnostics, |diagnostics| {
            let module = load_module(
                root,
                dir_name,
                options,
                variables,
                sources,
                Some(cache),
                diagnostics,
            )?;
            let read: Vec<PathBuf> = std::iter::once(key.join("module.yaml"))
                .chain(module.quiz_file.iter().map(|q| root.join(q)))
                .chain(module.lessons.iter().map(|l| root.join(&l.path)))
                .chain(module.drafts.iter().map(|d| root.join(d)))
                .collect();
            let files: ReadFiles = read
                .into_iter()
                .filter_map(|path| sources.file(&path).map(|file| (path, file)))
                .collect();
            Some((module, files))
        })
        .map(|(module, _)| module)
}

fn load_module(
    root: &Path,
    dir_name: &str,
    options: &LoadOptions,
    variables: &Variables,
    sources: &Sources,
    cache: Option<&LoadCache>,
    diagnostics: &Diagnostics,
) -> Option<Module> {
    let dir = root.join(dir_name);
    let module_yaml = dir.join("module.yaml");
    let text = sources.read(Folder::course(root), &module_yaml, diagnostics)?;
    // A broken module.yaml is reported, and the module is still read so
    // that its lessons are checked and links to it are not reported too.
    let tree = yaml_tree(sources, &module_yaml, &text);
    let file: ModuleFile = variables
        .parse_yaml(&text, &tree, &module_yaml, diagnostics)
        .unwrap_or_else(|problems| {
            diagnostics.extend(problems);
            ModuleFile::untitled(dir_name)
        });
    check_title(Some(&file.title), &tree, &module_yaml, diagnostics);
    let slug = slug_for_name(dir_name);
    if slug.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                &dir,
                None,
                format!("cannot make a web address from the folder name `{dir_name}`"),
            )
            .with_hint("rename the folder with letters or digits, e.g. `01-introduction`"),
        );
        return None;
    }
    if slug.len() > MAX_SLUG_BYTES {
        diagnostics.push(slug_too_long(&dir, &slug));
        return None;
    }

    let mut lesson_names = Vec::new();
    let mut quiz_file: Option<PathBuf> = None;
    let mut assets = Vec::new();
    for (name, path) in sorted_entries(&dir, diagnostics) {
        if name.starts_with('.') {
            continue;
        }
        let Some(kind) = entry_kind(root, &path, diagnostics) else {
            continue;
        };
        if kind == EntryKind::Folder && name.ends_with(".md") {
            diagnostics.push(
                Diagnostic::error(&path, None, "this is a folder, but its name ends in `.md` like a lesson")
                    .with_hint("a lesson is a Markdown file: rename the folder, or move its files into the module folder"),
            );
        } else if kind == EntryKind::Folder {
            assets.extend(list_files(Folder::course(root), &path, diagnostics));
        } else if name == "module.yaml" {
        } else if ["quiz.yaml", "quiz.gift", "quiz.xml"].contains(&name.as_str()) {
            if let Some(other) = &quiz_file {
                let other_name = other.file_name().unwrap_or_default().to_string_lossy();
                diagnostics.push(
                    Diagnostic::error(
                        &path,
                        None,
                        format!("a module has one quiz, but this one has {other_name} and {name}"),
                    )
                    .with_hint(format!(
                        "remove one of them (the other is {})",
                        root.join(other).display()
                    )),
                );
            } else {
                quiz_file = Some(relative(root, &path));
            }
        } else if name.ends_with(".md") {
            lesson_names.push(name);
        } else if let Some(extension) = markdown_extension(&name) {
            // Copied as it is, it would publish its front matter and drafts.
            let stem = &name[..name.len() - extension.len() - 1];
            diagnostics.push(
                Diagnostic::error(
                    &path,
                    None,
                    format!("a Markdown file ending in `.{extension}`: lessons end in `.md`"),
                )
                .with_hint(format!("rename it to `{stem}.md` to make it a lesson, or move it out of the module folder")),
            );
        } else {
            assets.push(relative(root, &path));
        }
    }
    let lesson_names = apply_explicit_order(
        lesson_names,
        file.lessons.as_deref(),
        &module_yaml,
        &tree,
        "lessons",
        "lesson file",
        diagnostics,
    );

    let loaded: Vec<Result<Lesson, PathBuf>> = lesson_names
        .par_iter()
        .map(|name| {
            let path = dir.join(name);
            load_lesson(root, &path, variables, sources, cache, diagnostics)
                .ok_or_else(|| relative(root, &path))
        })
        .collect();
    let mut unreadable = Vec::new();
    let (lessons, drafts): (Vec<Lesson>, Vec<Lesson>) = loaded
        .into_iter()
        .filter_map(|lesson| lesson.map_err(|path| unreadable.push(path)).ok())
        .partition(|lesson| options.drafts || !lesson.draft);
    let drafts = drafts.into_iter().map(|lesson| lesson.path).collect();
    report_collisions(
        lessons
            .iter()
            .map(|l| (l.slug.as_str(), root.join(&l.path))),
        "lesson",
        diagnostics,
    );
    for lesson in &lessons {
        if RESERVED_LESSON_SLUGS.contains(&lesson.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    root.join(&lesson.path),
                    None,
                    format!("a lesson cannot be named `{}`", lesson.slug),
                )
                .with_hint("the module page uses that name; rename the file"),
            );
        }
    }

    let settings_source = crate::quiz::Source {
        text: &text,
        file: &module_yaml,
        line_offset: 0,
        tree: Some(&tree),
    };
    let module_settings = file.quiz.as_ref().map(|settings| ModuleQuizSettings {
        settings,
        source: settings_source,
    });
    if quiz_file.is_none() && module_settings.is_some() {
        diagnostics.push(
            settings_source
                .error(
                    &[Step::Key("quiz")],
                    "`quiz:` gives quiz settings, but this module has no quiz.gift or quiz.xml",
                )
                .with_width(4)
                .with_hint("add the questions in quiz.gift or quiz.xml beside module.yaml, or remove `quiz:`"),
        );
    }
    // A quiz is made of its file and, for quiz.gift and quiz.xml, the settings in
    // module.yaml: it is reused when neither changed.
    let quiz = quiz_file.as_ref().and_then(|path| {
        let file = root.join(path);
        let quiz_text = sources.read(Folder::course(root), &file, diagnostics);
        reuse::through(
            cache.map(|c| &c.quizzes),
            &file,
            || {
                let quiz_text = quiz_text.as_deref().unwrap_or("\0unreadable");
                format!("{text}\0{quiz_text}\0{}", variables.fingerprint()).into()
            },
            diagnostics,
            |diagnostics| {
                let quiz_text = quiz_text.as_deref();
                // Read as YAML, a quiz.yaml is parsed into its kept tree.
                let tree = quiz_text
                    .filter(|_| path.extension().is_some_and(|e| e == "yaml"))
                    .map(|text| yaml_tree(sources, &file, text));
                crate::quiz::quiz_from_text(
                    root,
                    path,
                    quiz_text,
                    tree.as_deref(),
                    module_settings,
                    variables,
                    diagnostics,
                )
            },
        )
    });

    let identity = written_identity(file.id.as_deref(), &file.was, &tree, &module_yaml);
    Some(Module {
        identity,
        slug,
        dir: PathBuf::from(dir_name),
        title: file.title,
        summary: file.summary,
        objectives: file.objectives,
        duration: file.duration,
        requires: file.requires,
        lessons: Arc::new(lessons),
        assets,
        quiz_file,
        quiz: quiz.map(Arc::new),
        drafts,
        unreadable,
    })
}

/// Reads a lesson file, already known to be a regular file inside the
/// course (see [`entry_kind`]).
fn load_lesson(
    root: &Path,
    path: &Path,
    variables: &Variables,
    sources: &Sources,
    cache: Option<&LoadCache>,
    diagnostics: &Diagnostics,
) -> Option<Lesson> {
    if let Some(cache) = cache
        && cache.unchanged(root, path)
        && let Some(carried) = cache.lessons.carry_over(path, diagnostics)
    {
        // Not read again, but kept with the texts read, for what quotes it.
        return carried.map(|(lesson, text)| {
            sources.insert(path, text);
            lesson
        });
    }
    let text = sources.read(Folder::course(root), path, diagnostics)?;
    reuse::through(
        cache.map(|c| &c.lessons),
        path,
        || {
            if text.contains("{{") {
                format!("{text}\0{}", variables.fingerprint()).into()
            } else {
                Arc::clone(&text)
            }
        },
        diagnostics,
        |diagnostics| {
            lesson_with_variables(
                root,
                path,
                Arc::clone(&text),
                variables,
                Some(sources),
                diagnostics,
            )
            .map(|lesson| (lesson, Arc::clone(&text)))
        },
    )
    .map(|(lesson, _)| lesson)
}

/// Makes a lesson of `text`, the content of the file `path` of the course in
/// `root`: front matter, slug, title and word count. No I/O, so that a lesson
/// can also be made in memory (tests, fuzzing).
pub fn lesson_from_text(
    root: &Path,
    path: &Path,
    text: impl Into<Arc<str>>,
    diagnostics: &Diagnostics,
) -> Option<Lesson> {
    lesson_with_variables(root, path, text, &Variables::default(), None, diagnostics)
}

/// Like [`lesson_from_text`], with the course's variables replaced in the
/// front matter and in the Markdown (see [`crate::variables`]). Values hold
/// no line break, so lines of the lesson stay where they were. The front
/// matter's span tree is kept in `sources`, when given, for the phases that
/// look in it later.
pub(crate) fn lesson_with_variables(
    root: &Path,
    path: &Path,
    text: impl Into<Arc<str>>,
    variables: &Variables,
    sources: Option<&Sources>,
    diagnostics: &Diagnostics,
) -> Option<Lesson> {
    let source: Arc<str> = text.into();
    let source = expand_lesson_body(source, path, variables, diagnostics);
    let text = &*source;
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    Some(e.position),
                    "front matter starts with `---` but never ends",
                )
                .with_width(3)
                .with_hint("close it with a line holding only `---`, or remove the first line"),
            );
            return None;
        }
    };
    let mut identity = Identity::default();
    let front: FrontMatter = match split.yaml {
        Some(yaml_text) => {
            let tree = match sources {
                Some(sources) => sources.embedded_yaml(path, yaml_text, split.yaml_first_line),
                None => Arc::new(Tree::new(yaml_text, split.yaml_first_line)),
            };
            let front = variables
                .parse_yaml(yaml_text, &tree, path, diagnostics)
                .unwrap_or_else(|problems| {
                    diagnostics.extend(problems);
                    FrontMatter::default()
                });
            check_title(front.title.as_deref(), &tree, path, diagnostics);
            identity = written_identity(front.id.as_deref(), &front.was, &tree, path);
            front
        }
        None => FrontMatter::default(),
    };
    let file_name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug = slug_for_name(file_name);
    if slug.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                path,
                None,
                format!("cannot make a web address from the file name `{file_name}`"),
            )
            .with_hint("rename the file with letters or digits, e.g. `01-welcome.md`"),
        );
        return None;
    }
    if slug.len() > MAX_SLUG_BYTES {
        diagnostics.push(slug_too_long(path, &slug));
        return None;
    }
    let body = &text[split.body_start..];
    let title = front
        .title
        .or_else(|| first_heading(body))
        .unwrap_or_else(|| title_from_name(file_name));
    let word_count = count_words(body);
    Some(Lesson {
        slug,
        path: relative(root, path),
        title,
        duration: front.duration,
        objectives: front.objectives,
        draft: front.draft,
        body_start: split.body_start,
        source: Arc::clone(&source),
        word_count,
        identity,
    })
}

/// `id:` and `was:` as written at the top level of the YAML whose tree is
/// `tree` (a file, or front matter of `file`).
fn written_identity(id: Option<&str>, was: &[String], tree: &Tree, file: &Path) -> Identity {
    let written = |text: &str, steps: &[Step<'_>]| WrittenId {
        text: text.to_string(),
        file: file.to_path_buf(),
        position: tree.locate_in_file(steps),
    };
    Identity {
        id: id.map(|id| written(id, &[Step::Key("id")])),
        was: was
            .iter()
            .enumerate()
            .map(|(i, was)| written(was, &[Step::Key("was"), Step::Index(i)]))
            .collect(),
    }
}

/// The lesson's text with the variables of its Markdown body replaced (the
/// front matter is expanded once parsed); each reference that cannot be is
/// reported at its line.
fn expand_lesson_body(
    source: Arc<str>,
    path: &Path,
    variables: &Variables,
    diagnostics: &Diagnostics,
) -> Arc<str> {
    if !source.contains("{{") {
        return source;
    }
    let Ok(split) = frontmatter::split(&source) else {
        return source;
    };
    let body = &source[split.body_start..];
    let expansion = variables.expand_markdown(body);
    if !expansion.problems.is_empty() {
        let lines = LineIndex::new(&source);
        for problem in expansion.problems {
            let position = lines.position(split.body_start + problem.range.start);
            diagnostics.push(crate::variables::report(path, position, problem));
        }
    }
    match expansion.text {
        std::borrow::Cow::Borrowed(_) => source,
        std::borrow::Cow::Owned(body) => format!("{}{body}", &source[..split.body_start]).into(),
    }
}

/// Reads `variables:` of course.yaml, reporting names that cannot be
/// written as `{{ name }}` and values that could not stand in a line.
fn course_variables(
    file: &CourseFile,
    tree: &Tree,
    course_yaml: &Path,
    diagnostics: &Diagnostics,
) -> Variables {
    let mut defined = BTreeMap::new();
    for (name, value) in &file.variables {
        let at = tree.locate(&[Step::Key("variables"), Step::Key(name)]);
        let problem = if name == "organization" {
            Some((
                "`organization` is set by course.yaml's `organization:` key".to_string(),
                "remove it from `variables:`; `{{ organization }}` is the value of `organization:`"
                    .to_string(),
            ))
        } else if !crate::variables::is_name(name) {
            let fixed: String = name.to_lowercase().replace(['-', ' '], "_");
            Some((
                format!("`{name}` cannot be a variable name"),
                format!(
                    "names are lowercase letters, digits and `_`, starting with a letter, e.g. `{fixed}`"
                ),
            ))
        } else if value.contains(['\n', '\r']) {
            Some((
                format!("the value of `{name}` has a line break"),
                "a variable stands in a line of text: give it a one-line value".to_string(),
            ))
        } else if value.contains("{{") {
            Some((
                format!("the value of `{name}` uses another variable"),
                "write the value out in full: variables are not expanded inside variables"
                    .to_string(),
            ))
        } else {
            None
        };
        match problem {
            Some((message, hint)) => diagnostics.push(
                Diagnostic::error(course_yaml, at, message)
                    .with_width(name.chars().count())
                    .with_hint(hint),
            ),
            None => {
                defined.insert(name.clone(), value.clone());
            }
        }
    }
    Variables::new(file.organization.as_deref(), &defined)
}

/// course.yaml's keys that can be read on their own, when the whole file
/// cannot (an unknown key, a value of the wrong type): each known key is
/// kept if the file reads with it. `None` when the text is not a YAML map.
fn lenient_course_file(text: &str) -> Option<CourseFile> {
    let serde_yaml::Value::Mapping(map) = serde_yaml::from_str(text).ok()? else {
        return None;
    };
    let known = crate::yaml::keys_of::<CourseFile>();
    let mut kept = serde_yaml::Mapping::new();
    kept.insert("title".into(), "Untitled".into());
    for (key, value) in map {
        if !key.as_str().is_some_and(|k| known.iter().any(|n| n == k)) {
            continue;
        }
        let mut with = kept.clone();
        with.insert(key, value);
        if serde_yaml::from_value::<CourseFile>(serde_yaml::Value::Mapping(with.clone())).is_ok() {
            kept = with;
        }
    }
    serde_yaml::from_value(serde_yaml::Value::Mapping(kept)).ok()
}

/// `title:` with nothing after it reads as an empty title, which would give
/// a page with no name.
fn check_title(title: Option<&str>, tree: &Tree, file: &Path, diagnostics: &Diagnostics) {
    if title.is_some_and(|t| t.trim().is_empty()) {
        let position = tree.locate_in_file(&[Step::Key("title")]);
        diagnostics.push(
            Diagnostic::error(file, position, "the title is empty")
                .with_width(5)
                .with_hint("write the title after `title:`"),
        );
    }
}

/// The span tree of `path`, whose text `text` the store holds (a text it
/// does not hold gets a tree of its own).
fn yaml_tree(sources: &Sources, path: &Path, text: &str) -> Arc<Tree> {
    sources
        .yaml(path)
        .unwrap_or_else(|| Arc::new(Tree::new(text, 1)))
}

/// A folder's entries as (name, path), sorted by order prefix then name.
fn sorted_entries(dir: &Path, diagnostics: &Diagnostics) -> Vec<(String, PathBuf)> {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                dir,
                None,
                format!("cannot read this folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut entries: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .filter_map(|entry| match entry.file_name().into_string() {
            Ok(name)
                if !name.starts_with('.')
                    && let Some(problem) = unportable_name(&name) =>
            {
                diagnostics.push(unportable(&entry.path(), &problem));
                None
            }
            Ok(name) => Some((name, entry.path())),
            Err(name) => {
                diagnostics.push(
                    Diagnostic::error(
                        entry.path(),
                        None,
                        format!("the name {name:?} is not valid Unicode"),
                    )
                    .with_hint("rename it"),
                );
                None
            }
        })
        .collect();
    entries.sort_by_cached_key(|(name, _)| order_key(name));
    entries
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Folder,
}

/// Whether an entry of a course folder is a file or a folder, following
/// symbolic links that stay inside the course. Links that leave the course
/// or lead nowhere, and special files (pipes, sockets, devices: reading a
/// pipe would wait forever), are reported and give `None`.
fn entry_kind(root: &Path, path: &Path, diagnostics: &Diagnostics) -> Option<EntryKind> {
    if !inside_folder(Folder::course(root), path, diagnostics) {
        return None;
    }
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Some(EntryKind::Folder),
        Ok(m) if m.is_file() => Some(EntryKind::File),
        Ok(m) => {
            diagnostics.push(not_a_regular_file(path, m.file_type()));
            None
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(path, None, format!("cannot read: {e}")));
            None
        }
    }
}

/// The extension of a Markdown file not named like a lesson (`.MD`,
/// `.markdown`), if `name` has one.
fn markdown_extension(name: &str) -> Option<&str> {
    let (_, extension) = name.rsplit_once('.')?;
    let markdown = ["md", "markdown", "mdown", "mkd"]
        .iter()
        .any(|m| extension.eq_ignore_ascii_case(m));
    (markdown && extension != "md").then_some(extension)
}

fn has_markdown(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|read| {
            read.filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(".md"))
        })
        .unwrap_or(false)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Orders `found` names by an explicit list from a YAML file, when there is
/// one. Names may be given with or without their numeric prefix (as slugs).
/// A listed name that does not exist, and an existing one left out, are both
/// errors.
fn apply_explicit_order(
    found: Vec<String>,
    listed: Option<&[String]>,
    file: &Path,
    tree: &Tree,
    key: &str,
    what: &str,
    diagnostics: &Diagnostics,
) -> Vec<String> {
    let Some(listed) = listed else { return found };
    let matches = |entry: &str, name: &str| {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        entry == name
            || entry == stem
            || slug_for_name(entry.strip_suffix(".md").unwrap_or(entry)) == slug_for_name(stem)
    };
    let mut ordered = Vec::new();
    for (i, entry) in listed.iter().enumerate() {
        match found.iter().find(|name| matches(entry, name)) {
            Some(name) if !ordered.contains(name) => ordered.push(name.clone()),
            Some(_) => diagnostics.push(
                Diagnostic::error(
                    file,
                    tree.locate(&[Step::Key(key), Step::Index(i)]),
                    format!("`{entry}` is listed twice"),
                )
                .with_hint("remove the second entry"),
            ),
            None => {
                let names = found.iter().map(String::as_str);
                let hint = match crate::diagnostics::suggest(entry, names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the {what}s here are: {}", found.join(", ")),
                };
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        tree.locate(&[Step::Key(key), Step::Index(i)]),
                        format!("`{key}` lists `{entry}`, but there is no such {what}"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    for name in &found {
        if !ordered.contains(name) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    tree.locate(&[Step::Key(key)]),
                    format!("`{name}` is not listed in `{key}`"),
                )
                .with_hint(format!(
                    "add `{name}` to the `{key}` list (or remove the list to use file-name order)"
                )),
            );
        }
    }
    ordered
}

/// Two items of one parent with the same slug would overwrite each other
/// (two lessons of a module; two modules of the course are checked with
/// the whole course, `validate::check_course`).
pub(crate) fn report_collisions<'a>(
    items: impl Iterator<Item = (&'a str, PathBuf)>,
    what: &str,
    diagnostics: &Diagnostics,
) {
    let mut seen: BTreeMap<&str, PathBuf> = BTreeMap::new();
    for (slug, path) in items {
        if let Some(first) = seen.get(slug) {
            diagnostics.push(
                Diagnostic::error(&path, None, format!("this {what} has the web address `{slug}`, like {}", first.display()))
                    .with_hint("rename one of them: names that differ only by case, accents, punctuation or the number prefix give the same address"),
            );
        } else {
            seen.insert(slug, path);
        }
    }
}

/// The text of the first level-1 ATX heading outside code fences.
fn first_heading(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && let Some(title) = trimmed.strip_prefix("# ") {
            let title = crate::markdown::heading_text(title.trim().trim_end_matches('#').trim());
            if !title.trim().is_empty() {
                return Some(title.trim().to_string());
            }
        }
    }
    None
}

/// Words for the reading time: runs of bytes between ASCII white space (the
/// same as `split_whitespace` on prose, without decoding characters).
fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        count += usize::from(!space && !in_word);
        in_word = !space;
    }
    count
}

/// `02-who-speaks` → `Who speaks`.
fn title_from_name(name: &str) -> String {
    let words = crate::slug::split_order_prefix(name)
        .1
        .replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_the_file_name_as_a_last_resort() {
        assert_eq!(title_from_name("02-who-speaks"), "Who speaks");
    }

    #[test]
    fn first_heading_skips_code() {
        assert_eq!(
            first_heading("```\n# not\n```\n# Yes\n"),
            Some("Yes".into())
        );
    }

    #[test]
    fn title_from_a_heading_is_its_text() {
        assert_eq!(
            first_heading("# Une *belle* \\<leçon\\> `code` <b>x</b>\n"),
            Some("Une belle <leçon> code x".into())
        );
        assert_eq!(first_heading("# 1. Intro\n"), Some("1. Intro".into()));
    }

    #[test]
    fn words_are_counted_between_spaces() {
        assert_eq!(count_words("  Une   leçon\nsur\tla marque. "), 5);
        assert_eq!(count_words(""), 0);
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("fr"));
        assert!(is_language_tag("fr-CA"));
        assert!(!is_language_tag("français"));
    }
}
