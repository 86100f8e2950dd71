//! What the open pages learn about builds: which site is being served and
//! the errors of the last build. Pages long-poll it through
//! `/__brandcamp/events`: a request waits until something changes, so a page
//! hears about a rebuild as soon as it is done.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// What a page is told. `build` names the site being served (it changes
/// only when a build succeeds); `generation` changes after every build,
/// failed or not, so that errors appear and clear.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Snapshot {
    pub generation: u64,
    pub build: String,
    pub errors: Vec<BuildError>,
}

/// One error of a failed build, as the overlay in the page shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BuildError {
    /// `file:line:column`.
    pub location: String,
    pub message: String,
    pub hint: Option<String>,
}

/// Build id of a site that has not been built yet.
pub const NO_BUILD: &str = "none";

pub struct Live {
    /// Tells apart the builds of two runs of `serve`, so that a page left open
    /// across a restart reloads.
    session: String,
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    generation: u64,
    builds: u64,
    errors: Vec<BuildError>,
    stopping: bool,
}

impl Live {
    pub fn new() -> Live {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Live {
            session: format!("{:x}", nanos ^ u128::from(std::process::id())),
            state: Mutex::new(State {
                generation: 0,
                builds: 0,
                errors: Vec::new(),
                stopping: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-updated
        // (every update is a few assignments), so a poisoned lock is usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records the outcome of a build and wakes the waiting pages.
    pub fn finished(&self, succeeded: bool, diagnostics: &[Diagnostic]) {
        let mut state = self.lock();
        state.generation += 1;
        if succeeded {
            state.builds += 1;
        }
        state.errors = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| BuildError {
                location: d.location(),
                message: d.message.clone(),
                hint: d.hint.clone(),
            })
            .collect();
        drop(state);
        self.changed.notify_all();
    }

    /// Wakes every waiting page, for a clean exit.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    pub fn snapshot(&self) -> Snapshot {
        self.snapshot_of(&self.lock())
    }

    fn snapshot_of(&self, state: &State) -> Snapshot {
        Snapshot {
            generation: state.generation,
            build: self.build_id(state.builds),
            errors: state.errors.clone(),
        }
    }

    fn build_id(&self, builds: u64) -> String {
        if builds == 0 {
            NO_BUILD.to_string()
        } else {
            format!("{}-{builds}", self.session)
        }
    }

    /// The id of the site being served now.
    pub fn current_build(&self) -> String {
        self.build_id(self.lock().builds)
    }

    /// Waits until the generation differs from `since` (at once if it
    /// already does, or if `since` is `None`), or `timeout` passes.
    pub fn wait_for_change(&self, since: Option<u64>, timeout: Duration) -> Snapshot {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        while Some(state.generation) == since && !state.stopping {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            state = match self.changed.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(e) => e.into_inner().0,
            };
        }
        self.snapshot_of(&state)
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_waiting_page_wakes_when_a_build_finishes() {
        let live = Arc::new(Live::new());
        live.finished(true, &[]);
        let first = live.snapshot();
        let waiter = {
            let live = Arc::clone(&live);
            let since = first.generation;
            std::thread::spawn(move || live.wait_for_change(Some(since), Duration::from_secs(10)))
        };
        live.finished(true, &[]);
        let next = waiter.join().expect("waiter");
        assert_eq!(next.generation, first.generation + 1);
        assert_ne!(next.build, first.build);
    }

    #[test]
    fn a_failed_build_keeps_the_site_and_reports_its_errors() {
        let live = Live::new();
        live.finished(true, &[]);
        let good = live.snapshot();
        let error = Diagnostic::error(
            "course/01-a/01-b.md",
            Some(crate::diagnostics::Position::new(3, 1)),
            "broken link",
        );
        live.finished(false, &[error]);
        let failed = live.snapshot();
        assert_eq!(failed.build, good.build);
        assert_eq!(failed.errors.len(), 1);
        assert_eq!(failed.errors[0].location, "course/01-a/01-b.md:3:1");
        live.finished(true, &[]);
        assert!(live.snapshot().errors.is_empty());
    }

    #[test]
    fn an_out_of_date_page_is_answered_at_once() {
        let live = Live::new();
        live.finished(true, &[]);
        let snapshot = live.wait_for_change(Some(0), Duration::from_secs(60));
        assert_eq!(snapshot.generation, 1);
        assert_eq!(
            live.wait_for_change(None, Duration::from_secs(60)),
            snapshot
        );
    }
}
