//! How long a learner's saved progress can grow in `cmi.suspend_data`, and
//! the build-time check that it fits the SCORM version's limit.
//!
//! The encoding itself lives with the runtime, in the theme's
//! `assets/scorm-data.js`; this is its size, field by field. Every character
//! is a base64url digit (`A–Z a–z 0–9 - _`), 6 bits. Lessons and quizzes are
//! addressed by their slot in `progress.lock` ([`crate::progress_lock`]), so
//! that progress saved by an earlier package of the course is read by a
//! later one:
//!
//! | field | characters |
//! |---|---|
//! | format version (`2`) | 1 |
//! | the lock's tag | 6 |
//! | lesson slots covered by the bitset | 3 |
//! | lessons seen, one bit per lesson slot, retired slots included | ⌈lesson slots ÷ 6⌉ |
//! | how many quiz records follow | 2 |
//! | per quiz taken: its slot, best score (tenths of a percent), attempts, when first passed (minutes since 1970, 0 = not passed) | 2 + 2 + 2 + 5 |
//! | the name typed on the certificate, UTF-8 in base64url | at most 800 |
//!
//! Retired quiz slots cost nothing (only quizzes of the course are
//! written); a retired lesson slot costs one bit.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Course;
use crate::progress_lock::Lock;

use super::Version;

/// The format version, the lock's tag, the number of lesson slots and the
/// number of quiz records.
pub const HEADER_CHARS: usize = 1 + 6 + 3 + 2;
/// Characters per quiz taken.
pub const QUIZ_CHARS: usize = 2 + 2 + 2 + 5;
/// Lessons per character of the lesson bitset.
pub(crate) const LESSONS_PER_CHAR: usize = 6;
/// The longest certificate name progress.js keeps, in UTF-16 code units.
pub(crate) const NAME_MAX_UNITS: usize = 200;
/// Its longest encoding: 3 UTF-8 bytes per code unit, 4 characters per 3
/// bytes (no padding).
pub const NAME_MAX_CHARS: usize = (NAME_MAX_UNITS * 3 * 4).div_ceil(3);

/// The longest `cmi.suspend_data` this course can produce under `lock`:
/// every lesson seen, every quiz taken, the longest name.
pub fn worst_case_length(lock: &Lock) -> usize {
    let quizzes = lock.quizzes.iter().filter(|q| !q.retired).count();
    HEADER_CHARS
        + lock.lessons.len().div_ceil(LESSONS_PER_CHAR)
        + quizzes * QUIZ_CHARS
        + NAME_MAX_CHARS
}

/// Reports an error when the course's saved progress could outgrow what
/// `version` guarantees an LMS keeps.
pub(crate) fn check_fits(
    course: &Course,
    lock: &Lock,
    version: Version,
    diagnostics: &Diagnostics,
) {
    let worst = worst_case_length(lock);
    let limit = version.suspend_data_limit();
    if worst <= limit {
        return;
    }
    let quizzes = course.modules.iter().filter(|m| m.quiz.is_some()).count();
    let retired = lock.lessons.iter().filter(|l| l.retired).count();
    let lessons = if retired > 0 {
        format!(
            "{} lessons and {retired} retired lesson slots",
            course.lesson_count()
        )
    } else {
        format!("{} lessons", course.lesson_count())
    };
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
                "this course is too big for a {version} package: a learner's saved progress can reach {} characters ({lessons}, {quizzes} quizzes), and cmi.suspend_data holds {} in {version}",
                thousands(worst),
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
