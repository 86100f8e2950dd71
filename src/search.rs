//! The full-text search index, built from the rendered lessons and written to
//! `assets/search-index.js`, which the theme's search box loads on first use
//! (a script, not JSON, so that it works from `file://`).
//!
//! The index is designed to stay a small fraction of the Markdown it covers:
//!
//! - a lesson is split into **sections**: the text before its first heading
//!   (with the lesson title), then one per heading;
//! - words are **folded** (lowercase, accents removed: `Stratégie` →
//!   `strategie`, by the rule of [`crate::fold`]), and a short list of
//!   French and English stop words is left out;
//! - the **term dictionary** lists each folded word once, sorted, and for
//!   each term a **posting list** gives the sections it occurs in, as
//!   delta-encoded variable-length numbers written with URL-safe characters
//!   (a word found in consecutive sections costs one character per section);
//! - each lesson keeps its title, module and page, each section its heading
//!   and anchor;
//! - the sections' **texts**, from which a result's snippet is cut around
//!   the first matching word, are not in the index: they are written in
//!   chunks of about [`TEXT_CHUNK_BYTES`] (`assets/search-text-K.js`, each
//!   setting `BRANDCAMP_SEARCH_TEXT[K]` to its sections' texts), and the
//!   search box loads only the chunks of the results it shows. Each chunk
//!   is handed to the writer as soon as it is made, so that a course's
//!   texts are never held twice (as the lessons' sections and as scripts).
//!
//! The global `BRANDCAMP_SEARCH` holds:
//!
//! ```text
//! { v: 2,
//!   stop: "au aux …",                     // the stop words, for the query side
//!   modules: ["Module title", …],
//!   lessons: [[module, "Lesson title", "module/lesson.html"], …],
//!   sections: [[lesson, "Heading", "anchor"], …],
//!   chunks: [0, 412, …],                   // first section of each text chunk
//!   terms: "abonnes analyse …",            // sorted, space-separated
//!   postings: "0123 W5…" }                  // one list per term, space-separated
//! ```
//!
//! The query side is `themes/default/assets/search-core.js`; the two must
//! agree on [`fold`](crate::fold), [`words`] and [`encode_numbers`].

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::Serialize;

use crate::fold::fold_char;
use crate::markdown::RenderedLesson;
use crate::model::{Course, Lesson};
use crate::urls;

/// Index format version, bumped when the query side must change with it.
const FORMAT_VERSION: u32 = 2;

/// A chunk of section texts holds whole lessons and ends after a lesson
/// once it holds at least this many bytes of text and the lesson's path
/// says so (see [`may_end_chunk`]), or once it holds [`MAX_CHUNK_BYTES`]: about
/// 64 KB on average, large enough that a course has few chunk files, small
/// enough that the snippets of a page of results cost little to fetch.
pub(crate) const TEXT_CHUNK_BYTES: usize = 32 * 1024;
const MAX_CHUNK_BYTES: usize = 4 * TEXT_CHUNK_BYTES;
/// One lesson in this many, by its path, may end a chunk.
const CHUNK_END_ODDS: u64 = 8;

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

/// The indexable words of `text`, folded, in order, stop words left out.
/// Words are the runs of letters and digits (`char::is_alphanumeric`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    Runs { rest: text }.filter(|word| {
        let chars = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars)
            && (chars > MAX_STOP_WORD_CHARS || !is_stop_word(word))
    })
}

/// The runs of alphanumeric characters of a text. ASCII, most of any text,
/// is classified a byte at a time.
struct Runs<'a> {
    rest: &'a str,
}

impl Runs<'_> {
    /// The character at byte `at` (a boundary): its length in bytes, and
    /// whether it is alphanumeric.
    fn char_at(&self, at: usize) -> (usize, bool) {
        let byte = self.rest.as_bytes()[at];
        if byte.is_ascii() {
            return (1, byte.is_ascii_alphanumeric());
        }
        match self.rest[at..].chars().next() {
            Some(c) => (c.len_utf8(), c.is_alphanumeric()),
            None => (1, false),
        }
    }
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.rest.len();
        let mut start = 0;
        loop {
            if start >= len {
                self.rest = "";
                return None;
            }
            let (width, word) = self.char_at(start);
            if word {
                break;
            }
            start += width;
        }
        let mut end = start;
        while end < len {
            let (width, word) = self.char_at(end);
            if !word {
                break;
            }
            end += width;
        }
        let rest = self.rest;
        self.rest = &rest[end..];
        Some(&rest[start..end])
    }
}

/// The longest stop word, in characters: longer words need no lookup.
const MAX_STOP_WORD_CHARS: usize = 5;

fn is_stop_word(word: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(word)
}

/// Digits of the numbers in posting lists: a number is written in base 32,
/// most significant digit first; every digit but the last is taken from
/// `MORE`, the last from `LAST`, so numbers need no separator.
const LAST: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const MORE: &[u8; 32] = b"WXYZabcdefghijklmnopqrstuvwxyz-_";

/// Writes increasing numbers as the first, then the gaps minus one.
pub(crate) fn encode_numbers(numbers: &[u32], out: &mut String) {
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
    /// Which of the rendered lesson's `sections` holds its text. The text
    /// (white space collapsed) is made again for its chunk rather than kept.
    text: usize,
    /// The length of that text, white space collapsed.
    text_len: usize,
    /// Its distinct words, folded, separated by spaces.
    terms: String,
}

/// The sections of each lesson at the last build, reused by the next build
/// for the lessons whose text has not changed (`serve` rebuilds often), and
/// what each chunk of section texts was made of.
#[derive(Default)]
pub struct SectionCache {
    lessons: HashMap<PathBuf, Arc<CachedLesson>>,
    /// The same, in the last build's reading order: a lesson at the same
    /// place as then is found without hashing its path.
    in_order: Vec<Arc<CachedLesson>>,
    /// For each chunk, the sections of its lessons. A chunk made of the same
    /// sections (the same values, which the cache holds, so that no other
    /// can take their place) has the same script.
    chunks: Vec<ChunkSections>,
    /// The posting lists of the last index.
    postings: Option<Postings>,
}

/// The sections of each lesson of a chunk of section texts.
type ChunkSections = Vec<Arc<[Section]>>;

/// The posting lists of an index, kept so that the next build updates the
/// lists of the terms an edit adds or removes instead of making them all
/// again.
struct Postings {
    /// The sections of each lesson they were made of, in reading order
    /// (the values, held so that no other can take their place).
    made_of: Vec<Arc<[Section]>>,
    /// Each term's sections, in increasing order, and that list encoded,
    /// in the index's order of terms.
    terms: BTreeMap<Box<str>, (Vec<u32>, String)>,
}

/// Beyond this many changed lessons, the lists are made again.
const MAX_UPDATED_LESSONS: usize = 64;

impl Postings {
    /// The index's terms and posting lists for `sectioned`, from `kept`
    /// updated when it can be, and kept for the next build.
    fn update_or_make(
        kept: &mut Option<Postings>,
        sectioned: &[Arc<[Section]>],
    ) -> (String, String) {
        if let Some(postings) = kept.as_mut()
            && postings.update(sectioned)
        {
            return postings.text();
        }
        let made = Postings {
            made_of: sectioned.to_vec(),
            terms: gather_postings(sectioned)
                .into_iter()
                .map(|(term, ids)| {
                    let mut encoded = String::new();
                    encode_numbers(&ids, &mut encoded);
                    (Box::from(term), (ids, encoded))
                })
                .collect(),
        };
        let text = made.text();
        *kept = Some(made);
        text
    }

    /// Updates the lists to `sectioned`, when only a few lessons changed,
    /// each keeping its number of sections (so that no other section's
    /// number moves). False, and nothing changed, otherwise.
    fn update(&mut self, sectioned: &[Arc<[Section]>]) -> bool {
        if self.made_of.len() != sectioned.len() {
            return false;
        }
        let changed: Vec<usize> = (0..sectioned.len())
            .filter(|&l| !Arc::ptr_eq(&self.made_of[l], &sectioned[l]))
            .collect();
        if changed.len() > MAX_UPDATED_LESSONS
            || changed
                .iter()
                .any(|&l| self.made_of[l].len() != sectioned[l].len())
        {
            return false;
        }
        let mut first = 0u32;
        let firsts: Vec<u32> = self
            .made_of
            .iter()
            .map(|sections| {
                let this = first;
                first += sections.len() as u32;
                this
            })
            .collect();
        let mut touched: FxHashSet<Box<str>> = FxHashSet::default();
        for &l in &changed {
            let pairs = self.made_of[l].iter().zip(sectioned[l].iter());
            for (i, (before, now)) in pairs.enumerate() {
                let number = firsts[l] + i as u32;
                let terms = |section: &Section| -> FxHashSet<Box<str>> {
                    section
                        .terms
                        .split(' ')
                        .filter(|t| !t.is_empty())
                        .map(Box::from)
                        .collect()
                };
                let (before, now) = (terms(before), terms(now));
                for term in before.difference(&now) {
                    if let Some((ids, _)) = self.terms.get_mut(term)
                        && let Ok(at) = ids.binary_search(&number)
                    {
                        ids.remove(at);
                    }
                    touched.insert(term.clone());
                }
                for term in now.difference(&before) {
                    let (ids, _) = self.terms.entry(term.clone()).or_default();
                    if let Err(at) = ids.binary_search(&number) {
                        ids.insert(at, number);
                    }
                    touched.insert(term.clone());
                }
            }
            self.made_of[l] = Arc::clone(&sectioned[l]);
        }
        for term in touched {
            match self.terms.get_mut(&term) {
                Some((ids, _)) if ids.is_empty() => {
                    self.terms.remove(&term);
                }
                Some((ids, encoded)) => {
                    encoded.clear();
                    encode_numbers(ids, encoded);
                }
                None => {}
            }
        }
        true
    }

    fn text(&self) -> (String, String) {
        let mut terms = String::new();
        let mut encoded = String::new();
        for (i, (term, (_, list))) in self.terms.iter().enumerate() {
            if i > 0 {
                terms.push(' ');
                encoded.push(' ');
            }
            terms.push_str(term);
            encoded.push_str(list);
        }
        (terms, encoded)
    }
}

struct CachedLesson {
    title: String,
    /// The rendered lesson the sections were made of: its headings and
    /// section texts are what they depend on.
    rendered: Arc<RenderedLesson>,
    sections: Arc<[Section]>,
}

/// The search scripts of a course: the index, and how many chunks of
/// section texts were handed to the writer.
pub struct SearchScripts {
    pub index: String,
    pub text_chunks: usize,
}

/// Where the chunks of section texts go (`assets/search-text-k.js`, see
/// [`text_chunk_path`]), in any order.
pub(crate) struct ChunkSink<Keep, Write> {
    /// Asked for a chunk made as the previous build made it, before it is
    /// made again: true if that build's file can stay as it is.
    pub keep: Keep,
    /// Given each chunk's script as it is made.
    pub write: Write,
}

/// The search scripts for the course, the chunks of section texts going to
/// `sink` as they are made. With a `cache`, lessons whose text is as in the
/// cache are not split into words again, chunks made of them are offered
/// to `sink.keep`, and the cache is updated for the next build.
pub(crate) fn search_scripts(
    course: &Course,
    rendered: &[Vec<Arc<RenderedLesson>>],
    mut cache: Option<&mut SectionCache>,
    sink: ChunkSink<impl Fn(usize) -> bool + Sync, impl Fn(usize, String) + Sync>,
) -> SearchScripts {
    let texts: Vec<&[String]> = rendered
        .iter()
        .flatten()
        .map(|lesson| lesson.sections.as_slice())
        .collect();
    let may_end: Vec<bool> = course
        .modules
        .iter()
        .flat_map(|m| m.lessons.iter().map(|l| may_end_chunk(&m.slug, &l.slug)))
        .collect();
    let sectioned = lesson_sections_all(course, rendered, cache.as_deref_mut());
    let previous = cache.as_deref_mut().map(|c| std::mem::take(&mut c.chunks));
    let (chunks, made_of) = text_chunks(&texts, &may_end, &sectioned, previous.as_deref(), sink);
    let postings = match cache {
        Some(cache) => {
            cache.chunks = made_of;
            Postings::update_or_make(&mut cache.postings, &sectioned)
        }
        None => postings_text(&gather_postings(&sectioned)),
    };
    let text_chunks = chunks.len();
    // Written as it is serialised: at 10,000 lessons the index is megabytes.
    let mut index = b"window.BRANDCAMP_SEARCH = ".to_vec();
    let (terms, postings) = postings;
    let built = build_index(course, &sectioned, chunks);
    let _ = serde_json::to_writer(&mut index, &built);
    // The two largest values, megabytes at 10,000 lessons, hold nothing
    // JSON escapes (folded words are letters and digits; posting lists
    // URL-safe characters): checked, then copied as they are rather than
    // escaped character by character.
    index.pop(); // the object's closing brace, put back after the two
    for (name, text) in [("terms", &terms), ("postings", &postings)] {
        index.extend_from_slice(format!(",\"{name}\":").as_bytes());
        // What serde_json escapes: quotes, backslashes, control bytes.
        if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            let _ = serde_json::to_writer(&mut index, text);
        } else {
            index.push(b'"');
            index.extend_from_slice(text.as_bytes());
            index.push(b'"');
        }
    }
    index.push(b'}');
    index.extend_from_slice(b";\n");
    SearchScripts {
        index: String::from_utf8(index).unwrap_or_default(),
        text_chunks,
    }
}

/// The site path of the `k`th chunk of section texts.
pub(crate) fn text_chunk_path(k: usize) -> String {
    format!("{}/search-text-{k}.js", urls::ASSETS_DIR)
}

/// Cuts the sections' texts into chunks of whole lessons and hands each
/// chunk's script to the sink, the chunks made in parallel. `texts[l]` are
/// the rendered sections of lesson `l`, and `may_end[l]` whether a chunk
/// may end after it (see [`may_end_chunk`]). Returns the first
/// section of each chunk, and the sections each chunk is made of (for the
/// next build's `previous`).
///
/// Where a chunk ends depends on the lengths of its own lessons and on
/// their slugs, not on what came before it: after an edit that lengthens a
/// lesson, the chunks soon end where they ended before, and the next
/// build's chunks after those are made of the same sections, offered to
/// `sink.keep` instead of being made again.
fn text_chunks(
    texts: &[&[String]],
    may_end: &[bool],
    sectioned: &[Arc<[Section]>],
    previous: Option<&[ChunkSections]>,
    sink: ChunkSink<impl Fn(usize) -> bool + Sync, impl Fn(usize, String) + Sync>,
) -> (Vec<u32>, Vec<ChunkSections>) {
    // Chunks as runs of lessons, from the texts' lengths and their slugs.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (lesson, sections) in sectioned.iter().enumerate() {
        bytes += sections.iter().map(|s| s.text_len).sum::<usize>();
        let may_end = may_end.get(lesson).copied().unwrap_or(true);
        if bytes >= MAX_CHUNK_BYTES || (bytes >= TEXT_CHUNK_BYTES && may_end) {
            runs.push(start..lesson + 1);
            start = lesson + 1;
            bytes = 0;
        }
    }
    if start < sectioned.len() {
        runs.push(start..sectioned.len());
    }
    let mut firsts = Vec::with_capacity(runs.len());
    let mut first = 0u32;
    for run in &runs {
        firsts.push(first);
        first += sectioned[run.clone()]
            .iter()
            .map(|s| s.len() as u32)
            .sum::<u32>();
    }
    let made_of: Vec<ChunkSections> = runs
        .iter()
        .map(|run| sectioned[run.clone()].to_vec())
        .collect();
    made_of.par_iter().enumerate().for_each(|(k, lessons)| {
        let same = previous.and_then(|p| p.get(k)).is_some_and(|before| {
            before.len() == lessons.len()
                && before.iter().zip(lessons).all(|(a, b)| Arc::ptr_eq(a, b))
        });
        if same && (sink.keep)(k) {
            return;
        }
        let run = runs[k].clone();
        let chunk: Vec<String> = texts[run.clone()]
            .iter()
            .zip(&sectioned[run])
            .flat_map(|(texts, sections)| {
                sections.iter().map(move |section| {
                    let text = texts.get(section.text).map_or("", String::as_str);
                    collapse_white_space(text, section.text_len)
                })
            })
            .collect();
        let json = serde_json::to_string(&chunk).unwrap_or_default();
        (sink.write)(
            k,
            format!(
                "(window.BRANDCAMP_SEARCH_TEXT = window.BRANDCAMP_SEARCH_TEXT || {{}})[{k}] = {json};\n"
            ),
        );
    });
    (firsts, made_of)
}

/// Whether a chunk of section texts long enough may end after the lesson
/// `lesson` of module `module` (their slugs): for one lesson in
/// [`CHUNK_END_ODDS`], by a hash that is the same at every build and on
/// every machine.
fn may_end_chunk(module: &str, lesson: &str) -> bool {
    crate::quiz::fnv1a(&[module.as_bytes(), b"/", lesson.as_bytes()]).is_multiple_of(CHUNK_END_ODDS)
}

/// `text` with runs of white space made one space, and none at either end;
/// `len` is the length that gives.
fn collapse_white_space(text: &str, len: usize) -> String {
    let mut out = String::with_capacity(len);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The length [`collapse_white_space`] gives `text`.
fn collapsed_len(text: &str) -> usize {
    let (words, bytes) = text
        .split_whitespace()
        .fold((0usize, 0), |(n, len), word| (n + 1, len + word.len()));
    bytes + words.saturating_sub(1)
}

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    stop: String,
    modules: Vec<&'a str>,
    lessons: Vec<(usize, &'a str, String)>,
    sections: Vec<(usize, &'a str, &'a str)>,
    chunks: Vec<u32>,
    // Then `terms` and `postings`, written after it (see `search_scripts`).
}

/// Every lesson's sections, in reading order. Splitting and folding the text
/// is most of the work of the index: done per lesson in parallel, or reused
/// from the cache.
fn lesson_sections_all(
    course: &Course,
    rendered: &[Vec<Arc<RenderedLesson>>],
    cache: Option<&mut SectionCache>,
) -> Vec<Arc<[Section]>> {
    let sources: Vec<(&Lesson, &Arc<RenderedLesson>)> = course
        .modules
        .iter()
        .zip(rendered)
        .flat_map(|(module, rendered)| module.lessons.iter().zip(rendered))
        .collect();
    let previous = cache.as_deref();
    let sectioned: Vec<Arc<[Section]>> = sources
        .par_iter()
        .enumerate()
        .map(|(i, (lesson, text))| {
            let at_same_place = previous
                .and_then(|c| c.in_order.get(i))
                .filter(|c| Arc::ptr_eq(&c.rendered, text) && c.title == lesson.title);
            let cached = at_same_place.or_else(|| {
                previous
                    .and_then(|c| c.lessons.get(&lesson.path))
                    .filter(|c| {
                        // A lesson the build did not render again is the same value.
                        c.title == lesson.title
                            && (Arc::ptr_eq(&c.rendered, text)
                                || (c.rendered.headings == text.headings
                                    && c.rendered.sections == text.sections))
                    })
            });
            match cached {
                Some(cached) => Arc::clone(&cached.sections),
                None => lesson_sections(&lesson.title, text).into(),
            }
        })
        .collect();
    if let Some(cache) = cache {
        // Updated where it changed: after an edit, most entries are as
        // they were, at the same place.
        let mut in_order = Vec::with_capacity(sources.len());
        for (i, ((lesson, text), sections)) in sources.iter().zip(&sectioned).enumerate() {
            if let Some(entry) = cache.in_order.get(i)
                && Arc::ptr_eq(&entry.sections, sections)
                && Arc::ptr_eq(&entry.rendered, text)
                && entry.title == lesson.title
            {
                in_order.push(Arc::clone(entry));
                continue;
            }
            let made = Arc::new(CachedLesson {
                title: lesson.title.clone(),
                rendered: Arc::clone(text),
                sections: Arc::clone(sections),
            });
            cache.lessons.insert(lesson.path.clone(), Arc::clone(&made));
            in_order.push(made);
        }
        cache.in_order = in_order;
        if cache.lessons.len() > sources.len() {
            // Lessons gone since: forgotten.
            let present: std::collections::HashSet<&std::path::Path> = sources
                .iter()
                .map(|(lesson, _)| lesson.path.as_path())
                .collect();
            cache
                .lessons
                .retain(|path, _| present.contains(path.as_path()));
        }
    }
    sectioned
}

/// Lessons whose posting lists one task gathers before they are merged.
const LESSONS_PER_TASK: usize = 128;

fn build_index<'a>(
    course: &'a Course,
    sectioned: &'a [Arc<[Section]>],
    chunks: Vec<u32>,
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
    let sections: Vec<(usize, &'a str, &'a str)> = sectioned
        .iter()
        .enumerate()
        .flat_map(|(lesson, sections)| {
            sections
                .iter()
                .map(move |s| (lesson, s.heading.as_str(), s.anchor.as_str()))
        })
        .collect();
    Index {
        v: FORMAT_VERSION,
        stop: STOP_WORDS.join(" "),
        modules: course.modules.iter().map(|m| m.title.as_str()).collect(),
        lessons,
        sections,
        chunks,
    }
}

/// Each term with the sections it occurs in, in increasing order, the
/// terms sorted.
fn gather_postings(sectioned: &[Arc<[Section]>]) -> Vec<(&str, Vec<u32>)> {
    // Posting lists are gathered for runs of lessons in parallel, then
    // joined run after run, so that each list stays in increasing order.
    let mut first_section = Vec::with_capacity(sectioned.len());
    let mut next = 0u32;
    for sections in sectioned {
        first_section.push(next);
        next += sections.len() as u32;
    }
    let runs: Vec<FxHashMap<&str, Vec<u32>>> = sectioned
        .par_chunks(LESSONS_PER_TASK)
        .zip(first_section.par_chunks(LESSONS_PER_TASK))
        .map(|(lessons, firsts)| {
            let mut postings: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
            for (sections, &first) in lessons.iter().zip(firsts) {
                for (i, section) in sections.iter().enumerate() {
                    for term in section.terms.split(' ').filter(|t| !t.is_empty()) {
                        postings.entry(term).or_default().push(first + i as u32);
                    }
                }
            }
            postings
        })
        .collect();
    let mut postings: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for run in runs {
        for (term, ids) in run {
            match postings.entry(term) {
                std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().extend(ids),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(ids);
                }
            }
        }
    }
    let mut postings: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    postings
}

/// The index's `terms` and `postings` texts of sorted posting lists.
fn postings_text(postings: &[(&str, Vec<u32>)]) -> (String, String) {
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
    (terms, encoded)
}

/// A lesson's sections: the title and the text before the first heading,
/// then each heading with the text after it. Sections with neither a heading
/// nor text are left out.
fn lesson_sections(title: &str, lesson: &RenderedLesson) -> Vec<Section> {
    let mut sections = Vec::with_capacity(lesson.headings.len() + 1);
    // One table of the words seen, emptied for each section.
    let mut terms = TermsBuilder::default();
    let intro = lesson.sections.first().map(String::as_str).unwrap_or("");
    sections.push(section("", "", title, (0, intro), &mut terms));
    for (i, heading) in lesson.headings.iter().enumerate() {
        let text = lesson.sections.get(i + 1).map(String::as_str).unwrap_or("");
        if heading.text.trim().is_empty() && text.trim().is_empty() {
            continue;
        }
        sections.push(section(
            &heading.text,
            &heading.id,
            "",
            (i + 1, text),
            &mut terms,
        ));
    }
    sections
}

/// A section of heading `heading` and text `text.1`, which is the lesson's
/// rendered section `text.0`.
fn section(
    heading: &str,
    anchor: &str,
    title: &str,
    text: (usize, &str),
    terms: &mut TermsBuilder,
) -> Section {
    let (number, text) = text;
    Section {
        heading: heading.trim().to_string(),
        anchor: anchor.to_string(),
        text: number,
        text_len: collapsed_len(text),
        terms: terms.distinct_words(&[title, heading, text]),
    }
}

/// Makes a section's terms: the distinct [`words`] of its parts (title,
/// heading, text) once [folded](crate::fold), in the order they first
/// appear, separated by spaces. The parts are folded, split and deduplicated
/// in one pass, without a folded copy of the text; the words seen are
/// remembered as places in the terms themselves, in a table kept from one
/// section to the next. Splitting and folding are most of the index's
/// work: [`words`] applied to [`fold`](crate::fold::fold) is the
/// definition, which the tests hold this to.
#[derive(Default)]
struct TermsBuilder {
    /// Where each word of the terms being made starts, and its length.
    seen: HashTable<(u32, u32)>,
    /// The word being read, folded.
    word: String,
    /// Its length in characters.
    word_chars: usize,
}

impl TermsBuilder {
    fn distinct_words(&mut self, parts: &[&str]) -> String {
        self.seen.clear();
        let mut terms = String::new();
        for part in parts {
            let bytes = part.as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                let byte = bytes[at];
                if byte.is_ascii() {
                    // A run of ASCII letters and digits, most of any text.
                    let run = bytes[at..]
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - at);
                    if run == 0 {
                        self.end_word(&mut terms);
                        at += 1;
                        continue;
                    }
                    let start = self.word.len();
                    self.word.push_str(&part[at..at + run]);
                    self.word[start..].make_ascii_lowercase();
                    self.word_chars += run;
                    at += run;
                    continue;
                }
                let Some(c) = part[at..].chars().next() else {
                    break;
                };
                fold_char(c, |folded| {
                    if folded.is_alphanumeric() {
                        self.word.push(folded);
                        self.word_chars += 1;
                    } else {
                        self.end_word(&mut terms);
                    }
                });
                at += c.len_utf8();
            }
            // The parts are joined by a space.
            self.end_word(&mut terms);
        }
        terms
    }

    /// Adds the word just read to `terms` if it is indexed and new.
    fn end_word(&mut self, terms: &mut String) {
        if self.word.is_empty() {
            return;
        }
        let word = self.word.as_str();
        let chars = self.word_chars;
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars)
            && (chars > MAX_STOP_WORD_CHARS || !is_stop_word(word))
        {
            let hash = FxBuildHasher.hash_one(word);
            let known = |&(start, len): &(u32, u32)| {
                terms.get(start as usize..(start + len) as usize) == Some(word)
            };
            if self.seen.find(hash, known).is_none() {
                if !terms.is_empty() {
                    terms.push(' ');
                }
                let place = (terms.len() as u32, word.len() as u32);
                terms.push_str(word);
                self.seen.insert_unique(hash, place, |&(start, len)| {
                    FxBuildHasher.hash_one(&terms[start as usize..(start + len) as usize])
                });
            }
        }
        self.word.clear();
        self.word_chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

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
    fn words_are_the_alphanumeric_runs() {
        let text = "l'été 2024 — naïve,ω β x:y ٣٤ ééé… a\u{300}b";
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(Runs { rest: text }.collect::<Vec<_>>(), expected);
        assert_eq!(Runs { rest: "" }.count(), 0);
        assert_eq!(Runs { rest: " -- " }.count(), 0);
    }

    /// The definition of a section's terms: the text folded, split into
    /// [`words`], each kept the first time it appears.
    fn terms_by_definition(parts: &[&str]) -> String {
        let folded = fold(&parts.join(" "));
        let mut seen = FxHashSet::default();
        let distinct: Vec<&str> = words(&folded).filter(|w| seen.insert(*w)).collect();
        distinct.join(" ")
    }

    #[test]
    fn terms_are_the_distinct_words_of_the_folded_text() {
        let cases: &[&[&str]] = &[
            &["Bienvenue", "", "Intro text, intro TEXT and Intro."],
            &["", "Stratégie de marque", "La STRATÉGIE, la stratégie."],
            // Accents that join what a split before folding would cut.
            &["", "", "a\u{300}b e\u{301}\u{301}te x\u{300}"],
            &["", "", "Cœur ŒUVRE Straße æther ΣΊΣΥΦΟΣ İstanbul ﬁn"],
            &["", "", "l'été 2024 — naïve,ω β x:y ٣٤ ééé… a\u{300}b"],
            // Parts are joined by a space: no word runs across them.
            &["mot", "mot", "mot"],
            &["ab", "cd", "ef"],
            &["", "", &"z".repeat(41)],
            &["", "", &"é".repeat(40)],
            &["", "", ""],
            &["", "", "  \t\n -- "],
        ];
        let mut builder = TermsBuilder::default();
        for parts in cases {
            assert_eq!(
                builder.distinct_words(parts),
                terms_by_definition(parts),
                "{parts:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn terms_match_their_definition_on_any_text(
            parts in proptest::collection::vec(
                "([a-zA-Z0-9 ,.'-]|[àéèÉœŒßæıİΣσ\u{300}\u{301}\u{a0}\u{2003}٣]){0,40}",
                3,
            )
        ) {
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let mut builder = TermsBuilder::default();
            // Twice: the table kept from a section must not leak into the next.
            for _ in 0..2 {
                proptest::prop_assert_eq!(
                    builder.distinct_words(&parts),
                    terms_by_definition(&parts)
                );
            }
        }
    }

    #[test]
    fn stop_words_are_folded_already() {
        for word in STOP_WORDS {
            assert_eq!(&fold(word), word);
            assert!(word.chars().count() <= MAX_STOP_WORD_CHARS, "{word}");
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

    /// Chunks made by `text_chunks` for lessons of these texts (each a
    /// list of section texts), after `previous`: the first sections, the
    /// scripts by chunk (`None`: kept), and what the chunks are made of.
    fn chunked(
        lessons: &[Vec<String>],
        may_end: &[bool],
        sectioned: &[Arc<[Section]>],
        previous: Option<&[ChunkSections]>,
    ) -> (Vec<u32>, Vec<Option<String>>, Vec<ChunkSections>) {
        let texts: Vec<&[String]> = lessons.iter().map(Vec::as_slice).collect();
        let scripts = std::sync::Mutex::new(std::collections::BTreeMap::new());
        let sink = ChunkSink {
            keep: |k| {
                scripts.lock().expect("not poisoned").insert(k, None);
                true
            },
            write: |k, script| {
                scripts
                    .lock()
                    .expect("not poisoned")
                    .insert(k, Some(script));
            },
        };
        let (firsts, made_of) = text_chunks(&texts, may_end, sectioned, previous, sink);
        let scripts = scripts.into_inner().expect("not poisoned");
        assert_eq!(scripts.len(), firsts.len(), "every chunk written or kept");
        (firsts, scripts.into_values().collect(), made_of)
    }

    /// A lesson's sections, of these texts, without headings.
    fn lesson_of(texts: &[impl AsRef<str>]) -> Arc<[Section]> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| section("", "", "", (i, t.as_ref()), &mut TermsBuilder::default()))
            .collect::<Vec<_>>()
            .into()
    }

    fn sectioned(lessons: &[Vec<String>]) -> Vec<Arc<[Section]>> {
        lessons.iter().map(|texts| lesson_of(texts)).collect()
    }

    #[test]
    fn section_texts_are_chunked_in_reading_order_by_whole_lessons() {
        let long = "mot ".repeat(TEXT_CHUNK_BYTES / 4);
        let lessons = [
            vec!["  court   texte ".to_string(), long.clone()],
            vec!["fin".to_string()],
        ];
        let (firsts, scripts, _) = chunked(&lessons, &[true, true], &sectioned(&lessons), None);
        assert_eq!(firsts, vec![0, 2], "a chunk ends once it is large enough");
        let scripts: Vec<String> = scripts.into_iter().flatten().collect();
        assert_eq!(scripts.len(), 2);
        assert!(
            scripts[0].contains(r#"[0] = ["court texte","mot mot"#),
            "{}",
            &scripts[0][..80]
        );
        assert!(scripts[1].contains(r#"[1] = ["fin"]"#), "{}", scripts[1]);

        // A lesson that may not end a chunk is followed in it, up to the
        // largest chunk.
        let (firsts, _, _) = chunked(&lessons, &[false, true], &sectioned(&lessons), None);
        assert_eq!(firsts, vec![0], "one chunk");
        let longer = "mot ".repeat(TEXT_CHUNK_BYTES / 4 + 1);
        let huge: Vec<Vec<String>> = (0..6).map(|_| vec![longer.clone()]).collect();
        let (firsts, _, _) = chunked(&huge, &[false; 6], &sectioned(&huge), None);
        assert_eq!(
            firsts,
            vec![0, 4],
            "no chunk much larger than {MAX_CHUNK_BYTES}"
        );
    }

    #[test]
    fn an_edit_makes_again_only_the_chunks_it_changes() {
        // 40 lessons of 4 KB, chunks ending where the slugs allow.
        let lesson = |i: usize, words: usize| vec![format!("leçon {i} ") + &"mot ".repeat(words)];
        let mut lessons: Vec<Vec<String>> = (0..40).map(|i| lesson(i, 1000)).collect();
        let may_end: Vec<bool> = (0..40)
            .map(|i| may_end_chunk("module", &format!("lecon-{i}")))
            .collect();
        let mut sections = sectioned(&lessons);
        let (firsts, scripts, made_of) = chunked(&lessons, &may_end, &sections, None);
        assert!(firsts.len() >= 3, "{firsts:?}");
        assert!(
            scripts.iter().all(Option::is_some),
            "all made the first time"
        );

        // Nothing changed: every chunk kept.
        let (again, scripts, made_of) = chunked(&lessons, &may_end, &sections, Some(&made_of));
        assert_eq!(again, firsts);
        assert!(scripts.iter().all(Option::is_none), "all kept: {scripts:?}");

        // The second lesson grows by a third: its chunk is made again, and
        // the chunks after the next place where one may end are kept.
        lessons[1] = lesson(1, 1400);
        sections[1] = sectioned(&lessons[1..2])[0].clone();
        let (after, scripts, _) = chunked(&lessons, &may_end, &sections, Some(&made_of));
        assert!(
            scripts[0]
                .as_ref()
                .is_some_and(|s| s.contains("leçon 1 mot"))
        );
        assert!(
            scripts.iter().skip(2).all(Option::is_none),
            "later chunks kept: {:?}",
            scripts.iter().map(Option::is_some).collect::<Vec<_>>()
        );
        assert_eq!(after[1..], firsts[1..], "no section added");
    }

    #[test]
    fn posting_lists_updated_after_an_edit_are_those_made_from_scratch() {
        let lesson = |texts: &[&str]| lesson_of(texts);
        let mut sectioned = vec![
            lesson(&["marque charte", "logo couleurs"]),
            lesson(&["réseaux sociaux", "marque publication"]),
            lesson(&["charte graphique"]),
        ];
        let mut kept = None;
        let first = Postings::update_or_make(&mut kept, &sectioned);
        assert_eq!(first, postings_text(&gather_postings(&sectioned)));

        // A word removed (logo), one only this section had (couleurs → teintes),
        // one that other sections have (charte): the same number of sections.
        sectioned[0] = lesson(&["marque charte", "charte teintes"]);
        let updated = Postings::update_or_make(&mut kept, &sectioned);
        assert!(
            kept.as_ref()
                .is_some_and(|k| Arc::ptr_eq(&k.made_of[0], &sectioned[0])),
            "updated, not made again"
        );
        assert_eq!(updated, postings_text(&gather_postings(&sectioned)));
        assert!(!updated.0.contains("logo") && updated.0.contains("teintes"));

        // A section more: the numbers after it move, so the lists are made again.
        sectioned[1] = lesson(&["réseaux sociaux", "marque", "publication"]);
        let remade = Postings::update_or_make(&mut kept, &sectioned);
        assert_eq!(remade, postings_text(&gather_postings(&sectioned)));
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
        let has = |section: &Section, word: &str| section.terms.split(' ').any(|t| t == word);
        assert!(has(&sections[0], "bienvenue"));
        assert!(has(&sections[0], "intro"));
        assert_eq!(sections[1].anchor, "strategie-de-marque");
        assert!(has(&sections[1], "strategie"));
        assert!(has(&sections[1], "voix"));
        assert!(!has(&sections[1], "de"));
    }
}
