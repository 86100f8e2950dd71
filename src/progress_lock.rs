//! `progress.lock`: where each lesson and graded quiz of a course keeps its
//! learners' progress, for good, so that a republished course reads the
//! progress saved by any earlier one.
//!
//! Every lesson and graded quiz has an id (its author's `id:`, else
//! `module/lesson` for a lesson and the module's id for a quiz; a module's
//! id is its `id:` or its slug). The lock gives each id a **slot**: its
//! place in the saved progress (`cmi.suspend_data` in an LMS, the browser's
//! localStorage otherwise). New items take new slots at the end; an item
//! that goes away keeps its slot, retired, never given to another; an item
//! renamed with `was:` keeps its slot; a quiz whose `version:` is raised
//! gets a new slot, which resets it. Reordering changes nothing.
//!
//! The file is plain text, one line per slot, written by the build in a
//! fixed order (see [`render`]), and read back with positions so that a
//! damaged lock is reported at its line and never silently rewritten.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::model::{Course, WrittenId};

/// The lock's name, in the course folder.
pub(crate) const LOCK_FILE: &str = "progress.lock";

/// The most slots the saved-progress format can address: quiz slots are
/// written in 2 base64url digits, the number of lesson slots in 3.
pub(crate) const MAX_QUIZ_SLOTS: usize = 64 * 64;
pub(crate) const MAX_LESSON_SLOTS: usize = 64 * 64 * 64 - 1;

/// Longest id, as for slugs.
const MAX_ID_CHARS: usize = 200;

/// The ids of a course's lessons and quizzes, after `id:` and `was:`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identities {
    /// Per module, its lessons' identities, in course order.
    pub lessons: Vec<Vec<ItemIdentity>>,
    /// Per module, its quiz's identity, if it has a graded quiz.
    pub quizzes: Vec<Option<ItemIdentity>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemIdentity {
    pub id: String,
    /// Former ids: the item's own `was:`, then those implied by its
    /// module's `was:`.
    pub was: Vec<String>,
    /// A quiz's `version:` (1 for lessons).
    pub version: u32,
}

/// The lock: the slots of lessons and of quizzes, each list indexed by slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    /// The course's storage key (`brandcamp:<slug of the title>`).
    pub course: String,
    /// Six base64url digits naming this lock, made when it was created:
    /// saved progress carries it, so that progress saved under another
    /// lock (one deleted and made again) is never read through this one.
    pub tag: String,
    pub lessons: Vec<Entry>,
    pub quizzes: Vec<Entry>,
}

/// One slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The ids it had before, oldest first.
    pub was: Vec<String>,
    /// For quizzes; 1 for lessons.
    pub version: u32,
    /// The item is gone (or its quiz was reset): the slot stays unused.
    pub retired: bool,
}

/// Where each item of the course keeps its progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slots {
    /// Per module, its lessons' slots.
    pub lessons: Vec<Vec<usize>>,
    /// Per module, its quiz's slot.
    pub quizzes: Vec<Option<usize>>,
}

/// What a new lock changes for learners, item by item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// There was no lock: this one is the first.
    pub created: bool,
    /// The course's title changed: the lock's course name was this.
    pub course_renamed_from: Option<String>,
    pub lessons: KindChanges,
    pub quizzes: KindChanges,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindChanges {
    /// Items that keep their slot (renamed ones included).
    pub kept: usize,
    /// (former id, id) of items renamed through `was:`.
    pub renamed: Vec<(String, String)>,
    /// Items new to the lock.
    pub added: Vec<String>,
    /// Items gone: their slot is retired.
    pub retired: Vec<String>,
    /// Quizzes whose version was raised: (id, new version).
    pub reset: Vec<(String, u32)>,
}

impl KindChanges {
    fn any(&self) -> bool {
        !(self.renamed.is_empty()
            && self.added.is_empty()
            && self.retired.is_empty()
            && self.reset.is_empty())
    }
}

impl Changes {
    /// Whether the lock on disk must be rewritten.
    pub fn any(&self) -> bool {
        self.created
            || self.course_renamed_from.is_some()
            || self.lessons.any()
            || self.quizzes.any()
    }

    /// Whether learners lose anything they had saved.
    #[cfg(test)]
    pub(crate) fn loses_progress(&self) -> bool {
        !(self.lessons.retired.is_empty()
            && self.quizzes.retired.is_empty()
            && self.quizzes.reset.is_empty())
    }
}

/// The summary line: what learners keep and what they lose.
impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, q) = (&self.lessons, &self.quizzes);
        if self.created {
            return write!(
                f,
                "{LOCK_FILE} created ({}, {}): commit it with the course",
                count(l.added.len(), "lesson", "lessons"),
                count(q.added.len(), "quiz", "quizzes"),
            );
        }
        let renamed = l.renamed.len() + q.renamed.len();
        write!(f, "{LOCK_FILE} updated")?;
        if let Some(old) = &self.course_renamed_from {
            write!(f, " for the course's new title (it was {old})")?;
        }
        write!(
            f,
            ": learners keep their progress in {} and {}",
            count(l.kept, "lesson", "lessons"),
            count(q.kept, "quiz", "quizzes"),
        )?;
        if renamed > 0 {
            write!(f, " ({renamed} renamed)")?;
        }
        if !l.added.is_empty() || !q.added.is_empty() {
            let mut new = Vec::new();
            if !l.added.is_empty() {
                new.push(count(l.added.len(), "lesson", "lessons"));
            }
            if !q.added.is_empty() {
                new.push(count(q.added.len(), "quiz", "quizzes"));
            }
            write!(f, "; new: {}", new.join(" and "))?;
        }
        let mut lost = Vec::new();
        if !l.retired.is_empty() {
            lost.push(format!(
                "{} removed ({})",
                count(l.retired.len(), "lesson", "lessons"),
                list(&l.retired)
            ));
        }
        if !q.retired.is_empty() {
            lost.push(format!(
                "{} removed ({})",
                count(q.retired.len(), "quiz", "quizzes"),
                list(&q.retired)
            ));
        }
        for (id, version) in &q.reset {
            lost.push(format!("quiz {id} reset (version {version})"));
        }
        if lost.is_empty() {
            write!(f, "; nothing is lost")
        } else {
            write!(f, "; they lose: {}", lost.join(", "))
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// At most three ids, then how many more.
fn list(ids: &[String]) -> String {
    let mut shown: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
    let more = ids.len().saturating_sub(3);
    let more_text = format!("{more} more");
    if more > 0 {
        shown.push(&more_text);
    }
    shown.join(", ")
}

// --- Ids --------------------------------------------------------------------

/// The ids of the course's items, checked: an id must be well formed and
/// unique among items of its kind; a `was:` must be claimed once and must
/// not name an id that is still in use.
pub fn identities(course: &Course, diagnostics: &Diagnostics) -> Identities {
    let mut modules = Vec::new();
    for module in &course.modules {
        let module_yaml = course.root.join(&module.dir).join("module.yaml");
        let id = declared_id(module.identity.id.as_ref(), &module.slug, diagnostics);
        modules.push(Claim {
            id,
            written: module.identity.id.clone(),
            file: module_yaml,
            was: module.identity.was.clone(),
        });
    }
    check_claims(&modules, "module", diagnostics);

    let mut lessons = Vec::new();
    let mut quizzes = Vec::new();
    let mut lesson_claims = Vec::new();
    let mut quiz_claims = Vec::new();
    for (module, claim) in course.modules.iter().zip(&modules) {
        let mut module_lessons = Vec::new();
        for lesson in module.lessons.iter() {
            let default = format!("{}/{}", claim.id, lesson.slug);
            let id = declared_id(lesson.identity.id.as_ref(), &default, diagnostics);
            let mut was: Vec<WrittenId> = lesson.identity.was.clone();
            // A lesson that takes its id from its module follows the
            // module's renames.
            if lesson.identity.id.is_none() {
                was.extend(module.identity.was.iter().map(|w| WrittenId {
                    text: format!("{}/{}", w.text, lesson.slug),
                    ..w.clone()
                }));
            }
            module_lessons.push(ItemIdentity {
                id: id.clone(),
                was: was.iter().map(|w| w.text.clone()).collect(),
                version: 1,
            });
            lesson_claims.push(Claim {
                id,
                written: lesson.identity.id.clone(),
                file: course.root.join(&lesson.path),
                was,
            });
        }
        lessons.push(module_lessons);
        quizzes.push(module.quiz.as_ref().map(|quiz| {
            let id = declared_id(quiz.identity.id.as_ref(), &claim.id, diagnostics);
            let mut was = quiz.identity.was.clone();
            if quiz.identity.id.is_none() {
                was.extend(module.identity.was.iter().cloned());
            }
            let identity = ItemIdentity {
                id: id.clone(),
                was: was.iter().map(|w| w.text.clone()).collect(),
                version: quiz.version,
            };
            quiz_claims.push(Claim {
                id,
                written: quiz.identity.id.clone(),
                file: course.root.join(&quiz.path),
                was,
            });
            identity
        }));
    }
    check_claims(&lesson_claims, "lesson", diagnostics);
    check_claims(&quiz_claims, "quiz", diagnostics);
    Identities { lessons, quizzes }
}

/// An item's id and former ids, and where they are written.
struct Claim {
    id: String,
    /// The author's `id:`, if any (else the id is derived).
    written: Option<WrittenId>,
    /// The item's file, for a derived id.
    file: PathBuf,
    was: Vec<WrittenId>,
}

impl Claim {
    fn id_diagnostic(&self, message: String) -> Diagnostic {
        match &self.written {
            Some(w) => Diagnostic::error(&w.file, w.position, message).with_width(2),
            None => Diagnostic::error(&self.file, None, message),
        }
    }
}

/// The author's id if it is well formed (reporting it if not), else `default`.
fn declared_id(written: Option<&WrittenId>, default: &str, diagnostics: &Diagnostics) -> String {
    match written {
        Some(w) if id_problem(&w.text).is_none() => w.text.clone(),
        Some(w) => {
            diagnostics.push(bad_id(w, "id"));
            default.to_string()
        }
        None => default.to_string(),
    }
}

fn bad_id(w: &WrittenId, key: &str) -> Diagnostic {
    Diagnostic::error(
        &w.file,
        w.position,
        format!(
            "`{}` cannot be an id: {}",
            w.text,
            id_problem(&w.text).unwrap_or_default()
        ),
    )
    .with_hint(format!(
        "write `{key}:` with letters, digits, `-`, `_`, `.` and `/`, e.g. `why-social/welcome`"
    ))
}

/// What is wrong with an id, if anything.
pub(crate) fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("it is empty")
    } else if id.chars().count() > MAX_ID_CHARS {
        Some("it is longer than 200 characters")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        Some("it holds a character other than a letter, a digit, `-`, `_`, `.` or `/`")
    } else if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        Some("it does not start with a letter or a digit")
    } else {
        None
    }
}

/// Ids unique in their kind; each former id claimed once, well formed, and
/// not the id of an item of the course.
fn check_claims(claims: &[Claim], what: &str, diagnostics: &Diagnostics) {
    let mut first_of: HashMap<&str, &Claim> = HashMap::new();
    for claim in claims {
        match first_of.get(claim.id.as_str()) {
            Some(first) => diagnostics.push(
                claim
                    .id_diagnostic(format!(
                        "two {what}s have the id `{}`: this one and {}",
                        claim.id,
                        first.file.display()
                    ))
                    .with_hint(format!(
                        "give one of them another `id:`; each {what}'s saved progress is kept under its id"
                    )),
            ),
            None => {
                first_of.insert(&claim.id, claim);
            }
        }
    }
    let mut former: HashMap<&str, &WrittenId> = HashMap::new();
    for claim in claims {
        for was in &claim.was {
            if let Some(problem) = id_problem(&was.text) {
                let _ = problem;
                diagnostics.push(bad_id(was, "was"));
                continue;
            }
            if let Some(owner) = first_of.get(was.text.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        &was.file,
                        was.position,
                        format!(
                            "`was: {}` names an id that is still in use, by {}",
                            was.text,
                            owner.file.display()
                        ),
                    )
                    .with_width(was.text.chars().count())
                    .with_hint(format!(
                        "`was:` lists the ids this {what} had before; remove `{}`, or give the other {what} another `id:`",
                        was.text
                    )),
                );
                continue;
            }
            match former.get(was.text.as_str()) {
                Some(first) if first.file != was.file || first.position != was.position => {
                    diagnostics.push(
                        Diagnostic::error(
                            &was.file,
                            was.position,
                            format!(
                                "two {what}s say they were `{}`: this one and {}",
                                was.text,
                                first.file.display()
                            ),
                        )
                        .with_width(was.text.chars().count())
                        .with_hint(format!(
                            "the progress saved under `{}` can go to one {what} only: remove it from one `was:` list",
                            was.text
                        )),
                    )
                }
                Some(_) => {}
                None => {
                    former.insert(&was.text, was);
                }
            }
        }
    }
}

// --- The lock ---------------------------------------------------------------

/// The lock's file in the course folder.
pub fn path(course: &Course) -> PathBuf {
    course.root.join(LOCK_FILE)
}

/// Reads the course's lock: `Ok(None)` when there is none yet; `Err(())`
/// when it cannot be read or is damaged (reported in `diagnostics`).
#[allow(clippy::result_unit_err)]
pub fn read(
    course: &Course,
    ids: &Identities,
    diagnostics: &Diagnostics,
) -> Result<Option<Lock>, ()> {
    let file = path(course);
    if !file.exists() && file.symlink_metadata().is_err() {
        return Ok(None);
    }
    let before = diagnostics.error_count();
    let Some(text) = course.sources.read(
        crate::contained::Folder::course(&course.root),
        &file,
        diagnostics,
    ) else {
        if diagnostics.error_count() == before {
            diagnostics.push(Diagnostic::error(&file, None, "cannot read this file"));
        }
        return Err(());
    };
    let mut names: HashSet<&str> = HashSet::new();
    for item in ids
        .lessons
        .iter()
        .flatten()
        .chain(ids.quizzes.iter().flatten())
    {
        names.insert(&item.id);
        names.extend(item.was.iter().map(String::as_str));
    }
    match parse_for(&text, &file, &course.storage_key(), Some(&names)) {
        Ok(lock) => Ok(Some(lock)),
        Err(found) => {
            diagnostics.extend(found);
            Err(())
        }
    }
}

const HINT_DAMAGED: &str = "progress.lock is written by `brandcamp build`: restore it from version control (`git checkout progress.lock`); deleting it makes learners start the course afresh";

/// Reads the text of a lock. Every problem is reported at its line; none
/// is repaired. `course` is the storage key of the course being built.
pub fn parse(text: &str, file: &Path, course: &str) -> Result<Lock, Vec<Diagnostic>> {
    parse_for(text, file, course, None)
}

/// Like [`parse`]; a lock naming another course is taken for this course
/// renamed when it shares an id with `ids` (the ids and former ids of the
/// course's items), and refused otherwise.
fn parse_for(
    text: &str,
    file: &Path,
    course: &str,
    ids: Option<&HashSet<&str>>,
) -> Result<Lock, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let error = |line: usize, column: usize, width: usize, message: String| {
        Diagnostic::error(file, Some(Position::new(line, column)), message)
            .with_width(width)
            .with_hint(HINT_DAMAGED)
    };
    let mut course_line: Option<(String, usize, usize)> = None;
    let mut tag: Option<String> = None;
    // (slot, entry, line) per kind.
    let mut lessons: Vec<(usize, Entry, usize)> = Vec::new();
    let mut quizzes: Vec<(usize, Entry, usize)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let words = words(line);
        let Some(&(column, keyword)) = words.first() else {
            continue;
        };
        if keyword.starts_with('#') {
            continue;
        }
        let arity = |n: usize, errors: &mut Vec<Diagnostic>| {
            if words.len() != n {
                errors.push(error(
                    line_number,
                    column,
                    line.trim().chars().count(),
                    format!(
                        "`{keyword}` is followed by one word, not {}",
                        words.len() - 1
                    ),
                ));
                return false;
            }
            true
        };
        match keyword {
            "course" => {
                if course_line.is_some() {
                    errors.push(error(
                        line_number,
                        column,
                        6,
                        "a second `course` line".into(),
                    ));
                } else if arity(2, &mut errors) {
                    course_line = Some((words[1].1.to_string(), line_number, words[1].0));
                }
            }
            "tag" => {
                if tag.is_some() {
                    errors.push(error(line_number, column, 3, "a second `tag` line".into()));
                } else if arity(2, &mut errors) {
                    let (at, value) = words[1];
                    if value.len() == 6 && value.bytes().all(is_digit) {
                        tag = Some(value.to_string());
                    } else {
                        errors.push(error(
                            line_number,
                            at,
                            value.chars().count(),
                            format!(
                                "`{value}` is not a tag: a tag is 6 letters, digits, `-` or `_`"
                            ),
                        ));
                    }
                }
            }
            "lesson" | "quiz" => match parse_entry(&words, keyword == "quiz") {
                Ok((slot, entry)) => {
                    let list = if keyword == "quiz" {
                        &mut quizzes
                    } else {
                        &mut lessons
                    };
                    list.push((slot, entry, line_number));
                }
                Err((at, width, message)) => {
                    errors.push(error(line_number, at, width, message));
                }
            },
            other => errors.push(error(
                line_number,
                column,
                other.chars().count(),
                format!("`{other}` does not start a line of progress.lock"),
            )),
        }
    }
    match &course_line {
        None => errors.push(
            Diagnostic::error(file, None, "this lock names no course (a `course` line)")
                .with_hint(HINT_DAMAGED),
        ),
        Some((name, line, column))
            if name != course
                && !ids.is_some_and(|ids| {
                    lessons.iter().chain(&quizzes).any(|(_, e, _)| ids.contains(e.id.as_str()))
                }) =>
        {
            errors.push(
            Diagnostic::error(
                file,
                Some(Position::new(*line, *column)),
                format!("this lock belongs to the course `{name}`, not to this one (`{course}`)"),
            )
            .with_width(name.chars().count())
            .with_hint(format!(
                "a lock copied from another course would mix up learners' progress: delete this file to start a lock of this course; if this is this course, write `course {course}` on this line"
            )),
            )
        }
        Some(_) => {}
    }
    if tag.is_none() {
        errors.push(
            Diagnostic::error(file, None, "this lock has no `tag` line").with_hint(HINT_DAMAGED),
        );
    }
    let lessons = slots_in_order(lessons, "lesson", file, &mut errors);
    let quizzes = slots_in_order(quizzes, "quiz", file, &mut errors);
    if let (Some(lessons), Some(quizzes)) = (&lessons, &quizzes) {
        check_unique(lessons, quizzes, file, &mut errors);
    }
    match (course_line, tag, lessons, quizzes) {
        (Some((course, ..)), Some(tag), Some(lessons), Some(quizzes)) if errors.is_empty() => {
            Ok(Lock {
                course,
                tag,
                lessons: lessons.into_iter().map(|(entry, _)| entry).collect(),
                quizzes: quizzes.into_iter().map(|(entry, _)| entry).collect(),
            })
        }
        _ => Err(errors),
    }
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// The words of a line with their 1-based columns.
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut column = 0;
    let mut start_column = 0;
    for (i, c) in line.char_indices() {
        column += 1;
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                found.push((start_column, &line[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
            start_column = column;
        }
    }
    if let Some(s) = start {
        found.push((start_column, &line[s..]));
    }
    found
}

/// `lesson <slot> <id> [retired] [was <id>…]` or
/// `quiz <slot> <id> version <n> [retired] [was <id>…]`.
fn parse_entry(
    words: &[(usize, &str)],
    quiz: bool,
) -> Result<(usize, Entry), (usize, usize, String)> {
    let end_column = |w: &(usize, &str)| w.0 + w.1.chars().count();
    let (Some(slot_word), Some(id_word)) = (words.get(1), words.get(2)) else {
        let last = words.last().map_or(1, end_column);
        return Err((
            last,
            1,
            format!("`{}` needs a slot number and an id", words[0].1),
        ));
    };
    let slot: usize = match slot_word.1.parse() {
        Ok(slot) if slot_word.1.bytes().all(|b| b.is_ascii_digit()) => slot,
        _ => {
            return Err((
                slot_word.0,
                slot_word.1.chars().count(),
                format!("`{}` is not a slot number", slot_word.1),
            ));
        }
    };
    if let Some(problem) = id_problem(id_word.1) {
        return Err((
            id_word.0,
            id_word.1.chars().count(),
            format!("`{}` is not an id: {problem}", id_word.1),
        ));
    }
    let mut entry = Entry {
        id: id_word.1.to_string(),
        was: Vec::new(),
        version: 1,
        retired: false,
    };
    let mut rest = words[3..].iter();
    let mut version_seen = false;
    while let Some(&(column, word)) = rest.next() {
        match word {
            "retired" if !entry.retired => entry.retired = true,
            "version" if quiz && !version_seen => {
                version_seen = true;
                match rest.next() {
                    Some(&(_, n)) if n.parse::<u32>().is_ok_and(|n| n >= 1) => {
                        entry.version = n.parse().unwrap_or(1);
                    }
                    Some(&(at, n)) => {
                        return Err((
                            at,
                            n.chars().count(),
                            format!("`{n}` is not a version (1 or more)"),
                        ));
                    }
                    None => return Err((column, 7, "`version` needs a number after it".into())),
                }
            }
            "was" => {
                for &(at, former) in rest.by_ref() {
                    if let Some(problem) = id_problem(former) {
                        return Err((
                            at,
                            former.chars().count(),
                            format!("`{former}` is not an id: {problem}"),
                        ));
                    }
                    entry.was.push(former.to_string());
                }
                if entry.was.is_empty() {
                    return Err((column, 3, "`was` needs the former ids after it".into()));
                }
            }
            other => {
                return Err((
                    column,
                    other.chars().count(),
                    format!("`{other}` is not expected here"),
                ));
            }
        }
    }
    if quiz && !version_seen {
        return Err((
            id_word.0,
            id_word.1.chars().count(),
            "this quiz has no `version`".into(),
        ));
    }
    Ok((slot, entry))
}

/// The entries of one kind by slot: every slot from 0 up, once.
fn slots_in_order(
    mut found: Vec<(usize, Entry, usize)>,
    what: &str,
    file: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<Vec<(Entry, usize)>> {
    found.sort_by_key(|(slot, _, line)| (*slot, *line));
    let mut ordered: Vec<(Entry, usize)> = Vec::new();
    let mut ok = true;
    for (slot, entry, line) in found {
        if slot < ordered.len() {
            errors.push(
                Diagnostic::error(
                    file,
                    Some(Position::new(line, what.len() + 2)),
                    format!(
                        "{what} slot {slot} is given twice: here and on line {}",
                        ordered[slot].1
                    ),
                )
                .with_hint(HINT_DAMAGED),
            );
            ok = false;
        } else if slot > ordered.len() {
            errors.push(
                Diagnostic::error(
                    file,
                    Some(Position::new(line, what.len() + 2)),
                    format!(
                        "{what} slot {} is missing before slot {slot}",
                        ordered.len()
                    ),
                )
                .with_hint(HINT_DAMAGED),
            );
            ok = false;
            // Go on from here, so that each problem is reported once.
            while ordered.len() < slot {
                ordered.push((entry.clone(), line));
            }
            ordered.push((entry, line));
        } else {
            ordered.push((entry, line));
        }
    }
    ok.then_some(ordered)
}

/// A lesson id once; a quiz id and version once, and one live entry per quiz id.
fn check_unique(
    lessons: &[(Entry, usize)],
    quizzes: &[(Entry, usize)],
    file: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    let mut report = |line: usize, message: String| {
        errors.push(
            Diagnostic::error(file, Some(Position::new(line, 1)), message).with_hint(HINT_DAMAGED),
        );
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (entry, line) in lessons {
        if let Some(first) = seen.insert(&entry.id, *line) {
            report(
                *line,
                format!(
                    "the lesson `{}` has two slots: here and on line {first}",
                    entry.id
                ),
            );
        }
    }
    let mut versions: HashMap<(&str, u32), usize> = HashMap::new();
    let mut live: HashMap<&str, usize> = HashMap::new();
    for (entry, line) in quizzes {
        if let Some(first) = versions.insert((&entry.id, entry.version), *line) {
            report(
                *line,
                format!(
                    "the quiz `{}` version {} has two slots: here and on line {first}",
                    entry.id, entry.version
                ),
            );
        } else if !entry.retired
            && let Some(first) = live.insert(&entry.id, *line)
        {
            report(
                *line,
                format!(
                    "the quiz `{}` has two slots in use: here and on line {first}",
                    entry.id
                ),
            );
        }
    }
}

/// The text of a lock: a header saying what the file is, the course and
/// tag, then lessons and quizzes by slot.
pub fn render(lock: &Lock) -> String {
    let mut out = String::from(
        "# progress.lock: where each lesson and graded quiz keeps its learners'\n\
         # progress. `brandcamp build` keeps it up to date; commit it with the course.\n\
         # Slots are never reused, so that progress saved by any earlier version of\n\
         # the course is read correctly. Rename with `was:`, not here (docs/reference.md).\n",
    );
    out.push_str(&format!("course {}\ntag {}\n\n", lock.course, lock.tag));
    for (slot, entry) in lock.lessons.iter().enumerate() {
        out.push_str(&format!("lesson {slot} {}", entry.id));
        push_entry_tail(&mut out, entry);
    }
    if !lock.quizzes.is_empty() {
        out.push('\n');
    }
    for (slot, entry) in lock.quizzes.iter().enumerate() {
        out.push_str(&format!(
            "quiz {slot} {} version {}",
            entry.id, entry.version
        ));
        push_entry_tail(&mut out, entry);
    }
    out
}

fn push_entry_tail(out: &mut String, entry: &Entry) {
    if entry.retired {
        out.push_str(" retired");
    }
    if !entry.was.is_empty() {
        out.push_str(" was ");
        out.push_str(&entry.was.join(" "));
    }
    out.push('\n');
}

// --- Updating ---------------------------------------------------------------

/// The lock for the course as it is now, made from `previous` (or from
/// nothing): the slots of every item, and what changed.
pub fn update(
    previous: Option<&Lock>,
    course_key: &str,
    ids: &Identities,
) -> (Lock, Slots, Changes) {
    let mut changes = Changes {
        created: previous.is_none(),
        course_renamed_from: previous
            .filter(|lock| lock.course != course_key)
            .map(|lock| lock.course.clone()),
        ..Changes::default()
    };
    let flat_lessons: Vec<&ItemIdentity> = ids.lessons.iter().flatten().collect();
    let flat_quizzes: Vec<&ItemIdentity> = ids.quizzes.iter().flatten().collect();
    let tag = match previous {
        Some(lock) => lock.tag.clone(),
        None => new_tag(course_key, &flat_lessons, &flat_quizzes),
    };
    let mut lessons = previous.map(|l| l.lessons.clone()).unwrap_or_default();
    let mut quizzes = previous.map(|l| l.quizzes.clone()).unwrap_or_default();
    let lesson_slots = assign(&mut lessons, &flat_lessons, &mut changes.lessons);
    let quiz_slots = assign(&mut quizzes, &flat_quizzes, &mut changes.quizzes);

    let mut lesson_slots = lesson_slots.into_iter();
    let mut quiz_slots = quiz_slots.into_iter();
    let slots = Slots {
        lessons: ids
            .lessons
            .iter()
            .map(|module| module.iter().filter_map(|_| lesson_slots.next()).collect())
            .collect(),
        quizzes: ids
            .quizzes
            .iter()
            .map(|quiz| quiz.as_ref().and_then(|_| quiz_slots.next()))
            .collect(),
    };
    let lock = Lock {
        course: course_key.to_string(),
        tag,
        lessons,
        quizzes,
    };
    (lock, slots, changes)
}

/// Gives each item its slot in `entries`, adding and retiring entries.
/// Returns the items' slots, in order.
fn assign(
    entries: &mut Vec<Entry>,
    items: &[&ItemIdentity],
    changes: &mut KindChanges,
) -> Vec<usize> {
    let mut slot_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut claimed: HashSet<usize> = HashSet::new();
    // 1. The same id (and version): the item is where it was. A retired
    //    entry comes back into use for an item that comes back. Only the
    //    first entry of an id and version is looked at, found through a
    //    table rather than a search of all entries per item (which grows
    //    as the square of the course).
    let same: Vec<Option<usize>> = {
        let mut first: HashMap<(&str, u32), usize> = HashMap::with_capacity(entries.len());
        for (slot, e) in entries.iter().enumerate() {
            first.entry((e.id.as_str(), e.version)).or_insert(slot);
        }
        items
            .iter()
            .map(|item| first.get(&(item.id.as_str(), item.version)).copied())
            .collect()
    };
    for (i, item) in items.iter().enumerate() {
        if let Some(slot) = same[i].filter(|slot| !claimed.contains(slot)) {
            claimed.insert(slot);
            slot_of[i] = Some(slot);
            if entries[slot].retired {
                entries[slot].retired = false;
                changes.added.push(item.id.clone());
            } else {
                changes.kept += 1;
            }
        }
    }
    // 2. Renamed: an entry in use under one of the item's former ids.
    for (i, item) in items.iter().enumerate() {
        if slot_of[i].is_some() {
            continue;
        }
        let renamed = item.was.iter().find_map(|former| {
            entries
                .iter()
                .position(|e| !e.retired && &e.id == former && e.version == item.version)
                .filter(|slot| !claimed.contains(slot))
        });
        if let Some(slot) = renamed {
            claimed.insert(slot);
            slot_of[i] = Some(slot);
            let entry = &mut entries[slot];
            let former = std::mem::replace(&mut entry.id, item.id.clone());
            entry.was.retain(|w| w != &item.id);
            entry.was.push(former.clone());
            changes.kept += 1;
            changes.renamed.push((former, item.id.clone()));
        }
    }
    // 3. A new version of a quiz in use (under its id or a former one): the
    //    old slot retires, the quiz starts afresh in a new one.
    for (i, item) in items.iter().enumerate() {
        if slot_of[i].is_some() {
            continue;
        }
        let names: Vec<&String> = std::iter::once(&item.id).chain(&item.was).collect();
        let previous = entries
            .iter()
            .enumerate()
            .position(|(slot, e)| !e.retired && !claimed.contains(&slot) && names.contains(&&e.id));
        if let Some(old) = previous {
            claimed.insert(old);
            entries[old].retired = true;
            let mut was = entries[old].was.clone();
            if entries[old].id != item.id {
                was.push(entries[old].id.clone());
            }
            entries.push(Entry {
                id: item.id.clone(),
                was,
                version: item.version,
                retired: false,
            });
            slot_of[i] = Some(entries.len() - 1);
            claimed.insert(entries.len() - 1);
            changes.reset.push((item.id.clone(), item.version));
        }
    }
    // 4. New items, in course order, at the end.
    for (i, item) in items.iter().enumerate() {
        if slot_of[i].is_none() {
            // Its `was:` is kept: progress saved before the lock existed
            // may know it by one of those names.
            entries.push(Entry {
                id: item.id.clone(),
                was: item.was.clone(),
                version: item.version,
                retired: false,
            });
            slot_of[i] = Some(entries.len() - 1);
            claimed.insert(entries.len() - 1);
            changes.added.push(item.id.clone());
        }
    }
    // 5. What is left in use is gone from the course.
    for (slot, entry) in entries.iter_mut().enumerate() {
        if !entry.retired && !claimed.contains(&slot) {
            entry.retired = true;
            changes.retired.push(entry.id.clone());
        }
    }
    slot_of.into_iter().flatten().collect()
}

/// A lock's tag: a hash of the course and of the ids it starts with, so
/// that a lock made again from another state of the course differs.
fn new_tag(course_key: &str, lessons: &[&ItemIdentity], quizzes: &[&ItemIdentity]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |text: &str| {
        for b in text.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    feed(course_key);
    for item in lessons {
        feed(&item.id);
    }
    feed("");
    for item in quizzes {
        feed(&format!("{} {}", item.id, item.version));
    }
    (0..6)
        .map(|i| DIGITS[((hash >> (6 * i)) & 63) as usize] as char)
        .collect()
}

// --- In the build -----------------------------------------------------------

/// What the build does with the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockPolicy {
    /// `build`: write the lock when it changes (after a successful build).
    Update,
    /// `build --locked`: a lock that would change is an error.
    Locked,
    /// `check`: write nothing; say when the lock is out of date.
    Check,
    /// `serve`: write nothing, say nothing; the next `build` writes it.
    Preview,
}

/// The course's slots and lock, as this build sees them.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub lock: Lock,
    pub slots: Slots,
    pub changes: Changes,
    /// The text to write in place of the lock, when it must change.
    pub new_text: Option<String>,
}

/// Reads the lock, brings it up to date with the course, and reports what
/// `policy` asks. `None` when the lock is damaged or the ids are wrong (all
/// reported).
pub(crate) fn resolve(
    course: &Course,
    policy: LockPolicy,
    diagnostics: &Diagnostics,
) -> Option<Resolved> {
    let before = diagnostics.error_count();
    let ids = identities(course, diagnostics);
    let previous = read(course, &ids, diagnostics).ok()?;
    if diagnostics.error_count() > before {
        return None;
    }
    let key = course.storage_key();
    let (lock, slots, changes) = update(previous.as_ref(), &key, &ids);
    if lock.lessons.len() > MAX_LESSON_SLOTS || lock.quizzes.len() > MAX_QUIZ_SLOTS {
        diagnostics.push(
            Diagnostic::error(
                path(course),
                None,
                format!(
                    "the lock would hold {} lesson slots and {} quiz slots; saved progress can address {MAX_LESSON_SLOTS} and {MAX_QUIZ_SLOTS}",
                    lock.lessons.len(),
                    lock.quizzes.len()
                ),
            )
            .with_hint("split the course in two"),
        );
        return None;
    }
    let new_text = changes.any().then(|| render(&lock));
    match policy {
        LockPolicy::Locked if previous.is_none() => diagnostics.push(
            Diagnostic::error(
                path(course),
                None,
                "there is no progress.lock, and --locked forbids making one",
            )
            .with_hint("build once without --locked and commit progress.lock with the course"),
        ),
        LockPolicy::Locked if changes.any() => diagnostics.push(
            Diagnostic::error(
                path(course),
                None,
                format!(
                    "progress.lock is out of date, and --locked forbids changing it: {}",
                    out_of_date(&changes)
                ),
            )
            .with_hint("build without --locked and commit the new progress.lock with the course"),
        ),
        LockPolicy::Check if previous.is_some() && changes.any() => diagnostics.push(
            Diagnostic::warning(
                path(course),
                None,
                format!("progress.lock is out of date: {}", out_of_date(&changes)),
            )
            .with_hint("`brandcamp build` brings it up to date; commit it with the course"),
        ),
        _ => {}
    }
    Some(Resolved {
        lock,
        slots,
        changes,
        new_text,
    })
}

/// What the build would change in the lock, in a few words.
fn out_of_date(changes: &Changes) -> String {
    let mut parts = Vec::new();
    let (l, q) = (&changes.lessons, &changes.quizzes);
    let names = |ids: &[String]| list(ids);
    if let Some(old) = &changes.course_renamed_from {
        parts.push(format!("the course's title changed (it was {old})"));
    }
    if !l.added.is_empty() {
        parts.push(format!("new lessons {}", names(&l.added)));
    }
    if !q.added.is_empty() {
        parts.push(format!("new quizzes {}", names(&q.added)));
    }
    let renamed: Vec<String> = l
        .renamed
        .iter()
        .chain(&q.renamed)
        .map(|(from, to)| format!("{from} → {to}"))
        .collect();
    if !renamed.is_empty() {
        parts.push(format!("renamed {}", names(&renamed)));
    }
    let retired: Vec<String> = l.retired.iter().chain(&q.retired).cloned().collect();
    if !retired.is_empty() {
        parts.push(format!("removed {}", names(&retired)));
    }
    let reset: Vec<String> = q
        .reset
        .iter()
        .map(|(id, v)| format!("{id} (version {v})"))
        .collect();
    if !reset.is_empty() {
        parts.push(format!("quizzes to retake {}", names(&reset)));
    }
    parts.join("; ")
}

/// Writes the lock in place of the old one, atomically: a temporary file
/// beside it, renamed over it.
pub fn write(course: &Course, text: &str) -> Result<(), Diagnostic> {
    let file = path(course);
    let temporary = course
        .root
        .join(format!(".{LOCK_FILE}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &file));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Diagnostic::error(&file, None, format!("cannot write this file: {e}"))
            .with_hint("check that the course folder is writable; the site was left as it was")
    })
}

/// The former ids (`was`) of the items in use, and their slots: progress
/// saved under an old name is read through them. A name that is the id of
/// an item in use is that item's, not a former one.
pub(crate) fn former_names(entries: &[Entry]) -> Vec<(String, usize)> {
    let live: HashSet<&str> = entries
        .iter()
        .filter(|e| !e.retired)
        .map(|e| e.id.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (slot, entry) in entries.iter().enumerate().filter(|(_, e)| !e.retired) {
        for name in &entry.was {
            if !live.contains(name.as_str()) && seen.insert(name.clone()) {
                out.push((name.clone(), slot));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, was: &[&str], version: u32) -> ItemIdentity {
        ItemIdentity {
            id: id.into(),
            was: was.iter().map(|w| w.to_string()).collect(),
            version,
        }
    }

    fn ids(lessons: &[ItemIdentity], quizzes: &[ItemIdentity]) -> Identities {
        Identities {
            lessons: vec![lessons.to_vec()],
            quizzes: quizzes.iter().cloned().map(Some).collect(),
        }
    }

    const KEY: &str = "brandcamp:test";

    #[test]
    fn reordering_changes_nothing() {
        let first = ids(&[item("m/a", &[], 1), item("m/b", &[], 1)], &[]);
        let (lock, slots, _) = update(None, KEY, &first);
        assert_eq!(slots.lessons, vec![vec![0, 1]]);
        let swapped = ids(&[item("m/b", &[], 1), item("m/a", &[], 1)], &[]);
        let (again, slots, changes) = update(Some(&lock), KEY, &swapped);
        assert_eq!(again, lock);
        assert_eq!(slots.lessons, vec![vec![1, 0]]);
        assert!(!changes.any());
    }

    #[test]
    fn removed_items_keep_their_slot_and_new_ones_go_at_the_end() {
        let (lock, ..) = update(
            None,
            KEY,
            &ids(&[item("m/a", &[], 1), item("m/b", &[], 1)], &[]),
        );
        let (lock, slots, changes) = update(
            Some(&lock),
            KEY,
            &ids(&[item("m/new", &[], 1), item("m/b", &[], 1)], &[]),
        );
        assert_eq!(slots.lessons, vec![vec![2, 1]]);
        assert!(lock.lessons[0].retired);
        assert_eq!(changes.lessons.retired, vec!["m/a".to_string()]);
        assert_eq!(changes.lessons.added, vec!["m/new".to_string()]);
    }

    #[test]
    fn a_renamed_lesson_keeps_its_slot_and_remembers_its_name() {
        let (lock, ..) = update(None, KEY, &ids(&[item("m/a", &[], 1)], &[]));
        let (lock, slots, changes) =
            update(Some(&lock), KEY, &ids(&[item("n/z", &["m/a"], 1)], &[]));
        assert_eq!(slots.lessons, vec![vec![0]]);
        assert_eq!(lock.lessons[0].was, vec!["m/a".to_string()]);
        assert_eq!(changes.lessons.renamed.len(), 1);
        assert!(!changes.loses_progress());
    }

    #[test]
    fn a_new_quiz_version_takes_a_new_slot() {
        let (lock, ..) = update(None, KEY, &ids(&[], &[item("m", &[], 1)]));
        let (lock, slots, changes) = update(Some(&lock), KEY, &ids(&[], &[item("m", &[], 2)]));
        assert_eq!(slots.quizzes, vec![Some(1)]);
        assert!(lock.quizzes[0].retired);
        assert_eq!(changes.quizzes.reset, vec![("m".to_string(), 2)]);
        assert!(changes.loses_progress());
    }

    #[test]
    fn a_lock_reads_back_as_written() {
        let (lock, ..) = update(
            None,
            KEY,
            &ids(
                &[item("m/a", &[], 1), item("m/b", &[], 1)],
                &[item("m", &[], 3)],
            ),
        );
        let (lock, ..) = update(
            Some(&lock),
            KEY,
            &ids(&[item("m/c", &["m/a"], 1)], &[item("m", &[], 3)]),
        );
        let text = render(&lock);
        assert_eq!(parse(&text, Path::new("progress.lock"), KEY), Ok(lock));
    }

    #[test]
    fn words_have_their_columns() {
        assert_eq!(
            words("  lesson 3\tx"),
            vec![(3, "lesson"), (10, "3"), (12, "x")]
        );
    }
}
