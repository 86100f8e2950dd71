//! The organisation's look (`look:` in brand.yaml): what it puts in the
//! site and the SCORM package, and every kind of bad input, reported at its
//! line in one run with nothing written.

mod common;

use std::fs;

use brandcamp::diagnostics::Diagnostic;
use brandcamp::scorm::{PackageOptions, Version};
use brandcamp::site::{self, BuildOptions};
use common::{TestCourse, describe, error_containing, place};

const LOOK: &str = "look:
  logo:
    light: look/logo.svg
    alt: \"Acme\"
  colors:
    primary: \"#0b6e4f\"
    accent: \"#f2a900\"
  fonts:
    headings: look/headings.woff2
  radius: 4
";

/// The look fixture with `look` appended to its brand.yaml.
fn course_with(look: &str) -> TestCourse {
    let course = TestCourse::fixture("look-course");
    let brand = fs::read_to_string(course.course_dir().join("brand.yaml")).unwrap();
    course.write("brand.yaml", &format!("{brand}{look}"));
    course
}

/// brand.yaml's line of the first line of `look` appended by `course_with`.
fn look_line(course: &TestCourse, text: &str) -> usize {
    let brand = fs::read_to_string(course.course_dir().join("brand.yaml")).unwrap();
    brand
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} is not in brand.yaml"))
        + 1
}

fn errors(course: &TestCourse) -> Vec<Diagnostic> {
    let outcome = course.build();
    assert!(!outcome.succeeded(), "the build should fail");
    assert!(!course.out_dir().exists(), "a failed build writes nothing");
    outcome
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[test]
fn a_look_puts_its_files_style_sheet_and_metadata_in_the_site() {
    let course = course_with(LOOK);
    course.build_ok();
    let out = course.out_dir();
    assert_eq!(
        fs::read(out.join("assets/look/logo.svg")).unwrap(),
        fs::read(course.course_dir().join("look/logo.svg")).unwrap()
    );
    assert!(out.join("assets/look/headings.woff2").is_file());
    let css = fs::read_to_string(out.join("assets/look.css")).unwrap();
    assert!(css.contains("--primary: light-dark(#0b6e4f, "), "{css}");
    assert!(css.contains("--accent: light-dark(#f2a900, "), "{css}");
    assert!(css.contains("--radius: 4px;"), "{css}");
    assert!(
        css.contains("src: url(\"look/headings.woff2\") format(\"woff2\")"),
        "{css}"
    );

    let lesson = course.page("colours/callouts.html");
    for expected in [
        "<link rel=\"stylesheet\" href=\"../assets/look.css\">",
        "<img class=\"site-logo logo-light\" src=\"../assets/look/logo.svg\" alt=\"Acme\">",
        "<link rel=\"icon\" href=\"../assets/look/logo.svg\" type=\"image/svg+xml\">",
        "<meta name=\"theme-color\" content=\"#0b6e4f\" media=\"(prefers-color-scheme: light)\">",
        "<meta property=\"og:title\" content=\"Callouts and cards · Acme looks\">",
        "<meta property=\"og:description\" content=\"A course that wears Acme&#39;s look: every page type, callouts, post cards, quiz states.",
        "<meta name=\"twitter:card\" content=\"summary\">",
        "post-card-avatar post-card-avatar-logo",
    ] {
        assert!(
            lesson.contains(expected),
            "{expected} missing from the lesson page"
        );
    }
    // An SVG logo is no preview image: platforms do not show SVG.
    assert!(!lesson.contains("og:image"));
    let certificate = course.page("certificate.html");
    assert!(certificate.contains("src=\"assets/look/logo.svg\" alt=\"Acme\""));
}

#[test]
fn a_share_image_and_site_url_make_an_absolute_preview_image() {
    let course = course_with(&format!(
        "{LOOK}  share_image: look/share.png\n  site_url: https://learn.example.org/acme\n"
    ));
    course.write_bytes("look/share.png", &png(1200, 630));
    course.build_ok();
    let home = course.page("index.html");
    assert!(home.contains(
        "<meta property=\"og:image\" content=\"https://learn.example.org/acme/assets/look/share.png\">"
    ));
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(course.out_dir().join("assets/look/share.png").is_file());
}

/// The first bytes of a PNG of `width` × `height`: enough for brandcamp,
/// which reads the signature and the size.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0]);
    bytes
}

#[test]
fn only_a_square_enough_logo_becomes_the_favicon() {
    let course = course_with(&LOOK.replace("look/logo.svg", "look/wide.png"));
    course.write_bytes("look/wide.png", &png(600, 200));
    course.build_ok();
    assert!(!course.page("index.html").contains("rel=\"icon\""));

    let course = course_with(&LOOK.replace("look/logo.svg", "look/square.png"));
    course.write_bytes("look/square.png", &png(220, 200));
    course.build_ok();
    assert!(
        course
            .page("index.html")
            .contains("<link rel=\"icon\" href=\"assets/look/logo.png\" type=\"image/png\">")
    );

    let course = course_with(&format!("{LOOK}  favicon: none\n"));
    course.build_ok();
    assert!(!course.page("index.html").contains("rel=\"icon\""));
}

#[test]
fn every_bad_input_is_reported_at_its_line_in_one_run_and_nothing_is_written() {
    let course = course_with(
        "look:
  logo:
    light: look/missing.svg
    dark: look/not-an-image.png
  favicon: look/logo.svg
  share_image: look/logo.svg
  colors:
    primary: \"#0b6e4f\"
    accent: \"tomato\"
  fonts:
    body: look/logo.svg
    headings: ../outside.woff2
  radius: 100
",
    );
    course.write("look/not-an-image.png", "just text");
    let errors = errors(&course);
    let expected = [
        (
            "there is no file `look/missing.svg` in the course",
            "light:",
        ),
        ("`look/not-an-image.png` is not an SVG or PNG", "dark:"),
        (
            "`look/logo.svg` is an SVG, where a PNG or JPEG is needed",
            "share_image:",
        ),
        ("`tomato` is not a colour brandcamp can read", "accent:"),
        (
            "`look/logo.svg` is an SVG, where a WOFF2 font is needed",
            "body:",
        ),
        (
            "`../outside.woff2` is not a file of the course",
            "headings:",
        ),
        (
            "value out of range: expected a whole number from 0 to 32, found `100`",
            "radius:",
        ),
    ];
    for (message, key) in expected {
        let found = errors
            .iter()
            .find(|d| d.message.contains(message))
            .unwrap_or_else(|| panic!("{message:?} not in:\n{}", describe(&errors)));
        assert_eq!(
            place(&course, found),
            ("brand.yaml".to_string(), Some(look_line(&course, key))),
            "{message}"
        );
        assert!(found.hint.is_some(), "{message} has a hint");
    }
    assert_eq!(errors.len(), expected.len(), "{}", describe(&errors));
}

#[test]
fn an_unquoted_colour_is_a_yaml_comment_and_the_hint_says_so() {
    let course = course_with("look:\n  colors:\n    primary: #0b6e4f\n");
    let errors = errors(&course);
    let d = &errors[0];
    assert_eq!(d.message, "`primary` has no colour");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("`primary: \"#0b6e4f\"`")
    );
    assert_eq!(place(&course, d).1, Some(look_line(&course, "primary:")));
    assert_eq!(errors.len(), 1, "{}", describe(&errors));
}

#[test]
fn a_given_colour_that_fails_contrast_names_the_pair_its_ratio_and_a_passing_shade() {
    let course = course_with(
        "look:\n  colors:\n    primary: \"#0b6e4f\"\n    surface: \"#ffffff\"\n    text: \"#888888\"\n",
    );
    let outcome = course.build();
    let d = error_containing(
        &outcome,
        "text `#888888` on surface (cards, header) `#ffffff`",
    );
    assert!(
        d.message
            .contains("has a contrast of 3.54:1 in the light scheme"),
        "{}",
        d.message
    );
    assert!(d.message.contains("WCAG 2.1 AA needs 4.5:1 for text"));
    let hint = d.hint.as_deref().unwrap();
    assert!(
        hint.starts_with("the nearest shade of the same hue that passes is `#"),
        "{hint}"
    );
    assert_eq!(
        place(&course, d).1,
        Some(look_line(&course, "text: \"#888888\""))
    );
    // The shade suggested does pass: given, the build succeeds.
    let shade = &hint["the nearest shade of the same hue that passes is `".len()..][..7];
    let fixed = course_with(&format!(
        "look:\n  colors:\n    primary: \"#0b6e4f\"\n    surface: \"#ffffff\"\n    text: \"{shade}\"\n"
    ));
    fixed.build_ok();
}

#[test]
fn a_dark_colour_is_reported_under_its_dark_key() {
    let course = course_with(
        "look:\n  colors:\n    primary: \"#0b6e4f\"\n    link:\n      light: \"#0b6e4f\"\n      dark: \"#0b6e4f\"\n",
    );
    let outcome = course.build();
    let d = error_containing(&outcome, "in the dark scheme");
    assert!(d.message.starts_with("link `#0b6e4f` on "), "{}", d.message);
    assert_eq!(
        place(&course, d).1,
        Some(look_line(&course, "dark: \"#0b6e4f\""))
    );
    assert!(d.hint.as_deref().unwrap().contains("under `dark`"));
}

#[test]
fn an_svg_logo_with_a_script_or_outside_references_is_refused_at_its_line() {
    let course = course_with(LOOK);
    course.write(
        "look/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">
  <script>alert(1)</script>
  <image xlink:href=\"https://tracker.example/p.png\" width=\"10\" height=\"10\"/>
  <rect width=\"10\" height=\"10\" onclick=\"steal()\" style=\"fill: url(https://x.example/f.svg)\"/>
  <foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">hi</p></foreignObject>
</svg>
",
    );
    let errors = errors(&course);
    let mut found: Vec<(usize, &str)> = errors
        .iter()
        .filter(|d| d.file.ends_with("look/logo.svg"))
        .map(|d| (d.position.unwrap().line, d.message.as_str()))
        .collect();
    found.sort();
    let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 4, 4, 5], "{}", describe(&errors));
    assert!(found[0].1.contains("has a <script> element"));
    assert!(
        found[1]
            .1
            .contains("refers to `https://tracker.example/p.png`")
    );
    assert!(
        found
            .iter()
            .all(|(_, m)| m.contains("brandcamp refuses such SVG files"))
    );
}

#[test]
fn an_svg_with_an_entity_or_broken_xml_is_refused() {
    let course = course_with(LOOK);
    course.write(
        "look/logo.svg",
        "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>\n",
    );
    error_containing(&course.build(), "declares an XML entity");
    course.write(
        "look/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>\n",
    );
    error_containing(&course.build(), "is not well-formed XML");
}

#[test]
fn a_font_that_is_not_woff2_is_refused_with_how_to_convert_it() {
    let course = course_with(LOOK);
    course.write_bytes("look/headings.woff2", b"\0\x01\0\0 a TrueType font");
    let outcome = course.build();
    let d = error_containing(&outcome, "`look/headings.woff2` is not a WOFF2 font");
    assert!(d.hint.as_deref().unwrap().contains("woff2_compress"));
}

#[test]
fn unknown_look_keys_are_reported_with_a_suggestion() {
    let course = course_with(
        "look:\n  colours:\n    primary: \"#0b6e4f\"\n  logo:\n    light: look/logo.svg\n    alt_text: Acme\n",
    );
    let errors = errors(&course);
    assert_eq!(errors.len(), 2, "{}", describe(&errors));
    assert!(
        errors[0].message.contains("colours"),
        "{}",
        describe(&errors)
    );
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean `colors`?")
    );
    assert!(
        errors[1].message.contains("alt_text"),
        "{}",
        describe(&errors)
    );
}

#[test]
fn the_look_files_are_inside_the_scorm_package() {
    let course = course_with(LOOK);
    let outcome = site::build_with_scorm(
        &BuildOptions {
            course_dir: course.course_dir(),
            output: Some(course.out_dir()),
            drafts: false,
        },
        &PackageOptions {
            version: Version::Scorm12,
            path: None,
        },
    );
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    let zip = outcome.summary.unwrap().package.unwrap();
    let archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    for file in [
        "assets/look.css",
        "assets/look/logo.svg",
        "assets/look/headings.woff2",
    ] {
        assert!(
            names.iter().any(|n| n == file),
            "{file} is not in the package: {names:?}"
        );
    }
    let manifest = {
        let mut archive = archive;
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("imsmanifest.xml").unwrap(), &mut text)
            .unwrap();
        text
    };
    assert!(
        manifest.contains("href=\"assets/look/logo.svg\""),
        "the manifest lists the logo"
    );
}

#[test]
fn a_course_without_a_look_keeps_the_theme_and_gets_no_look_files() {
    let course = TestCourse::fixture("look-course");
    course.build_ok();
    assert!(!course.out_dir().join("assets/look.css").exists());
    assert!(!course.out_dir().join("assets/look").exists());
    let home = course.page("index.html");
    assert!(!home.contains("site-logo"));
    assert!(home.contains("<meta name=\"theme-color\" content=\"#1a5fb4\""));
    assert!(home.contains("<span class=\"site-org\">Acme</span>"));
}

#[test]
fn the_new_course_has_a_commented_look_with_neutral_colours_that_builds() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("my-course");
    brandcamp::scaffold::create(&course).unwrap();
    let brand = fs::read_to_string(course.join("brand.yaml")).unwrap();
    for key in [
        "look:",
        "# logo:",
        "primary: \"#1a5fb4\"",
        "# fonts:",
        "# radius:",
        "# share_image:",
    ] {
        assert!(brand.contains(key), "{key} is not in the new brand.yaml");
    }
    let out = temp.path().join("site");
    let outcome = site::build(&BuildOptions {
        course_dir: course,
        output: Some(out.clone()),
        drafts: false,
    });
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        describe(&outcome.diagnostics)
    );
    let css = fs::read_to_string(out.join("assets/look.css")).unwrap();
    assert!(css.contains("--primary: light-dark(#1a5fb4, "), "{css}");
}
