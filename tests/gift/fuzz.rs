//! Random input never makes the reader panic or hang, and whatever it reads
//! without errors is written back as GIFT that reads the same; random
//! questions, their texts full of GIFT's special characters, are written
//! and read back unchanged.

use std::time::{Duration, Instant};

use std::path::Path;

use brandcamp::diagnostics::Diagnostics;
use brandcamp::quiz::gift::{BLANK, write_questions};
use brandcamp::quiz::schema::{
    Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, Pair, QuestionKind,
    TextAnswer, TextQuestion, TrueFalseQuestion,
};
use brandcamp::quiz::{Question, Source, check, derived_id};

use super::{FIXTURES, read_text};

/// A small deterministic generator (xorshift64*), so that a failure can be
/// replayed from its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that mean something to GIFT, and some that do not.
const PIECES: &[&str] = &[
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "%",
    "%50%",
    "%-100%",
    "%abc",
    ":",
    "::",
    "->",
    "..",
    "\\",
    "\\{",
    "\\}",
    "\\=",
    "\\~",
    "\\#",
    "\\:",
    "\\\\",
    "\\n",
    "\\*",
    "\\q",
    "*",
    "[",
    "]",
    "[html]",
    "[plain]",
    "[moodle]",
    "[markdown]",
    "[id:x]",
    "[tag:",
    "// ",
    "//[id:a]",
    "$CATEGORY: x",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\t",
    "T",
    "TRUE",
    "F",
    "FALSE",
    "true",
    "a",
    "Acme",
    "é",
    "日本",
    "0",
    "3.14",
    "-2",
    "1e400",
    "NaN",
    "inf",
    "5..1",
    "1..5",
    "\u{feff}",
    "\u{0}",
    "_____",
];

fn random_text(random: &mut Random) -> String {
    let len = random.below(60);
    (0..len)
        .map(|_| PIECES[random.below(PIECES.len())])
        .collect()
}

/// Reads `text`; when it reads without errors, what it reads must survive a
/// write and a second read.
fn check(text: &str) {
    let (read, found) = read_text(text);
    let (gift, _) = write_questions(&read.questions);
    if found.iter().any(|d| d.is_error()) {
        return;
    }
    let (again, found) = read_text(&gift);
    assert!(
        found.iter().all(|d| !d.is_error()),
        "input {text:?}\nwritten {gift:?}\n{found:#?}"
    );
    assert_eq!(
        read.questions, again.questions,
        "input {text:?}\nwritten {gift:?}"
    );
}

#[test]
fn random_text_never_breaks_the_reader() {
    let started = Instant::now();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        check(&random_text(&mut random));
    }
    assert!(started.elapsed() < Duration::from_secs(120));
}

#[test]
fn mangled_fixtures_never_break_the_reader() {
    let mut random = Random(42);
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "gift") {
            sources.push(std::fs::read_to_string(path).unwrap());
        }
    }
    for _ in 0..2_000 {
        let source = &sources[random.below(sources.len())];
        let mut chars: Vec<char> = source.chars().collect();
        for _ in 0..1 + random.below(6) {
            let at = random.below(chars.len() + 1);
            match random.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => {
                    let piece = PIECES[random.below(PIECES.len())];
                    for (i, c) in piece.chars().enumerate() {
                        chars.insert(at + i, c);
                    }
                }
            }
        }
        check(&chars.into_iter().collect::<String>());
    }
}

#[test]
fn a_huge_question_is_read_in_linear_time() {
    let mut text = String::from("Which?{");
    for i in 0..50_000 {
        text.push_str(&format!("~answer {i} #why {{ "));
    }
    let started = Instant::now();
    let (_, found) = read_text(&text);
    assert!(!found.is_empty());
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// Pieces of text that GIFT must escape or could misread.
const TEXT: &[&str] = &[
    "a",
    "Acme",
    "é",
    "日本",
    " ",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    ":",
    "::",
    "\\",
    "\\n",
    "\n",
    "*",
    "->",
    "[",
    "]",
    "[html]",
    "[plain]",
    "%",
    "%50%",
    "_____",
    BLANK,
    "//",
    "$CATEGORY:",
    "T",
    "TRUE",
    "\t",
    "`",
    "<b>",
    "&amp;",
    "[id:x]",
    "..",
    "1",
    "-",
];

fn text(random: &mut Random) -> String {
    let pieces = 1 + random.below(6);
    let text: String = (0..pieces)
        .map(|_| TEXT[random.below(TEXT.len())])
        .collect();
    match text.trim() {
        "" => "x".into(),
        t => t.into(),
    }
}

fn maybe_text(random: &mut Random) -> Option<String> {
    (random.below(2) == 0).then(|| text(random))
}

fn number(random: &mut Random) -> f64 {
    (random.below(2_000_000) as f64 - 1_000_000.0) / 100.0
}

fn weight(random: &mut Random, low: i64, high: i64) -> f64 {
    let span = (high - low) as usize * 100;
    low as f64 + random.below(span) as f64 / 100.0
}

/// A valid question of a kind GIFT carries, with random texts.
fn random_question(random: &mut Random, n: usize) -> Question {
    let kind = match random.below(7) {
        0 => {
            let mut choices = vec![Choice {
                text: text(random),
                correct: true,
                feedback: maybe_text(random),
                weight: None,
            }];
            for _ in 0..1 + random.below(3) {
                choices.push(Choice {
                    text: text(random),
                    correct: false,
                    feedback: maybe_text(random),
                    weight: (random.below(2) == 0).then(|| weight(random, -100, 99)),
                });
            }
            let at = random.below(choices.len());
            choices.swap(0, at);
            QuestionKind::Single(ChoiceQuestion { choices })
        }
        1 => {
            let first = weight(random, 1, 99);
            let mut choices = vec![
                Choice {
                    text: text(random),
                    correct: false,
                    feedback: maybe_text(random),
                    weight: Some(first),
                },
                Choice {
                    text: text(random),
                    correct: false,
                    feedback: None,
                    weight: Some(100.0 - first),
                },
            ];
            if random.below(2) == 0 {
                choices.push(Choice {
                    text: text(random),
                    correct: false,
                    feedback: maybe_text(random),
                    weight: Some(-weight(random, 0, 100)),
                });
            }
            QuestionKind::Multiple(ChoiceQuestion { choices })
        }
        2 => QuestionKind::TrueFalse(TrueFalseQuestion {
            answer: random.below(2) == 0,
            feedback_true: maybe_text(random),
            feedback_false: maybe_text(random),
        }),
        3 => QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: (0..1 + random.below(3)).map(|_| text(random)).collect(),
            pattern: (random.below(2) == 0).then(|| format!("{}.*", regex_literal(&text(random)))),
            answers: Vec::new(),
        }),
        4 => QuestionKind::Text(TextQuestion {
            case_sensitive: false,
            accept: Vec::new(),
            pattern: None,
            answers: vec![
                TextAnswer {
                    text: Some(text(random)),
                    pattern: None,
                    weight: None,
                    feedback: Some(text(random)),
                },
                TextAnswer {
                    text: None,
                    pattern: Some(format!(".*{}", regex_literal(&text(random)))),
                    weight: Some(weight(random, 0, 100)),
                    feedback: maybe_text(random),
                },
            ],
        }),
        5 => {
            let mut answers = vec![NumericAnswer {
                answer: Some(number(random)),
                tolerance: weight(random, 0, 10),
                weight: None,
                feedback: Some(text(random)),
            }];
            if random.below(2) == 0 {
                answers.push(NumericAnswer {
                    answer: None,
                    tolerance: 0.0,
                    weight: Some(0.0),
                    feedback: maybe_text(random),
                });
            }
            QuestionKind::Numeric(NumericQuestion {
                answer: None,
                tolerance: 0.0,
                answers,
            })
        }
        _ => QuestionKind::Match(MatchQuestion {
            pairs: (0..2 + random.below(2))
                .map(|i| Pair {
                    left: format!("{i}{}", text(random)),
                    right: text(random),
                })
                .collect(),
            distractors: (0..random.below(2)).map(|_| text(random)).collect(),
        }),
    };
    let prompt = text(random);
    let id = if random.below(3) == 0 {
        derived_id(kind.name(), &prompt)
    } else {
        format!("q{n}{}", text(random).replace(char::is_whitespace, ""))
    };
    Question {
        id,
        prompt,
        points: 1,
        hint: None,
        explanation: maybe_text(random),
        kind,
    }
}

fn regex_literal(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[test]
fn random_questions_are_written_and_read_back_unchanged() {
    let mut random = Random(7);
    let mut tried = 0;
    for n in 0..3_000 {
        let question = random_question(&mut random, n);
        let found = Diagnostics::new();
        let source = Source {
            text: "",
            file: Path::new("quiz.yaml"),
            line_offset: 0,
            tree: None,
        };
        if !check::check_question(&question, source, &[], &found) {
            continue;
        }
        tried += 1;
        let (gift, notes) = write_questions(std::slice::from_ref(&question));
        assert!(notes.is_empty(), "{notes:#?}");
        let (read, problems) = read_text(&gift);
        assert!(problems.is_empty(), "{question:#?}\n{gift}\n{problems:#?}");
        assert_eq!(
            read.questions.as_slice(),
            std::slice::from_ref(&question),
            "{gift}"
        );
    }
    assert!(tried > 2_000, "{tried}");
}
