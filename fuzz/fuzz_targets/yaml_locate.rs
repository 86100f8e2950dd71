//! `yaml::locate` on any text with any path never panics, and a position it
//! finds lies inside the text.
#![no_main]

use brandcamp::yaml::{self, Step};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum FuzzStep {
    Key(String),
    Index(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    path: Vec<FuzzStep>,
}

fuzz_target!(|input: Input| {
    let steps: Vec<Step<'_>> = input
        .path
        .iter()
        .map(|s| match s {
            FuzzStep::Key(k) => Step::Key(k),
            FuzzStep::Index(i) => Step::Index(usize::from(*i)),
        })
        .collect();
    if let Some(position) = yaml::locate(&input.text, &steps) {
        let lines = input.text.split('\n').count();
        assert!(position.line >= 1 && position.line <= lines, "{position:?}");
        assert!(position.column >= 1, "{position:?}");
    }
});
