//! Every kind of mistake in a Moodle XML file, reported at its line and
//! column with a hint, all of them in one run.

use super::{FIXTURES, located, read_text};

#[test]
fn every_mistake_of_a_file_is_reported_in_one_run_at_its_element() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/errors/many.xml")).unwrap();
    let (read, found) = read_text(&text);
    assert!(read.questions.is_empty());
    // The pool counts the questions with problems.
    assert_eq!(read.pool, 7);
    assert_eq!(
        located(&found),
        [
            "quiz.xml:3:3 unknown question type `multichoise`",
            "quiz.xml:10:5 the fraction `a lot` is not a number",
            "quiz.xml:13:3 the weights cannot reach 100 %: the positive ones add up to 99.66666 %",
            "quiz.xml:22:3 no answer is worth 100 %: a single-answer question needs one right answer",
            "quiz.xml:31:5 `3,14` is not a number",
            "quiz.xml:33:3 the gap `[[3]]` names choice 3, but the question has 1 choice",
            "quiz.xml:38:3 this question has no `type`",
        ]
    );
    assert!(found.iter().all(|d| d.is_error() && d.hint.is_some()));
    assert!(
        found[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `multichoice`?")
    );
    assert!(found[4].hint.as_deref().unwrap().contains("dot"));
}

#[test]
fn malformed_xml_is_one_error_where_the_parser_stopped() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/errors/malformed.xml")).unwrap();
    let (read, found) = read_text(&text);
    assert!(read.questions.is_empty());
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert!(d.is_error());
    assert_eq!(d.location(), "quiz.xml:4:22");
    assert!(
        d.message.starts_with("this is not well-formed XML"),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().unwrap().contains("&amp;"));
}

#[test]
fn a_file_that_is_not_a_question_bank_says_what_was_expected() {
    let (_, found) = read_text("<html><body/></html>");
    assert_eq!(
        located(&found),
        ["quiz.xml:1:1 expected `<quiz>` around the questions, found `<html>`"]
    );
    let (_, found) = read_text("<quiz><question type=\"category\"/></quiz>");
    assert_eq!(
        located(&found),
        ["quiz.xml this file has no question to ask"]
    );
    let (_, found) = read_text("");
    assert_eq!(found.len(), 1);
    assert!(found[0].is_error());
}

#[test]
fn files_that_are_not_media_or_not_base64_are_refused() {
    let text = r#"<quiz><question type="truefalse"><name><text>T</text></name>
<questiontext format="html"><text><![CDATA[Yes? <img src="@@PLUGINFILE@@/x.png">]]></text>
<file name="page.html" encoding="base64">PGgxPmhpPC9oMT4=</file>
<file name="x.png" encoding="base64">not base64!</file></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>"#;
    let (read, found) = read_text(text);
    assert!(read.files.is_empty());
    assert_eq!(
        located(&found),
        [
            "quiz.xml:3:1 the file `page.html` is not a picture, a sound, a video or a PDF: left out",
            "quiz.xml:4:1 the file `x.png` is not valid base64",
        ]
    );
}

#[test]
fn file_names_cannot_leave_the_quiz_folder_and_clashing_names_are_numbered() {
    let png = "iVBORw0KGgo=";
    let gif = "R0lGODlh";
    let question = |name: &str, file: &str, data: &str| {
        format!(
            r#"<question type="truefalse"><name><text>{name}</text></name>
<questiontext format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/{file}">]]></text>
<file name="{file}" path="/sub/" encoding="base64">{data}</file></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>"#
        )
    };
    let text = format!(
        "<quiz>{}{}{}</quiz>",
        question("a", "../../etc/pic.png", png),
        question("b", "pic.png", gif),
        question("c", ".hidden.png", png),
    );
    let (read, found) = read_text(&text);
    assert!(found.is_empty(), "{found:#?}");
    let names: Vec<&str> = read.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["pic.png", "pic-2.png", "hidden.png"]);
    assert_eq!(read.questions[1].prompt, "![](pic-2.png)");
}
