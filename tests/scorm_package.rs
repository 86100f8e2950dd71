//! SCORM packages (`build --scorm`): the manifest of each version, the files
//! of the zip, its bytes, where it goes, and the limit on saved progress.
//! The runtime is tested against a real LMS runtime in
//! tests/browser/scorm.test.mjs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use brandcamp::scorm::{PackageOptions, Version, suspend_data};
use brandcamp::site::{self, BuildOptions, Outcome};

const FIXTURE: &str = "tests/fixtures/quiz-course";

const IMSCP_12: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const ADLCP_12: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const IMSCP_2004: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const ADLCP_2004: &str = "http://www.adlnet.org/xsd/adlcp_v1p3";
const IMSSS: &str = "http://www.imsglobal.org/xsd/imsss";

fn build_scorm(course: &Path, out: &Path, version: Version, zip: Option<PathBuf>) -> Outcome {
    site::build_with_scorm(
        &BuildOptions {
            course_dir: course.to_path_buf(),
            output: Some(out.to_path_buf()),
            drafts: false,
        },
        &PackageOptions { version, path: zip },
    )
}

/// Builds `course` with `--scorm version` into `dir/site`; returns the zip.
fn package(course: &Path, dir: &Path, version: Version) -> PathBuf {
    let out = dir.join("site");
    let outcome = build_scorm(course, &out, version, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    let zip = outcome.summary.unwrap().package.unwrap();
    assert!(zip.is_file(), "{} is missing", zip.display());
    zip
}

/// Every entry of a zip: name → bytes, in the zip's order.
fn unzip(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
            (file.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn manifest_of(entries: &[(String, Vec<u8>)]) -> String {
    let (_, bytes) = entries
        .iter()
        .find(|(name, _)| name == "imsmanifest.xml")
        .expect("the zip has no imsmanifest.xml at its root");
    String::from_utf8(bytes.clone()).unwrap()
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, ns: &str, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|n| n.has_tag_name((ns, name)))
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

/// Copies the fixture course so that a test can change it.
fn fixture_copy(temp: &Path) -> PathBuf {
    let target = temp.join("course");
    common::copy_tree(Path::new(FIXTURE), &target);
    target
}

#[test]
fn a_scorm_12_manifest_declares_one_sco_with_the_mastery_score() {
    let temp = tempfile::tempdir().unwrap();
    let entries = unzip(&package(Path::new(FIXTURE), temp.path(), Version::Scorm12));
    let text = manifest_of(&entries);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let manifest = doc.root_element();
    assert!(manifest.has_tag_name((IMSCP_12, "manifest")));
    assert_eq!(
        manifest.attribute("identifier"),
        Some("brandcamp-quiz-course")
    );

    let metadata = child(manifest, IMSCP_12, "metadata");
    assert_eq!(
        child(metadata, IMSCP_12, "schema").text(),
        Some("ADL SCORM")
    );
    assert_eq!(
        child(metadata, IMSCP_12, "schemaversion").text(),
        Some("1.2")
    );

    let organizations = child(manifest, IMSCP_12, "organizations");
    let organization = child(organizations, IMSCP_12, "organization");
    assert_eq!(
        organizations.attribute("default"),
        organization.attribute("identifier")
    );
    assert_eq!(
        child(organization, IMSCP_12, "title").text(),
        Some("Quiz Course")
    );
    let items: Vec<_> = organization
        .children()
        .filter(|n| n.has_tag_name((IMSCP_12, "item")))
        .collect();
    assert_eq!(items.len(), 1, "one item, one SCO");
    let item = items[0];
    assert_eq!(child(item, IMSCP_12, "title").text(), Some("Quiz Course"));
    assert_eq!(child(item, ADLCP_12, "masteryscore").text(), Some("80"));

    let resources = child(manifest, IMSCP_12, "resources");
    let resource = child(resources, IMSCP_12, "resource");
    assert_eq!(resources.children().filter(|n| n.is_element()).count(), 1);
    assert_eq!(
        item.attribute("identifierref"),
        resource.attribute("identifier")
    );
    assert_eq!(resource.attribute((ADLCP_12, "scormtype")), Some("sco"));
    assert_eq!(resource.attribute((ADLCP_12, "scormType")), None);
    assert_eq!(resource.attribute("type"), Some("webcontent"));
    assert_eq!(resource.attribute("href"), Some("scorm.html"));
}

#[test]
fn a_scorm_2004_manifest_carries_the_pass_mark_as_a_normalized_measure() {
    let temp = tempfile::tempdir().unwrap();
    let entries = unzip(&package(
        Path::new(FIXTURE),
        temp.path(),
        Version::Scorm2004,
    ));
    let text = manifest_of(&entries);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let manifest = doc.root_element();
    assert!(manifest.has_tag_name((IMSCP_2004, "manifest")));
    assert_eq!(
        manifest.attribute("identifier"),
        Some("brandcamp-quiz-course")
    );
    let metadata = child(manifest, IMSCP_2004, "metadata");
    assert_eq!(
        child(metadata, IMSCP_2004, "schemaversion").text(),
        Some("2004 4th Edition")
    );

    let organization = child(
        child(manifest, IMSCP_2004, "organizations"),
        IMSCP_2004,
        "organization",
    );
    let item = child(organization, IMSCP_2004, "item");
    let sequencing = child(item, IMSSS, "sequencing");
    let objective = child(
        child(sequencing, IMSSS, "objectives"),
        IMSSS,
        "primaryObjective",
    );
    assert_eq!(objective.attribute("satisfiedByMeasure"), Some("true"));
    assert_eq!(
        child(objective, IMSSS, "minNormalizedMeasure").text(),
        Some("0.8")
    );
    let delivery = child(sequencing, IMSSS, "deliveryControls");
    assert_eq!(delivery.attribute("completionSetByContent"), Some("true"));
    assert_eq!(delivery.attribute("objectiveSetByContent"), Some("true"));

    let resource = child(
        child(manifest, IMSCP_2004, "resources"),
        IMSCP_2004,
        "resource",
    );
    assert_eq!(resource.attribute((ADLCP_2004, "scormType")), Some("sco"));
    assert_eq!(resource.attribute((ADLCP_2004, "scormtype")), None);
    assert_eq!(resource.attribute("href"), Some("scorm.html"));
    assert!(!text.contains("masteryscore"));
}

#[test]
fn a_course_without_quizzes_carries_no_pass_mark() {
    let temp = tempfile::tempdir().unwrap();
    let course = temp.path().join("course");
    fs::create_dir_all(course.join("01-only")).unwrap();
    fs::write(course.join("course.yaml"), "title: No quizzes\n").unwrap();
    fs::write(course.join("01-only/module.yaml"), "title: Only\n").unwrap();
    fs::write(course.join("01-only/01-read.md"), "# Read\n\nText.\n").unwrap();
    for version in [Version::Scorm12, Version::Scorm2004] {
        let dir = temp.path().join(version.label());
        let text = manifest_of(&unzip(&package(&course, &dir, version)));
        assert!(!text.contains("masteryscore"), "{text}");
        assert!(!text.contains("minNormalizedMeasure"), "{text}");
    }
}

#[test]
fn every_file_of_the_package_is_listed_in_the_manifest() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    fs::create_dir_all(course.join("static")).unwrap();
    fs::write(course.join("static/brand guide & more.txt"), "Guide\n").unwrap();
    fs::write(course.join("static/équipe.txt"), "Team\n").unwrap();
    for version in [Version::Scorm12, Version::Scorm2004] {
        let dir = temp.path().join(version.label());
        let entries = unzip(&package(&course, &dir, version));
        let text = manifest_of(&entries);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let listed: Vec<String> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "file")
            .map(|n| {
                let href = n.attribute("href").unwrap();
                percent_encoding::percent_decode_str(href)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            })
            .collect();
        let mut names: Vec<String> = entries
            .iter()
            .map(|(name, _)| name.clone())
            .filter(|name| name != "imsmanifest.xml")
            .collect();
        names.sort();
        assert_eq!(listed, names);
        assert!(names.contains(&"scorm.html".to_string()));
        assert!(names.contains(&"brand guide & more.txt".to_string()));
        assert!(text.contains("href=\"brand%20guide%20&amp;%20more.txt\""));
        // Names beyond ASCII: UTF-8 in the zip, percent-encoded in the manifest.
        assert!(names.contains(&"équipe.txt".to_string()));
        assert!(text.contains("href=\"%C3%A9quipe.txt\""));
        assert!(!names.iter().any(|n| n.contains("brandcamp-output")));
    }
}

#[test]
fn the_package_holds_the_site_as_built_plus_the_launch_page_and_manifest() {
    let temp = tempfile::tempdir().unwrap();
    let zip = package(Path::new(FIXTURE), temp.path(), Version::Scorm12);
    let site = temp.path().join("site");
    let mut from_zip: BTreeMap<String, Vec<u8>> = unzip(&zip).into_iter().collect();
    let launch = String::from_utf8(from_zip.remove("scorm.html").unwrap()).unwrap();
    assert!(from_zip.remove("imsmanifest.xml").is_some());
    let mut from_site = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let name = entry
            .path()
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_file() && name != ".brandcamp-output" {
            from_site.insert(name, fs::read(entry.path()).unwrap());
        }
    }
    assert_eq!(
        from_zip, from_site,
        "the zip's site differs from the built site"
    );
    assert!(
        !site.join("scorm.html").exists(),
        "the plain site has no launch page"
    );

    assert!(launch.contains("data-scorm=\"1.2\""));
    assert!(launch.contains("data-suspend-limit=\"4096\""));
    assert!(launch.contains("data-course=\"brandcamp:quiz-course\""));
    assert!(launch.contains("src=\"assets/scorm.js\""));
    assert!(launch.contains("<iframe"));
}

#[test]
fn the_same_course_gives_the_same_zip_bytes() {
    let temp = tempfile::tempdir().unwrap();
    let first = fs::read(package(
        Path::new(FIXTURE),
        &temp.path().join("a"),
        Version::Scorm2004,
    ))
    .unwrap();
    let second = fs::read(package(
        Path::new(FIXTURE),
        &temp.path().join("b"),
        Version::Scorm2004,
    ))
    .unwrap();
    assert!(
        first == second,
        "two builds of one course gave different zips"
    );

    let path = temp.path().join("a/site.scorm2004.zip");
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (1980, 1, 1),
            "{}",
            file.name().unwrap()
        );
        assert_eq!((time.hour(), time.minute(), time.second()), (0, 0, 0));
        assert_eq!(file.unix_mode().map(|m| m & 0o777), Some(0o644));
        if file.name().unwrap().ends_with(".html") {
            assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        }
        names.push(file.name().unwrap().to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted by name");
}

#[test]
fn the_zip_goes_beside_the_output_folder_or_where_asked() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    let outcome = build_scorm(Path::new(FIXTURE), &out, Version::Scorm12, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    assert_eq!(
        outcome.summary.unwrap().package,
        Some(temp.path().join("public.scorm12.zip"))
    );
    assert!(temp.path().join("public.scorm12.zip").is_file());

    let asked = temp.path().join("lms/course.zip");
    let outcome = build_scorm(
        Path::new(FIXTURE),
        &out,
        Version::Scorm2004,
        Some(asked.clone()),
    );
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    assert!(asked.is_file());
    assert_eq!(
        fs::read_dir(temp.path().join("lms")).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn a_zip_inside_the_output_folder_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    let outcome = build_scorm(
        Path::new(FIXTURE),
        &out,
        Version::Scorm12,
        Some(out.join("course.zip")),
    );
    assert!(!outcome.succeeded());
    assert!(
        outcome.diagnostics[0]
            .message
            .contains("inside the site's output folder"),
        "{:#?}",
        outcome.diagnostics
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_failed_build_leaves_the_previous_zip_as_it_was_and_no_partial_file() {
    let temp = tempfile::tempdir().unwrap();
    let course = fixture_copy(temp.path());
    let out = temp.path().join("public");
    let zip = temp.path().join("public.scorm12.zip");
    assert!(build_scorm(&course, &out, Version::Scorm12, None).succeeded());
    let before = fs::read(&zip).unwrap();

    fs::write(
        course.join("01-basics/02-more.md"),
        "# More\n\n[broken](missing.md)\n",
    )
    .unwrap();
    let outcome = build_scorm(&course, &out, Version::Scorm12, None);
    assert!(!outcome.succeeded());
    assert_eq!(fs::read(&zip).unwrap(), before);
    let mut left: Vec<String> = fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The lock that keeps builds into one output one at a time stays.
        .filter(|name| name != ".public.brandcamp-lock")
        .collect();
    left.sort();
    assert_eq!(left, ["course", "public", "public.scorm12.zip"]);
}

#[test]
fn saved_progress_of_the_bundled_course_fits_scorm_12() {
    let temp = tempfile::tempdir().unwrap();
    let zip = package(Path::new("content"), temp.path(), Version::Scorm12);
    let launch = unzip(&zip)
        .into_iter()
        .find(|(name, _)| name == "scorm.html")
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .unwrap();
    let worst = suspend_data_max(&launch);
    assert!(worst <= 4096, "{worst} characters");
}

/// The worst case the build computed, as the launch page carries it.
fn suspend_data_max(launch: &str) -> usize {
    let start = launch.find("data-suspend-max=\"").unwrap() + "data-suspend-max=\"".len();
    let end = start + launch[start..].find('"').unwrap();
    launch[start..end].parse().unwrap()
}

/// `python3 shared/bench/gen_course.py` (the shared folder sits beside the
/// repository), or `None` when it is not there.
fn generated_course(dir: &Path, modules: usize, lessons: usize) -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_course.py");
    if !script.is_file() {
        eprintln!("skipped: {} is not there", script.display());
        return None;
    }
    let out = dir.join("generated");
    let status = Command::new("python3")
        .arg(&script)
        .args([
            "--modules",
            &modules.to_string(),
            "--lessons",
            &lessons.to_string(),
        ])
        .args(["--words", "100", "--format", "course", "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    Some(out)
}

#[test]
fn saved_progress_of_a_500_lesson_course_fits_scorm_12() {
    let temp = tempfile::tempdir().unwrap();
    let Some(course) = generated_course(temp.path(), 50, 10) else {
        return;
    };
    let zip = package(&course, temp.path(), Version::Scorm12);
    let launch = unzip(&zip)
        .into_iter()
        .find(|(name, _)| name == "scorm.html")
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .unwrap();
    // 12 of header, 500 lessons in 84 characters, 50 quizzes of 11, a name of 800.
    assert_eq!(suspend_data_max(&launch), 12 + 84 + 550 + 800);
    assert!(suspend_data_max(&launch) <= 4096);
}

/// A course of `modules` modules, each with one lesson and a one-question quiz.
fn many_quizzes(dir: &Path, modules: usize) -> PathBuf {
    let course = dir.join("big");
    fs::create_dir_all(&course).unwrap();
    fs::write(course.join("course.yaml"), "title: Big\n").unwrap();
    for i in 1..=modules {
        let module = course.join(format!("{i:03}-m{i}"));
        fs::create_dir_all(&module).unwrap();
        fs::write(module.join("module.yaml"), format!("title: Module {i}\n")).unwrap();
        fs::write(module.join("01-read.md"), "# Read\n\nText.\n").unwrap();
        fs::write(
            module.join("quiz.yaml"),
            "questions:\n  - type: true_false\n    prompt: \"True?\"\n    answer: true\n",
        )
        .unwrap();
    }
    course
}

#[test]
fn a_course_too_big_for_scorm_12_fails_with_a_diagnostic_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let course = many_quizzes(temp.path(), 370);
    let out = temp.path().join("public");
    let outcome = build_scorm(&course, &out, Version::Scorm12, None);
    assert!(!outcome.succeeded());
    let errors = common::errors(&outcome);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = errors[0];
    assert_eq!(error.file, course.join("course.yaml"));
    assert!(
        error.message.contains("too big for a SCORM 1.2 package"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("4,944 characters"),
        "{}",
        error.message
    );
    assert!(error.message.contains("4,096"), "{}", error.message);
    assert!(error.hint.as_deref().unwrap().contains("--scorm 2004"));
    assert!(!out.exists() && !temp.path().join("public.scorm12.zip").exists());
    assert!(
        !course.join("progress.lock").exists(),
        "a failed build writes no lock"
    );

    // SCORM 2004 keeps far more.
    let outcome = build_scorm(&course, &out, Version::Scorm2004, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
}

#[test]
fn the_worst_case_counts_every_lesson_quiz_and_the_longest_name() {
    let temp = tempfile::tempdir().unwrap();
    let course = many_quizzes(temp.path(), 7);
    let out = temp.path().join("public");
    let outcome = build_scorm(&course, &out, Version::Scorm12, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    let zip = outcome.summary.unwrap().package.unwrap();
    let launch = unzip(&zip)
        .into_iter()
        .find(|(name, _)| name == "scorm.html")
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .unwrap();
    // 7 lessons take 2 characters.
    assert_eq!(
        suspend_data_max(&launch),
        suspend_data::HEADER_CHARS
            + 2
            + 7 * suspend_data::QUIZ_CHARS
            + suspend_data::NAME_MAX_CHARS
    );
}

/// A course of `modules` modules, each with a quiz of `questions` questions
/// (`draw:` of them per attempt when given).
fn long_quizzes(dir: &Path, modules: usize, questions: usize, draw: Option<usize>) -> PathBuf {
    let course = dir.join("long");
    fs::create_dir_all(&course).unwrap();
    fs::write(course.join("course.yaml"), "title: Long\n").unwrap();
    for i in 1..=modules {
        let module = course.join(format!("{i:02}-m{i}"));
        fs::create_dir_all(&module).unwrap();
        fs::write(module.join("module.yaml"), format!("title: Module {i}\n")).unwrap();
        fs::write(module.join("01-read.md"), "# Read\n\nText.\n").unwrap();
        let mut quiz = draw.map_or(String::new(), |n| format!("draw: {n}\n"));
        quiz.push_str("questions:\n");
        for q in 1..=questions {
            quiz.push_str(&format!(
                "  - {{ type: true_false, prompt: \"Statement {q}?\", answer: true }}\n"
            ));
        }
        fs::write(module.join("quiz.yaml"), quiz).unwrap();
    }
    course
}

fn warnings(outcome: &Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn more_answers_per_pass_than_scorm_2004_lms_must_keep_is_a_warning() {
    let temp = tempfile::tempdir().unwrap();
    let course = long_quizzes(temp.path(), 3, 100, None);
    let outcome = build_scorm(&course, &temp.path().join("a"), Version::Scorm2004, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    let warned = warnings(&outcome);
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert!(
        warned[0].contains("gives 300 answers") && warned[0].contains("only 250"),
        "{}",
        warned[0]
    );

    // 1.2 promises no number of interactions: nothing to warn about.
    let outcome = build_scorm(&course, &temp.path().join("b"), Version::Scorm12, None);
    assert!(outcome.succeeded() && warnings(&outcome).is_empty());
}

#[test]
fn drawing_fewer_questions_keeps_a_pass_within_what_the_lms_keeps() {
    let temp = tempfile::tempdir().unwrap();
    let course = long_quizzes(temp.path(), 3, 100, Some(80));
    let outcome = build_scorm(&course, &temp.path().join("a"), Version::Scorm2004, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    assert!(warnings(&outcome).is_empty(), "{:#?}", warnings(&outcome));
}

#[test]
fn more_modules_than_scorm_2004_objectives_is_a_warning() {
    let temp = tempfile::tempdir().unwrap();
    let course = many_quizzes(temp.path(), 101);
    let outcome = build_scorm(&course, &temp.path().join("a"), Version::Scorm2004, None);
    assert!(outcome.succeeded(), "{:#?}", outcome.diagnostics);
    let warned = warnings(&outcome);
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert!(warned[0].contains("101 modules"), "{}", warned[0]);
}
