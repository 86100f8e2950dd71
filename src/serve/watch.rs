//! Watching the course (and its theme folder) for changes. File-system
//! events come in bursts — an editor saving one file makes several — so they
//! are gathered until [`QUIET`] passes without a new one, and the burst
//! becomes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the files must stay still before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(100);
/// A rebuild starts after this long even if files keep changing.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

/// What wakes the serve loop.
#[derive(Debug)]
pub enum Message {
    /// Files that changed.
    Changed(Vec<PathBuf>),
    /// Ctrl-C: stop serving.
    Stop,
}

/// A watcher of the course folder and of a theme folder outside it.
pub struct CourseWatcher {
    watcher: RecommendedWatcher,
    /// The folders watched, shared with the event handler, which judges
    /// paths relative to them.
    watched: Arc<RwLock<Vec<PathBuf>>>,
}

impl CourseWatcher {
    /// Starts watching; events are sent to `messages`.
    pub fn new(messages: Sender<Message>) -> notify::Result<CourseWatcher> {
        let watched: Arc<RwLock<Vec<PathBuf>>> = Arc::default();
        let roots = Arc::clone(&watched);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if !is_change(&event.kind) {
                return;
            }
            let roots = roots.read().unwrap_or_else(|e| e.into_inner());
            let paths: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter(|path| {
                    let inside = roots
                        .iter()
                        .find_map(|root| path.strip_prefix(root).ok())
                        .unwrap_or(path);
                    !is_noise(inside)
                })
                .collect();
            if !paths.is_empty() {
                let _ = messages.send(Message::Changed(paths));
            }
        })?;
        Ok(CourseWatcher { watcher, watched })
    }

    /// Watches exactly `folders` (recursively), dropping earlier ones that
    /// are no longer in the list. A folder inside another is not watched
    /// twice. Missing folders are skipped: the build reports them.
    pub fn watch(&mut self, folders: &[PathBuf]) {
        let mut wanted: Vec<PathBuf> = Vec::new();
        for folder in folders {
            let Ok(folder) = folder.canonicalize() else {
                continue;
            };
            if !wanted.iter().any(|w| folder.starts_with(w)) {
                wanted.retain(|w| !w.starts_with(&folder));
                wanted.push(folder);
            }
        }
        // Set before watching (the handler judges paths by these), and not
        // held while watching: the watcher may wait for its handler.
        let before = std::mem::replace(
            &mut *self.watched.write().unwrap_or_else(|e| e.into_inner()),
            wanted.clone(),
        );
        for old in &before {
            if !wanted.contains(old) {
                let _ = self.watcher.unwatch(old);
            }
        }
        for folder in &wanted {
            if !before.contains(folder) {
                let _ = self.watcher.watch(folder, RecursiveMode::Recursive);
            }
        }
    }
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

/// Waits for the next burst of changes and returns it once the files have
/// been quiet for [`QUIET`]; `None` when it is time to stop.
pub fn next_burst(messages: &Receiver<Message>) -> Option<Vec<PathBuf>> {
    let mut changed = match messages.recv() {
        Ok(Message::Changed(paths)) => paths,
        Ok(Message::Stop) | Err(_) => return None,
    };
    let started = Instant::now();
    loop {
        let left = LONGEST_WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match messages.recv_timeout(QUIET.min(left)) {
            Ok(Message::Changed(paths)) => changed.extend(paths),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    changed.sort();
    changed.dedup();
    Some(changed)
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
        assert_eq!(burst, [PathBuf::from("a.md"), PathBuf::from("b.md")]);
        tx.send(Message::Stop).expect("send");
        assert!(next_burst(&rx).is_none());
    }
}
