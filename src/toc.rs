//! The table of contents the learner-side scripts read: the modules, their
//! lessons and quizzes, and the progress lock's ids for them (what saved
//! progress is read with, see `progress.js` and `scorm-data.js`).
//!
//! It is cut into groups of consecutive modules, each in its own script
//! (`assets/toc/<n>.js`), so that what a page downloads stays the same
//! however large the course: a page loads the groups holding its module
//! and the modules its progress depends on (those its module requires, and
//! those its pager leads to, with theirs), and the pages that show the
//! whole course (the home page, the certificate, an LMS's launch page) load
//! all of them. Each group's script also says how many groups there are and
//! what the lock as a whole is. A course of up to [`GROUP_LESSONS`] lessons
//! and [`GROUP_MODULES`] modules is one group: every page knows every module.
//! `assets/toc-loader.js` (the theme's) puts the groups together again and
//! fetches more on demand, with `<script>` elements so that it works from
//! `file://` too.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::bundle::script_json;
use crate::model::Course;
use crate::progress_lock::Resolved;
use crate::urls;

/// Most lessons in one group (unless a module alone has more).
pub const GROUP_LESSONS: usize = 1000;
/// Most modules in one group.
pub const GROUP_MODULES: usize = 100;

/// How the course's modules are cut into groups.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The index of the first module of each group; never empty.
    starts: Vec<usize>,
    /// Each module's group.
    group: Vec<usize>,
    /// The modules each module requires, by index.
    requires: Vec<Vec<usize>>,
}

impl Default for Layout {
    /// The layout of a course without modules: one empty group.
    fn default() -> Layout {
        Layout {
            starts: vec![0],
            group: Vec::new(),
            requires: Vec::new(),
        }
    }
}

impl Layout {
    pub fn new(course: &Course) -> Layout {
        let mut starts = vec![0];
        let mut group = Vec::with_capacity(course.modules.len());
        let (mut lessons, mut modules) = (0, 0);
        for (i, module) in course.modules.iter().enumerate() {
            let full = modules > 0
                && (modules == GROUP_MODULES || lessons + module.lessons.len() > GROUP_LESSONS);
            if full {
                starts.push(i);
                lessons = 0;
                modules = 0;
            }
            lessons += module.lessons.len();
            modules += 1;
            group.push(starts.len() - 1);
        }
        let by_slug: std::collections::HashMap<&str, usize> = course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.as_str(), i))
            .collect();
        let requires = course
            .modules
            .iter()
            .map(|m| {
                m.requires
                    .iter()
                    .filter_map(|slug| by_slug.get(slug.as_str()).copied())
                    .collect()
            })
            .collect();
        Layout {
            starts,
            group,
            requires,
        }
    }

    pub fn group_count(&self) -> usize {
        self.starts.len()
    }

    /// The groups a page of module `index` needs: its own, those of the
    /// modules it requires, and those of the modules its pager leads to
    /// (`linked`) with the modules they require. Sorted.
    pub fn groups_for_module(
        &self,
        index: usize,
        linked: impl IntoIterator<Item = usize>,
    ) -> Vec<usize> {
        let mut groups: Vec<usize> = std::iter::once(index)
            .chain(linked)
            .flat_map(|m| {
                std::iter::once(m).chain(self.requires.get(m).into_iter().flatten().copied())
            })
            .filter_map(|m| self.group.get(m).copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        groups
    }

    /// Every group, for the pages that show the whole course.
    pub fn all_groups(&self) -> Vec<usize> {
        (0..self.group_count()).collect()
    }
}

/// The site path of group `n`'s script.
pub fn group_path(n: usize) -> String {
    format!("{}/toc/{n}.js", urls::ASSETS_DIR)
}

/// Each group's script, in group order.
pub fn scripts(course: &Course, layout: &Layout, resolved: &Resolved) -> Vec<String> {
    #[derive(Serialize)]
    struct Index<'a> {
        groups: usize,
        modules: usize,
        /// The lock's tag: saved progress under another lock is not used.
        tag: &'a str,
        /// How many lesson slots the lock has (retired ones too).
        lesson_slots: usize,
    }
    #[derive(Serialize)]
    struct Group<'a> {
        /// The index of the group's first module in the course.
        first: usize,
        modules: Vec<Entry<'a>>,
        /// Former ids (`was:`) of the group's lessons and quizzes, by slot.
        was: Former,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        slug: &'a str,
        title: &'a str,
        /// Each lesson's slug and progress slot, and its id when it is not
        /// the lesson's path (`module/lesson`).
        lessons: Vec<Lesson<'a>>,
        /// The quiz's slot, id and version, if the module has a quiz.
        #[serde(skip_serializing_if = "Option::is_none")]
        quiz: Option<(usize, &'a str, u32)>,
        /// Slugs of the modules that unlock this one.
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        requires: &'a [String],
    }
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Lesson<'a> {
        Path(&'a str, usize),
        Id(&'a str, usize, &'a str),
    }
    #[derive(Serialize, Default)]
    struct Former {
        lessons: BTreeMap<String, usize>,
        quizzes: BTreeMap<String, usize>,
    }

    let lock = &resolved.lock;
    let slots = &resolved.slots;
    let index = Index {
        groups: layout.group_count(),
        modules: course.modules.len(),
        tag: &lock.tag,
        lesson_slots: lock.lessons.len(),
    };
    let mut groups: Vec<Group<'_>> = layout
        .starts
        .iter()
        .map(|&first| Group {
            first,
            modules: Vec::new(),
            was: Former::default(),
        })
        .collect();
    let mut group_of_lesson_slot = BTreeMap::new();
    let mut group_of_quiz_slot = BTreeMap::new();
    for (i, module) in course.modules.iter().enumerate() {
        let g = layout.group[i];
        let lessons = module
            .lessons
            .iter()
            .enumerate()
            .map(|(j, lesson)| {
                let slot = slots.lessons.get(i).and_then(|s| s.get(j)).copied();
                let slot = slot.unwrap_or(0);
                group_of_lesson_slot.insert(slot, g);
                let id = lock
                    .lessons
                    .get(slot)
                    .filter(|e| !e.retired)
                    .map(|e| e.id.as_str());
                match id {
                    Some(id) if id != format!("{}/{}", module.slug, lesson.slug) => {
                        Lesson::Id(&lesson.slug, slot, id)
                    }
                    _ => Lesson::Path(&lesson.slug, slot),
                }
            })
            .collect();
        let quiz = module.quiz.as_ref().and_then(|_| {
            let slot = slots.quizzes.get(i).copied().flatten()?;
            let entry = lock.quizzes.get(slot).filter(|e| !e.retired)?;
            group_of_quiz_slot.insert(slot, g);
            Some((slot, entry.id.as_str(), entry.version))
        });
        groups[g].modules.push(Entry {
            slug: &module.slug,
            title: &module.title,
            lessons,
            quiz,
            requires: &module.requires,
        });
    }
    for (name, slot) in crate::progress_lock::former_names(&lock.lessons) {
        if let Some(&g) = group_of_lesson_slot.get(&slot) {
            groups[g].was.lessons.insert(name, slot);
        }
    }
    for (name, slot) in crate::progress_lock::former_names(&lock.quizzes) {
        if let Some(&g) = group_of_quiz_slot.get(&slot) {
            groups[g].was.quizzes.insert(name, slot);
        }
    }
    let index = script_json(&index);
    groups
        .iter()
        .enumerate()
        .map(|(n, group)| {
            format!(
                "window.BRANDCAMP_TOC = {index};\n\
                 (window.BRANDCAMP_TOC_GROUPS = window.BRANDCAMP_TOC_GROUPS || {{}})[{n}] = {};\n",
                script_json(group)
            )
        })
        .collect()
}
