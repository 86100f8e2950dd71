//! Results a build keeps for the next one, keyed by what they were made of.
//! `serve` rebuilds after every save; most files have not changed, and what
//! is made of a file alone (a lesson read, a quiz parsed, a lesson's
//! Markdown rendered) can be taken from the previous build, with the
//! diagnostics it gave, when its inputs are the same.
//!
//! Only pure results are kept: a rebuild gives the same pages and the same
//! diagnostics as a build from scratch (tested in `tests/build.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Results of one kind, one per file: those of the previous build, and
/// those made or reused by this one.
pub struct Remembered<T> {
    previous: HashMap<PathBuf, Arc<Entry<T>>>,
    current: Mutex<HashMap<PathBuf, Arc<Entry<T>>>>,
}

struct Entry<T> {
    /// What the result was made of (a file's text, and anything else it
    /// depends on), compared in full.
    inputs: Arc<str>,
    value: Option<T>,
    diagnostics: Vec<Diagnostic>,
}

impl<T> Default for Remembered<T> {
    fn default() -> Self {
        Remembered {
            previous: HashMap::new(),
            current: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> Remembered<T> {
    /// Starts a build: what the last build made becomes what this one may
    /// reuse; files the last build did not see are forgotten.
    pub(crate) fn next_build(&mut self) {
        let current = std::mem::take(self.current.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.previous = current;
    }

    /// The result for `file` made of `inputs`: the previous build's when its
    /// inputs were the same (its diagnostics are reported again), else
    /// `make`'s.
    pub(crate) fn get_or_make(
        &self,
        file: &Path,
        inputs: Arc<str>,
        diagnostics: &Diagnostics,
        make: impl FnOnce(&Diagnostics) -> Option<T>,
    ) -> Option<T> {
        let same = |e: &&Arc<Entry<T>>| Arc::ptr_eq(&e.inputs, &inputs) || *e.inputs == *inputs;
        if let Some(entry) = self.previous.get(file).filter(same) {
            diagnostics.extend(entry.diagnostics.iter().cloned());
            self.lock().insert(file.to_path_buf(), Arc::clone(entry));
            return entry.value.clone();
        }
        let own = Diagnostics::new();
        let value = make(&own);
        let found = own.into_sorted();
        diagnostics.extend(found.iter().cloned());
        let entry = Entry {
            inputs,
            value: value.clone(),
            diagnostics: found,
        };
        self.lock().insert(file.to_path_buf(), Arc::new(entry));
        value
    }

    /// The previous build's result for `file`, taken as it is (its
    /// diagnostics reported again), without looking at the file: for a
    /// caller that knows the file has not changed since. `None` when the
    /// previous build made nothing for it.
    pub fn carry_over(&self, file: &Path, diagnostics: &Diagnostics) -> Option<Option<T>> {
        let entry = self.previous.get(file)?;
        diagnostics.extend(entry.diagnostics.iter().cloned());
        self.lock().insert(file.to_path_buf(), Arc::clone(entry));
        Some(entry.value.clone())
    }

    /// Keeps the previous build's results for `files` for the next build,
    /// without reporting their diagnostics: for a caller that took them,
    /// with them, through something that holds them (a module holds its
    /// lessons).
    pub fn keep(&self, files: impl IntoIterator<Item = PathBuf>) {
        let mut current = self.lock();
        for file in files {
            if let Some(entry) = self.previous.get(&file) {
                current.insert(file, Arc::clone(entry));
            }
        }
    }

    /// Makes the result for `file` with `make` whatever the previous build
    /// made, and remembers it with its diagnostics for [`Remembered::carry_over`].
    pub fn make(
        &self,
        file: &Path,
        diagnostics: &Diagnostics,
        make: impl FnOnce(&Diagnostics) -> Option<T>,
    ) -> Option<T> {
        let own = Diagnostics::new();
        let value = make(&own);
        let found = own.into_sorted();
        diagnostics.extend(found.iter().cloned());
        let entry = Entry {
            inputs: Arc::from(""),
            value: value.clone(),
            diagnostics: found,
        };
        self.lock().insert(file.to_path_buf(), Arc::new(entry));
        value
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<PathBuf, Arc<Entry<T>>>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Makes `make`'s result, through `remembered` when there is one.
pub fn through<T: Clone>(
    remembered: Option<&Remembered<T>>,
    file: &Path,
    inputs: impl FnOnce() -> Arc<str>,
    diagnostics: &Diagnostics,
    make: impl FnOnce(&Diagnostics) -> Option<T>,
) -> Option<T> {
    match remembered {
        Some(r) => r.get_or_make(file, inputs(), diagnostics, make),
        None => make(diagnostics),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_result_is_reused_with_its_diagnostics_while_its_inputs_are_the_same() {
        let mut remembered: Remembered<String> = Remembered::default();
        let made = Cell::new(0);
        let make = |d: &Diagnostics| {
            made.set(made.get() + 1);
            d.push(Diagnostic::warning("a.md", None, "careful"));
            Some(format!("made {}", made.get()))
        };
        let file = Path::new("a.md");
        for (inputs, expected, times) in [
            ("one", "made 1", 1),
            ("one", "made 1", 1),
            ("two", "made 2", 2),
        ] {
            remembered.next_build();
            let diagnostics = Diagnostics::new();
            let value = remembered.get_or_make(file, inputs.into(), &diagnostics, make);
            assert_eq!(value.as_deref(), Some(expected));
            assert_eq!(made.get(), times);
            assert_eq!(diagnostics.warning_count(), 1, "diagnostics given again");
        }
        // A build that did not see the file forgets it.
        remembered.next_build();
        remembered.next_build();
        let diagnostics = Diagnostics::new();
        remembered.get_or_make(file, "two".into(), &diagnostics, make);
        assert_eq!(made.get(), 3);
    }
}
