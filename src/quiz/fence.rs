//! Knowledge checks: ```` ```quiz ```` blocks (YAML) and ```` ```gift ````
//! blocks (Moodle GIFT) in lessons, rendered through the Markdown pipeline's
//! [`FenceRenderer`] hook. The questions follow the quiz schema; they are
//! answered in place, with feedback, and not graded.

use super::payload::{Use, quiz_payload};
use super::{Source, gift, parse_knowledge_check_with};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{Fence, FenceRenderer};
use crate::theme::Theme;
use crate::variables::Variables;

/// Renders `quiz` and `gift` blocks with the theme's `knowledge_check.html`; leaves
/// every other block to the next renderer (`None`).
pub struct QuizFences<'a> {
    pub theme: &'a Theme,
    /// The course's variables, replaced in the questions' texts.
    pub variables: &'a Variables,
    /// Where the span trees of the lessons' YAML are kept.
    pub sources: &'a crate::sources::Sources,
}

impl FenceRenderer for QuizFences<'_> {
    fn render_fence(&self, fence: &Fence<'_>, diagnostics: &Diagnostics) -> Option<String> {
        if fence.kind != "quiz" && fence.kind != "gift" {
            return None;
        }
        // A quiz block's tree is kept with its lesson, which the brand
        // lint may have read already.
        let tree = (fence.kind == "quiz").then(|| {
            self.sources
                .embedded_yaml(fence.file, fence.body, fence.first_line.max(1))
        });
        let source = Source {
            text: fence.body,
            file: fence.file,
            line_offset: fence.first_line.saturating_sub(1),
            tree: tree.as_deref(),
        };
        let questions = if fence.kind == "gift" {
            gift::parse_gift_knowledge_check(source, diagnostics)
        } else {
            parse_knowledge_check_with(source, self.variables, diagnostics)
        };
        if questions.is_empty() {
            // The problems are reported; the page is not written anyway.
            return Some(String::new());
        }
        let mut context = tera::Context::new();
        context.insert("id", &format!("kc-{}", fence.id));
        context.insert("question_count", &questions.len());
        context.insert(
            "payload",
            &quiz_payload(&fence.id, &questions, None, Use::KnowledgeCheck),
        );
        match self.theme.render("knowledge_check.html", &context) {
            Ok(html) => Some(html),
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(
                        fence.file,
                        None,
                        format!("cannot render a knowledge check: {message}"),
                    )
                    .with_hint("the theme's knowledge_check.html template is wrong"),
                );
                None
            }
        }
    }
}
