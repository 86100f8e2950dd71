//! Validation of what only the whole course can tell: module prerequisites
//! (unknown or circular `requires`), reserved names, and links to headings of
//! other lessons. File-level checks happen while loading.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::load::locate_in_file;
use crate::markdown::RenderedLesson;
use crate::model::Course;
use crate::urls::RESERVED_MODULE_SLUGS;
use crate::yaml::Step;

pub fn check_course(course: &Course, diagnostics: &Diagnostics) {
    let slugs: Vec<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    for module in &course.modules {
        let file = course.root.join(&module.dir).join("module.yaml");
        if RESERVED_MODULE_SLUGS.contains(&module.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &file,
                    None,
                    format!("a module cannot be named `{}`", module.slug),
                )
                .with_hint("the site uses that folder for its own files; rename the module folder"),
            );
        }
        for (i, required) in module.requires.iter().enumerate() {
            let at = || locate_in_file(&file, &[Step::Key("requires"), Step::Index(i)]);
            if required == &module.slug {
                diagnostics.push(
                    Diagnostic::error(&file, at(), "a module cannot require itself")
                        .with_hint("remove it from `requires`"),
                );
            } else if !slugs.contains(&required.as_str()) {
                let hint = match suggest(required, slugs.iter().copied()) {
                    Some(best) => format!(
                        "did you mean `{best}`? `requires` takes module slugs (the folder name without its number)"
                    ),
                    None => format!(
                        "`requires` takes module slugs; this course has: {}",
                        slugs.join(", ")
                    ),
                };
                diagnostics.push(
                    Diagnostic::error(&file, at(), format!("there is no module `{required}`"))
                        .with_hint(hint),
                );
            }
        }
    }
    report_cycles(course, diagnostics);
}

/// A module whose prerequisites lead back to itself could never be opened.
fn report_cycles(course: &Course, diagnostics: &Diagnostics) {
    let requires: HashMap<&str, Vec<&str>> = course
        .modules
        .iter()
        .map(|m| {
            (
                m.slug.as_str(),
                m.requires
                    .iter()
                    .map(String::as_str)
                    .filter(|r| *r != m.slug)
                    .collect(),
            )
        })
        .collect();
    let mut reported: HashSet<&str> = HashSet::new();
    for module in &course.modules {
        if reported.contains(module.slug.as_str()) {
            continue;
        }
        if let Some(cycle) = find_cycle(module.slug.as_str(), &requires) {
            reported.extend(cycle.iter().copied());
            let file = course.root.join(&module.dir).join("module.yaml");
            diagnostics.push(
                Diagnostic::error(
                    &file,
                    locate_in_file(&file, &[Step::Key("requires")]),
                    format!(
                        "these modules require each other in a circle: {}",
                        cycle.join(" → ")
                    ),
                )
                .with_hint("remove one of these `requires` so that one module can be opened first"),
            );
        }
    }
}

/// A path from `start` back to itself through `requires`, iteratively (deep
/// chains cannot overflow the stack).
fn find_cycle<'a>(
    start: &'a str,
    requires: &HashMap<&'a str, Vec<&'a str>>,
) -> Option<Vec<&'a str>> {
    let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
    let mut on_path: Vec<&str> = vec![start];
    let mut done: HashSet<&str> = HashSet::new();
    while let Some((node, next)) = stack.last_mut() {
        let children = requires.get(*node).map(Vec::as_slice).unwrap_or_default();
        if let Some(&child) = children.get(*next) {
            *next += 1;
            if child == start {
                let mut cycle = on_path.clone();
                cycle.push(start);
                return Some(cycle);
            }
            if !done.contains(child) && !on_path.contains(&child) {
                stack.push((child, 0));
                on_path.push(child);
            }
        } else {
            done.insert(node);
            stack.pop();
            on_path.pop();
        }
    }
    None
}

/// One file of the built site and what puts it there.
pub struct SiteClaim {
    /// Where it goes in the site (slash-separated).
    pub site_path: String,
    /// The course file to report a clash at.
    pub file: PathBuf,
    /// What it is, in words (`the page of lesson 01-m/a.md`).
    pub what: String,
}

/// Two things written to one place in the site would replace each other
/// (a `static/index.html` would hide the course home page), and a file where
/// the site needs a folder makes the build fail halfway. Each later claim
/// that clashes with an earlier one is reported at its file.
pub fn check_site_paths(claims: Vec<SiteClaim>, diagnostics: &Diagnostics) {
    let mut files: HashMap<String, usize> = HashMap::new();
    let mut folders: HashMap<String, usize> = HashMap::new();
    for (i, claim) in claims.iter().enumerate() {
        let path = claim.site_path.as_str();
        let clash = if let Some(&first) = files.get(path) {
            Some(format!(
                "{} would be written to `{path}` in the site, where {} goes",
                claim.what, claims[first].what
            ))
        } else if let Some(&first) = folders.get(path) {
            Some(format!(
                "{} would be written to `{path}` in the site, a folder needed for {}",
                claim.what, claims[first].what
            ))
        } else {
            ancestors(path).find_map(|folder| {
                files.get(folder).map(|&first| {
                    format!(
                        "{} would be written inside `{folder}` in the site, which is a file: {}",
                        claim.what, claims[first].what
                    )
                })
            })
        };
        if let Some(message) = clash {
            diagnostics.push(Diagnostic::error(&claim.file, None, message).with_hint(
                "rename or move one of them: files of module folders and of static/ are copied to the site as they are",
            ));
            continue;
        }
        files.insert(claim.site_path.clone(), i);
        for folder in ancestors(path) {
            folders.entry(folder.to_string()).or_insert(i);
        }
    }
}

/// `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.rmatch_indices('/').map(move |(i, _)| &path[..i])
}

/// Links to `#anchors`, in the same lesson or another, must name a heading
/// that exists.
pub fn check_anchors(course: &Course, rendered: &[Vec<RenderedLesson>], diagnostics: &Diagnostics) {
    let mut by_path: HashMap<&Path, &RenderedLesson> = HashMap::new();
    for (module, lessons) in course.modules.iter().zip(rendered) {
        for (lesson, result) in module.lessons.iter().zip(lessons) {
            by_path.insert(&lesson.path, result);
        }
    }
    for (module, lessons) in course.modules.iter().zip(rendered) {
        for (lesson, result) in module.lessons.iter().zip(lessons) {
            for check in &result.anchor_checks {
                let Some(target) = by_path.get(check.target.as_path()) else {
                    continue;
                };
                let is_heading = target.headings.iter().any(|h| h.id == check.anchor);
                // Other ids (footnotes, raw HTML) are looked for only when a
                // link names no heading, which is rare.
                if is_heading || other_ids(&target.html).any(|id| id == check.anchor) {
                    continue;
                }
                let known = target.headings.iter().map(|h| h.id.as_str());
                let hint = match suggest(&check.anchor, known) {
                    Some(best) => format!(
                        "did you mean `#{best}`? Heading ids are the heading text in lowercase, without accents, with dashes"
                    ),
                    None => "heading ids are the heading text in lowercase, without accents, with dashes (`## Stratégie` → `#strategie`)".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        course.root.join(&lesson.path),
                        Some(check.position),
                        format!(
                            "broken link: {} has no heading `#{}`",
                            display(&check.target),
                            check.anchor
                        ),
                    )
                    .with_width(check.width)
                    .with_hint(hint),
                );
            }
        }
    }
}

/// Every `id="…"` of a rendered lesson: footnotes and raw HTML make anchors too.
fn other_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("id=\"").filter_map(move |(i, _)| {
        let rest = &html[i + 4..];
        rest.find('"').map(|end| &rest[..end])
    })
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cycle_of_three() {
        let requires: HashMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["c"]),
            ("c", vec!["a"]),
            ("d", vec!["a"]),
        ]
        .into_iter()
        .collect();
        assert_eq!(find_cycle("a", &requires), Some(vec!["a", "b", "c", "a"]));
        assert_eq!(find_cycle("d", &requires), None);
    }
}
