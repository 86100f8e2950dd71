//! The JSON a page embeds for the browser's quiz code (`quiz.js`), in a
//! `<script type="application/json">` block.
//!
//! What the learner sees before answering (prompts, choices, hints) is plain
//! in it; what would give the answers away (which choice is right, the
//! accepted texts, the right order, feedback and explanations) is in each
//! question's `secret`: JSON, XOR-ed with the quiz's key and base64-encoded.
//! That keeps answers out of plain sight (view-source, search in page, a
//! quick look at the markup) but cannot make them secret: the key is in the
//! page, as it must be for a static site to grade in the browser.
//!
//! Markdown is rendered to HTML here, at build time, and escaped as
//! pulldown-cmark escapes any lesson text; the browser inserts that HTML as
//! trusted build output and everything else with `textContent`.

use serde::Serialize;

use super::check::{full_credit, is_correct};
use super::schema::{QuestionKind, Review};
use super::{Question, Quiz, fnv1a};
use crate::bundle::script_json;
use crate::markdown::{render_inline, render_plain, render_snippet};

/// How a quiz is used: a module's graded quiz, or a lesson's knowledge check
/// (answered in place, not recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Graded,
    KnowledgeCheck,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuizPayload<'a> {
    /// The module slug for a graded quiz, the block's id for a check.
    id: &'a str,
    graded: bool,
    pass_mark: u8,
    shuffle: bool,
    draw: Option<usize>,
    max_attempts: u32,
    /// `after_pass`, `always` or `never`: when the right answers are shown.
    review: &'static str,
    /// Base64 of the bytes the secrets are XOR-ed with.
    key: String,
    questions: Vec<QuestionPayload<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuestionPayload<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    points: u32,
    /// HTML.
    prompt: String,
    /// Whether `prompt` holds blocks (paragraphs, lists), which cannot sit in
    /// a `<legend>`.
    prompt_block: bool,
    /// HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    /// `single`, `multiple`: the choices' HTML, in the author's order.
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<String>>,
    /// `order`: the items' HTML, in an order that is not the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<String>>,
    /// `match`: the left sides' HTML, in the author's order.
    #[serde(skip_serializing_if = "Option::is_none")]
    lefts: Option<Vec<String>>,
    /// `match`: the distinct right sides as plain text (they go in
    /// `<option>`s), sorted.
    #[serde(skip_serializing_if = "Option::is_none")]
    rights: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post: Option<PostRules>,
    /// [`Secret`] as encoded JSON.
    secret: String,
}

/// What a `post` answer is checked against, by `gradePost` in grading.js.
///
/// This is the seam for the brand rules: today it carries the question's
/// own rules and a post passes when it is not empty; the brand rule engine
/// fills in the platform's limits and brand.yaml's terms and hashtags here,
/// and makes `gradePost` apply them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostRules {
    pub platform: String,
    pub must_mention: Vec<String>,
    pub max_hashtags: Option<u32>,
    /// Characters the platform allows (from brand.yaml, once the brand
    /// rules are wired in).
    pub max_length: Option<u32>,
    /// The account the learner writes as (`organization`, `employee`, `public`).
    pub account: crate::brand::AccountKind,
    /// `[{words, missing}]`: ideas the post must express.
    pub ideas: Vec<IdeaRule>,
    /// `[{words, found}]`: ideas the post must not express.
    pub avoid_ideas: Vec<IdeaRule>,
}

/// An idea of a `post` question as brand.js reads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IdeaRule {
    pub words: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

/// The part of a question that gives the answer away.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Secret {
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<String>,
    /// `post`: the self-assessment items, HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    rubric: Option<Vec<String>>,
    /// `post`: a good answer, as plain text (shown as written).
    #[serde(skip_serializing_if = "Option::is_none")]
    model_answer: Option<String>,
    /// `single`, `multiple`: which choices are right.
    #[serde(skip_serializing_if = "Option::is_none")]
    correct: Option<Vec<bool>>,
    /// `multiple` with partial credit: each choice's percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    weights: Option<Vec<f64>>,
    /// Per-choice feedback, HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<Vec<Option<String>>>,
    /// `true_false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<serde_json::Value>,
    /// `numeric`.
    #[serde(skip_serializing_if = "Option::is_none")]
    tolerance: Option<f64>,
    /// `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    accept: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    /// `text` compared with its case.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    case_sensitive: bool,
    /// `order`: indexes into `items`, in the right order.
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<Vec<usize>>,
    /// `match`: for each left side, the index of its right side in `rights`.
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<Vec<usize>>,
    /// `text`, `numeric` with `answers`: each answer's credit and feedback.
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<Vec<GradedAnswer>>,
}

/// One of the `answers` of a `text` or `numeric` question, for
/// `matchText` and `matchNumber` in grading.js.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct GradedAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    /// `numeric`: the number; absent, any other number.
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tolerance: Option<f64>,
    /// Percent.
    weight: f64,
    /// HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<String>,
}

/// A graded quiz's settings with the course's defaults filled in.
#[derive(Debug, Clone, Copy)]
pub struct GradedSettings<'a> {
    pub quiz: &'a Quiz,
    pub pass_mark: u8,
    pub review: Review,
}

/// The payload of a graded quiz or a knowledge check, as JSON that is safe
/// inside a `<script>` element.
pub(crate) fn quiz_payload(
    id: &str,
    questions: &[Question],
    settings: Option<GradedSettings<'_>>,
    usage: Use,
) -> String {
    let key = quiz_key(id, questions);
    let payload = QuizPayload {
        id,
        graded: usage == Use::Graded,
        pass_mark: settings.map_or(0, |s| s.pass_mark),
        shuffle: settings.is_some_and(|s| s.quiz.shuffle),
        draw: settings.and_then(|s| s.quiz.draw),
        max_attempts: settings.map_or(0, |s| s.quiz.max_attempts),
        // A knowledge check shows the answer once the learner has answered.
        review: settings.map_or(Review::Always, |s| s.review).name(),
        key: base64(&key),
        questions: questions
            .iter()
            .map(|q| question_payload(q, &key))
            .collect(),
    };
    script_json(&payload)
}

fn question_payload<'a>(question: &'a Question, key: &[u8]) -> QuestionPayload<'a> {
    let prompt = render_inline(&question.prompt);
    let prompt_block = is_block(&prompt);
    let mut payload = QuestionPayload {
        id: &question.id,
        kind: question.kind.name(),
        points: question.points,
        prompt,
        prompt_block,
        hint: question.hint.as_deref().map(render_snippet),
        choices: None,
        items: None,
        lefts: None,
        rights: None,
        post: None,
        secret: String::new(),
    };
    let mut secret = Secret {
        explanation: question.explanation.as_deref().map(render_snippet),
        ..Secret::default()
    };
    match &question.kind {
        QuestionKind::Single(q) | QuestionKind::Multiple(q) => {
            let single = matches!(question.kind, QuestionKind::Single(_));
            payload.choices = Some(q.choices.iter().map(|c| render_inline(&c.text)).collect());
            // In a `single`, weights are partial credit: only the correct
            // choice is the right answer.
            secret.correct = Some(
                q.choices
                    .iter()
                    .map(|c| if single { c.correct } else { is_correct(c) })
                    .collect(),
            );
            if q.choices.iter().any(|c| c.weight.is_some()) {
                let full = |c: &super::schema::Choice| if c.correct { 100.0 } else { 0.0 };
                secret.weights = Some(
                    q.choices
                        .iter()
                        .map(|c| c.weight.unwrap_or_else(|| full(c)))
                        .collect(),
                );
            }
            secret.feedback = Some(
                q.choices
                    .iter()
                    .map(|c| c.feedback.as_deref().map(render_snippet))
                    .collect(),
            );
        }
        QuestionKind::TrueFalse(q) => {
            secret.answer = Some(q.answer.into());
            if q.feedback_true.is_some() || q.feedback_false.is_some() {
                // Indexed like the choices the page shows: true, then false.
                secret.feedback = Some(
                    [&q.feedback_true, &q.feedback_false]
                        .map(|f| f.as_deref().map(render_snippet))
                        .to_vec(),
                );
            }
        }
        QuestionKind::Text(q) => {
            // The full-credit texts of `answers` are accepted answers too (the
            // first one is shown as the expected answer).
            let mut accept = q.accept.clone();
            accept.extend(
                q.answers
                    .iter()
                    .filter(|a| full_credit(a.weight))
                    .filter_map(|a| a.text.clone()),
            );
            secret.accept = Some(accept);
            secret.case_sensitive = q.case_sensitive;
            secret.pattern = q.pattern.clone();
            if !q.answers.is_empty() {
                secret.answers = Some(
                    q.answers
                        .iter()
                        .map(|a| GradedAnswer {
                            text: a.text.clone(),
                            pattern: a.pattern.clone(),
                            weight: a.weight.unwrap_or(100.0),
                            feedback: a.feedback.as_deref().map(render_snippet),
                            ..GradedAnswer::default()
                        })
                        .collect(),
                );
            }
        }
        QuestionKind::Numeric(q) => {
            // With `answers`, the first full-credit one is shown as expected.
            let shown = q
                .answers
                .iter()
                .find(|a| a.answer.is_some() && full_credit(a.weight));
            secret.answer = q.answer.or(shown.and_then(|a| a.answer)).map(Into::into);
            secret.tolerance = Some(shown.map_or(q.tolerance, |a| a.tolerance));
            if !q.answers.is_empty() {
                secret.answers = Some(
                    q.answers
                        .iter()
                        .map(|a| GradedAnswer {
                            number: a.answer,
                            tolerance: Some(a.tolerance),
                            weight: a.weight.unwrap_or(100.0),
                            feedback: a.feedback.as_deref().map(render_snippet),
                            ..GradedAnswer::default()
                        })
                        .collect(),
                );
            }
        }
        QuestionKind::Order(q) => {
            // Shown in an order fixed by each item's hash, never the answer's
            // (the browser shuffles again at each attempt).
            let mut shown: Vec<usize> = (0..q.items.len()).collect();
            shown.sort_by_key(|&i| fnv1a(&[question.id.as_bytes(), q.items[i].as_bytes()]));
            if shown.windows(2).all(|w| w[0] < w[1]) {
                shown.rotate_left(1);
            }
            payload.items = Some(shown.iter().map(|&i| render_inline(&q.items[i])).collect());
            secret.order = Some(
                (0..q.items.len())
                    .map(|i| shown.iter().position(|&s| s == i).unwrap_or(i))
                    .collect(),
            );
        }
        QuestionKind::Match(q) => {
            payload.lefts = Some(q.pairs.iter().map(|p| render_inline(&p.left)).collect());
            let mut rights: Vec<String> = q
                .pairs
                .iter()
                .map(|p| &p.right)
                .chain(&q.distractors)
                .map(|right| render_plain(right))
                .collect();
            rights.sort();
            rights.dedup();
            secret.matches = Some(
                q.pairs
                    .iter()
                    .map(|p| {
                        let plain = render_plain(&p.right);
                        rights.iter().position(|r| *r == plain).unwrap_or(0)
                    })
                    .collect(),
            );
            payload.rights = Some(rights);
        }
        QuestionKind::Post(q) => {
            payload.post = Some(PostRules {
                platform: q.platform.clone(),
                must_mention: q.must_mention.clone(),
                max_hashtags: q.max_hashtags,
                max_length: None,
                account: q.account,
                ideas: q
                    .ideas
                    .iter()
                    .map(|i| IdeaRule {
                        words: i.words.clone(),
                        missing: Some(i.missing.clone()),
                        found: None,
                    })
                    .collect(),
                avoid_ideas: q
                    .avoid_ideas
                    .iter()
                    .map(|i| IdeaRule {
                        words: i.words.clone(),
                        missing: None,
                        found: Some(i.found.clone()),
                    })
                    .collect(),
            });
            if !q.rubric.is_empty() {
                secret.rubric = Some(q.rubric.iter().map(|item| render_inline(item)).collect());
            }
            secret.model_answer = q.model_answer.as_ref().map(|m| m.trim().to_string());
        }
    }
    let json = serde_json::to_vec(&secret).unwrap_or_default();
    payload.secret = base64(&xor(&json, key));
    payload
}

/// Whether rendered Markdown holds block elements.
fn is_block(html: &str) -> bool {
    [
        "<p>",
        "<ul>",
        "<ol",
        "<pre",
        "<blockquote",
        "<table",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<hr",
        "<div",
    ]
    .iter()
    .any(|tag| html.contains(tag))
}

/// A quiz's key: 16 bytes derived from its id and its questions' ids, so that
/// the same quiz gives the same bytes at every build.
fn quiz_key(id: &str, questions: &[Question]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = vec![id.as_bytes()];
    parts.extend(questions.iter().map(|q| q.id.as_bytes()));
    let first = fnv1a(&parts);
    parts.push(b"second half");
    let second = fnv1a(&parts);
    [first.to_le_bytes(), second.to_le_bytes()].concat()
}

pub(crate) fn xor(bytes: &[u8], key: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .zip(key.iter().cycle())
        .map(|(b, k)| b ^ k)
        .collect()
}

/// Standard base64 with padding (what the browser's `atob` reads).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json =
            script_json(&serde_json::json!({ "title": "</script><script>alert(1)</script>" }));
        assert!(!json.contains("</script"), "{json}");
        assert!(!json.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn xor_twice_gives_the_text_back() {
        let key = [1, 2, 3, 250];
        assert_eq!(xor(&xor(b"correct answer", &key), &key), b"correct answer");
    }
}
