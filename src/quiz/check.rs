//! The rules of a question that its schema cannot express: a `single` has
//! exactly one right choice, weights can reach 100 %, an `order` has at least
//! two items, a `pattern` is a regular expression that the browser reads the
//! same way… Each problem is reported at the node it concerns.

use std::collections::HashSet;

use super::schema::{Choice, ChoiceQuestion, NumericQuestion, QuestionKind, TextQuestion};
use super::{Question, Source, child};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::Step;

/// Reports every problem of `question` (found at `path` in `source`).
/// Returns whether it has none.
pub fn check_question(
    question: &Question,
    source: Source<'_>,
    path: &[Step<'_>],
    diagnostics: &Diagnostics,
) -> bool {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut report = |at: &[Step<'_>], message: String, hint: &str| {
        problems.push(source.error(at, message).with_hint(hint));
    };
    let key = |k: &'static str| child(path, Step::Key(k));
    if question.prompt.contains('\r') {
        // Written as `\r` in a quoted string; GIFT and most tools read it
        // as a line end, and the question's id (made of the prompt) would
        // change on the way back.
        report(
            &key("prompt"),
            "the prompt holds a carriage return (`\\r`)".into(),
            "use `\\n` for a line break, or a block (`prompt: |`) with the lines as they are",
        );
    }
    match &question.kind {
        QuestionKind::Single(q) => check_choices(q, true, path, &mut report),
        QuestionKind::Multiple(q) => check_choices(q, false, path, &mut report),
        QuestionKind::TrueFalse(_) => {}
        QuestionKind::Text(q) => {
            if q.accept.is_empty() && q.pattern.is_none() && q.answers.is_empty() {
                report(
                    path,
                    "a `text` question needs `accept` or `pattern`".into(),
                    "list the accepted answers (`accept: [\"Lorvan\"]`) or give a regular expression (`pattern:`)",
                );
            }
            check_text_answers(q, &key("answers"), &mut report);
            for (i, answer) in q.accept.iter().enumerate() {
                if answer.trim().is_empty() {
                    report(
                        &[key("accept"), vec![Step::Index(i)]].concat(),
                        "an accepted answer is empty".into(),
                        "remove it: an empty answer is never accepted",
                    );
                }
            }
            if let Some(pattern) = &q.pattern
                && let Err(message) = check_pattern(pattern)
            {
                report(
                    &key("pattern"),
                    message,
                    "see docs/quizzes.md for the syntax that works both here and in the browser",
                );
            }
        }
        QuestionKind::Numeric(q) if !q.answers.is_empty() => {
            if q.answer.is_some() {
                report(
                    &key("answer"),
                    "a `numeric` question has `answer` or `answers`, not both".into(),
                    "move `answer` (and `tolerance`) into the `answers` list",
                );
            }
            check_numeric_answers(q, &key("answers"), &mut report);
        }
        QuestionKind::Numeric(q) => match q.answer {
            None => report(
                path,
                "a `numeric` question needs `answer`".into(),
                "add `answer:` with the expected number (and `tolerance:` if close is good enough)",
            ),
            Some(answer) if !answer.is_finite() => report(
                &key("answer"),
                "the answer is not a number".into(),
                "write a number such as `38` or `2.5`",
            ),
            Some(_) => {
                if !(q.tolerance.is_finite() && q.tolerance >= 0.0) {
                    report(
                        &key("tolerance"),
                        format!("the tolerance is {}; it cannot be negative", q.tolerance),
                        "write how far from the answer is still right, e.g. `tolerance: 0.5`",
                    );
                }
            }
        },
        QuestionKind::Order(q) => {
            if q.items.len() < 2 {
                report(
                    &key("items"),
                    format!(
                        "an `order` question needs at least two items, this one has {}",
                        q.items.len()
                    ),
                    "list the items in the right order; they are shown shuffled",
                );
            }
            let mut seen = HashSet::new();
            for (i, item) in q.items.iter().enumerate() {
                if !seen.insert(item.trim()) {
                    report(
                        &[key("items"), vec![Step::Index(i)]].concat(),
                        format!("`{}` is listed twice", item.trim()),
                        "each item must be different, or the right order is ambiguous",
                    );
                }
            }
        }
        QuestionKind::Match(q) => {
            if q.pairs.len() < 2 {
                report(
                    &key("pairs"),
                    format!(
                        "a `match` question needs at least two pairs, this one has {}",
                        q.pairs.len()
                    ),
                    "add pairs `- {left: …, right: …}`",
                );
            }
            for (i, extra) in q.distractors.iter().enumerate() {
                if extra.trim().is_empty() {
                    report(
                        &[key("distractors"), vec![Step::Index(i)]].concat(),
                        "a distractor is empty".into(),
                        "remove it, or write the extra right side to offer",
                    );
                }
            }
            let mut seen = HashSet::new();
            for (i, pair) in q.pairs.iter().enumerate() {
                if !seen.insert(pair.left.trim()) {
                    report(
                        &[key("pairs"), vec![Step::Index(i), Step::Key("left")]].concat(),
                        format!("the left side `{}` is used twice", pair.left.trim()),
                        "each left side must be different: merge the two pairs or reword one",
                    );
                }
            }
        }
        QuestionKind::Post(q) => {
            if q.platform.trim().is_empty() {
                report(
                    &key("platform"),
                    "the platform is empty".into(),
                    "name the platform the post is for, e.g. `platform: linkedin`",
                );
            }
            let ideas = q.ideas.iter().map(|i| (&i.words, &i.missing, "missing"));
            let avoided = q.avoid_ideas.iter().map(|i| (&i.words, &i.found, "found"));
            for (list, entries) in [
                ("ideas", ideas.collect::<Vec<_>>()),
                ("avoid_ideas", avoided.collect()),
            ] {
                for (i, (words, message, message_key)) in entries.into_iter().enumerate() {
                    let at = |rest: &[Step<'static>]| {
                        let mut p = child(path, Step::Key(list));
                        p.push(Step::Index(i));
                        p.extend_from_slice(rest);
                        p
                    };
                    if words.is_empty() {
                        report(
                            &at(&[Step::Key("words")]),
                            "this idea has no words".into(),
                            "list the words that express it: `words: [retard, perturb]` (each matches the start of a word)",
                        );
                    }
                    for (w, word) in words.iter().enumerate() {
                        if !crate::brand::engine::has_word(word) {
                            report(
                                &at(&[Step::Key("words"), Step::Index(w)]),
                                format!("`{word}` has no letter or digit"),
                                "write a word, or the start of one: `perturb` matches « perturbé » and « perturbation »",
                            );
                        }
                    }
                    if message.trim().is_empty() {
                        report(
                            &at(&[Step::Key(message_key)]),
                            format!("`{message_key}` is empty"),
                            "write what the learner is told, e.g. `missing: \"Dites ce qui se passe.\"`",
                        );
                    }
                }
            }
            for (i, item) in q.rubric.iter().enumerate() {
                if item.trim().is_empty() {
                    report(
                        &child(&key("rubric"), Step::Index(i)),
                        "this rubric item is empty".into(),
                        "write what the learner checks in their post, or remove the item",
                    );
                }
            }
            if q.model_answer
                .as_deref()
                .is_some_and(|m| m.trim().is_empty())
            {
                report(
                    &key("model_answer"),
                    "the model answer is empty".into(),
                    "write a post that answers the question well, or remove `model_answer`",
                );
            }
        }
    }
    let ok = problems.is_empty();
    diagnostics.extend(problems);
    ok
}

/// The checks shared by `single` and `multiple`.
fn check_choices(
    q: &ChoiceQuestion,
    single: bool,
    path: &[Step<'_>],
    report: &mut impl FnMut(&[Step<'_>], String, &str),
) {
    let choices = child(path, Step::Key("choices"));
    let choice = |i: usize, k: Option<&'static str>| {
        let mut p = child(&choices, Step::Index(i));
        if let Some(k) = k {
            p.push(Step::Key(k));
        }
        p
    };
    if q.choices.len() < 2 {
        report(
            &choices,
            format!(
                "a choice question needs at least two choices, this one has {}",
                q.choices.len()
            ),
            "add choices `- text: …`",
        );
    }
    for (i, c) in q.choices.iter().enumerate() {
        if c.text.trim().is_empty() {
            report(
                &choice(i, Some("text")),
                "this choice is empty".into(),
                "write the choice's text, or remove the choice: learners would see an empty option",
            );
        }
    }
    let weighted = q.choices.iter().any(|c| c.weight.is_some());
    if single {
        // A weight on a wrong choice gives partial credit for a near miss.
        for (i, c) in q.choices.iter().enumerate() {
            match c.weight {
                Some(w) if c.correct && w != 100.0 => report(
                    &choice(i, Some("weight")),
                    format!("the correct choice of a `single` question is worth 100 %, not {w} %"),
                    "remove its `weight`; weights go on the other choices, for partial credit",
                ),
                Some(w) if !c.correct && !(-100.0..100.0).contains(&w) => report(
                    &choice(i, Some("weight")),
                    format!(
                        "the weight is {w} %; in a `single` question, the choices that are not correct weigh from -100 to less than 100"
                    ),
                    "a weight here is partial credit for a near miss; a fully right choice is `correct: true` (and a `single` has one)",
                ),
                _ => {}
            }
        }
        let correct: Vec<usize> = (0..q.choices.len())
            .filter(|&i| q.choices[i].correct)
            .collect();
        match correct.as_slice() {
            [] => report(
                &choices,
                "no choice is marked correct".into(),
                "mark the right choice with `correct: true`",
            ),
            [_] => {}
            [_, second, ..] => report(
                &choice(*second, Some("correct")),
                format!(
                    "a `single` question has exactly one correct choice, this one has {}",
                    correct.len()
                ),
                "keep one `correct: true`, or make the question `type: multiple`",
            ),
        }
        return;
    }
    if !weighted {
        if !q.choices.iter().any(|c| c.correct) {
            report(
                &choices,
                "no choice is marked correct".into(),
                "mark the right choices with `correct: true`",
            );
        }
        return;
    }
    // Partial credit: each picked choice adds its weight (GIFT style).
    for (i, c) in q.choices.iter().enumerate() {
        match c.weight {
            Some(w) if !(-100.0..=100.0).contains(&w) => report(
                &choice(i, Some("weight")),
                format!("the weight is {w} %; weights go from -100 to 100"),
                "a weight is the percent of the question's points this choice adds (or, negative, takes away)",
            ),
            None if c.correct => report(
                &choice(i, Some("correct")),
                "in a question with weights, every correct choice needs a weight".into(),
                "give this choice a `weight:` (the weights of the correct choices add up to 100)",
            ),
            Some(w) if c.correct && w <= 0.0 => report(
                &choice(i, Some("weight")),
                format!("a correct choice has a weight of {w} %"),
                "give it a positive weight, or remove `correct: true`",
            ),
            _ => {}
        }
    }
    let positive: f64 = q
        .choices
        .iter()
        .filter_map(|c| c.weight)
        .filter(|w| *w > 0.0)
        .sum();
    // Shown as Moodle writes thirds (33.33333), without float noise.
    let positive = (positive * 1e5).round() / 1e5;
    if positive == 0.0 {
        report(
            &choices,
            "no choice is correct: no weight is positive".into(),
            "give the right choices positive weights that add up to 100",
        );
    } else if positive + 0.01 < 100.0 {
        report(
            &choices,
            format!("the weights cannot reach 100 %: the positive ones add up to {positive} %"),
            "make the weights of the right choices add up to 100 (e.g. 50 and 50, or 34, 33 and 33)",
        );
    } else if positive - 0.01 > 100.0 {
        report(
            &choices,
            format!("the positive weights add up to {positive} %, more than 100 %"),
            "make the weights of the right choices add up to exactly 100, so that full marks need every right choice",
        );
    }
}

/// The `answers` of a `text` question: each a `text` or a `pattern`, with a
/// weight from 0 to 100; one of them (or `accept`, `pattern`) gives full
/// credit.
fn check_text_answers(
    q: &TextQuestion,
    answers: &[Step<'_>],
    report: &mut impl FnMut(&[Step<'_>], String, &str),
) {
    for (i, answer) in q.answers.iter().enumerate() {
        let at = |k: &'static str| [answers, &[Step::Index(i), Step::Key(k)]].concat();
        match (&answer.text, &answer.pattern) {
            (Some(_), Some(_)) => report(
                &at("pattern"),
                "an answer has `text` or `pattern`, not both".into(),
                "split it into two answers",
            ),
            (None, None) => report(
                &child(answers, Step::Index(i)),
                "this answer has no `text` or `pattern`".into(),
                "write the accepted text (`text:`) or a regular expression (`pattern:`)",
            ),
            (Some(text), None) if text.trim().is_empty() => report(
                &at("text"),
                "an accepted answer is empty".into(),
                "remove it: an empty answer is never accepted",
            ),
            (None, Some(pattern)) => {
                if let Err(message) = check_pattern(pattern) {
                    report(
                        &at("pattern"),
                        message,
                        "see docs/quizzes.md for the syntax that works both here and in the browser",
                    );
                }
            }
            _ => {}
        }
        check_answer_weight(answer.weight, &at("weight"), report);
    }
    let full = !q.accept.is_empty()
        || q.pattern.is_some()
        || q.answers.iter().any(|a| full_credit(a.weight));
    if !q.answers.is_empty() && !full {
        report(
            answers,
            "no answer gives full credit".into(),
            "give one answer `weight: 100` (or no weight), so that full marks are possible",
        );
    }
}

/// The `answers` of a `numeric` question: numbers with a tolerance and a
/// weight from 0 to 100, at most one entry without a number (any other
/// number), and one entry giving full credit.
fn check_numeric_answers(
    q: &NumericQuestion,
    answers: &[Step<'_>],
    report: &mut impl FnMut(&[Step<'_>], String, &str),
) {
    let mut catch_all = false;
    for (i, answer) in q.answers.iter().enumerate() {
        let at = |k: &'static str| [answers, &[Step::Index(i), Step::Key(k)]].concat();
        match answer.answer {
            None if catch_all => report(
                &child(answers, Step::Index(i)),
                "two answers have no `answer`; only one can stand for any other number".into(),
                "give this one an `answer:`, or remove it",
            ),
            None => catch_all = true,
            Some(n) if !n.is_finite() => report(
                &at("answer"),
                "the answer is not a number".into(),
                "write a number such as `38` or `2.5`",
            ),
            Some(_) => {}
        }
        if !(answer.tolerance.is_finite() && answer.tolerance >= 0.0) {
            report(
                &at("tolerance"),
                format!(
                    "the tolerance is {}; it cannot be negative",
                    answer.tolerance
                ),
                "write how far from the answer is still right, e.g. `tolerance: 0.5`",
            );
        }
        check_answer_weight(answer.weight, &at("weight"), report);
    }
    if !q
        .answers
        .iter()
        .any(|a| a.answer.is_some() && full_credit(a.weight))
    {
        report(
            answers,
            "no answer gives full credit".into(),
            "give one answer `weight: 100` (or no weight), so that full marks are possible",
        );
    }
}

/// The weight of a `text` or `numeric` answer: 0 to 100.
fn check_answer_weight(
    weight: Option<f64>,
    at: &[Step<'_>],
    report: &mut impl FnMut(&[Step<'_>], String, &str),
) {
    if let Some(w) = weight
        && !(0.0..=100.0).contains(&w)
    {
        report(
            at,
            format!("the weight is {w} %; an answer's weight goes from 0 to 100"),
            "a weight is the percent of the question's points this answer earns",
        );
    }
}

/// Whether an answer of `answers` with this weight earns all the points.
pub(crate) fn full_credit(weight: Option<f64>) -> bool {
    weight.is_none_or(|w| w >= 100.0)
}

/// A choice counts as correct when marked so, or when it carries a positive
/// weight.
pub(crate) fn is_correct(choice: &Choice) -> bool {
    choice.weight.map_or(choice.correct, |w| w > 0.0)
}

/// Checks a `text` question's pattern with the `regex` crate, then that the
/// browser's `RegExp` (with the `u` flag) reads it the same way.
pub(crate) fn check_pattern(pattern: &str) -> Result<(), String> {
    if let Err(e) = regex::Regex::new(pattern) {
        let detail = match &e {
            regex::Error::Syntax(text) => text
                .lines()
                .find_map(|l| l.strip_prefix("error: "))
                .unwrap_or(text.lines().last().unwrap_or_default())
                .to_string(),
            other => other.to_string(),
        };
        return Err(format!(
            "the pattern is not a valid regular expression: {detail}"
        ));
    }
    if let Some(why) = javascript_incompatibility(pattern) {
        return Err(format!("the pattern would not work in the browser: {why}"));
    }
    let states = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map_or(0, |ast| automaton_states(&ast).saturating_add(1));
    if states > MAX_PATTERN_STATES {
        return Err(format!(
            "the pattern is too large once its repetitions are counted out ({states} steps, the limit is {MAX_PATTERN_STATES})"
        ));
    }
    Ok(())
}

/// Largest automaton the browser runs for a pattern: `MAX_PATTERN_STATES`
/// of `grading.js`, which matches answers in time proportional to the
/// answer's length times this size (never by backtracking, which takes
/// exponential time on patterns such as `(a+)+b`).
pub(crate) const MAX_PATTERN_STATES: usize = 10_000;

/// An upper bound of the number of states `grading.js` makes of `ast`: each
/// character test or assertion is one, a repetition copies its body once
/// per count (`a{3,5}` is five `a`s, three of them optional), and
/// alternation and repetition add jumps.
fn automaton_states(ast: &regex_syntax::ast::Ast) -> usize {
    use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
    match ast {
        Ast::Empty(_) | Ast::Flags(_) => 0,
        Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::Assertion(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_)
        | Ast::ClassBracketed(_) => 1,
        Ast::Repetition(repetition) => {
            let copies = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne
                | RepetitionKind::ZeroOrMore
                | RepetitionKind::OneOrMore => 2,
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => *n as usize,
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => *n as usize + 1,
                RepetitionKind::Range(RepetitionRange::Bounded(_, m)) => *m as usize,
            };
            copies.saturating_mul(automaton_states(&repetition.ast).saturating_add(2))
        }
        Ast::Group(group) => automaton_states(&group.ast),
        Ast::Alternation(alternation) => alternation.asts.iter().fold(0usize, |sum, ast| {
            sum.saturating_add(automaton_states(ast)).saturating_add(2)
        }),
        Ast::Concat(concat) => concat
            .asts
            .iter()
            .fold(0usize, |sum, ast| sum.saturating_add(automaton_states(ast))),
    }
}

/// Why a pattern the `regex` crate accepts would be read differently (or
/// refused) by the browser's `RegExp` with the `u` flag, if so. Only the
/// syntax both share is allowed: literals, `.`, classes `[…]`, `\d \w \s \b`
/// and their negations, `\p{…}`, `\xHH`, `\u{…}`, escaped punctuation,
/// groups `(…)` and `(?:…)`, alternation and quantifiers.
pub(crate) fn javascript_incompatibility(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' => {
                let e = next?;
                let ok = match e {
                    'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'n' | 't' | 'r' | 'f' | 'v' => true,
                    'b' | 'B' => !in_class,
                    'p' | 'P' => chars.get(i + 2) == Some(&'{'),
                    'x' => {
                        chars.get(i + 2).is_some_and(char::is_ascii_hexdigit)
                            && chars.get(i + 3).is_some_and(char::is_ascii_hexdigit)
                    }
                    'u' => chars.get(i + 2) == Some(&'{'),
                    '-' => in_class,
                    '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{'
                    | '}' | '|' | '/' => true,
                    _ => false,
                };
                if !ok {
                    return Some(match e {
                        'p' | 'P' => format!("write `\\{e}{{L}}` with braces"),
                        'x' => "write `\\xHH` with two hex digits, or `\\u{…}`".into(),
                        _ => format!("`\\{e}` is not understood the same way there"),
                    });
                }
                i += 2;
                continue;
            }
            '[' if in_class => {
                return Some(
                    "classes inside classes and `[:alpha:]` are not supported; escape a literal `[` as `\\[`".into(),
                );
            }
            '[' => {
                in_class = true;
                if next == Some('^') {
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    return Some("escape a `]` at the start of a class as `\\]`".into());
                }
            }
            ']' if in_class => in_class = false,
            ']' => return Some("escape a literal `]` as `\\]`".into()),
            '&' | '-' | '~' if in_class && next == Some(c) => {
                return Some(format!("`{c}{c}` in a class is not supported"));
            }
            '{' if !in_class => {
                // A quantifier `{n}`, `{n,}` or `{n,m}`: skip it whole.
                let close = chars[i..].iter().position(|&c| c == '}')?;
                i += close + 1;
                continue;
            }
            '}' if !in_class => return Some("escape a literal `}` as `\\}`".into()),
            '(' if !in_class && next == Some('?') && chars.get(i + 2) != Some(&':') => {
                return Some(
                    "only `(…)` and `(?:…)` groups are supported; flags such as `(?i)` are not needed (case is always ignored)".into(),
                );
            }
            _ => {}
        }
        i += 1;
    }
    None
}
