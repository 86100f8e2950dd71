//! What the question banks brought from Moodle (GIFT and Moodle XML) share:
//! Moodle imports the same question twice, and two questions with one name,
//! without a word. A quiz needs each question once, under an id of its own.
//!
//! - a question written again exactly (same id, same text, answers and
//!   feedback) is kept once: drawing it twice in one attempt would only
//!   repeat it;
//! - a name (GIFT `::title::`, Moodle XML `<name>`) given to a second,
//!   different question keeps both, the second with the id `name-2` (then
//!   `-3`…, skipping ids already taken).
//!
//! Both are warnings that show the two places.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};
use crate::quiz::Question;

/// A question read from a bank, and where it starts in its file.
pub struct Imported {
    pub question: Question,
    pub position: Position,
    /// Named by the author (a title, a name, an id) rather than derived
    /// from its kind and text.
    pub named: bool,
}

/// The questions of a bank, each once, with ids made unique; what was left
/// out or renamed is reported in `problems`. Returns how many exact copies
/// were left out.
pub(crate) fn distinct_questions(
    imported: Vec<Imported>,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Question>, usize) {
    let taken: HashSet<String> = imported.iter().map(|i| i.question.id.clone()).collect();
    let mut given: HashSet<String> = HashSet::new();
    // For each id as written: the questions kept under it and their lines.
    let mut first: HashMap<String, Vec<(usize, Position)>> = HashMap::new();
    let mut kept: Vec<Question> = Vec::new();
    let mut copies = 0;
    for Imported {
        mut question,
        position,
        named,
    } in imported
    {
        let earlier = first.entry(question.id.clone()).or_default();
        if let Some((_, at)) = earlier
            .iter()
            .find(|(i, _)| same_question(&kept[*i], &question))
        {
            problems.push(
                Diagnostic::warning(
                    file,
                    Some(position),
                    format!(
                        "this question is the same as the one at line {}: the quiz keeps one copy",
                        at.line
                    ),
                )
                .with_hint("Moodle imports both copies; a quiz would only ask the same question twice. Remove one to silence this warning"),
            );
            copies += 1;
            continue;
        }
        if let Some((_, at)) = earlier.first() {
            let written = question.id.clone();
            let id = (2..)
                .map(|n| format!("{written}-{n}"))
                .find(|id| !taken.contains(id) && !given.contains(id))
                .unwrap_or_default();
            let message = if named {
                format!(
                    "the name `{written}` is also the name of the question at line {}: this one gets the id `{id}`",
                    at.line
                )
            } else {
                format!(
                    "this question has the same text as the one at line {}, with other answers: this one gets the id `{id}`",
                    at.line
                )
            };
            problems.push(
                Diagnostic::warning(file, Some(position), message).with_hint(
                    "ids keep learners' progress; give each question its own name to choose them",
                ),
            );
            question.id = id;
        }
        earlier.push((kept.len(), position));
        given.insert(question.id.clone());
        kept.push(question);
    }
    (kept, copies)
}

/// Everything but the id.
fn same_question(a: &Question, b: &Question) -> bool {
    a.prompt == b.prompt
        && a.points == b.points
        && a.hint == b.hint
        && a.explanation == b.explanation
        && a.kind == b.kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::schema::{QuestionKind, TrueFalseQuestion};

    fn true_false(id: &str, prompt: &str, answer: bool, line: usize) -> Imported {
        Imported {
            question: Question {
                id: id.into(),
                prompt: prompt.into(),
                points: 1,
                hint: None,
                explanation: None,
                kind: QuestionKind::TrueFalse(TrueFalseQuestion {
                    answer,
                    feedback_true: None,
                    feedback_false: None,
                }),
            },
            position: Position::new(line, 1),
            named: true,
        }
    }

    #[test]
    fn exact_copies_are_kept_once_and_repeated_names_get_numbered_ids() {
        let mut problems = Vec::new();
        let (kept, copies) = distinct_questions(
            vec![
                true_false("a", "Sky is blue", true, 1),
                true_false("a", "Sky is blue", true, 3),
                true_false("a", "Grass is red", false, 5),
                true_false("a-2", "Taken already", false, 7),
                true_false("a", "Snow is white", true, 9),
            ],
            Path::new("quiz.gift"),
            &mut problems,
        );
        let ids: Vec<&str> = kept.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-3", "a-2", "a-4"]);
        assert_eq!(copies, 1);
        assert_eq!(problems.len(), 3);
        assert!(problems[0].message.contains("same as the one at line 1"));
        assert!(problems[1].message.contains("question at line 1"));
        assert!(problems[1].message.contains("`a-3`"));
        assert!(problems.iter().all(|d| !d.is_error()));
    }
}
