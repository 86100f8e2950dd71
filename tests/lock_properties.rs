//! progress.lock under random sequences of course edits (lessons and
//! quizzes added, removed, brought back, renamed with `was:`, reordered,
//! moved between modules; quiz versions raised): the lock stays valid (it
//! reads back as written), a slot once given is never given to another item,
//! items keep their slot through every change but a new quiz version, and
//! the longest suspend_data the runtime can write (scorm-data.js, run once
//! in Node on every generated lock) is the length the build computes.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use brandcamp::progress_lock::{self, Identities, ItemIdentity, Lock};
use brandcamp::scorm::suspend_data;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const MODULES: usize = 3;
const KEY: &str = "brandcamp:property";

#[derive(Debug, Clone)]
enum Edit {
    AddLesson { module: usize, at: usize },
    RemoveLesson(usize),
    RestoreLesson(usize),
    RenameLesson(usize),
    MoveLesson { index: usize, module: usize },
    Reorder(usize),
    AddQuiz(usize),
    RemoveQuiz(usize),
    RestoreQuiz(usize),
    RenameQuiz(usize),
    BumpQuiz(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..MODULES, 0..8usize).prop_map(|(module, at)| Edit::AddLesson { module, at }),
        2 => (0..64usize).prop_map(Edit::RemoveLesson),
        1 => (0..64usize).prop_map(Edit::RestoreLesson),
        2 => (0..64usize).prop_map(Edit::RenameLesson),
        1 => (0..64usize, 0..MODULES).prop_map(|(index, module)| Edit::MoveLesson { index, module }),
        1 => (0..64usize).prop_map(Edit::Reorder),
        1 => (0..MODULES).prop_map(Edit::AddQuiz),
        1 => (0..MODULES).prop_map(Edit::RemoveQuiz),
        1 => (0..64usize).prop_map(Edit::RestoreQuiz),
        1 => (0..MODULES).prop_map(Edit::RenameQuiz),
        1 => (0..MODULES).prop_map(Edit::BumpQuiz),
    ]
}

/// An item of the course as the author knows it: `logical` stays the same
/// through renames and moves; `id` and `was` are what the author writes.
#[derive(Debug, Clone)]
struct Item {
    logical: usize,
    id: String,
    was: Vec<String>,
    version: u32,
}

#[derive(Debug, Default, Clone)]
struct Course {
    lessons: Vec<Vec<Item>>,
    quizzes: Vec<Option<Item>>,
    removed_lessons: Vec<Item>,
    removed_quizzes: Vec<Item>,
    next: usize,
}

impl Course {
    fn new() -> Course {
        Course {
            lessons: vec![Vec::new(); MODULES],
            quizzes: vec![None; MODULES],
            ..Course::default()
        }
    }

    fn fresh(&mut self, prefix: &str) -> Item {
        self.next += 1;
        Item {
            logical: self.next,
            id: format!("{prefix}{}", self.next),
            was: Vec::new(),
            version: 1,
        }
    }

    fn lesson_count(&self) -> usize {
        self.lessons.iter().map(Vec::len).sum()
    }

    /// The module and index of the n-th lesson (modulo the count).
    fn nth_lesson(&self, n: usize) -> Option<(usize, usize)> {
        let count = self.lesson_count();
        if count == 0 {
            return None;
        }
        let mut n = n % count;
        for (m, lessons) in self.lessons.iter().enumerate() {
            if n < lessons.len() {
                return Some((m, n));
            }
            n -= lessons.len();
        }
        None
    }

    fn apply(&mut self, edit: &Edit) {
        match *edit {
            Edit::AddLesson { module, at } => {
                let item = self.fresh("lesson-");
                let lessons = &mut self.lessons[module];
                lessons.insert(at.min(lessons.len()), item);
            }
            Edit::RemoveLesson(n) => {
                if let Some((m, i)) = self.nth_lesson(n) {
                    let item = self.lessons[m].remove(i);
                    self.removed_lessons.push(item);
                }
            }
            Edit::RestoreLesson(n) => {
                if !self.removed_lessons.is_empty() {
                    let item = self.removed_lessons.remove(n % self.removed_lessons.len());
                    self.lessons[n % MODULES].push(item);
                }
            }
            Edit::RenameLesson(n) => {
                if let Some((m, i)) = self.nth_lesson(n) {
                    self.next += 1;
                    let item = &mut self.lessons[m][i];
                    let old = std::mem::replace(&mut item.id, format!("renamed-{}", self.next));
                    item.was = vec![old];
                }
            }
            Edit::MoveLesson { index, module } => {
                if let Some((m, i)) = self.nth_lesson(index) {
                    let item = self.lessons[m].remove(i);
                    self.lessons[module].push(item);
                }
            }
            Edit::Reorder(seed) => {
                for (m, lessons) in self.lessons.iter_mut().enumerate() {
                    if !lessons.is_empty() {
                        let len = lessons.len();
                        lessons.rotate_left((seed + m) % len);
                    }
                    if seed % 2 == 1 {
                        lessons.reverse();
                    }
                }
            }
            Edit::AddQuiz(m) => {
                if self.quizzes[m].is_none() {
                    self.quizzes[m] = Some(self.fresh("quiz-"));
                }
            }
            Edit::RemoveQuiz(m) => {
                if let Some(item) = self.quizzes[m].take() {
                    self.removed_quizzes.push(item);
                }
            }
            Edit::RestoreQuiz(n) => {
                let m = n % MODULES;
                if !self.removed_quizzes.is_empty() && self.quizzes[m].is_none() {
                    let item = self.removed_quizzes.remove(n % self.removed_quizzes.len());
                    self.quizzes[m] = Some(item);
                }
            }
            Edit::RenameQuiz(m) => {
                self.next += 1;
                let next = self.next;
                if let Some(item) = self.quizzes[m].as_mut() {
                    let old = std::mem::replace(&mut item.id, format!("quiz-renamed-{next}"));
                    item.was = vec![old];
                }
            }
            Edit::BumpQuiz(m) => {
                if let Some(item) = self.quizzes[m].as_mut() {
                    item.version += 1;
                }
            }
        }
    }

    fn identities(&self) -> Identities {
        let identity = |item: &Item| ItemIdentity {
            id: item.id.clone(),
            was: item.was.clone(),
            version: item.version,
        };
        Identities {
            lessons: self
                .lessons
                .iter()
                .map(|l| l.iter().map(identity).collect())
                .collect(),
            quizzes: self
                .quizzes
                .iter()
                .map(|q| q.as_ref().map(identity))
                .collect(),
        }
    }
}

/// The modules and the lock as the runtime reads them (BrandcampToc's
/// `modules()` and `lock()`), for Node.
fn runtime_view(course: &Course, lock: &Lock, slots: &progress_lock::Slots) -> serde_json::Value {
    let toc: Vec<serde_json::Value> = (0..MODULES)
        .map(|m| {
            let lessons: Vec<serde_json::Value> = course.lessons[m]
                .iter()
                .zip(&slots.lessons[m])
                .map(|(item, slot)| serde_json::json!([item.id, format!("{}.html", item.id), slot]))
                .collect();
            let mut entry =
                serde_json::json!({ "slug": format!("m{m}"), "lessons": lessons, "quiz": null });
            if let Some(slot) = slots.quizzes[m] {
                entry["quiz"] = serde_json::json!("quiz.html");
                entry["quiz_slot"] = serde_json::json!(slot);
            }
            entry
        })
        .collect();
    let lessons: Vec<Option<&str>> = lock
        .lessons
        .iter()
        .map(|e| (!e.retired).then_some(e.id.as_str()))
        .collect();
    let quizzes: Vec<Option<(&str, u32)>> = lock
        .quizzes
        .iter()
        .map(|e| (!e.retired).then_some((e.id.as_str(), e.version)))
        .collect();
    serde_json::json!({
        "toc": toc,
        "lock": { "tag": lock.tag, "lessons": lessons, "quizzes": quizzes },
        "worst": suspend_data::worst_case_length(lock),
    })
}

/// Runs a sequence of edits, checking the lock after each; returns what the
/// runtime check needs.
fn run_edits(edits: &[Edit]) -> Result<serde_json::Value, TestCaseError> {
    let mut course = Course::new();
    let mut previous: Option<Lock> = None;
    // Which logical item holds each slot, for good.
    let mut lesson_owner: HashMap<usize, usize> = HashMap::new();
    let mut quiz_owner: HashMap<usize, (usize, u32)> = HashMap::new();
    let mut last = serde_json::Value::Null;
    for edit in edits {
        course.apply(edit);
        let (lock, slots, _) = progress_lock::update(previous.as_ref(), KEY, &course.identities());
        let text = progress_lock::render(&lock);
        let parsed = progress_lock::parse(&text, Path::new("progress.lock"), KEY);
        prop_assert_eq!(
            parsed.as_ref(),
            Ok(&lock),
            "the lock reads back as written:\n{}",
            text
        );
        if let Some(before) = &previous {
            prop_assert!(lock.lessons.len() >= before.lessons.len());
            prop_assert_eq!(&lock.tag, &before.tag);
        }
        for (m, module) in course.lessons.iter().enumerate() {
            for (item, &slot) in module.iter().zip(&slots.lessons[m]) {
                let owner = *lesson_owner.entry(slot).or_insert(item.logical);
                prop_assert_eq!(
                    owner,
                    item.logical,
                    "lesson slot {} changed hands after {:?}",
                    slot,
                    edit
                );
                prop_assert!(!lock.lessons[slot].retired);
            }
        }
        let live: usize = slots.lessons.iter().map(Vec::len).sum();
        let mut distinct: Vec<usize> = slots.lessons.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        prop_assert_eq!(distinct.len(), live, "two lessons share a slot");
        for (m, quiz) in course.quizzes.iter().enumerate() {
            if let (Some(item), Some(slot)) = (quiz, slots.quizzes[m]) {
                let owner = *quiz_owner
                    .entry(slot)
                    .or_insert((item.logical, item.version));
                prop_assert_eq!(
                    owner,
                    (item.logical, item.version),
                    "quiz slot {} changed hands",
                    slot
                );
            }
        }
        last = runtime_view(&course, &lock, &slots);
        previous = Some(lock);
    }
    Ok(last)
}

#[test]
fn random_edits_keep_the_lock_valid_and_never_reuse_a_slot() {
    let mut runner = TestRunner::new(Config {
        cases: 128,
        failure_persistence: None,
        ..Config::default()
    });
    let views = std::cell::RefCell::new(Vec::new());
    runner
        .run(&prop::collection::vec(edit(), 1..40), |edits| {
            views.borrow_mut().push(run_edits(&edits)?);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    worst_case_matches_the_runtime(&views.into_inner());
}

/// The runtime's longest suspend_data for each lock (every lesson seen,
/// every quiz taken, the longest name) is the length the build computed.
fn worst_case_matches_the_runtime(views: &[serde_json::Value]) {
    let script = r#"
const D = require(process.argv[1] + '/themes/default/assets/scorm-data.js');
const views = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const bad = [];
for (const { toc, lock, worst } of views) {
  const progress = { version: 2, lessons: {}, quizzes: {}, name: '€'.repeat(250) };
  for (const id of lock.lessons) if (id) progress.lessons[id] = 1;
  for (const q of lock.quizzes) if (q) progress.quizzes[q[0]] = { attempts: 99999, best: 100, passed: true, passedAt: '2999-12-31T23:59:00.000Z', version: q[1] };
  const text = D.encode(progress, toc, lock);
  if (text.length !== worst || D.worstCaseLength(toc, lock) !== worst) bad.push([text.length, D.worstCaseLength(toc, lock), worst]);
  if (!D.decode(text, 'k', toc, lock)) bad.push(['does not decode', text]);
}
console.log(JSON.stringify(bad));
"#;
    let mut child = match Command::new("node")
        .args(["-e", script, env!("CARGO_MANIFEST_DIR")])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!("node is needed to run scorm-data.js: {e}"),
    };
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(serde_json::to_string(views).expect("json").as_bytes())
            .expect("write");
    }
    let output = child.wait_with_output().expect("node");
    assert!(output.status.success(), "node failed");
    let bad = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        bad.trim(),
        "[]",
        "lengths that differ (runtime, runtime's bound, build's bound)"
    );
}
