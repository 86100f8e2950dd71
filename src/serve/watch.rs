//! Watching the course (and its theme folder) for changes. File-system
//! events come in bursts — an editor saving one file makes several — so they
//! are gathered until [`QUIET`] passes without a new one, and the burst
//! becomes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind, RenameMode};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the files must stay still before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(40);
/// A rebuild starts after this long even if files keep changing.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

/// What wakes the serve loop.
#[derive(Debug)]
pub enum Message {
    /// Files that changed.
    Changed(Vec<PathBuf>),
    /// Files changed, but the system cannot say which (its queue of events
    /// overflowed, or it reported an error).
    Unknown,
    /// Ctrl-C: stop serving.
    Stop,
}

/// A watcher of the course folder and of a theme folder outside it.
pub struct CourseWatcher {
    watcher: RecommendedWatcher,
    /// What is watched, shared with the event handler, which judges paths
    /// by it.
    watched: Arc<RwLock<Watched>>,
}

/// A folder as the file system knows it: replaced by another folder of the
/// same name (`git checkout`, an editor that saves a whole folder), it is
/// another folder, to be watched anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId(u64, u64);

impl FolderId {
    fn of(path: &Path) -> Option<FolderId> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FolderId(metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Some(FolderId(0, 0))
        }
    }
}

#[derive(Default)]
struct Watched {
    /// Folders watched with all they hold: their real paths, and which
    /// folders they are.
    roots: Vec<(PathBuf, FolderId)>,
    /// Where the folders asked for are (or were): their parent's real path
    /// and their name. The parents are watched alone, so that a folder
    /// moved away, deleted or replaced there is noticed.
    places: Vec<PathBuf>,
    parents: Vec<PathBuf>,
}

impl Watched {
    /// Whether a change at `path` can matter to the build.
    fn matters(&self, path: &Path) -> bool {
        match self
            .roots
            .iter()
            .find_map(|(root, _)| path.strip_prefix(root).ok())
        {
            Some(inside) => !is_noise(inside),
            None => self.places.iter().any(|place| place == path),
        }
    }

    /// Forgets the watched folders among `paths`: the watcher has stopped
    /// watching them (see [`drops_watch`]), so the next
    /// [`CourseWatcher::watch`] watches them anew, even when the folder is
    /// back under its name, the same folder, before that call.
    fn lost(&mut self, paths: &[PathBuf]) {
        self.roots.retain(|(root, _)| !paths.contains(root));
    }
}

/// Whether the watcher itself stops watching a folder the event is about:
/// the folder moved away from, or deleted in, a folder watched on its own
/// (its parent, watched so that this is seen), or deleted itself. Nothing
/// else tells: the watcher does so on its own thread, while the serve loop
/// may already have seen the folder back.
///
/// A move seen from the parent carries the rename's cookie (a tracker);
/// the same move seen from the moved folder's own watch carries none, and
/// the watcher keeps that watch. Taking the second as a drop would forget
/// a folder watched again since the first (its event comes later).
fn drops_watch(event: &notify::Event) -> bool {
    match event.kind {
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) => event.tracker().is_some(),
        EventKind::Remove(_) => true,
        _ => false,
    }
}

impl CourseWatcher {
    /// Starts watching; events are sent to `messages`.
    pub fn new(messages: Sender<Message>) -> notify::Result<CourseWatcher> {
        let watched: Arc<RwLock<Watched>> = Arc::default();
        let judge = Arc::clone(&watched);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else {
                let _ = messages.send(Message::Unknown);
                return;
            };
            if event.need_rescan() {
                let _ = messages.send(Message::Unknown);
                return;
            }
            if !is_change(&event.kind) {
                return;
            }
            if drops_watch(&event) {
                judge
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .lost(&event.paths);
            }
            let watched = judge.read().unwrap_or_else(|e| e.into_inner());
            let paths: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter(|path| watched.matters(path))
                .collect();
            if !paths.is_empty() {
                let _ = messages.send(Message::Changed(paths));
            }
        })?;
        Ok(CourseWatcher { watcher, watched })
    }

    /// Watches exactly `folders` (recursively), dropping earlier ones that
    /// are no longer in the list, and the folders that hold them (not
    /// recursively). A folder inside another is not watched twice. A folder
    /// that is missing is watched for in its parent; one replaced by another
    /// of the same name is watched anew. True when that changed what is
    /// watched: changes made meanwhile may then have gone unseen.
    pub fn watch(&mut self, folders: &[PathBuf]) -> bool {
        let mut wanted = Watched::default();
        for folder in folders {
            if let Some(place) = place_of(folder) {
                wanted.places.push(place);
            }
            let Ok(real) = folder.canonicalize() else {
                continue;
            };
            let Some(id) = FolderId::of(&real) else {
                continue;
            };
            if !wanted.roots.iter().any(|(w, _)| real.starts_with(w)) {
                wanted.roots.retain(|(w, _)| !w.starts_with(&real));
                wanted.roots.push((real, id));
            }
        }
        for place in &wanted.places {
            if let Some(parent) = place.parent()
                && !wanted
                    .roots
                    .iter()
                    .any(|(root, _)| parent.starts_with(root))
                && !wanted.parents.iter().any(|p| p == parent)
            {
                wanted.parents.push(parent.to_path_buf());
            }
        }
        // Set before watching (the handler judges paths by these), and not
        // held while watching: the watcher may wait for its handler.
        let (roots, parents) = (wanted.roots.clone(), wanted.parents.clone());
        let before = std::mem::replace(
            &mut *self.watched.write().unwrap_or_else(|e| e.into_inner()),
            wanted,
        );
        for (old, _) in before.roots.iter().filter(|old| !roots.contains(old)) {
            let _ = self.watcher.unwatch(old);
        }
        for old in before.parents.iter().filter(|old| !parents.contains(old)) {
            let _ = self.watcher.unwatch(old);
        }
        for (folder, _) in roots.iter().filter(|new| !before.roots.contains(new)) {
            let _ = self.watcher.watch(folder, RecursiveMode::Recursive);
        }
        for parent in parents.iter().filter(|new| !before.parents.contains(new)) {
            let _ = self.watcher.watch(parent, RecursiveMode::NonRecursive);
        }
        before.roots != roots || before.parents != parents
    }
}

/// Where `folder` is: its parent's real path and its name, whether or not
/// the folder is there now.
fn place_of(folder: &Path) -> Option<PathBuf> {
    if let Ok(real) = folder.canonicalize() {
        return Some(real);
    }
    let absolute = std::path::absolute(folder).ok()?;
    let name = absolute.file_name()?;
    let parent = absolute.parent()?.canonicalize().ok()?;
    Some(parent.join(name))
}

/// Reading a file is not a change (the build itself reads every file).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Editors' swap and backup files, and hidden files and folders (`.git`),
/// given a path inside a watched folder.
fn is_noise(path: &Path) -> bool {
    let hidden = path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
    });
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    hidden
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// A burst of changes: the files that changed, and whether that is all of
/// them (false when the system lost count, see [`Message::Unknown`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Burst {
    pub paths: Vec<PathBuf>,
    pub complete: bool,
}

/// Waits for the next burst of changes and returns it once the files have
/// been quiet for [`QUIET`]; `None` when it is time to stop.
pub fn next_burst(messages: &Receiver<Message>) -> Option<Burst> {
    let mut burst = Burst {
        paths: Vec::new(),
        complete: true,
    };
    let add = |message: Message, burst: &mut Burst| match message {
        Message::Changed(paths) => {
            burst.paths.extend(paths);
            true
        }
        Message::Unknown => {
            burst.complete = false;
            true
        }
        Message::Stop => false,
    };
    if !add(messages.recv().ok()?, &mut burst) {
        return None;
    }
    let started = Instant::now();
    loop {
        let left = LONGEST_WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match messages.recv_timeout(QUIET.min(left)) {
            Ok(message) => {
                if !add(message, &mut burst) {
                    return None;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    burst.paths.sort();
    burst.paths.dedup();
    Some(burst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn editor_leftovers_and_hidden_files_are_noise() {
        assert!(is_noise(Path::new("01-a/.01-b.md.swp")));
        assert!(is_noise(Path::new(".git/index")));
        assert!(is_noise(Path::new("01-a/01-b.md~")));
        assert!(!is_noise(Path::new("01-a/01-b.md")));
    }

    #[test]
    fn reading_files_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn a_burst_of_events_is_one_change() {
        let (tx, rx) = channel();
        tx.send(Message::Changed(vec!["b.md".into()]))
            .expect("send");
        tx.send(Message::Changed(vec!["a.md".into(), "b.md".into()]))
            .expect("send");
        let burst = next_burst(&rx).expect("a burst");
        assert_eq!(burst.paths, [PathBuf::from("a.md"), PathBuf::from("b.md")]);
        assert!(burst.complete);
        tx.send(Message::Changed(vec!["a.md".into()]))
            .expect("send");
        tx.send(Message::Unknown).expect("send");
        let burst = next_burst(&rx).expect("a burst");
        assert!(!burst.complete, "an overflow makes the burst incomplete");
        tx.send(Message::Stop).expect("send");
        assert!(next_burst(&rx).is_none());
    }

    /// Waits for a change at `path`, for at most two seconds.
    fn changed(inbox: &Receiver<Message>, path: &Path) -> bool {
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match inbox.recv_timeout(left) {
                Ok(Message::Changed(paths)) if paths.iter().any(|p| p == path) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        false
    }

    /// The watcher stops watching a folder moved away on its own thread;
    /// moved back before the serve loop looks again, the folder is the same
    /// one, and is still watched anew.
    #[test]
    fn a_folder_moved_away_and_back_at_once_is_watched_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let parent = dir.path().canonicalize().expect("real path");
        let course = parent.join("course");
        std::fs::create_dir(&course).expect("mkdir");
        let lesson = course.join("lesson.md");
        std::fs::write(&lesson, "# Un").expect("write");
        let (tx, inbox) = channel();
        let mut watcher = CourseWatcher::new(tx).expect("watcher");
        watcher.watch(std::slice::from_ref(&course));

        std::fs::rename(&course, parent.join("away")).expect("move away");
        std::fs::rename(parent.join("away"), &course).expect("move back");
        assert!(changed(&inbox, &course), "the move is seen");
        assert!(
            watcher.watch(std::slice::from_ref(&course)),
            "watching again changes what is watched"
        );
        std::fs::write(&lesson, "# Deux").expect("edit");
        assert!(changed(&inbox, &lesson), "an edit after the move is seen");
    }
}
