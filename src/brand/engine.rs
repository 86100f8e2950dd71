//! The brand rule engine: given a text, a platform and the rules, the
//! findings (too long, a required hashtag missing, an avoided hashtag, an
//! avoided term, a wrong spelling), each with where it is in the text.
//!
//! The same engine runs in the learner's browser
//! (`themes/default/assets/brand.js`); `tests/brand_vectors.json` holds the
//! cases both must agree on. Keep the two in step: every rule below is
//! written so that it can be done the same way in JavaScript (code point by
//! code point, no locale-dependent steps).
//!
//! How text is compared (see docs/brand.md):
//! - case and accents are ignored (`garanti` matches `Garanti`, `GARANTI`
//!   and `garantí`), except for a spelling to avoid that is a right spelling
//!   with other accents (`Lorvelo` beside `use: Lorvélo`: accents count) or
//!   another case (`ACME` beside `use: Acme`: matched exactly as written);
//! - a term matches whole words only (`ad` is not found in `adresse`); an
//!   apostrophe, straight or curly, ends a word, so `l'ACME` and `d’ACME`
//!   are caught;
//! - the spaces of a multi-word term match any run of white space;
//! - nothing is found inside a web address.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::{AccountKind, AccountRules, Brand, Platform, RuleGroup};

/// Rules a single question adds to the brand's (a quiz's `post` question).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// Words or phrases the post must contain (matched like terms).
    pub must_mention: Vec<String>,
    pub max_hashtags: Option<usize>,
    /// Replaces the platform's limit.
    pub max_length: Option<usize>,
    /// Ideas the post must express (a question's `ideas`).
    pub ideas: Vec<Idea>,
    /// Ideas the post must not express (a question's `avoid_ideas`).
    pub avoid_ideas: Vec<Idea>,
    /// Who writes the post: the rules of brand.yaml's `accounts:` for this
    /// kind apply (the official account's by default).
    pub account: AccountKind,
}

/// An idea a post must (or must not) express: met when any word of its
/// family starts a word of the post (`retard` meets « retardé »), ignoring
/// case and accents; a word may be several (`prochaine information`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Idea {
    pub words: Vec<String>,
    /// What the learner is told: `missing` for a required idea, `found`
    /// for an idea to avoid.
    pub message: String,
}

/// One thing a text does against the rules. Ranges are byte offsets into the
/// text that was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// Longer than the platform allows; `range` starts at the first
    /// character past the limit.
    Length {
        length: usize,
        limit: usize,
        range: Range<usize>,
    },
    HashtagMissing {
        hashtag: String,
    },
    TooManyHashtags {
        count: usize,
        max: usize,
    },
    MustMention {
        text: String,
    },
    /// A required idea (`index` in `ideas`) that no word of the post expresses.
    IdeaMissing {
        index: usize,
        message: String,
    },
    /// An idea to avoid (`index` in `avoid_ideas`), found at `range`.
    IdeaAvoided {
        index: usize,
        message: String,
        range: Range<usize>,
    },
    /// `hashtag` is the rule's spelling; `range` is the hashtag as written.
    HashtagAvoided {
        hashtag: String,
        range: Range<usize>,
    },
    /// A wrong spelling, and the right one.
    Spelling {
        range: Range<usize>,
        right: String,
        why: Option<String>,
    },
    /// A term to avoid, which has no right spelling.
    Term {
        range: Range<usize>,
        why: Option<String>,
    },
}

impl Finding {
    /// Where in the text the finding is, when it is somewhere.
    pub fn range(&self) -> Option<&Range<usize>> {
        match self {
            Finding::Length { range, .. }
            | Finding::HashtagAvoided { range, .. }
            | Finding::Spelling { range, .. }
            | Finding::IdeaAvoided { range, .. }
            | Finding::Term { range, .. } => Some(range),
            _ => None,
        }
    }

    /// The rule group of brand.yaml the finding comes from (`None` for the
    /// rules a question adds, which apply whoever writes).
    pub fn group(&self) -> Option<RuleGroup> {
        match self {
            Finding::Length { .. } => Some(RuleGroup::Length),
            Finding::HashtagMissing { .. } => Some(RuleGroup::RequiredHashtags),
            Finding::HashtagAvoided { .. } => Some(RuleGroup::AvoidedHashtags),
            Finding::Spelling { .. } | Finding::Term { .. } => Some(RuleGroup::Terms),
            Finding::TooManyHashtags { .. }
            | Finding::MustMention { .. }
            | Finding::IdeaMissing { .. }
            | Finding::IdeaAvoided { .. } => None,
        }
    }
}

/// What checking a text gives: the findings, and the length against the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Characters as a person counts them (grapheme clusters), surrounding
    /// white space left out.
    pub length: usize,
    pub limit: Option<usize>,
    /// The kind of account the post was checked as.
    pub account: AccountKind,
}

/// The brand rules, compiled once: the spellings to avoid go into one
/// automaton per way of comparing ([`Fold`]), each searched in one pass
/// over the text.
pub struct Rules {
    terms: Vec<TermRule>,
    searches: Vec<Search>,
    /// (as written, [`hashtag_key`]) of each required hashtag.
    required: Vec<(String, String)>,
    /// (as written, loosely folded) of each hashtag to avoid.
    avoided_hashtags: Vec<(String, String)>,
    platforms: Vec<Platform>,
    accounts: AccountRules,
}

struct TermRule {
    right: Option<String>,
    why: Option<String>,
}

/// The spellings to avoid compared one way.
struct Search {
    mode: Fold,
    automaton: AhoCorasick,
    /// Each spelling, folded (for word boundaries), and the index of its term.
    patterns: Vec<(String, usize)>,
    /// The rank of this search's first spelling among all, for ties.
    first: usize,
}

impl Rules {
    pub fn compile(brand: &Brand) -> Rules {
        let rights: Vec<&String> = brand
            .terms
            .iter()
            .filter_map(|t| t.right.as_ref())
            .collect();
        let keys = |mode| -> Vec<String> { rights.iter().map(|r| fold_pattern(r, mode)).collect() };
        let (right_loose, right_accents) = (keys(Fold::Loose), keys(Fold::Accents));
        let mut by_mode: [(Fold, Vec<(String, usize)>); 3] = [
            (Fold::Loose, Vec::new()),
            (Fold::Accents, Vec::new()),
            (Fold::Exact, Vec::new()),
        ];
        for (index, term) in brand.terms.iter().enumerate() {
            for avoid in &term.avoid {
                let loose = fold_pattern(avoid, Fold::Loose);
                if loose.is_empty() || rights.contains(&avoid) {
                    continue;
                }
                let slot = if right_accents.contains(&fold_pattern(avoid, Fold::Accents)) {
                    2
                } else if right_loose.contains(&loose) {
                    1
                } else {
                    0
                };
                let mode = by_mode[slot].0;
                by_mode[slot].1.push((fold_pattern(avoid, mode), index));
            }
        }
        let mut searches = Vec::new();
        let mut first = 0;
        for (mode, patterns) in by_mode {
            let count = patterns.len();
            let built = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(p, _)| p));
            if let (Ok(automaton), false) = (built, patterns.is_empty()) {
                searches.push(Search {
                    mode,
                    automaton,
                    patterns,
                    first,
                });
            }
            first += count;
        }
        Rules {
            terms: brand
                .terms
                .iter()
                .map(|t| TermRule {
                    right: t.right.clone(),
                    why: t.why.clone(),
                })
                .collect(),
            searches,
            required: brand
                .hashtags
                .required
                .iter()
                .map(|h| (h.clone(), hashtag_key(h)))
                .collect(),
            avoided_hashtags: brand
                .hashtags
                .avoid
                .iter()
                .map(|h| (h.clone(), fold(h, Fold::Loose).text))
                .collect(),
            platforms: brand.platforms.clone(),
            accounts: brand.accounts.clone(),
        }
    }

    /// The platform's limit, when the platform is known.
    pub fn limit(&self, platform: Option<&str>) -> Option<usize> {
        let name = platform?;
        self.platforms
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.max_length)
    }

    /// Checks a post: every rule.
    pub fn check(&self, text: &str, platform: Option<&str>, extra: &Extra) -> Report {
        let urls = web_addresses(text);
        let tokens = tokens(text, &urls);
        let hashtags: Vec<&Token> = tokens.iter().filter(|t| t.hashtag).collect();
        let (trim_start, trimmed) = trim(text);
        let length = trimmed.graphemes(true).count();
        let limit = extra.max_length.or_else(|| self.limit(platform));

        let mut findings = Vec::new();
        if let Some(limit) = limit.filter(|&limit| length > limit) {
            let start = trimmed
                .grapheme_indices(true)
                .nth(limit)
                .map_or(trimmed.len(), |(i, _)| i);
            findings.push(Finding::Length {
                length,
                limit,
                range: trim_start + start..trim_start + trimmed.len(),
            });
        }
        for (hashtag, key) in &self.required {
            if !hashtags
                .iter()
                .any(|t| hashtag_key(&text[t.range.clone()]) == *key)
            {
                findings.push(Finding::HashtagMissing {
                    hashtag: hashtag.clone(),
                });
            }
        }
        if let Some(max) = extra.max_hashtags.filter(|&max| hashtags.len() > max) {
            findings.push(Finding::TooManyHashtags {
                count: hashtags.len(),
                max,
            });
        }
        if !extra.must_mention.is_empty() {
            let folded = fold(text, Fold::Loose);
            for mention in &extra.must_mention {
                let pattern = fold_pattern(mention, Fold::Loose);
                if !pattern.is_empty() && !mentions(&folded, &pattern, &urls) {
                    findings.push(Finding::MustMention {
                        text: mention.clone(),
                    });
                }
            }
        }
        let mut placed = Vec::new();
        if !extra.ideas.is_empty() || !extra.avoid_ideas.is_empty() {
            let folded = fold(text, Fold::Loose);
            for (index, idea) in extra.ideas.iter().enumerate() {
                if idea_at(&folded, &idea.words, &urls).is_none() {
                    findings.push(Finding::IdeaMissing {
                        index,
                        message: idea.message.clone(),
                    });
                }
            }
            for (index, idea) in extra.avoid_ideas.iter().enumerate() {
                if let Some(range) = idea_at(&folded, &idea.words, &urls) {
                    placed.push(Finding::IdeaAvoided {
                        index,
                        message: idea.message.clone(),
                        range,
                    });
                }
            }
        }
        for token in &hashtags {
            let key = fold(&text[token.range.clone()], Fold::Loose).text;
            if let Some((hashtag, _)) = self.avoided_hashtags.iter().find(|(_, k)| *k == key) {
                placed.push(Finding::HashtagAvoided {
                    hashtag: hashtag.clone(),
                    range: token.range.clone(),
                });
            }
        }
        placed.extend(self.wording_with(text, || &urls));
        placed.sort_by_key(|f| f.range().map(|r| (r.start, r.end)));
        findings.extend(placed);
        let groups = self.accounts.of(extra.account);
        findings.retain(|f| f.group().is_none_or(|group| groups.contains(&group)));
        Report {
            findings,
            length,
            limit,
            account: extra.account,
        }
    }

    /// Wrong spellings and avoided terms in `text`, in order (what the lint
    /// of prose reports).
    pub fn wording(&self, text: &str) -> Vec<Finding> {
        if self.searches.is_empty() {
            return Vec::new();
        }
        // Web addresses are only looked for when something matched.
        let urls = std::cell::OnceCell::new();
        self.wording_with(text, || urls.get_or_init(|| web_addresses(text)))
    }

    fn wording_with<'u>(&self, text: &str, urls: impl Fn() -> &'u [Range<usize>]) -> Vec<Finding> {
        // (range, term index, rank of the spelling) of every whole-word match.
        let mut candidates: Vec<(Range<usize>, usize, usize)> = Vec::new();
        for search in &self.searches {
            let folded = fold(text, search.mode);
            for m in search.automaton.find_overlapping_iter(&folded.text) {
                let (pattern, term) = &search.patterns[m.pattern().as_usize()];
                if !whole_words(&folded.text, m.start()..m.end(), pattern) {
                    continue;
                }
                let range = folded.original(m.start()..m.end());
                if urls().iter().any(|u| overlaps(u, &range)) {
                    continue;
                }
                candidates.push((range, *term, search.first + m.pattern().as_usize()));
            }
        }
        // Of overlapping matches, the one that starts first wins, then the
        // longest (`incident voyageurs` over `incident voyageur`).
        candidates.sort_by(|a, b| {
            (a.0.start, std::cmp::Reverse(a.0.end), a.2).cmp(&(
                b.0.start,
                std::cmp::Reverse(b.0.end),
                b.2,
            ))
        });
        let mut findings = Vec::new();
        let mut end = 0;
        for (range, term, _) in candidates {
            if range.start < end {
                continue;
            }
            end = range.end;
            let rule = &self.terms[term];
            findings.push(match &rule.right {
                Some(right) => Finding::Spelling {
                    range,
                    right: right.clone(),
                    why: rule.why.clone(),
                },
                None => Finding::Term {
                    range,
                    why: rule.why.clone(),
                },
            });
        }
        findings
    }
}

/// How much of a text is kept when comparing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Case and accents ignored, by the rule of [`crate::fold`] (`Cœur` is
    /// `coeur`): the default for every term.
    Loose,
    /// Case ignored, accents kept: for a spelling to avoid that differs from
    /// a right spelling only by its accents (`Lorvelo` for `Lorvélo`).
    Accents,
    /// Nothing ignored: for a spelling to avoid that differs from a right
    /// spelling only by case (`ACME` for `Acme`).
    Exact,
}

/// A text reduced for comparison, and where each of its bytes came from in
/// the original text.
pub struct Folded {
    pub text: String,
    /// Sorted by `folded`. An ASCII character that folds to one byte needs
    /// no entry of its own: it continues the run before it.
    segments: Vec<Segment>,
}

/// From byte `folded` of the folded text on: either a run of ASCII copied
/// byte for byte from `original` on (`end` is `None`), or the folding of
/// the original range `original..end` (an accented letter, a run of white
/// space).
#[derive(Clone, Copy)]
struct Segment {
    folded: u32,
    original: u32,
    end: Option<u32>,
}

impl Folded {
    /// The range of the original text that `range` of the folded text came from.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.place(range.start).0;
        if range.is_empty() {
            return start..start;
        }
        start..self.place(range.end - 1).1
    }

    /// The original character of folded byte `at`: its start and end.
    fn place(&self, at: usize) -> (usize, usize) {
        let i = self.segments.partition_point(|s| s.folded as usize <= at);
        let Some(segment) = i.checked_sub(1).map(|i| self.segments[i]) else {
            return (0, 0);
        };
        match segment.end {
            Some(end) => (segment.original as usize, end as usize),
            None => {
                let start = segment.original as usize + (at - segment.folded as usize);
                (start, start + 1)
            }
        }
    }

    /// Starts a segment at the current end of the folded text (replacing one
    /// that starts there and so covers nothing).
    fn segment(&mut self, original: usize, end: Option<usize>) {
        let segment = Segment {
            folded: self.text.len() as u32,
            original: original as u32,
            end: end.map(|e| e as u32),
        };
        match self.segments.last_mut() {
            Some(last) if last.folded == segment.folded => *last = segment,
            _ => self.segments.push(segment),
        }
    }

    /// ASCII text found at `at`, copied (and lowercased if asked).
    fn push_ascii_run(&mut self, run: &str, at: usize, lowercase: bool) {
        let continues = self.segments.last().is_some_and(|s| {
            s.end.is_none() && self.text.len() - s.folded as usize == at - s.original as usize
        });
        if !continues {
            self.segment(at, None);
        }
        let from = self.text.len();
        self.text.push_str(run);
        if lowercase {
            self.text[from..].make_ascii_lowercase();
        }
    }

    /// A white space character at `start..end`: a space, or more of one.
    fn push_space(&mut self, start: usize, end: usize) {
        if self.text.ends_with(' ') {
            // The space now stands for a longer run.
            let last = self.text.len() - 1;
            let from = self.place(last).0;
            self.text.pop();
            self.segment(from, Some(end));
            self.text.push(' ');
        } else if end == start + 1 {
            self.push_ascii_run(" ", start, false);
        } else {
            self.segment(start, Some(end));
            self.text.push(' ');
        }
    }
}

/// Folds `text` code point by code point: white space runs become one
/// space, curly apostrophes become `'`; then, as `mode` says, each other
/// character is folded by the rule of [`crate::fold`] (`Loose`), or
/// decomposed (NFD) and lowercased (`Accents`), or only decomposed
/// (`Exact`).
pub fn fold(text: &str, mode: Fold) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        segments: Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let byte = bytes[start];
        if byte.is_ascii_whitespace() || byte == 0x0b {
            folded.push_space(start, start + 1);
            start += 1;
            continue;
        }
        // Most text is ASCII: a run of it is copied in one go.
        if byte.is_ascii() {
            let end = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii() || b.is_ascii_whitespace() || *b == 0x0b)
                .map_or(bytes.len(), |n| start + n);
            folded.push_ascii_run(&text[start..end], start, mode != Fold::Exact);
            start = end;
            continue;
        }
        let Some(c) = text[start..].chars().next() else {
            break;
        };
        let end = start + c.len_utf8();
        if is_space(c) {
            folded.push_space(start, end);
        } else {
            folded.segment(start, Some(end));
            if is_apostrophe(c) {
                folded.text.push('\'');
            } else {
                let out = &mut folded.text;
                match mode {
                    Fold::Loose => crate::fold::fold_char(c, |d| out.push(d)),
                    Fold::Accents => unicode_normalization::char::decompose_canonical(c, |d| {
                        out.extend(d.to_lowercase())
                    }),
                    Fold::Exact => {
                        unicode_normalization::char::decompose_canonical(c, |d| out.push(d))
                    }
                }
            }
        }
        start = end;
    }
    folded
}

/// A term or mention as searched: folded, without surrounding spaces.
fn fold_pattern(text: &str, mode: Fold) -> String {
    fold(text, mode).text.trim_matches(' ').to_string()
}

/// How hashtags are compared for `required`: case ignored, accents kept
/// (platforms treat `#Mobilités` and `#Mobilites` as two hashtags).
pub(crate) fn hashtag_key(hashtag: &str) -> String {
    fold(hashtag, Fold::Accents).text
}

/// White space, as Unicode defines it (the `White_Space` property).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Letters, digits, combining marks and `_`: what words (and hashtags) are
/// made of. An apostrophe or a hyphen ends a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// Whether a match of `pattern` at `range` of `text` stands on word
/// boundaries (at the ends of the pattern that are word characters).
fn whole_words(text: &str, range: Range<usize>, pattern: &str) -> bool {
    let starts_word = pattern.chars().next().is_some_and(is_word_char);
    let ends_word = pattern.chars().next_back().is_some_and(is_word_char);
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !(starts_word && before.is_some_and(is_word_char)
        || ends_word && after.is_some_and(is_word_char))
}

/// Whether `pattern` (folded) occurs as whole words in `folded`, outside
/// web addresses.
fn mentions(folded: &Folded, pattern: &str, urls: &[Range<usize>]) -> bool {
    occurrences(&folded.text, pattern).any(|start| {
        let range = start..start + pattern.len();
        whole_words(&folded.text, range.clone(), pattern)
            && !urls
                .iter()
                .any(|u| overlaps(u, &folded.original(range.clone())))
    })
}

/// Where the first word of `folded` (outside web addresses) that starts
/// with one of `words` is, in the original text: the word itself, to its end.
fn idea_at(folded: &Folded, words: &[String], urls: &[Range<usize>]) -> Option<Range<usize>> {
    let text = &folded.text;
    words
        .iter()
        .map(|word| fold_pattern(word, Fold::Loose))
        .filter(|pattern| !pattern.is_empty())
        .filter_map(|pattern| {
            occurrences(text, &pattern).find_map(|start| {
                let starts_word = !text[..start].chars().next_back().is_some_and(is_word_char);
                let end = start
                    + pattern.len()
                    + text[start + pattern.len()..]
                        .find(|c: char| !is_word_char(c))
                        .unwrap_or(text.len() - start - pattern.len());
                let range = folded.original(start..end);
                (starts_word && !urls.iter().any(|u| overlaps(u, &range))).then_some(range)
            })
        })
        .min_by_key(|range| range.start)
}

/// Where `needle` starts in `haystack`, overlapping occurrences included.
fn occurrences<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + haystack.get(from..)?.find(needle)?;
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        Some(start)
    })
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The text without the white space around it, and where it starts.
fn trim(text: &str) -> (usize, &str) {
    let trimmed = text.trim_start_matches(is_space);
    let start = text.len() - trimmed.len();
    (start, trimmed.trim_end_matches(is_space))
}

/// Web addresses (`http://…`, `https://…`, `www.…`): from the scheme to the
/// next white space or `<>"`, without trailing punctuation.
pub(crate) fn web_addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut skip_to = 0;
    for (start, c) in text.char_indices() {
        let before = previous;
        previous = Some(c);
        if !matches!(c, 'h' | 'H' | 'w' | 'W')
            || start < skip_to
            || before.is_some_and(is_word_char)
        {
            continue;
        }
        let rest = &text[start..];
        let starts_url = ["http://", "https://", "www."].iter().any(|prefix| {
            rest.get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        });
        if !starts_url {
            continue;
        }
        let mut end = rest
            .find(|c: char| is_space(c) || matches!(c, '<' | '>' | '"'))
            .map_or(text.len(), |i| start + i);
        while let Some(last) = text[start..end].chars().next_back() {
            if matches!(
                last,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '»' | '”' | '\'' | '’'
            ) {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        found.push(start..end);
        skip_to = end;
    }
    found
}

/// A hashtag or a mention in a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// `#tag` when true, `@name` when false.
    pub hashtag: bool,
}

/// The hashtags (`#` and word characters) and mentions (`@` and word
/// characters) of `text`, outside web addresses. A `#` or `@` right after a
/// word character (`C#`, `a@b.fr`) starts neither.
pub(crate) fn tokens(text: &str, urls: &[Range<usize>]) -> Vec<Token> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let before = previous;
        previous = Some(c);
        if !matches!(c, '#' | '@') || before.is_some_and(|b| is_word_char(b) || b == '&') {
            continue;
        }
        let mut end = start + 1;
        while let Some(&(i, next)) = chars.peek() {
            if !is_word_char(next) {
                break;
            }
            end = i + next.len_utf8();
            previous = Some(next);
            chars.next();
        }
        let range = start..end;
        if end > start + 1 && !urls.iter().any(|u| overlaps(u, &range)) {
            found.push(Token {
                range,
                hashtag: c == '#',
            });
        }
    }
    found
}

/// Hashtags and mentions of a post (for highlighting on post cards).
pub(crate) fn post_tokens(text: &str) -> Vec<Token> {
    tokens(text, &web_addresses(text))
}

/// Whether `text` is a well-formed hashtag: `#` and word characters.
pub(crate) fn is_hashtag(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(is_word_char))
}

/// Whether a spelling has something to match: at least one word character.
pub(crate) fn has_word(text: &str) -> bool {
    text.chars().any(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brand::{Brand, Hashtags, Term};

    fn brand() -> Brand {
        Brand {
            terms: vec![
                Term {
                    right: Some("Acme".into()),
                    avoid: vec!["ACME".into(), "Acme Inc".into()],
                    why: None,
                },
                Term {
                    right: None,
                    avoid: vec!["garanti".into(), "ad".into()],
                    why: Some("no promises".into()),
                },
            ],
            hashtags: Hashtags {
                required: vec!["#AcmeLife".into()],
                avoid: vec!["#ad".into()],
            },
            ..Brand::unbranded("Acme")
        }
    }

    fn found(text: &str) -> Vec<&str> {
        Rules::compile(&brand())
            .wording(text)
            .iter()
            .filter_map(|f| f.range().map(|r| &text[r.clone()]))
            .collect()
    }

    #[test]
    fn a_case_variant_of_the_right_spelling_is_matched_exactly() {
        assert_eq!(
            found("Acme, ACME, l'ACME, d’ACME"),
            ["ACME", "ACME", "ACME"]
        );
    }

    #[test]
    fn other_terms_ignore_case_and_accents_on_word_boundaries() {
        assert_eq!(
            found("Garanti, GARANTI, garantí; adresse, ad."),
            ["Garanti", "GARANTI", "garantí", "ad"]
        );
    }

    #[test]
    fn multi_word_terms_match_across_any_white_space() {
        assert_eq!(found("Acme\u{a0}\n  Inc."), ["Acme\u{a0}\n  Inc"]);
    }

    #[test]
    fn nothing_is_found_in_web_addresses() {
        assert_eq!(
            found("see https://garanti.example/ad, or www.ad.fr."),
            Vec::<&str>::new()
        );
        let text = "(https://x.fr/a).";
        assert_eq!(web_addresses(text), vec![1..15]);
    }

    #[test]
    fn length_counts_graphemes_and_points_past_the_limit() {
        let brand = Brand {
            platforms: vec![Platform {
                name: "tiny".into(),
                label: "Tiny".into(),
                max_length: 3,
            }],
            ..Brand::unbranded("Acme")
        };
        let text = " 👩‍👩‍👧🇫🇷é!x ";
        let report = Rules::compile(&brand).check(text, Some("tiny"), &Extra::default());
        assert_eq!(report.length, 5);
        match &report.findings[0] {
            Finding::Length { range, .. } => assert_eq!(&text[range.clone()], "!x"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn hashtags_and_mentions_are_tokens() {
        let text = "#Lorvan_Mobilités. C# a@b.fr @Acme https://x.fr/#frag";
        let tokens: Vec<&str> = post_tokens(text)
            .iter()
            .map(|t| &text[t.range.clone()])
            .collect();
        assert_eq!(tokens, ["#Lorvan_Mobilités", "@Acme"]);
    }
}
