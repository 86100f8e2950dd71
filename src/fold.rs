//! Accent folding: the one rule for what a character becomes when case
//! and accents are ignored. Slugs ([`crate::slug`]), the search index
//! ([`crate::search`]) and the brand rules' loose matching
//! ([`crate::brand::engine::Fold::Loose`]) fold with it, and so do the
//! learner-side copies, `fold` of `themes/default/assets/search-core.js`
//! and the `LOOSE` mode of `fold` in `brand.js`. The cases of
//! `tests/fold_vectors.json` hold all of them to it.
//!
//! The rule, character by character:
//!
//! 1. `œ`, `æ` and `ß` (and `Œ`, `Æ`) are spelt out: `oe`, `ae`, `ss`
//!    (Unicode gives them no decomposition);
//! 2. any other character is decomposed canonically (NFD: `é` → `e` and a
//!    combining acute), and the combining marks (Unicode category M: the
//!    accents of every script) are left out;
//! 3. what remains is lowercased, one character at a time (so `Σ` is `σ`
//!    wherever it stands).
//!
//! Letters that are not decomposed stay as they are (`ø`, `ł`, `đ`), and so
//! do compatibility forms (`ﬁ`, full-width letters); slugs alone decompose
//! those first ([`crate::slug::slugify`]), as web addresses keep ASCII only.
//!
//! Hand-written over `unicode-normalization` (which gives the
//! decomposition) because no crate folds by this rule, and the ASCII and
//! Latin-1 shortcuts keep the search index of a large course fast.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// `text` folded: see the module's rule.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(text: &str, out: &mut String) {
    // Runs of ASCII (most of any text) are copied in one go.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        fold_char(c, |folded| out.push(folded));
        rest = chars.as_str();
    }
}

/// Gives `push` the characters `c` folds to (none for a combining mark).
pub fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    // The accented letters of Latin-1 (most of French), without a table
    // lookup: each is its base letter and one combining mark.
    let base = match c {
        'À'..='Å' | 'à'..='å' => Some('a'),
        'Ç' | 'ç' => Some('c'),
        'È'..='Ë' | 'è'..='ë' => Some('e'),
        'Ì'..='Ï' | 'ì'..='ï' => Some('i'),
        'Ñ' | 'ñ' => Some('n'),
        'Ò'..='Ö' | 'ò'..='ö' => Some('o'),
        'Ù'..='Ü' | 'ù'..='ü' => Some('u'),
        'Ý' | 'ý' | 'ÿ' => Some('y'),
        _ => None,
    };
    if let Some(base) = base {
        push(base);
        return;
    }
    let spelt = match c {
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        _ => "",
    };
    if !spelt.is_empty() {
        spelt.chars().for_each(push);
        return;
    }
    decompose_canonical(c, |part| {
        if !is_combining_mark(part) {
            part.to_lowercase().for_each(&mut push);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_letters_fold_as_their_decomposition() {
        for c in '\u{a0}'..='\u{ff}' {
            let mut expected = String::new();
            decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    expected.extend(part.to_lowercase());
                }
            });
            if c == 'æ' || c == 'Æ' || c == 'ß' {
                continue;
            }
            let mut out = String::new();
            fold_char(c, |folded| out.push(folded));
            assert_eq!(out, expected, "{c}");
        }
    }

    #[test]
    fn a_combining_mark_folds_to_nothing() {
        assert_eq!(fold("e\u{301}"), "e");
        assert_eq!(fold("\u{301}"), "");
    }
}
