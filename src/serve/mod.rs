//! `brandcamp serve`.
