//! `cmi5.xml`, the course structure an LMS imports: the course (its id is
//! the course's `iri:`) and one assignable unit, the package's launch page.
//!
//! One AU for the whole course, not one per module: brandcamp's progress,
//! module locks, "resume" and certificate are course-wide and live in one
//! launch (as in the SCORM package's one SCO). An AU per module would have
//! the LMS launch each module on its own, with its own state, and the
//! locks, the resume link and the certificate would stop working.
//!
//! `moveOn` is `CompletedAndPassed` when the course has graded quizzes (the
//! certificate needs them passed), `Completed` otherwise. `masteryScore` is
//! the quizzes' pass mark as a scaled score when every quiz has the same
//! one; with different marks there is none, and the AU judges each quiz by
//! its own (see docs/lms.md).
//!
//! Written with quick-xml's writer, which escapes text and attributes; what
//! XML 1.0 cannot carry at all (most control characters) is dropped first.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::Course;

/// The namespace of the cmi5 course structure, which is also where its XSD
/// is published.
pub(crate) const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// What `moveOn` and `masteryScore` say for `course`.
pub struct MoveOn {
    pub move_on: &'static str,
    /// The pass mark shared by every quiz, in percent.
    pub mastery_percent: Option<u8>,
}

pub(crate) fn move_on(course: &Course) -> MoveOn {
    let marks: Vec<u8> = course
        .modules
        .iter()
        .filter_map(|m| m.quiz.as_ref())
        .map(|q| q.pass_mark.unwrap_or(course.pass_mark))
        .collect();
    if marks.is_empty() {
        return MoveOn {
            move_on: "Completed",
            mastery_percent: None,
        };
    }
    let shared = marks.iter().all(|m| *m == marks[0]).then_some(marks[0]);
    MoveOn {
        move_on: "CompletedAndPassed",
        mastery_percent: shared,
    }
}

/// The AU's activity id: the course's IRI and `/au`.
pub(crate) fn au_id(course_iri: &str) -> String {
    format!("{}/au", course_iri.trim_end_matches('/'))
}

/// `cmi5.xml` for `course`, whose `iri` is `course_iri`, launching
/// `launch_page`.
pub fn render(course: &Course, course_iri: &str, launch_page: &str) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let language = course.language.as_str();
    let title = xml_text(&course.title);
    let description = xml_text(
        course
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .unwrap_or(&course.title),
    );
    let move_on = move_on(course);
    let mastery = move_on
        .mastery_percent
        .map(|percent| format!("{}", f64::from(percent) / 100.0));
    let au = au_id(course_iri);
    // Writing to a Vec cannot fail.
    let written: std::io::Result<()> = (|| {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer
            .create_element("courseStructure")
            .with_attribute(("xmlns", NAMESPACE))
            .write_inner_content(|w| {
                w.create_element("course")
                    .with_attribute(("id", course_iri))
                    .write_inner_content(|w| {
                        langstring(w, "title", language, &title)?;
                        langstring(w, "description", language, &description)
                    })?;
                let mut element = w
                    .create_element("au")
                    .with_attribute(("id", au.as_str()))
                    .with_attribute(("moveOn", move_on.move_on));
                if let Some(mastery) = &mastery {
                    element = element.with_attribute(("masteryScore", mastery.as_str()));
                }
                element
                    .with_attribute(("launchMethod", "AnyWindow"))
                    .write_inner_content(|w| {
                        langstring(w, "title", language, &title)?;
                        langstring(w, "description", language, &description)?;
                        w.create_element("url")
                            .write_text_content(BytesText::new(launch_page))?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })();
    debug_assert!(written.is_ok());
    let mut xml = String::from_utf8(writer.into_inner()).unwrap_or_default();
    xml.push('\n');
    xml
}

/// `<name><langstring lang="…">text</langstring></name>`
fn langstring(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    language: &str,
    text: &str,
) -> std::io::Result<()> {
    w.create_element(name).write_inner_content(|w| {
        w.create_element("langstring")
            .with_attribute(("lang", language))
            .write_text_content(BytesText::new(text))?;
        Ok(())
    })?;
    Ok(())
}

/// `text` without the characters XML 1.0 cannot carry, even escaped.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            ((c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
                && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_in_titles_cannot_break_the_xml() {
        let mut course = Course::new("c", "Q&A <intro> \"quoted\"\u{7}");
        course.description = Some("a < b".into());
        let xml = render(&course, "https://example.org/c?a=1&b=2", "cmi5.html");
        assert!(xml.contains("Q&amp;A &lt;intro&gt;"), "{xml}");
        assert!(!xml.contains('\u{7}'));
        assert!(
            xml.contains("id=\"https://example.org/c?a=1&amp;b=2\""),
            "{xml}"
        );
        roxmltree::Document::parse(&xml).expect("well-formed");
    }

    #[test]
    fn a_course_without_quizzes_moves_on_when_completed() {
        let course = Course::new("c", "Course");
        let xml = render(&course, "urn:example:course", "cmi5.html");
        assert!(xml.contains("moveOn=\"Completed\""), "{xml}");
        assert!(!xml.contains("masteryScore"), "{xml}");
        assert!(xml.contains("<au id=\"urn:example:course/au\""), "{xml}");
    }
}
