//! `imsmanifest.xml`: the package declares one organization with one item,
//! backed by one SCO (the launch page) that lists every file of the
//! package. One SCO is the shape every LMS runs the same way; the course's
//! own navigation happens inside it.
//!
//! The two versions differ in namespaces, in spellings (`adlcp:scormtype` in
//! 1.2, `adlcp:scormType` in 2004) and in how the pass mark is carried
//! (`adlcp:masteryscore` in percent in 1.2; in 2004 a primary objective
//! satisfied by a normalized measure from 0 to 1).

use std::fmt::Write;

use crate::model::Course;
use crate::urls;

use super::{LAUNCH_PAGE, Version, package_identifier};

/// The manifest of the package for `course`. `files` are the package's
/// files (slash-separated paths from its root), the manifest excepted.
pub fn render(course: &Course, version: Version, files: &[&str]) -> String {
    let id = package_identifier(course);
    let title = escape(&course.title);
    // The pass mark only means something when there are quizzes to score.
    let pass_mark = course
        .modules
        .iter()
        .any(|m| m.quiz.is_some())
        .then_some(course.pass_mark);
    let mut xml = String::with_capacity(1024 + files.len() * 48);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<manifest identifier=\"{id}\" version=\"1\"\n{}>",
        namespaces(version)
    );
    let schema_version = match version {
        Version::Scorm12 => "1.2",
        Version::Scorm2004 => "2004 4th Edition",
    };
    let _ = writeln!(
        xml,
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schema_version}</schemaversion>\n  </metadata>"
    );
    let _ = writeln!(
        xml,
        "  <organizations default=\"{id}-organization\">\n    <organization identifier=\"{id}-organization\">\n      <title>{title}</title>"
    );
    let _ = writeln!(
        xml,
        "      <item identifier=\"{id}-item\" identifierref=\"{id}-sco\" isvisible=\"true\">\n        <title>{title}</title>"
    );
    match (version, pass_mark) {
        (Version::Scorm12, Some(mark)) => {
            let _ = writeln!(
                xml,
                "        <adlcp:masteryscore>{mark}</adlcp:masteryscore>"
            );
        }
        (Version::Scorm12, None) => {}
        (Version::Scorm2004, mark) => xml.push_str(&sequencing_2004(mark)),
    }
    xml.push_str("      </item>\n    </organization>\n  </organizations>\n");

    let scorm_type = match version {
        Version::Scorm12 => "adlcp:scormtype",
        Version::Scorm2004 => "adlcp:scormType",
    };
    let _ = writeln!(
        xml,
        "  <resources>\n    <resource identifier=\"{id}-sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{LAUNCH_PAGE}\">"
    );
    for file in files {
        let _ = writeln!(
            xml,
            "      <file href=\"{}\"/>",
            escape(&urls::encode_path(file))
        );
    }
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

fn namespaces(version: Version) -> &'static str {
    match version {
        Version::Scorm12 => concat!(
            "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n",
            "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n",
            "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n",
            "  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd",
            " http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"",
        ),
        Version::Scorm2004 => concat!(
            "  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n",
            "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n",
            "  xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n",
            "  xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n",
            "  xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n",
            "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n",
            "  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd",
            " http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd",
            " http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd",
            " http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd",
            " http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\"",
        ),
    }
}

/// The 2004 item's sequencing: the course's pass mark as the measure that
/// satisfies its primary objective (when it has quizzes), and the SCO, not
/// the LMS, says when it is complete and satisfied.
fn sequencing_2004(pass_mark: Option<u8>) -> String {
    let mut xml = String::from("        <imsss:sequencing>\n");
    if let Some(mark) = pass_mark {
        let measure = f64::from(mark) / 100.0;
        let _ = writeln!(
            xml,
            "          <imsss:objectives>\n            <imsss:primaryObjective objectiveID=\"passed\" satisfiedByMeasure=\"true\">\n              <imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          </imsss:objectives>"
        );
    }
    xml.push_str(
        "          <imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>\n        </imsss:sequencing>\n",
    );
    xml
}

/// Text and attribute values in XML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all, even as references: the
            // document would not be well-formed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_titles_is_escaped() {
        assert_eq!(
            escape("Q&A <intro> \"quoted\" 'single'"),
            "Q&amp;A &lt;intro&gt; &quot;quoted&quot; &apos;single&apos;"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
        assert_eq!(escape("a\u{FFFF}b\u{FFFE}c"), "abc");
    }
}
