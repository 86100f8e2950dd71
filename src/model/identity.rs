//! What an item's progress is kept under, as the author wrote it: a
//! lesson's, module's or quiz's `id:` and `was:`, with where each is
//! written (see [`crate::progress_lock`]). Plain data, shared by the model
//! and the quizzes.

use std::path::PathBuf;

use crate::diagnostics::Position;

/// What an author wrote to keep learners' progress through changes: a
/// pinned `id:` and the ids the item had before (`was:`). Empty by default:
/// the id is then derived from the slug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub id: Option<WrittenId>,
    pub was: Vec<WrittenId>,
}

/// An id as written, and where, for the diagnostics of later checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenId {
    pub text: String,
    /// The file it is written in, as diagnostics name it.
    pub file: PathBuf,
    pub position: Option<Position>,
}
