//! The full-text search index, built from the rendered lessons and written to
//! `assets/search-index.js`, which the theme's search box loads on first use
//! (a script, not JSON, so that it works from `file://`).
//!
//! The index is designed to stay a small fraction of the Markdown it covers:
//!
//! - a lesson is split into **sections**: the text before its first heading
//!   (with the lesson title), then one per heading;
//! - words are **folded** (lowercase, accents removed: `Stratégie` →
//!   `strategie`), and a short list of French and English stop words is left
//!   out;
//! - the **term dictionary** lists each folded word once, sorted, and for
//!   each term a **posting list** gives the sections it occurs in, as
//!   delta-encoded variable-length numbers written with URL-safe characters
//!   (a word found in consecutive sections costs one character per section);
//! - each section keeps a short **excerpt** of its text for the result's
//!   snippet, and each lesson its title, module and page.
//!
//! The global `BRANDCAMP_SEARCH` holds:
//!
//! ```text
//! { v: 1,
//!   stop: "au aux …",                     // the stop words, for the query side
//!   modules: ["Module title", …],
//!   lessons: [[module, "Lesson title", "module/lesson.html"], …],
//!   sections: [[lesson, "Heading", "anchor", "Excerpt…"], …],
//!   terms: "abonnes analyse …",            // sorted, space-separated
//!   postings: "0123 W5…" }                  // one list per term, space-separated
//! ```
//!
//! The query side is `themes/default/assets/search-core.js`; the two must
//! agree on [`fold`], [`words`] and [`encode_numbers`].

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::markdown::{Heading, RenderedLesson};
use crate::model::{Course, Lesson};
use crate::urls;

/// Index format version, bumped when the query side must change with it.
const FORMAT_VERSION: u32 = 1;

/// Characters of section text kept for a result's snippet.
const EXCERPT_CHARS: usize = 180;

/// Words shorter or longer than this (in characters) are not indexed.
const MIN_WORD_CHARS: usize = 2;
const MAX_WORD_CHARS: usize = 40;

/// Words too common to be worth a posting list, already folded. Kept short:
/// a learner searching for "pas" or "tout" should still find something.
pub const STOP_WORDS: &[&str] = &[
    // French
    "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles",
    "en", "est", "et", "il", "ils", "la", "le", "les", "leur", "leurs", "mais", "ne", "nous", "ou",
    "par", "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vous",
    // English
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "was", "with",
];

/// Folds text for matching: lowercase, accents and other combining marks
/// removed, common ligatures spelled out (`Cœur` → `coeur`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            _ => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    out.extend(part.to_lowercase());
                }
            }),
        }
    }
    out
}

/// The indexable words of `text`, folded, in order, stop words left out.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| {
        let chars = word.chars().count();
        (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars) && !STOP_WORDS.contains(word)
    })
}

/// Digits of the numbers in posting lists: a number is written in base 32,
/// most significant digit first; every digit but the last is taken from
/// `MORE`, the last from `LAST`, so numbers need no separator.
const LAST: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const MORE: &[u8; 32] = b"WXYZabcdefghijklmnopqrstuvwxyz-_";

/// Writes increasing numbers as the first, then the gaps minus one.
pub fn encode_numbers(numbers: &[u32], out: &mut String) {
    let mut previous: Option<u32> = None;
    for &n in numbers {
        let value = match previous {
            Some(p) => n.saturating_sub(p).saturating_sub(1),
            None => n,
        };
        previous = Some(n);
        let mut digits = [0u8; 7];
        let mut len = 0;
        let mut rest = value;
        loop {
            digits[len] = (rest % 32) as u8;
            len += 1;
            rest /= 32;
            if rest == 0 {
                break;
            }
        }
        for (i, &digit) in digits[..len].iter().rev().enumerate() {
            let alphabet = if i + 1 == len { LAST } else { MORE };
            out.push(alphabet[digit as usize] as char);
        }
    }
}

/// One section of a lesson, as the index stores it.
struct Section {
    heading: String,
    anchor: String,
    excerpt: String,
    /// Its distinct words, folded.
    terms: Vec<String>,
}

/// The sections of each lesson at the last build, reused by the next build
/// for the lessons whose text has not changed (`serve` rebuilds often).
#[derive(Default)]
pub struct SectionCache {
    lessons: HashMap<PathBuf, CachedLesson>,
}

struct CachedLesson {
    title: String,
    headings: Vec<Heading>,
    texts: Vec<String>,
    sections: Arc<[Section]>,
}

/// `assets/search-index.js` for the course. With a `cache`, lessons whose
/// text is as in the cache are not split into words again, and the cache is
/// updated for the next build.
pub fn index_script(
    course: &Course,
    rendered: &[Vec<RenderedLesson>],
    cache: Option<&mut SectionCache>,
) -> String {
    let json = serde_json::to_string(&build_index(course, rendered, cache)).unwrap_or_default();
    format!("window.BRANDCAMP_SEARCH = {json};\n")
}

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    stop: String,
    modules: Vec<&'a str>,
    lessons: Vec<(usize, &'a str, String)>,
    sections: Vec<(usize, String, String, String)>,
    terms: String,
    postings: String,
}

fn build_index<'a>(
    course: &'a Course,
    rendered: &[Vec<RenderedLesson>],
    cache: Option<&mut SectionCache>,
) -> Index<'a> {
    let lessons: Vec<(usize, &'a str, String)> = course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| {
            module
                .lessons
                .iter()
                .map(move |lesson| (m, lesson.title.as_str(), urls::lesson_page(module, lesson)))
        })
        .collect();
    let sources: Vec<(&Lesson, &RenderedLesson)> = course
        .modules
        .iter()
        .zip(rendered)
        .flat_map(|(module, rendered)| module.lessons.iter().zip(rendered.iter()))
        .collect();
    // Splitting and folding the text is most of the work: done per lesson in
    // parallel (or reused); the posting lists are then filled in reading order.
    let previous = cache.as_deref();
    let sectioned: Vec<Arc<[Section]>> = sources
        .par_iter()
        .map(|(lesson, text)| {
            let cached = previous
                .and_then(|c| c.lessons.get(&lesson.path))
                .filter(|c| {
                    c.title == lesson.title
                        && c.headings == text.headings
                        && c.texts == text.sections
                });
            match cached {
                Some(cached) => Arc::clone(&cached.sections),
                None => lesson_sections(&lesson.title, text).into(),
            }
        })
        .collect();
    if let Some(cache) = cache {
        cache.lessons = sources
            .iter()
            .zip(&sectioned)
            .map(|((lesson, text), sections)| {
                let entry = CachedLesson {
                    title: lesson.title.clone(),
                    headings: text.headings.clone(),
                    texts: text.sections.clone(),
                    sections: Arc::clone(sections),
                };
                (lesson.path.clone(), entry)
            })
            .collect();
    }

    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut sections = Vec::new();
    for (lesson_index, lesson_sections) in sectioned.iter().enumerate() {
        for section in lesson_sections.iter() {
            let id = sections.len() as u32;
            for term in &section.terms {
                postings.entry(term.as_str()).or_default().push(id);
            }
            sections.push((
                lesson_index,
                section.heading.clone(),
                section.anchor.clone(),
                section.excerpt.clone(),
            ));
        }
    }
    let mut postings: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut terms = String::new();
    let mut encoded = String::new();
    for (i, (term, ids)) in postings.iter().enumerate() {
        if i > 0 {
            terms.push(' ');
            encoded.push(' ');
        }
        terms.push_str(term);
        encode_numbers(ids, &mut encoded);
    }
    Index {
        v: FORMAT_VERSION,
        stop: STOP_WORDS.join(" "),
        modules: course.modules.iter().map(|m| m.title.as_str()).collect(),
        lessons,
        sections,
        terms,
        postings: encoded,
    }
}

/// A lesson's sections: the title and the text before the first heading,
/// then each heading with the text after it. Sections with neither a heading
/// nor text are left out.
fn lesson_sections(title: &str, lesson: &RenderedLesson) -> Vec<Section> {
    let mut sections = Vec::with_capacity(lesson.headings.len() + 1);
    let intro = lesson.sections.first().map(String::as_str).unwrap_or("");
    sections.push(section("", "", title, intro));
    for (i, heading) in lesson.headings.iter().enumerate() {
        let text = lesson.sections.get(i + 1).map(String::as_str).unwrap_or("");
        if heading.text.trim().is_empty() && text.trim().is_empty() {
            continue;
        }
        sections.push(section(&heading.text, &heading.id, "", text));
    }
    sections
}

fn section(heading: &str, anchor: &str, title: &str, text: &str) -> Section {
    let folded = fold(&format!("{title} {heading} {text}"));
    let distinct: HashSet<&str> = words(&folded).collect();
    let terms = distinct.into_iter().map(str::to_string).collect();
    Section {
        heading: heading.trim().to_string(),
        anchor: anchor.to_string(),
        excerpt: excerpt(text),
        terms,
    }
}

/// The start of a section's text, whitespace collapsed, cut at a word
/// boundary.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + 1 > EXCERPT_CHARS && chars > 0 {
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        if len > EXCERPT_CHARS {
            out.extend(word.chars().take(EXCERPT_CHARS));
            out.push('…');
            return out;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder the query side implements, for round trips.
    fn decode_numbers(text: &str) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut value = 0u32;
        let mut previous: Option<u32> = None;
        for byte in text.bytes() {
            if let Some(d) = MORE.iter().position(|&c| c == byte) {
                value = value * 32 + d as u32;
            } else if let Some(d) = LAST.iter().position(|&c| c == byte) {
                value = value * 32 + d as u32;
                let n = match previous {
                    Some(p) => p + value + 1,
                    None => value,
                };
                numbers.push(n);
                previous = Some(n);
                value = 0;
            } else {
                panic!("unexpected character {byte}");
            }
        }
        numbers
    }

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(fold("Stratégie"), "strategie");
        assert_eq!(fold("ÉLÈVE À Noël"), "eleve a noel");
        assert_eq!(fold("Cœur, Æther, Straße"), "coeur, aether, strasse");
        assert_eq!(fold("façade naïve"), "facade naive");
    }

    #[test]
    fn words_skip_stop_words_punctuation_and_single_letters() {
        let folded = fold("L'équipe de la marque — et les abonnés (X, 2024) !");
        let found: Vec<&str> = words(&folded).collect();
        assert_eq!(found, ["equipe", "marque", "abonnes", "2024"]);
    }

    #[test]
    fn stop_words_are_folded_already() {
        for word in STOP_WORDS {
            assert_eq!(&fold(word), word);
        }
    }

    #[test]
    fn consecutive_sections_cost_one_character_each() {
        let mut out = String::new();
        encode_numbers(&[0, 1, 2, 3], &mut out);
        assert_eq!(out, "0000");
    }

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let numbers = [0, 5, 31, 32, 33, 1000, 1_000_000, 4_000_000_000];
        let mut out = String::new();
        encode_numbers(&numbers, &mut out);
        assert!(out.bytes().all(|b| LAST.contains(&b) || MORE.contains(&b)));
        assert_eq!(decode_numbers(&out), numbers);
    }

    #[test]
    fn excerpts_are_cut_at_a_word_boundary() {
        let text = "mot ".repeat(100);
        let cut = excerpt(&text);
        assert!(cut.ends_with("mot…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("  court   texte "), "court texte");
    }

    #[test]
    fn sections_split_at_headings_and_carry_the_title() {
        let lesson = RenderedLesson {
            headings: vec![crate::markdown::Heading {
                level: 2,
                text: "Stratégie de marque".into(),
                id: "strategie-de-marque".into(),
            }],
            sections: vec!["Intro text.".into(), "Le ton de la voix.".into()],
            ..RenderedLesson::default()
        };
        let sections = lesson_sections("Bienvenue", &lesson);
        assert_eq!(sections.len(), 2);
        let has = |section: &Section, word: &str| section.terms.iter().any(|t| t == word);
        assert!(has(&sections[0], "bienvenue"));
        assert!(has(&sections[0], "intro"));
        assert_eq!(sections[1].anchor, "strategie-de-marque");
        assert!(has(&sections[1], "strategie"));
        assert!(has(&sections[1], "voix"));
        assert!(!has(&sections[1], "de"));
    }
}
