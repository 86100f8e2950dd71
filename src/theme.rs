//! The theme: Tera templates, static assets (CSS, JavaScript) and interface
//! strings. The default theme in `themes/default/` is compiled into the
//! binary; a course may replace files of it with a `theme:` folder, and single
//! templates with its own `templates/` folder.
//!
//! Of a theme folder, only `templates/`, `i18n/` and `assets/` are looked at,
//! with the rules of the course's own files: links must stay inside the
//! theme folder (inside the course for `templates/`), special files are
//! errors, and text is read with the same size limit. Of the assets, only
//! the ones the build changes (the style sheet, the bundled scripts) are
//! read; the others are copied as they are when the site is written.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::contained::Folder;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::model::Course;
use crate::slug::PageIds;
use crate::sources::Sources;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A loaded theme: parsed once, then shared by every page render.
pub struct Theme {
    pub tera: tera::Tera,
    /// A hash of every file of the theme (templates, strings, assets).
    sources: u64,
    /// Files under `assets/`, copied to the site's `assets/` folder.
    pub assets: Vec<ThemeAsset>,
    pub strings: Strings,
    /// The element ids the theme's pages use (`notices`, `sidebar`…), which
    /// a lesson's headings may not take (see [`page_ids`]).
    pub page_ids: PageIds,
    /// Given by [`Theme::set_course`] for the certificate, from the
    /// lessons' texts, which are let go once rendered
    /// ([`crate::render::build_id`]).
    pub(crate) build_id: String,
}

/// See [`Theme::fingerprint`].
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFingerprint {
    sources: u64,
    globals: tera::Context,
}

/// A file of the theme's `assets/`, by its name there.
pub struct ThemeAsset {
    pub name: String,
    pub content: AssetContent,
}

pub enum AssetContent {
    /// A file of the built-in theme, or one the build reads.
    Bytes(Cow<'static, [u8]>),
    /// A file of the theme folder `root`, copied when the site is written.
    File { root: PathBuf, path: PathBuf },
}

/// One file of the theme and where it came from (for diagnostics).
struct ThemeFile {
    origin: PathBuf,
    /// `None` for an asset the build copies without reading it.
    bytes: Option<Cow<'static, [u8]>>,
    /// The folder of a file from a theme folder.
    root: Option<PathBuf>,
}

/// The folders of a theme folder that the build uses.
const THEME_FOLDERS: &[&str] = &["templates", "i18n", "assets"];

/// Whether the build reads the theme file `name` (else it only copies it).
fn is_read(name: &str) -> bool {
    match name.strip_prefix("assets/") {
        Some(asset) => asset == "style.css" || crate::bundle::BUNDLED_SCRIPTS.contains(&asset),
        None => true,
    }
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
                        course.sources.locate(&course.root.join("course.yaml"), &[crate::yaml::Step::Key("theme")]),
                        format!("the theme folder `{}` does not exist", dir.display()),
                    )
                    .with_hint("give a path relative to the course folder, or remove `theme:` to use the built-in theme"),
                );
                return None;
            }
            for sub in THEME_FOLDERS {
                collect_folder(
                    Folder::theme(&dir),
                    &dir.join(sub),
                    &course.sources,
                    &mut files,
                    diagnostics,
                );
            }
        }
        if let Some(dir) = &course.templates_dir {
            collect_folder(
                Folder::course(&course.root),
                dir,
                &course.sources,
                &mut files,
                diagnostics,
            );
        }

        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        let mut ok = true;
        for (name, file) in &files {
            let Some(template) = name.strip_prefix("templates/") else {
                continue;
            };
            let Some(bytes) = &file.bytes else { continue };
            let source = match std::str::from_utf8(bytes) {
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

        let page_ids = page_ids(
            files
                .iter()
                .filter(|(name, _)| name.starts_with("templates/"))
                .filter_map(|(_, file)| file.bytes.as_deref()),
        );

        let mut string_files = BTreeMap::new();
        for (name, file) in &files {
            if let Some(lang) = name
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".yaml"))
                && let Some(bytes) = &file.bytes
            {
                string_files.insert(
                    lang.to_string(),
                    (
                        file.origin.clone(),
                        String::from_utf8_lossy(bytes).into_owned(),
                    ),
                );
            }
        }
        let strings = i18n::choose(
            &string_files,
            &course.language,
            &course.ui,
            &course.root.join("course.yaml"),
            &course.sources,
            diagnostics,
        );

        // Pages are made of the files read; the others are only copied.
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
                let name = name.strip_prefix("assets/")?.to_string();
                let content = match (file.bytes, file.root) {
                    (Some(bytes), _) => AssetContent::Bytes(bytes),
                    (None, Some(root)) => AssetContent::File {
                        root,
                        path: file.origin,
                    },
                    (None, None) => return None,
                };
                Some(ThemeAsset { name, content })
            })
            .collect();
        ok.then_some(Theme {
            tera,
            sources,
            assets,
            strings,
            page_ids,
            build_id: String::new(),
        })
    }

    /// Makes the course-wide values every template may use available to all
    /// pages at once: `course` and the interface strings `t`.
    pub(crate) fn set_course(&mut self, course: &Course, build_id: String) {
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
            /// How many groups the table of contents is cut into
            /// (`assets/toc/<n>.js`), for the LMS launch pages, which load
            /// them all.
            toc_groups: usize,
        }
        let globals = CourseGlobals {
            title: &course.title,
            language: &course.language,
            organization: course.organization.as_deref(),
            key: course.storage_key(),
            certificate: course.certificate.is_some(),
            brand: course.brand.is_some(),
            xapi: course.xapi.is_some(),
            toc_groups: crate::toc::Layout::new(course).group_count(),
        };
        self.build_id = build_id;
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
    pub(crate) fn fingerprint(&mut self) -> ThemeFingerprint {
        ThemeFingerprint {
            sources: self.sources,
            globals: self.tera.global_context().clone(),
        }
    }

    /// The bytes of the asset `name` (`style.css`, a bundled script), if
    /// the theme has it and the build read it.
    pub(crate) fn asset_bytes(&self, name: &str) -> Option<&[u8]> {
        self.assets.iter().find_map(|asset| match &asset.content {
            AssetContent::Bytes(bytes) if asset.name == name => Some(bytes.as_ref()),
            _ => None,
        })
    }

    /// Renders `template` with `context`, reporting failures against the page.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, String> {
        self.tera
            .render(template, context)
            .map_err(|e| tera_message(&e))
    }

    /// Like [`Theme::render`], for a page written as it is: the bytes, not
    /// checked again as text.
    pub(crate) fn render_page_bytes(
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

/// Ids that the theme's scripts give elements they add to a page (a
/// quiz's result); the rest are written in the templates.
const SCRIPT_IDS: &[&str] = &["quiz-result-title"];

/// Beginnings of the ids that the theme's scripts number (a quiz's form,
/// the search's options).
const SCRIPT_ID_PREFIXES: &[&str] = &["quiz-form-", "search-option-"];

/// The element ids written in `templates` (`id="notices"`; not the ones
/// made of values, `id="{{ id }}"`) and those in [`SCRIPT_IDS`]. A heading
/// with one of these ids would take the place of the theme's element: the
/// scripts would write the learner's notices into the lesson's heading.
fn page_ids<'a>(templates: impl Iterator<Item = &'a [u8]>) -> PageIds {
    let mut ids: HashSet<String> = SCRIPT_IDS.iter().map(|id| id.to_string()).collect();
    for template in templates {
        let text = String::from_utf8_lossy(template);
        for (at, _) in text.match_indices("id=\"") {
            // ` id=`, not `data-id=` or `grid=`.
            if at > 0 && !text[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let value = &text[at + 4..];
            let Some(end) = value.find('"') else { continue };
            let value = &value[..end];
            if !value.is_empty() && !value.contains("{{") && !value.contains("{%") {
                ids.insert(value.to_string());
            }
        }
    }
    PageIds {
        exact: ids,
        prefixes: SCRIPT_ID_PREFIXES.iter().map(|p| p.to_string()).collect(),
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
                bytes: Some(Cow::Borrowed(file.contents())),
                root: None,
            },
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

/// Adds the files of `dir`, a folder of `folder`, named by their path in
/// `folder`, in place of the built-in theme's of the same name.
fn collect_folder(
    folder: Folder<'_>,
    dir: &Path,
    sources: &Sources,
    files: &mut BTreeMap<String, ThemeFile>,
    diagnostics: &Diagnostics,
) {
    if dir.symlink_metadata().is_err() || !crate::contained::inside_folder(folder, dir, diagnostics)
    {
        return;
    }
    for relative in crate::contained::list_files(folder, dir, diagnostics) {
        let name = relative.to_string_lossy().replace('\\', "/");
        let origin = folder.root.join(&relative);
        let bytes = if is_read(&name) {
            match sources.read(folder, &origin, diagnostics) {
                Some(text) => Some(Cow::Owned(text.as_bytes().to_vec())),
                None => continue,
            }
        } else {
            None
        };
        files.insert(
            name,
            ThemeFile {
                origin,
                bytes,
                root: Some(folder.root.to_path_buf()),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_of_the_pages_come_from_the_templates_and_the_scripts() {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut files);
        let ids = page_ids(
            files
                .iter()
                .filter(|(name, _)| name.starts_with("templates/"))
                .filter_map(|(_, file)| file.bytes.as_deref()),
        );
        for id in [
            "notices",
            "sidebar",
            "course-frame",
            "content",
            "site-search",
            "quiz-result-title",
        ] {
            assert!(ids.contains(id), "{id} is missing from {ids:?}");
        }
        assert!(!ids.exact.iter().any(|id| id.contains("{{")), "{ids:?}");
        // Every id a script gives an element by name is in SCRIPT_IDS or
        // the templates.
        for (name, file) in files.iter().filter(|(name, _)| name.ends_with(".js")) {
            let script = String::from_utf8_lossy(file.bytes.as_deref().unwrap_or_default());
            for (at, _) in script.match_indices(".id = \"") {
                let value = &script[at + 7..];
                let id = &value[..value.find('"').unwrap_or(0)];
                assert!(
                    ids.contains(id) || SCRIPT_ID_PREFIXES.contains(&id),
                    "{name} gives the id `{id}`, not in SCRIPT_IDS"
                );
            }
        }
    }
}
