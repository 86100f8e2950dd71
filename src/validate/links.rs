//! The link pass: once every lesson is rendered, each link a lesson makes to
//! the course's own pages and files (recorded by rendering as a
//! [`LessonLink`], see [`crate::markdown`]) is checked against the whole
//! course: a link to nothing (with a hint naming the lesson or file meant),
//! to a lesson left out as a draft, an image that shows a lesson, and an
//! `#anchor` that names no heading of the lesson linked to.
//!
//! The pass reads only what rendering recorded and the course, so it is
//! run over every link of every build, cached lessons' links included
//! (`serve`): a lesson removed or renamed breaks the links of the lessons
//! that were not rendered again. It is linear in the links: each lesson's
//! ids are gathered once, at its first `#anchor`.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::markdown::{Destination, LessonLink, LinkTargets, RenderedLesson, decode, truncate};
use crate::model::{Course, Lesson, Module};
use crate::urls;

/// Checks the links of every rendered lesson (indexed like
/// `course.modules[m].lessons[l]`) against the course and its `targets`.
pub fn check_links(
    course: &Course,
    targets: &LinkTargets,
    rendered: &[Vec<Arc<RenderedLesson>>],
    diagnostics: &Diagnostics,
) {
    let mut by_path: HashMap<&Path, &RenderedLesson> = HashMap::new();
    for (module, lessons) in course.modules.iter().zip(rendered) {
        for (lesson, result) in module.lessons.iter().zip(lessons) {
            by_path.insert(&lesson.path, result);
        }
    }
    let drafts: HashSet<&Path> = course
        .modules
        .iter()
        .flat_map(|m| m.drafts.iter().map(|p| p.as_path()))
        .collect();
    // Lessons that could not be read are reported at themselves; a link to
    // one will be right once it is fixed.
    let unreadable: HashSet<&Path> = course
        .modules
        .iter()
        .flat_map(|m| m.unreadable.iter().map(|p| p.as_path()))
        .collect();
    // The ids of each lesson linked to, gathered once: headings, and the
    // ids that footnotes and raw HTML make. Each anchor is then one
    // look-up, however many links and ids a lesson has.
    let mut ids_of: HashMap<&Path, HashSet<&str>> = HashMap::new();
    for (module, lessons) in course.modules.iter().zip(rendered) {
        for (lesson, result) in module.lessons.iter().zip(lessons) {
            for link in &result.links {
                let report = |message: String, hint: String| {
                    diagnostics.push(
                        Diagnostic::error(
                            course.root.join(&lesson.path),
                            Some(link.position),
                            message,
                        )
                        .with_width(link.width)
                        .with_hint(hint),
                    );
                };
                let linked = match &link.destination {
                    Destination::ThisLesson => lesson.path.as_path(),
                    Destination::Lesson(target) => {
                        if link.image {
                            report(
                                "an image cannot show a lesson".into(),
                                "point the image at a picture file".into(),
                            );
                        }
                        target.as_path()
                    }
                    Destination::Module(_) | Destination::File(_) => continue,
                    Destination::Nothing(target) => {
                        if unreadable.contains(target.as_path()) {
                            continue;
                        }
                        let (message, hint) = if drafts.contains(target.as_path()) {
                            draft(link)
                        } else {
                            broken(targets, module, lesson, link, target)
                        };
                        report(message, hint);
                        continue;
                    }
                };
                let Some(anchor) = &link.anchor else { continue };
                let Some((&linked, target)) = by_path.get_key_value(linked) else {
                    continue;
                };
                let ids = ids_of.entry(linked).or_insert_with(|| {
                    target
                        .headings
                        .iter()
                        .map(|h| h.id.as_str())
                        .chain(other_ids(&target.html))
                        .collect()
                });
                if !ids.contains(anchor.as_str()) {
                    let (message, hint) = missing_heading(linked, target, anchor);
                    report(message, hint);
                }
            }
        }
    }
}

/// A link to a lesson left out of this build as a draft.
fn draft(link: &LessonLink) -> (String, String) {
    (
        format!(
            "`{}` is a draft, left out of this build",
            truncate(&link.written, 60)
        ),
        "publish it (remove `draft: true`), remove the link, or build with --drafts".into(),
    )
}

/// A link to nothing the build writes, and the hint of what was meant.
fn broken(
    targets: &LinkTargets,
    module: &Module,
    lesson: &Lesson,
    link: &LessonLink,
    target: &Path,
) -> (String, String) {
    let decoded = decode(&link.written);
    let what = if link.image {
        "image"
    } else if decoded.ends_with(".md") {
        "lesson"
    } else {
        "file"
    };
    let lesson_dir = lesson.path.parent().unwrap_or(Path::new(""));
    let page = urls::lesson_page(module, lesson);
    let hint = closest_source(targets, lesson_dir, &page, &decoded, link.image).unwrap_or_else(|| {
        if target.starts_with("static") || !decoded.ends_with(".md") {
            "check the spelling and the path relative to this lesson; files must be inside a module folder or in static/"
        } else {
            "check the spelling and the path relative to this lesson (e.g. `../02-crisis/01-first-hour.md`)"
        }
        .to_string()
    });
    (
        format!(
            "broken link: there is no {what} `{}`",
            truncate(&link.written, 80)
        ),
        hint,
    )
}

/// An `#anchor` that names no heading of the lesson `linked`.
fn missing_heading(linked: &Path, target: &RenderedLesson, anchor: &str) -> (String, String) {
    let known = target.headings.iter().map(|h| h.id.as_str());
    let hint = match suggest(anchor, known) {
        Some(best) => format!(
            "did you mean `#{best}`? Heading ids are the heading text in lowercase, without accents, with dashes"
        ),
        None => "heading ids are the heading text in lowercase, without accents, with dashes (`## Stratégie` → `#strategie`)".to_string(),
    };
    (
        format!(
            "broken link: {} has no heading `#{anchor}`",
            display(linked)
        ),
        hint,
    )
}

/// A hint for a link to nothing: the lesson whose built page the link
/// names (`first-hour.html` written instead of `01-first-hour.md`), or
/// the lesson or file whose path is closest to what was written. Paths
/// are given as the author would write them, relative to `lesson_dir`.
fn closest_source(
    targets: &LinkTargets,
    lesson_dir: &Path,
    page: &str,
    written: &str,
    image: bool,
) -> Option<String> {
    if let Some(stem) = written.strip_suffix(".html") {
        // The built page's name (`first-hour.html`), or the lesson's file
        // name with `.html` for `.md` (`01-first-hour.html`).
        let page_dir = Path::new(page).parent().unwrap_or(Path::new(""));
        let by_page = urls::resolve_relative(page_dir, written).and_then(|site_path| {
            let site_path = site_path.to_string_lossy().replace('\\', "/");
            targets
                .lessons
                .iter()
                .find(|(_, page)| **page == site_path)
                .map(|(source, _)| source.clone())
        });
        let by_source = || {
            let source = urls::resolve_relative(lesson_dir, &format!("{stem}.md"))?;
            targets.lessons.contains_key(&source).then_some(source)
        };
        if let Some(lesson) = by_page.or_else(by_source) {
            return Some(format!(
                "link to the lesson's Markdown file: `{}`; brandcamp turns it into the link to its page and checks it",
                urls::relative_source_path(lesson_dir, &lesson)
            ));
        }
        return None;
    }
    let lessons = targets.lessons.keys();
    let candidates: Vec<String> = if written.ends_with(".md") {
        lessons
            .map(|path| urls::relative_source_path(lesson_dir, path))
            .collect()
    } else if image {
        targets
            .files
            .keys()
            .map(|path| urls::relative_source_path(lesson_dir, path))
            .collect()
    } else {
        lessons
            .chain(targets.files.keys())
            .map(|path| urls::relative_source_path(lesson_dir, path))
            .collect()
    };
    // The file name decides (a module's lessons share the rest of the
    // path); the whole path only breaks ties between modules.
    let file_name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let written_name = file_name(written);
    let name_score = |path: &str| {
        let name = file_name(path);
        strsim::jaro_winkler(&written_name, &name)
            .max(strsim::normalized_damerau_levenshtein(&written_name, &name))
    };
    let best = candidates
        .iter()
        .map(|c| (name_score(c), strsim::jaro_winkler(written, c), c))
        .filter(|(name, _, _)| *name > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, c)| c)?;
    Some(format!(
        "did you mean `{best}`? Paths are relative to this lesson"
    ))
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
    use crate::markdown::{LessonRenderer, PlainFences};

    /// Builds a one-module course of `lessons` (file name, text), with
    /// `drafts` left out, renders it, runs the link pass, and gives every
    /// diagnostic as `file:line:col: message`, each with the hint after it.
    fn checked(lessons: &[(&str, &str)], drafts: &[&str]) -> Vec<String> {
        let diagnostics = Diagnostics::new();
        let mut course = Course::new("course", "Links");
        let mut module = Module::new("01-m", "m", "M");
        for (name, text) in lessons {
            let path = course.root.join("01-m").join(name);
            let lesson = crate::load::lesson_from_text(&course.root, &path, *text, &diagnostics)
                .expect("lesson");
            Arc::make_mut(&mut module.lessons).push(lesson);
        }
        module.drafts = drafts.iter().map(|d| Path::new("01-m").join(d)).collect();
        course.modules.push(module);
        let targets = LinkTargets::new(&course);
        let strings = crate::i18n::Strings::default();
        let renderer = LessonRenderer {
            course: &course,
            targets: &targets,
            strings: &strings,
            fences: &PlainFences,
            page_ids: &Default::default(),
        };
        let module = &course.modules[0];
        let rendered: Vec<Vec<Arc<RenderedLesson>>> = vec![
            module
                .lessons
                .iter()
                .map(|lesson| {
                    let page = urls::lesson_page(module, lesson);
                    Arc::new(renderer.render(lesson, &page, &diagnostics))
                })
                .collect(),
        ];
        assert!(
            !diagnostics.has_errors(),
            "rendering reports no link of the course"
        );
        check_links(&course, &targets, &rendered, &diagnostics);
        diagnostics
            .into_sorted()
            .iter()
            .map(|d| {
                format!(
                    "{}: {} [{}]",
                    d.location(),
                    d.message,
                    d.hint.as_deref().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_link_to_no_lesson_is_reported_once_at_its_position_with_the_closest_lesson() {
        let found = checked(
            &[
                (
                    "01-first.md",
                    "# First\n\nSee [the next one](02-secnd.md).\n",
                ),
                ("02-second.md", "# Second\n\nText.\n"),
            ],
            &[],
        );
        assert_eq!(
            found,
            [
                "course/01-m/01-first.md:3:5: broken link: there is no lesson `02-secnd.md` [did you mean `02-second.md`? Paths are relative to this lesson]"
            ]
        );
    }

    #[test]
    fn a_link_to_a_draft_is_reported_once_at_its_position() {
        let found = checked(
            &[(
                "01-first.md",
                "# First\n\nText.\n\nSee [later](02-later.md).\n",
            )],
            &["02-later.md"],
        );
        assert_eq!(
            found,
            [
                "course/01-m/01-first.md:5:5: `02-later.md` is a draft, left out of this build [publish it (remove `draft: true`), remove the link, or build with --drafts]"
            ]
        );
    }

    #[test]
    fn an_anchor_to_a_missing_heading_is_reported_once_in_this_lesson_or_another() {
        let found = checked(
            &[
                (
                    "01-first.md",
                    "# First\n\n## Strategy\n\n[up](#strategie) and [there](02-second.md#plann)\n",
                ),
                ("02-second.md", "# Second\n\n## Plan\n\nText.\n"),
            ],
            &[],
        );
        assert_eq!(
            found,
            [
                "course/01-m/01-first.md:5:1: broken link: 01-m/01-first.md has no heading `#strategie` [did you mean `#strategy`? Heading ids are the heading text in lowercase, without accents, with dashes]",
                "course/01-m/01-first.md:5:22: broken link: 01-m/02-second.md has no heading `#plann` [did you mean `#plan`? Heading ids are the heading text in lowercase, without accents, with dashes]",
            ]
        );
    }

    #[test]
    fn links_to_lessons_headings_files_and_modules_that_exist_are_not_reported() {
        let found = checked(
            &[
                (
                    "01-first.md",
                    "# First\n\n## Here\n\n[a](#here) [b](02-second.md#plan) [c](02-second.md) [d](https://example.org)\n",
                ),
                ("02-second.md", "# Second\n\n## Plan\n"),
            ],
            &[],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
