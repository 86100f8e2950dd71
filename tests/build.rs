//! The builder end to end: fixture courses in, pages out.

mod common;

use common::{TestCourse, describe, snapshot_tree};

/// The `<main>` part of a page, where the content under test is.
fn main_of(page: &str) -> &str {
    let start = page.find("<main").expect("main start");
    let end = page.find("</main>").expect("main end");
    &page[start..end]
}

#[test]
fn basic_course_builds_every_page_and_copies_files() {
    let course = TestCourse::fixture("basic");
    let outcome = course.build_ok();
    let summary = outcome.summary.expect("summary");
    assert_eq!((summary.modules, summary.lessons), (2, 3));
    for path in [
        "index.html",
        "premiers-pas/index.html",
        "premiers-pas/bienvenue.html",
        "premiers-pas/comptes.html",
        "crise/index.html",
        "crise/premiere-heure.html",
        "premiers-pas/img/equipe.png",
        "docs/guide.txt",
        "robots.txt",
        "assets/style.css",
        "assets/site.js",
        "assets/toc/0.js",
        "assets/toc-loader.js",
        ".brandcamp-output",
    ] {
        assert!(course.out_dir().join(path).is_file(), "{path} is missing");
    }
}

#[test]
fn the_search_index_is_a_json_object_with_one_posting_list_per_term() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let script = course.page("assets/search-index.js");
    let json = script
        .strip_prefix("window.BRANDCAMP_SEARCH = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("the index script's frame");
    let index: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    let text = |key: &str| index[key].as_str().expect(key).to_string();
    let terms: Vec<String> = text("terms").split(' ').map(String::from).collect();
    assert!(terms.contains(&"crise".to_string()), "{terms:?}");
    assert!(terms.windows(2).all(|w| w[0] < w[1]), "terms sorted");
    assert_eq!(text("postings").split(' ').count(), terms.len());
    assert_eq!(index["v"], 2);
}

#[test]
fn draft_lessons_are_left_out_unless_asked_for() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    assert!(
        !course
            .out_dir()
            .join("premiers-pas/brouillon.html")
            .exists()
    );
    let outcome = course.build_with_drafts();
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    assert!(
        course
            .out_dir()
            .join("premiers-pas/brouillon.html")
            .exists()
    );
}

#[test]
fn links_to_lessons_are_rewritten_to_their_pages() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let page = course.page("premiers-pas/bienvenue.html");
    assert!(
        page.contains(r#"href="../premiers-pas/comptes.html#comptes-personnels""#),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(r#"href="../crise/premiere-heure.html""#));
    assert!(page.contains(r#"src="../premiers-pas/img/equipe.png""#));
    assert!(page.contains(r#"href="../docs/guide.txt""#));
    assert!(page.contains(r#"href="https://example.org""#));
    let crisis = course.page("crise/premiere-heure.html");
    assert!(
        crisis.contains(r#"href="../premiers-pas/index.html""#),
        "a link to a module folder goes to its page"
    );
}

#[test]
fn heading_ids_are_accent_free_and_unique() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let page = course.page("premiers-pas/bienvenue.html");
    assert!(page.contains(r#"<h2 id="strategie-de-marque">Stratégie de marque</h2>"#));
    assert!(page.contains(r#"<h2 id="strategie-de-marque-1">Stratégie de marque</h2>"#));
}

#[test]
fn callouts_become_labelled_notes_in_the_course_language() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let page = course.page("premiers-pas/bienvenue.html");
    let main = main_of(&page);
    assert!(
        main.contains(r#"<div class="callout callout-note" role="note" aria-label="Remarque">"#),
        "{main}"
    );
    assert!(main.contains(r#"<p class="callout-title">À faire</p>"#));
    assert!(main.contains(r#"<p class="callout-title">À éviter</p>"#));
    assert!(
        main.contains("<p>Astuce sur la même ligne.</p>"),
        "text after the marker is kept: {main}"
    );
    assert!(
        main.contains("<blockquote>\n<p>Une simple citation.</p>"),
        "plain quotes stay quotes"
    );
    assert!(!main.contains("[!"), "no marker is left in the page");
}

#[test]
fn gfm_extensions_render() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let page = course.page("premiers-pas/bienvenue.html");
    assert!(page.contains("<table>"));
    assert!(page.contains("<del>mot barré</del>"));
    assert!(page.contains(r#"class="footnote-definition""#));
    assert!(
        page.contains(
            r#"<span class="task done" role="img" aria-label="fait"></span>Lire la charte"#
        )
    );
}

#[test]
fn lesson_title_defaults_to_its_first_heading() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let page = course.page("premiers-pas/comptes.html");
    assert!(page.contains("<title>Comptes personnels et officiels · Bootcamp de test</title>"));
    assert_eq!(
        page.matches("Comptes personnels et officiels</h1>").count(),
        1,
        "the opening heading is not shown a second time"
    );
}

#[test]
fn pages_use_only_relative_links() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    for (path, bytes) in snapshot_tree(&course.out_dir()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("utf-8");
        for attribute in ["href=\"/", "src=\"/"] {
            assert!(
                !html.contains(attribute),
                "{path} has an absolute link ({attribute})"
            );
        }
        assert!(
            html.contains("<html lang=\"fr\">"),
            "{path} has the course language"
        );
    }
}

#[test]
fn interface_strings_follow_the_course_language_and_ui_overrides() {
    let course = TestCourse::new(&[
        (
            "course.yaml",
            "title: T\nlanguage: fr\nui:\n  next: \"Continuer\"\n",
        ),
        ("01-m/module.yaml", "title: M\n"),
        ("01-m/01-a.md", "A"),
        ("01-m/02-b.md", "B"),
    ]);
    course.build_ok();
    let page = course.page("m/a.html");
    assert!(page.contains("Aller au contenu"), "French strings");
    assert!(
        page.contains("<span class=\"pager-label\">Continuer</span>"),
        "ui: override"
    );
}

#[test]
fn page_size_does_not_grow_with_other_modules() {
    let module = |n: usize| {
        (0..n)
            .flat_map(|m| {
                [
                    (
                        format!("{m:02}-module-{m}/module.yaml"),
                        format!("title: Module {m}\n"),
                    ),
                    (format!("{m:02}-module-{m}/01-a.md"), "Texte.\n".to_string()),
                    (format!("{m:02}-module-{m}/02-b.md"), "Texte.\n".to_string()),
                ]
            })
            .collect::<Vec<_>>()
    };
    let build = |modules: usize| {
        let files = module(modules);
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let course = TestCourse::new(&refs);
        course.build_ok();
        course.page("module-0/a.html").len()
    };
    let small = build(2);
    let large = build(60);
    assert_eq!(
        small, large,
        "a lesson page must not list the lessons of other modules"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let first = snapshot_tree(&course.out_dir());
    course.build_ok();
    assert_eq!(first, snapshot_tree(&course.out_dir()));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let before = snapshot_tree(&course.out_dir());
    course.write(
        "01-premiers-pas/02-comptes.md",
        "Un [lien cassé](nulle-part.md).\n",
    );
    let outcome = course.build();
    assert!(!outcome.succeeded());
    assert_eq!(
        before,
        snapshot_tree(&course.out_dir()),
        "the old site must be intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(course.dir.path())
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_build() {
    let course = TestCourse::fixture("basic");
    std::fs::create_dir_all(course.out_dir()).expect("mkdir");
    std::fs::write(course.out_dir().join("thesis.docx"), b"precious").expect("write");
    let outcome = course.build();
    assert!(!outcome.succeeded());
    assert!(describe(&outcome.diagnostics).contains("was not built by brandcamp"));
    assert_eq!(
        std::fs::read(course.out_dir().join("thesis.docx")).expect("still there"),
        b"precious"
    );
}

#[test]
fn refuses_to_write_over_the_course_itself() {
    let course = TestCourse::fixture("basic");
    let link = course.dir.path().join("link-to-course");
    std::os::unix::fs::symlink(course.course_dir(), &link).expect("symlink");
    for output in [
        course.course_dir(),
        course.dir.path().to_path_buf(),
        // The same folders, named another way.
        course.course_dir().join("01-premiers-pas/.."),
        course.course_dir().join(".."),
        course.course_dir().join("../.."),
        link,
    ] {
        let outcome = brandcamp::site::build(&brandcamp::site::BuildOptions {
            course_dir: course.course_dir(),
            output: Some(output),
            drafts: false,
        });
        assert!(!outcome.succeeded());
        let all = describe(&outcome.diagnostics);
        assert!(
            all.contains("over the course folder") || all.contains("a folder of its own"),
            "{all}"
        );
    }
    assert!(course.course_dir().join("course.yaml").exists());
}

#[test]
fn an_output_inside_the_course_is_not_read_as_a_module() {
    let course = TestCourse::fixture("basic");
    let out = course.course_dir().join("public");
    for _ in 0..2 {
        let outcome = brandcamp::site::build(&brandcamp::site::BuildOptions {
            course_dir: course.course_dir(),
            output: Some(out.clone()),
            drafts: false,
        });
        assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    }
}

#[test]
fn course_templates_override_single_theme_templates() {
    let course = TestCourse::fixture("basic");
    course.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ title }}</p>{% endblock content %}",
    );
    course.build_ok();
    assert!(
        course
            .page("premiers-pas/bienvenue.html")
            .contains("<p class=\"custom\">Bienvenue</p>")
    );
    assert!(
        course.page("index.html").contains("module-cards"),
        "other templates stay the default ones"
    );
}

#[test]
fn a_theme_folder_replaces_theme_files() {
    let course = TestCourse::fixture("basic");
    course.write("course.yaml", "title: T\ntheme: my-theme\n");
    course.write(
        "my-theme/assets/style.css",
        "/* mine */ body { color: red }",
    );
    course.build_ok();
    // The folder's stylesheet replaces the default one (minified like it).
    assert_eq!(course.page("assets/style.css").trim(), "body{color:red}");
}

#[test]
fn unusual_but_valid_input_builds() {
    let course = TestCourse::new(&[
        (
            "course.yaml",
            "\u{feff}title: \"Cours\"\r\nlanguage: fr\r\n",
        ),
        ("01-été 2020/module.yaml", "title: Été\r\n"),
        (
            "01-été 2020/01-leçon n°1.md",
            "\u{feff}---\r\ntitle: Leçon\r\n---\r\n# Titre\r\n\r\nTexte\tavec tabulation.\r\n",
        ),
        ("01-été 2020/photo de groupe.png", "png"),
        (
            "01-été 2020/02-deux.md",
            "![Photo](photo%20de%20groupe.png) [un](01-le%C3%A7on%20n%C2%B01.md)\n",
        ),
    ]);
    course.build_ok();
    assert!(course.out_dir().join("ete-2020/lecon-n-1.html").exists());
    let page = course.page("ete-2020/deux.html");
    assert!(
        page.contains(r#"src="../ete-2020/photo%20de%20groupe.png""#),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(r#"href="../ete-2020/lecon-n-1.html""#));
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_output_untouched() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let before = snapshot_tree(&course.out_dir());
    // Rendering fails only when pages are written, after other files were
    // staged (some hard-linked to the previous output's).
    course.write("templates/lesson.html", "{{ no_such_value.field }}");
    course.write("static/robots.txt", "User-agent: *\nDisallow: /changed\n");
    let outcome = course.build();
    assert!(!outcome.succeeded());
    assert!(describe(&outcome.diagnostics).contains("cannot render the page"));
    assert_eq!(
        before,
        snapshot_tree(&course.out_dir()),
        "the old site must be intact"
    );
}

#[test]
fn refuses_to_write_to_the_root_of_the_file_system() {
    let course = TestCourse::fixture("basic");
    let outcome = brandcamp::site::build(&brandcamp::site::BuildOptions {
        course_dir: course.course_dir(),
        output: Some("/".into()),
        drafts: false,
    });
    assert!(!outcome.succeeded());
    let all = describe(&outcome.diagnostics);
    assert!(
        all.contains("root of the file system")
            || all.contains("over the course folder")
            || all.contains("a folder of its own"),
        "{all}"
    );
}

#[test]
fn refuses_to_write_over_a_file_or_a_folder_holding_only_hidden_files() {
    let course = TestCourse::fixture("basic");
    std::fs::write(course.out_dir(), b"notes").expect("write");
    let outcome = course.build();
    assert!(describe(&outcome.diagnostics).contains("the output path is a file"));
    assert_eq!(std::fs::read(course.out_dir()).expect("kept"), b"notes");

    std::fs::remove_file(course.out_dir()).expect("remove");
    std::fs::create_dir(course.out_dir()).expect("mkdir");
    std::fs::create_dir(course.out_dir().join(".git")).expect("mkdir");
    let outcome = course.build();
    assert!(describe(&outcome.diagnostics).contains("was not built by brandcamp"));
    assert!(course.out_dir().join(".git").is_dir());
}

#[test]
fn the_staging_folder_of_a_killed_build_is_removed_by_the_next() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    // What a build killed halfway leaves: a staging folder with its marker.
    let staging = course.dir.path().join(".public.brandcamp-staging");
    std::fs::create_dir(&staging).expect("mkdir");
    std::fs::write(staging.join(".brandcamp-output"), "").expect("marker");
    std::fs::write(staging.join("half-written.html"), "<p").expect("write");
    course.build_ok();
    assert!(!staging.exists());
    assert!(!course.out_dir().join("half-written.html").exists());
}

/// `serve` rebuilds with what the previous build kept (lessons read, quizzes
/// parsed, Markdown rendered, pages, search sections). Whatever the edit,
/// the site and the diagnostics must be those of a build from scratch.
#[test]
fn a_rebuild_reusing_the_previous_build_equals_a_build_from_scratch() {
    use brandcamp::site::{self, BuildCache, BuildOptions};
    use std::fs;

    let course = TestCourse::fixture("basic");
    let options = |out: &str| BuildOptions {
        course_dir: course.course_dir(),
        output: Some(course.dir.path().join(out)),
        drafts: false,
    };
    const LESSON: &str = "01-premiers-pas/02-comptes.md";
    let lesson = LESSON;
    let original = fs::read_to_string(course.course_dir().join(lesson)).expect("lesson");
    let gift = "::q1::Qui publie pour l'entreprise ?{=Le compte officiel ~Un stagiaire}\n";
    // Each edit: what it is, the files it touches, and the edit.
    type Edit<'a> = (&'a str, &'a [&'a str], Box<dyn Fn(&TestCourse) + 'a>);
    let edits: Vec<Edit<'_>> = vec![
        ("nothing", &[], Box::new(|_| {})),
        (
            "a sentence more in a lesson",
            &[LESSON],
            Box::new(|c| c.write(lesson, &format!("{original}\nUne phrase de plus.\n"))),
        ),
        (
            "a lesson long enough to take more minutes (its module's length changes)",
            &[LESSON],
            Box::new(|c| c.write(lesson, &format!("{original}\n{}\n", "mot ".repeat(900)))),
        ),
        (
            "an image without alt text (a warning)",
            &[LESSON],
            Box::new(|c| c.write(lesson, &format!("{original}\n![](img/equipe.png)\n"))),
        ),
        (
            "a new title",
            &[LESSON],
            Box::new(|c| {
                c.write(
                    lesson,
                    &original.replacen("# Comptes", "# Autres comptes", 1),
                )
            }),
        ),
        (
            "the title back",
            &[LESSON],
            Box::new(|c| c.write(lesson, &original)),
        ),
        (
            "a new lesson with a broken anchor (an error)",
            &["02-crise/02-suite.md"],
            Box::new(|c| {
                c.write(
                    "02-crise/02-suite.md",
                    "# Suite\n\n[Voir](01-premiere-heure.md#nulle-part)\n",
                )
            }),
        ),
        (
            "the anchor fixed",
            &["02-crise/02-suite.md"],
            Box::new(|c| {
                c.write(
                    "02-crise/02-suite.md",
                    "# Suite\n\n[Voir](01-premiere-heure.md#que-faire)\n",
                )
            }),
        ),
        (
            "a GIFT quiz with settings in module.yaml",
            &["02-crise/quiz.gift", "02-crise/module.yaml"],
            Box::new(|c| {
                c.write("02-crise/quiz.gift", gift);
                c.write(
                    "02-crise/module.yaml",
                    "title: \"Crise\"\nrequires: [premiers-pas]\nquiz:\n  pass_mark: 50\n",
                );
            }),
        ),
        (
            "only the quiz settings changed",
            &["02-crise/module.yaml"],
            Box::new(|c| {
                c.write(
                    "02-crise/module.yaml",
                    "title: \"Crise\"\nrequires: [premiers-pas]\nquiz:\n  pass_mark: 90\n",
                )
            }),
        ),
        (
            "a linked lesson removed (the unchanged lesson linking to it fails)",
            &["02-crise/01-premiere-heure.md"],
            Box::new(|c| {
                fs::remove_file(c.course_dir().join("02-crise/01-premiere-heure.md")).expect("rm")
            }),
        ),
        (
            "the lesson back",
            &["02-crise/01-premiere-heure.md"],
            Box::new(|c| {
                c.write(
                    "02-crise/01-premiere-heure.md",
                    "# Première heure\n\n## Que faire\n",
                )
            }),
        ),
        (
            "a picture and a static file replaced",
            &["01-premiers-pas/img/equipe.png", "static/robots.txt"],
            Box::new(|c| {
                c.write("01-premiers-pas/img/equipe.png", "not really a picture");
                c.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
            }),
        ),
        (
            "a new module folder",
            &[
                "03-nouveau",
                "03-nouveau/module.yaml",
                "03-nouveau/01-debut.md",
            ],
            Box::new(|c| {
                c.write("03-nouveau/module.yaml", "title: Nouveau\n");
                c.write(
                    "03-nouveau/01-debut.md",
                    "# Début\n\nVoir [les comptes](../01-premiers-pas/02-comptes.md).\n",
                );
            }),
        ),
        (
            "the new module's folder removed",
            &["03-nouveau"],
            Box::new(|c| fs::remove_dir_all(c.course_dir().join("03-nouveau")).expect("rm")),
        ),
        (
            "a brand.yaml whose terms the lessons misspell (lint warnings)",
            &["brand.yaml"],
            Box::new(|c| {
                c.write(
                    "brand.yaml",
                    "name: Test\nterms:\n  - use: Salut\n    avoid: [Bienvenue]\n",
                )
            }),
        ),
        (
            "another lesson edited while the lint warns in an unchanged one",
            &[LESSON],
            Box::new(|c| c.write(lesson, &format!("{original}\nEncore une phrase.\n"))),
        ),
        (
            "brand.yaml removed",
            &["brand.yaml"],
            Box::new(|c| fs::remove_file(c.course_dir().join("brand.yaml")).expect("rm")),
        ),
        (
            "another language, nothing else (callout labels change)",
            &["course.yaml"],
            Box::new(|c| c.write("course.yaml", "title: Test course\nlanguage: en\n")),
        ),
    ];
    // What each step gives: E an error, W a warning, - neither.
    let expected = "---W--E---E----WW--";
    // One cache reads every file again; the other is told which files each
    // edit touched, as serve is by the file system, and reads only those.
    let mut cache = BuildCache::default();
    let mut told = BuildCache::default();
    let root = course.course_dir().canonicalize().expect("course folder");
    let mut last_good = None;
    for (step, ((what, touched, edit), expect)) in edits.iter().zip(expected.chars()).enumerate() {
        let fresh_out = format!("fresh-{step}");
        edit(&course);
        let reused = site::build_reusing(&options("reused"), Some(&mut cache));
        let touched: Vec<_> = touched.iter().map(|file| root.join(file)).collect();
        told.changed_files(&root, &touched);
        let reused_told = site::build_reusing(&options("reused-told"), Some(&mut told));
        let fresh = site::build(&options(&fresh_out));
        let errors = fresh.diagnostics.iter().filter(|d| d.is_error()).count();
        let given = match (errors, fresh.diagnostics.len()) {
            (0, 0) => '-',
            (0, _) => 'W',
            _ => 'E',
        };
        assert_eq!(
            given,
            expect,
            "after {what}: {}",
            describe(&fresh.diagnostics)
        );
        assert_eq!(reused.diagnostics, fresh.diagnostics, "after {what}");
        assert_eq!(reused.succeeded(), fresh.succeeded(), "after {what}");
        assert_eq!(
            reused_told.diagnostics, fresh.diagnostics,
            "after {what}, told"
        );
        if !fresh.succeeded() {
            // A failed rebuild leaves the site it updates (in place, the
            // second time on) as the last good build made it.
            for out in ["reused", "reused-told"] {
                let tree = snapshot_tree(&course.dir.path().join(out));
                assert!(
                    Some(&tree) == last_good.as_ref(),
                    "after {what}: {out} changed"
                );
            }
        }
        if fresh.succeeded() {
            let fresh_tree = snapshot_tree(&course.dir.path().join(&fresh_out));
            last_good = Some(fresh_tree.clone());
            for (out, how) in [("reused", ""), ("reused-told", ", told")] {
                let tree = snapshot_tree(&course.dir.path().join(out));
                let names =
                    |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
                assert_eq!(names(&tree), names(&fresh_tree), "after {what}{how}");
                for (file, fresh_file) in tree.iter().zip(&fresh_tree) {
                    assert!(
                        file.1 == fresh_file.1,
                        "after {what}{how}: {} differs:\n{}\n---\n{}",
                        file.0,
                        String::from_utf8_lossy(&file.1),
                        String::from_utf8_lossy(&fresh_file.1)
                    );
                }
            }
        }
    }
}

/// The errors of an outcome at `file` (relative to the course), as
/// `line:col: message`.
fn errors_at(course: &TestCourse, outcome: &brandcamp::site::Outcome, file: &str) -> Vec<String> {
    let file = course.course_dir().join(file);
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.file == file)
        .map(|d| {
            let p = d.position.expect("a position");
            format!("{}:{}: {}", p.line, p.column, d.message)
        })
        .collect()
}

/// serve's rebuild, told which files changed as the file system tells it.
fn rebuild(
    course: &TestCourse,
    cache: &mut brandcamp::site::BuildCache,
    changed: &[&str],
) -> brandcamp::site::Outcome {
    let root = course.course_dir().canonicalize().expect("course folder");
    let changed: Vec<_> = changed.iter().map(|file| root.join(file)).collect();
    cache.changed_files(&root, &changed);
    let options = brandcamp::site::BuildOptions {
        course_dir: course.course_dir(),
        output: Some(course.dir.path().join("served")),
        drafts: false,
    };
    brandcamp::site::build_reusing(&options, Some(cache))
}

/// A lesson removed while serve runs breaks the link that an unchanged
/// lesson, of a module not read again, makes to it; the lesson back, the
/// error is gone.
#[test]
fn a_removed_lesson_breaks_the_links_of_unchanged_lessons_until_it_is_back() {
    let course = TestCourse::fixture("basic");
    let linked = "02-crise/01-premiere-heure.md";
    let linking = "01-premiers-pas/01-bienvenue.md";
    let text = std::fs::read_to_string(course.course_dir().join(linked)).expect("lesson");
    let mut cache = brandcamp::site::BuildCache::default();
    let first = rebuild(&course, &mut cache, &[]);
    assert!(first.succeeded(), "{}", describe(&first.diagnostics));

    std::fs::remove_file(course.course_dir().join(linked)).expect("rm");
    let removed = rebuild(&course, &mut cache, &[linked]);
    assert_eq!(
        errors_at(&course, &removed, linking),
        ["12:1: broken link: there is no lesson `../02-crise/01-premiere-heure.md`"]
    );

    course.write(linked, &text);
    let back = rebuild(&course, &mut cache, &[linked]);
    assert!(back.succeeded(), "{}", describe(&back.diagnostics));
    assert!(
        back.diagnostics.is_empty(),
        "{}",
        describe(&back.diagnostics)
    );
}

/// A lesson linked to, made a draft, then deleted while serve runs: the
/// unchanged lesson's link is told a link to a draft, then a link to
/// nothing, though neither the linking lesson nor the lessons of the build
/// changed in between.
#[test]
fn a_deleted_draft_turns_the_link_to_it_into_a_broken_link_in_unchanged_lessons() {
    let course = TestCourse::fixture("basic");
    let linked = "02-crise/01-premiere-heure.md";
    let linking = "01-premiers-pas/01-bienvenue.md";
    let text = std::fs::read_to_string(course.course_dir().join(linked)).expect("lesson");
    let mut cache = brandcamp::site::BuildCache::default();
    course.write(linked, &text.replacen("---\n", "---\ndraft: true\n", 1));
    let drafted = rebuild(&course, &mut cache, &[]);
    assert_eq!(
        errors_at(&course, &drafted, linking),
        ["12:1: `../02-crise/01-premiere-heure.md` is a draft, left out of this build"]
    );

    std::fs::remove_file(course.course_dir().join(linked)).expect("rm");
    let deleted = rebuild(&course, &mut cache, &[linked]);
    assert_eq!(
        errors_at(&course, &deleted, linking),
        ["12:1: broken link: there is no lesson `../02-crise/01-premiere-heure.md`"]
    );

    course.write(linked, &text);
    let back = rebuild(&course, &mut cache, &[linked]);
    assert!(
        back.diagnostics.is_empty(),
        "{}",
        describe(&back.diagnostics)
    );
}

/// A file replaced by one of the same size with an older modification
/// time (`cp -p`, `rsync -t`, unzip) is still a new file: the site gets its
/// bytes, as a build from scratch would.
#[test]
fn a_changed_file_with_an_old_time_and_the_same_size_is_copied_again() {
    let course = TestCourse::fixture("basic");
    course.build_ok();
    let image = course.course_dir().join("01-premiers-pas/img/equipe.png");
    let copied = course.out_dir().join("premiers-pas/img/equipe.png");
    let mut bytes = std::fs::read(&image).expect("image");
    assert_eq!(std::fs::read(&copied).expect("copy"), bytes);
    // Same size, other bytes, a time long before the first build.
    let last = bytes.len() - 1;
    bytes[last] ^= 0xFF;
    std::fs::write(&image, &bytes).expect("write");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800);
    std::fs::File::options()
        .write(true)
        .open(&image)
        .and_then(|f| f.set_modified(old))
        .expect("set the time");

    course.build_ok();
    assert!(
        std::fs::read(&copied).expect("copy") == bytes,
        "the site kept the previous copy"
    );
}

/// A heading whose text makes an id the page already uses (the theme's
/// `notices` area, `sidebar`) gets another one: the theme's scripts find
/// their own elements, and links to the heading follow it.
#[test]
fn headings_named_like_the_themes_elements_get_ids_of_their_own() {
    let course = TestCourse::new(&[
        ("01-m/module.yaml", "title: M\n"),
        (
            "01-m/01-a.md",
            "# A\n\n## Notices\n\n## Sidebar\n\nBack to [the notices](#notices-1).\n",
        ),
    ]);
    course.build_ok();
    let page = course.page("m/a.html");
    for id in ["notices", "sidebar"] {
        assert_eq!(
            page.matches(&format!(" id=\"{id}\"")).count(),
            1,
            "one element has the id {id}"
        );
    }
    assert!(
        page.contains(r#"<h2 id="notices-1">Notices</h2>"#),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(r#"<h2 id="sidebar-1">Sidebar</h2>"#));
}

/// Reads the `<script src>` of the table of contents a page loads.
fn toc_scripts(page: &str) -> Vec<&str> {
    page.split("<script src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.contains("assets/toc"))
        .collect()
}

#[test]
fn a_page_loads_only_the_groups_of_the_table_of_contents_it_needs() {
    // 250 modules of one lesson: three groups of at most 100 modules.
    let mut files: Vec<(String, String)> = vec![("course.yaml".into(), "title: T\n".into())];
    for m in 0..250 {
        let requires = if m == 150 { "requires: [m10]\n" } else { "" };
        files.push((
            format!("{m:03}-m{m}/module.yaml"),
            format!("title: Module {m}\n{requires}"),
        ));
        files.push((format!("{m:03}-m{m}/01-a.md"), "Texte.\n".into()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let course = TestCourse::new(&refs);
    course.build_ok();
    assert!(course.out_dir().join("assets/toc/2.js").is_file());
    assert!(!course.out_dir().join("assets/toc/3.js").exists());
    assert!(!course.out_dir().join("assets/toc.js").exists());
    assert_eq!(
        toc_scripts(&course.page("m120/a.html")),
        ["../assets/toc/1.js"]
    );
    // Its neighbour's group too: its pager leads there.
    assert_eq!(
        toc_scripts(&course.page("m199/a.html")),
        ["../assets/toc/1.js", "../assets/toc/2.js"]
    );
    // The group of the module it requires.
    assert_eq!(
        toc_scripts(&course.page("m150/index.html")),
        ["../assets/toc/0.js", "../assets/toc/1.js"]
    );
    assert_eq!(
        toc_scripts(&course.page("index.html")),
        ["assets/toc/0.js", "assets/toc/1.js", "assets/toc/2.js"]
    );
    // Each group holds its modules and nothing of the others.
    let group = course.page("assets/toc/1.js");
    assert!(group.contains(r#""first":100"#), "{group}");
    assert!(group.contains(r#""slug":"m199""#) && !group.contains(r#""slug":"m200""#));
}
