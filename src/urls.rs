//! Where each page and file goes in the built site. Every page sits at the
//! site root or one folder below it, and every link between pages is
//! relative, so the site works from any sub-path and from `file://`.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::model::{Lesson, Module};

/// Site folder of the theme's and the course's generated scripts and styles.
pub(crate) const ASSETS_DIR: &str = "assets";

/// Module slugs that would clash with site-wide folders.
pub(crate) const RESERVED_MODULE_SLUGS: &[&str] = &[ASSETS_DIR];

/// The search page, at the root.
pub(crate) const SEARCH_PAGE: &str = "search.html";

/// The page shown for a missing page, at the root.
pub(crate) const NOT_FOUND_PAGE: &str = "404.html";

pub fn home() -> String {
    "index.html".into()
}

pub(crate) fn module_page(module: &Module) -> String {
    format!("{}/index.html", module.slug)
}

pub(crate) fn lesson_page(module: &Module, lesson: &Lesson) -> String {
    format!("{}/{}.html", module.slug, lesson.slug)
}

/// The brand rules page, at the site root.
pub(crate) fn brand_page() -> String {
    "brand.html".into()
}

pub fn quiz_page(module: &Module) -> String {
    format!("{}/quiz.html", module.slug)
}

pub fn certificate() -> String {
    "certificate.html".into()
}

/// Where a file of a module folder (an image beside a lesson) is copied:
/// `01-why/img/team.png` → `why/img/team.png`.
pub(crate) fn module_asset(module: &Module, source: &Path) -> String {
    let inside = source.strip_prefix(&module.dir).unwrap_or(source);
    format!("{}/{}", module.slug, slash_path(inside))
}

/// Where a file a quiz carries (a picture of a quiz.xml) is written: next
/// to the quiz page, which names it by its file name alone.
pub(crate) fn quiz_file(module: &Module, name: &str) -> String {
    format!("{}/{name}", module.slug)
}

/// Where a file of `static/` is copied: to the same place under the root.
pub(crate) fn static_file(source: &Path) -> String {
    slash_path(source.strip_prefix("static").unwrap_or(source))
}

/// The prefix that leads from a page back to the site root (`""` or `"../"`).
pub(crate) fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A site path written as a link from `page`: `why/who.html` seen from
/// `crisis/first.html` is `../why/who.html`. Characters that are not safe in
/// a URL are percent-encoded.
pub(crate) fn relative_href(page: &str, target: &str) -> String {
    format!("{}{}", root_prefix(page), encode_path(target))
}

const PATH_UNSAFE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

pub(crate) fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_UNSAFE).to_string()
}

fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `target` (as written in a link) against the folder `from`, both
/// relative to the course root, without touching the disk. `None` when the
/// path climbs out of the course or is absolute.
pub(crate) fn resolve_relative(from: &Path, target: &str) -> Option<PathBuf> {
    if target.starts_with('/') || target.starts_with('\\') || Path::new(target).is_absolute() {
        return None;
    }
    let mut parts: Vec<&str> = from
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.iter().collect())
}

/// The path of `to` as a link written in a file of the folder `from` (both
/// relative to the course root): `02-b/x.md` from `01-a` is `../02-b/x.md`.
pub(crate) fn relative_source_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - shared];
    parts.extend(to[shared..].iter().filter_map(|c| match c {
        Component::Normal(part) => part.to_str(),
        _ => None,
    }));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_relative_to_the_page() {
        assert_eq!(
            relative_href("index.html", "why/index.html"),
            "why/index.html"
        );
        assert_eq!(
            relative_href("crisis/first.html", "why/who.html"),
            "../why/who.html"
        );
        assert_eq!(
            relative_href("why/a.html", "why/team photo.png"),
            "../why/team%20photo.png"
        );
    }

    #[test]
    fn relative_paths_cannot_leave_the_course() {
        assert_eq!(
            resolve_relative(Path::new("01-a"), "../02-b/x.md"),
            Some(PathBuf::from("02-b/x.md"))
        );
        assert_eq!(
            resolve_relative(Path::new("01-a"), "./img/./x.png"),
            Some(PathBuf::from("01-a/img/x.png"))
        );
        assert_eq!(
            resolve_relative(Path::new("01-a"), "../../etc/passwd"),
            None
        );
        assert_eq!(resolve_relative(Path::new("01-a"), "/etc/passwd"), None);
    }

    #[test]
    fn source_paths_are_written_relative_to_the_linking_folder() {
        let path = |from: &str, to: &str| relative_source_path(Path::new(from), Path::new(to));
        assert_eq!(path("01-a", "01-a/x.md"), "x.md");
        assert_eq!(path("01-a", "02-b/x.md"), "../02-b/x.md");
        assert_eq!(path("01-a", "static/logo.png"), "../static/logo.png");
    }
}
