//! The theme: Tera templates, static assets (CSS, JavaScript) and interface
//! strings. The default theme in `themes/default/` is compiled into the
//! binary; a course may replace files of it with a `theme:` folder, and single
//! templates with its own `templates/` folder.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::model::Course;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A loaded theme: parsed once, then shared by every page render.
pub struct Theme {
    pub tera: tera::Tera,
    /// A hash of every file of the theme (templates, strings, assets).
    sources: u64,
    /// Files under `assets/`, copied to the site's `assets/` folder.
    pub assets: Vec<(String, Cow<'static, [u8]>)>,
    pub strings: Strings,
    /// Made by [`Theme::set_course`] for the pages' sidebars.
    pub(crate) sidebars: crate::render::Sidebars,
}

/// See [`Theme::fingerprint`].
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFingerprint {
    sources: u64,
    globals: tera::Context,
}

/// One file of the theme and where it came from (for diagnostics).
struct ThemeFile {
    origin: PathBuf,
    bytes: Cow<'static, [u8]>,
}

impl Theme {
    /// Loads the theme for `course`. Template syntax errors are reported as
    /// diagnostics; `None` when the theme cannot be used at all.
    pub fn load(course: &Course, diagnostics: &Diagnostics) -> Option<Theme> {
        let mut files: BTreeMap<String, ThemeFile> = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut files);
        if let Some(theme) = &course.theme {
            let dir = course.root.join(theme);
            if !dir.is_dir() {
                diagnostics.push(
                    Diagnostic::error(
                        course.root.join("course.yaml"),
                        crate::load::locate_in_file(&course.root.join("course.yaml"), &[crate::yaml::Step::Key("theme")]),
                        format!("the theme folder `{}` does not exist", dir.display()),
                    )
                    .with_hint("give a path relative to the course folder, or remove `theme:` to use the built-in theme"),
                );
                return None;
            }
            collect_dir(&dir, "", &mut files, diagnostics);
        }
        if let Some(dir) = &course.templates_dir {
            collect_dir(dir, "templates/", &mut files, diagnostics);
        }

        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        let mut ok = true;
        for (name, file) in &files {
            let Some(template) = name.strip_prefix("templates/") else {
                continue;
            };
            let source = match std::str::from_utf8(&file.bytes) {
                Ok(source) => source,
                Err(_) => {
                    diagnostics.push(Diagnostic::error(
                        &file.origin,
                        None,
                        "this template is not valid UTF-8",
                    ));
                    ok = false;
                    continue;
                }
            };
            if let Err(e) = tera.add_raw_template(template, source) {
                diagnostics.push(Diagnostic::error(
                    &file.origin,
                    None,
                    format!("template error: {}", tera_message(&e)),
                ));
                ok = false;
            }
        }

        let mut string_files = BTreeMap::new();
        for (name, file) in &files {
            if let Some(lang) = name
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".yaml"))
            {
                string_files.insert(
                    lang.to_string(),
                    (
                        file.origin.clone(),
                        String::from_utf8_lossy(&file.bytes).into_owned(),
                    ),
                );
            }
        }
        let strings = i18n::choose(
            &string_files,
            &course.language,
            &course.ui,
            &course.root.join("course.yaml"),
            diagnostics,
        );

        let sources = {
            let mut hasher = DefaultHasher::new();
            for (name, file) in &files {
                name.hash(&mut hasher);
                file.bytes.hash(&mut hasher);
            }
            hasher.finish()
        };
        let assets = files
            .into_iter()
            .filter_map(|(name, file)| {
                name.strip_prefix("assets/")
                    .map(|n| (n.to_string(), file.bytes))
            })
            .collect();
        ok.then_some(Theme {
            tera,
            sources,
            assets,
            strings,
            sidebars: Default::default(),
        })
    }

    /// Makes the course-wide values every template may use available to all
    /// pages at once: `course` and the interface strings `t`.
    pub fn set_course(&mut self, course: &Course) {
        #[derive(serde::Serialize)]
        struct CourseGlobals<'a> {
            title: &'a str,
            language: &'a str,
            organization: Option<&'a str>,
            /// Names the learner's progress in localStorage.
            key: String,
            /// Whether the site has a certificate page.
            certificate: bool,
            /// Whether the course has brand rules (and so a brand page).
            brand: bool,
            /// Whether the site reports to an LRS (`xapi:` in course.yaml),
            /// and so loads the scripts that do.
            xapi: bool,
        }
        let globals = CourseGlobals {
            title: &course.title,
            language: &course.language,
            organization: course.organization.as_deref(),
            key: course.storage_key(),
            certificate: course.certificate.is_some(),
            brand: course.brand.is_some(),
            xapi: course.xapi.is_some(),
        };
        self.sidebars = crate::render::Sidebars::new(course);
        let strings = self.strings.clone();
        let context = self.tera.global_context();
        context.insert("course", &globals);
        context.insert("t", &strings);
        context.insert(
            "look",
            &crate::look::output::template_look(
                course.brand.as_ref().and_then(|b| b.look.as_ref()),
                course.description.as_deref(),
            ),
        );
    }

    /// Everything besides a page's own context that decides its HTML: the
    /// theme's files and the values every page gets. Two renders with equal
    /// fingerprints, templates and contexts give the same page.
    pub fn fingerprint(&mut self) -> ThemeFingerprint {
        ThemeFingerprint {
            sources: self.sources,
            globals: self.tera.global_context().clone(),
        }
    }

    /// Renders `template` with `context`, reporting failures against the page.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, String> {
        self.tera
            .render(template, context)
            .map_err(|e| tera_message(&e))
    }

    /// Like [`Theme::render`], for a page written as it is: the bytes, not
    /// checked again as text.
    pub fn render_page_bytes(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, String> {
        // Most pages are 10–20 kB: one allocation for most.
        let mut page = Vec::with_capacity(24 * 1024);
        self.tera
            .render_to(template, context, &mut page)
            .map_err(|e| tera_message(&e))?;
        Ok(page)
    }
}

/// Tera errors chain their causes; the whole chain says what went wrong.
fn tera_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn collect_embedded(dir: &'static Dir<'static>, files: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let name = file.path().to_string_lossy().replace('\\', "/");
        files.insert(
            name.clone(),
            ThemeFile {
                origin: PathBuf::from("themes/default").join(&name),
                bytes: Cow::Borrowed(file.contents()),
            },
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn collect_dir(
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, ThemeFile>,
    diagnostics: &Diagnostics,
) {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .max_depth(16)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    e.path().unwrap_or(dir),
                    None,
                    format!("cannot read the theme: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = format!("{prefix}{}", relative.to_string_lossy().replace('\\', "/"));
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(
                    name,
                    ThemeFile {
                        origin: entry.path().to_path_buf(),
                        bytes: Cow::Owned(bytes),
                    },
                );
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                entry.path(),
                None,
                format!("cannot read: {e}"),
            )),
        }
    }
}
