//! How long a learner's saved progress can grow in `cmi.suspend_data`, and
//! the build-time check that it fits the SCORM version's limit.
//!
//! The encoding itself lives with the runtime, in the theme's
//! `assets/scorm-data.js`; this is its size, field by field. Every character
//! is a base64url digit (`A–Z a–z 0–9 - _`), 6 bits:
//!
//! | field | characters |
//! |---|---|
//! | format version | 1 |
//! | hash of the course's modules, lessons and quizzes | 6 |
//! | lessons seen, one bit per lesson in course order | ⌈lessons ÷ 6⌉ |
//! | per graded quiz: best score (tenths of a percent), attempts, when first passed (minutes since 1970, 0 = not passed) | 2 + 2 + 5 |
//! | the name typed on the certificate, UTF-8 in base64url | at most 800 |

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Course;

use super::Version;

/// The format version and the course hash.
pub const HEADER_CHARS: usize = 1 + 6;
/// Characters per graded quiz.
pub const QUIZ_CHARS: usize = 2 + 2 + 5;
/// Lessons per character of the lesson bitset.
pub const LESSONS_PER_CHAR: usize = 6;
/// The longest certificate name progress.js keeps, in UTF-16 code units.
pub const NAME_MAX_UNITS: usize = 200;
/// Its longest encoding: 3 UTF-8 bytes per code unit, 4 characters per 3
/// bytes (no padding).
pub const NAME_MAX_CHARS: usize = (NAME_MAX_UNITS * 3 * 4).div_ceil(3);

/// The longest `cmi.suspend_data` this course can produce: every lesson
/// seen, every quiz taken, the longest name.
pub fn worst_case_length(course: &Course) -> usize {
    let quizzes = course.modules.iter().filter(|m| m.quiz.is_some()).count();
    HEADER_CHARS
        + course.lesson_count().div_ceil(LESSONS_PER_CHAR)
        + quizzes * QUIZ_CHARS
        + NAME_MAX_CHARS
}

/// Reports an error when the course's saved progress could outgrow what
/// `version` guarantees an LMS keeps.
pub fn check_fits(course: &Course, version: Version, diagnostics: &Diagnostics) {
    let worst = worst_case_length(course);
    let limit = version.suspend_data_limit();
    if worst <= limit {
        return;
    }
    let quizzes = course.modules.iter().filter(|m| m.quiz.is_some()).count();
    let hint = match version {
        Version::Scorm12 => format!(
            "build with --scorm 2004, whose limit is {}, or split the course in two; each quiz takes {QUIZ_CHARS} characters and every {LESSONS_PER_CHAR} lessons one",
            thousands(Version::Scorm2004.suspend_data_limit())
        ),
        Version::Scorm2004 => format!(
            "split the course in two; each quiz takes {QUIZ_CHARS} characters and every {LESSONS_PER_CHAR} lessons one"
        ),
    };
    diagnostics.push(
        Diagnostic::error(
            course.root.join("course.yaml"),
            None,
            format!(
                "this course is too big for a {version} package: a learner's saved progress can reach {} characters ({} lessons, {quizzes} quizzes), and cmi.suspend_data holds {} in {version}",
                thousands(worst),
                course.lesson_count(),
                thousands(limit),
            ),
        )
        .with_hint(hint),
    );
}

/// `4096` → `4,096`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_name_takes_800_characters() {
        assert_eq!(NAME_MAX_CHARS, 800);
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(4096), "4,096");
        assert_eq!(thousands(64_000), "64,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
