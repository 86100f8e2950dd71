//! The cases of the hostile-input corpus (run by `tests/hostile.rs`): one
//! table entry per broken, unusual or malicious course. Group new cases
//! with their kind (YAML, encodings, files, names, links…).

use std::fs;
use std::path::Path;
use std::process::Command;

use super::Expect::*;
use super::Files::*;
use super::{Case, Run};

const MODULE: (&str, &[u8]) = ("01-m/module.yaml", b"title: M\n");
const LESSON: (&str, &[u8]) = ("01-m/01-a.md", b"# A\n\nText.\n");

/// Cases that cannot be set up on this machine say why and are skipped.
fn skip(name: &str, why: &str) -> bool {
    eprintln!("skipping {name}: {why}");
    false
}

/// The copy of `01-m/img/d/d/…/deep.png`, 200 folders down.
const DEEP_PNG: &str = concat!(
    "m/img/",
    "d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/",
    "d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/",
    "d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/",
    "d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/",
    "deep.png"
);

pub fn write(dir: &Path, path: &str, bytes: &[u8]) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

/// A module `01-m` with one lesson, for generators to add to.
fn small_course(dir: &Path) {
    write(dir, MODULE.0, MODULE.1);
    write(dir, LESSON.0, LESSON.1);
}

pub fn cases() -> Vec<Case> {
    vec![
        // ---- YAML syntax -------------------------------------------------
        Case {
            name: "yaml-bad-indentation",
            files: Static(&[("course.yaml", b"title: T\n  bad: indent\n")]),
            run: Run::Both,
            exit: 1,
            expect: &[At("course.yaml", 2, "YAML syntax error")],
        },
        Case {
            name: "yaml-unclosed-double-quote",
            files: Static(&[("01-m/module.yaml", b"title: M\nsummary: \"never closed\nobjectives: [a]\n"), LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("01-m/module.yaml", 2, "add the closing `\"`")],
        },
        Case {
            name: "yaml-unclosed-quote-in-front-matter",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\nduration: 5\ntitle: \"never closed\n---\nText\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "a quote is opened but never closed")],
        },
        Case {
            name: "yaml-unclosed-bracket-in-front-matter",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\nduration: 5\nobjectives: [a, b\n---\nText\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "a `[` is opened here but never closed")],
        },
        Case {
            name: "yaml-unclosed-single-quote",
            files: Static(&[("course.yaml", b"title: 'never closed\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "add the closing `'`")],
        },
        Case {
            name: "yaml-unclosed-bracket",
            files: Static(&[("course.yaml", b"title: [a, b\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "a `[` is opened here but never closed")],
        },
        Case {
            name: "yaml-unclosed-brace",
            files: Static(&[("course.yaml", b"title: T\nui: {next: Go\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "a `{` is opened here but never closed")],
        },
        Case {
            name: "yaml-duplicate-key",
            files: Static(&[("course.yaml", b"title: T\nlanguage: fr\ntitle: U\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 3, "`title` is given twice")],
        },
        Case {
            name: "yaml-duplicate-key-in-a-free-form-map",
            files: Static(&[("course.yaml", b"title: T\nui:\n  next: Go\n  next: On\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 4, "`next` is given twice in this map (first on line 3)")],
        },
        Case {
            name: "yaml-duplicate-key-in-front-matter",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\ntitle: A\ntitle: B\n---\nText\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "`title` is given twice")],
        },
        Case {
            name: "yaml-multiple-documents",
            files: Static(&[("course.yaml", b"title: T\n---\ntitle: U\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "a second YAML document starts here")],
        },
        Case {
            name: "yaml-certificate-of-the-wrong-type",
            files: Static(&[("course.yaml", b"title: T\ncertificate: maybe\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "expected `true`, `false` or a map")],
        },
        Case {
            name: "yaml-typo-inside-the-certificate",
            files: Static(&[("course.yaml", b"title: T\ncertificate:\n  title: Well done\n  signatry: Anne\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 4, "unknown key `signatry`"), Says("did you mean `signatory`?")],
        },
        Case {
            name: "yaml-control-character",
            files: Static(&[("course.yaml", b"title: T\ndescription: \"caf\xc3\xa9\x07\"\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "invisible control character")],
        },
        Case {
            name: "yaml-deep-nesting-unclosed",
            files: Make(|dir| {
                write(dir, "course.yaml", format!("title: {}\n", "[".repeat(10_000)).as_bytes());
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("YAML syntax error")],
        },
        Case {
            name: "yaml-deep-nesting-in-a-free-form-value",
            // A knowledge check is read as free-form YAML first.
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text = format!("Text\n\n```quiz\n- {}{}\n```\n", "[".repeat(10_000), "]".repeat(10_000));
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("01-m/01-a.md"), Says("nested too deeply")],
        },
        Case {
            name: "yaml-deep-nesting-in-front-matter",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text = format!("---\ntitle: A\nobjectives: {}\n---\nText\n", "{a: ".repeat(10_000));
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("01-m/01-a.md"), Says("YAML syntax error")],
        },
        Case {
            name: "yaml-tab-indentation",
            files: Static(&[
                ("01-m/module.yaml", b"title: M\n\tsummary: x\n"),
                LESSON,
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/module.yaml", 2, "tab"), Says("indent with spaces")],
        },
        Case {
            name: "yaml-list-where-a-map-is-expected",
            files: Static(&[("course.yaml", b"- title: T\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "expected a map of keys, found a list")],
        },
        Case {
            name: "yaml-scalar-document",
            files: Static(&[("course.yaml", b"just a sentence\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "expected a map of keys, found text")],
        },
        Case {
            name: "yaml-wrong-type-text-for-a-list",
            files: Static(&[("course.yaml", b"title: T\nmodules: intro\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "expected a list, found text")],
        },
        Case {
            name: "yaml-wrong-type-in-front-matter",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\ntitle: A\ndraft: maybe\n---\nText\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "expected `true` or `false`")],
        },
        Case {
            name: "yaml-negative-number",
            files: Static(&[("course.yaml", b"title: T\npass_mark: -5\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "expected a whole number")],
        },
        Case {
            name: "yaml-unknown-review",
            files: Static(&[
                ("course.yaml", b"title: T\nreview: sometimes\n"),
                MODULE,
                LESSON,
                (
                    "01-m/quiz.yaml",
                    b"review: afterpass\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n",
                ),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "unknown value `sometimes`")],
        },
        Case {
            name: "yaml-unknown-review-in-a-quiz",
            files: Static(&[
                MODULE,
                LESSON,
                (
                    "01-m/quiz.yaml",
                    b"review: afterpass\nquestions:\n  - {type: true_false, prompt: P, answer: true}\n",
                ),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/quiz.yaml", 1, "did you mean `after_pass`?")],
        },
        Case {
            name: "yaml-number-too-big",
            files: Static(&[("course.yaml", b"title: T\npass_mark: 99999999999999999999999\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "expected a whole number")],
        },
        Case {
            name: "yaml-unknown-key-in-course",
            files: Static(&[("course.yaml", b"title: T\norganisation: Acme\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "unknown key `organisation`"), Says("did you mean `organization`?")],
        },
        Case {
            name: "yaml-unknown-key-in-front-matter",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\ntitle: A\ntags: [x]\n---\nText\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "unknown key `tags`")],
        },
        Case {
            name: "yaml-undefined-alias",
            files: Static(&[("course.yaml", b"title: *nope\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "anchor (`&name`) that is not defined")],
        },
        // ---- Empty files -------------------------------------------------
        Case {
            name: "empty-course-yaml",
            files: Static(&[("course.yaml", b""), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("course.yaml", 1, "missing required key `title`")],
        },
        Case {
            name: "blank-course-yaml",
            files: Static(&[("course.yaml", b"  \n\n# only a comment\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "missing required key `title`")],
        },
        Case {
            name: "course-title-left-empty",
            files: Static(&[("course.yaml", b"language: fr\ntitle:\n"), MODULE, LESSON]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "the title is empty")],
        },
        Case {
            name: "module-title-of-spaces",
            files: Static(&[("01-m/module.yaml", b"title: \"   \"\n"), LESSON]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/module.yaml", 1, "the title is empty")],
        },
        Case {
            name: "lesson-title-left-empty-falls-back-to-the-heading",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\ntitle:\n---\n# From the heading\n")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "yaml-complex-key",
            files: Static(&[("course.yaml", b"? [a, b]\n: c\ntitle: T\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "expected a key name, found a list")],
        },
        Case {
            name: "empty-module-yaml",
            files: Static(&[("01-m/module.yaml", b""), LESSON]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/module.yaml", 1, "missing required key `title`")],
        },
        Case {
            name: "empty-lesson-builds",
            files: Static(&[MODULE, ("01-m/01-empty.md", b"")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/empty.html")],
        },
        Case {
            name: "empty-front-matter-builds",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\n---\n"), ("01-m/02-b.md", b"---\n# just a comment\n---\nText\n")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html"), Page("m/b.html")],
        },
        // ---- Encodings and line endings ----------------------------------
        Case {
            name: "bom-crlf-tabs-and-accents-build",
            files: Make(|dir| {
                for (path, text) in [
                    ("course.yaml", "\u{feff}title: \"Cours d'été\"\r\nlanguage: fr\r\n"),
                    ("01-Été/module.yaml", "\u{feff}title: Été\r\nobjectives:\r\n  - Écrire\r\n"),
                    ("01-Été/01-Leçon.md", "\u{feff}---\r\ntitle: Leçon\r\n---\r\n# Titre\r\n\r\nDu texte\tavec\tdes tabulations.\r\n"),
                ] {
                    write(dir, path, text.as_bytes());
                }
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("ete/lecon.html")],
        },
        Case {
            name: "crlf-positions-count-lines",
            files: Static(&[MODULE, ("01-m/01-a.md", b"---\r\ntitle: A\r\nbad: 1\r\n---\r\n\r\n[x](nope.md)\r\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "unknown key `bad`")],
        },
        Case {
            name: "cr-only-line-endings-build",
            files: Static(&[MODULE, ("01-m/01-a.md", b"# A\rText\rMore text\r")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "latin-1-lesson",
            files: Static(&[MODULE, ("01-m/01-a.md", b"Ligne un\nCaf\xe9 en Latin-1\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 2, "not valid UTF-8")],
        },
        Case {
            name: "latin-1-course-yaml",
            files: Static(&[("course.yaml", b"title: Caf\xe9\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 1, "not valid UTF-8")],
        },
        Case {
            name: "utf-16-course-yaml-says-utf-16",
            files: Static(&[("course.yaml", b"\xff\xfet\x00i\x00t\x00l\x00e\x00:\x00 \x00T\x00\n\x00")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("course.yaml", "this file is UTF-16 text")],
        },
        Case {
            name: "utf-16-big-endian-lesson-says-utf-16",
            files: Static(&[MODULE, ("01-m/01-a.md", b"\xfe\xff\x00#\x00 \x00A\x00\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/01-a.md", "this file is UTF-16 text")],
        },
        Case {
            name: "utf-16-without-byte-order-mark",
            files: Static(&[MODULE, ("01-m/01-a.md", b"#\x00 \x00A\x00\n\x00")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 1, "NUL bytes")],
        },
        // ---- Size --------------------------------------------------------
        Case {
            name: "giant-lesson-is-refused",
            files: Make(|dir| {
                small_course(dir);
                // Sparse: 100 MB on paper, nothing on disk.
                let file = fs::File::create(dir.join("01-m/02-giant.md")).expect("create");
                file.set_len(100 * 1024 * 1024).expect("set_len");
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-giant.md", "the limit is 32 MB")],
        },
        Case {
            name: "giant-course-yaml-is-refused",
            files: Make(|dir| {
                let file = fs::File::create(dir.join("course.yaml")).expect("create");
                file.set_len(40 * 1024 * 1024).expect("set_len");
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("course.yaml", "the limit is")],
        },
        Case {
            name: "giant-line-builds",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let line = "word ".repeat(1_000_000);
                write(dir, "01-m/01-long.md", format!("# Long\n\n{line}\n").as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/long.html")],
        },
        Case {
            name: "error-on-a-giant-line-is-quoted-as-an-excerpt",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let words = "word ".repeat(200_000);
                write(dir, "01-m/01-long.md", format!("{words}[x](nope.md) {words}\n").as_bytes());
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-long.md", 1, "no lesson `nope.md`"), Says("near: …word"), OutputUnder(2_000)],
        },
        Case {
            name: "ten-thousand-files-in-one-module",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let (module, files) = (dir.join("01-m"), dir.join("01-m/files"));
                fs::create_dir_all(&files).expect("mkdir");
                for i in 0..2_000 {
                    let lesson = module.join(format!("{i:04}-lesson-{i}.md"));
                    fs::write(lesson, format!("Lesson {i}.\n")).expect("write");
                }
                for i in 0..8_000 {
                    fs::write(files.join(format!("f{i:04}.txt")), i.to_string()).expect("write");
                }
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[
                Page("m/files/f0000.txt"),
                Page("m/files/f7999.txt"),
                Page("m/lesson-1999.html"),
                // A lesson page lists the lessons around it, not all 2,000.
                PageUnder("m/lesson-1000.html", 40_000),
            ],
        },
        Case {
            name: "two-hundred-nested-folders-are-copied",
            files: Make(|dir| {
                small_course(dir);
                let deep = format!("01-m/img/{}deep.png", "d/".repeat(200));
                write(dir, &deep, b"png");
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page(DEEP_PNG)],
        },
        Case {
            name: "path-too-long-for-the-system",
            files: Make(|dir| {
                small_course(dir);
                // Made one folder at a time, each inside the one before (the
                // whole path is too long to be given to the system at once).
                use rustix::fs::{CWD, Mode, OFlags, mkdirat, openat};
                let name = "n".repeat(250);
                let flags = OFlags::RDONLY | OFlags::DIRECTORY;
                let img = dir.join("01-m/img");
                fs::create_dir_all(&img).expect("mkdir");
                let mut folder = openat(CWD, &img, flags, Mode::empty()).expect("open");
                for _ in 0..20 {
                    mkdirat(&folder, name.as_str(), Mode::RWXU).expect("mkdirat");
                    folder = openat(&folder, name.as_str(), flags, Mode::empty()).expect("openat");
                }
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("this path is too long for the operating system")],
        },
        Case {
            name: "hidden-folders-are-not-copied",
            files: Static(&[
                MODULE,
                LESSON,
                ("01-m/img/.git/config", b"[core]\n"),
                ("01-m/img/.DS_Store", b"junk"),
                ("01-m/img/photo.png", b"png"),
                ("static/.well-known/security.txt", b"Contact: x\n"),
                ("static/.cache/state", b"junk"),
            ]),
            run: Run::Build,
            exit: 0,
            expect: &[
                Page("m/img/photo.png"),
                NoPage("m/img/.git/config"),
                NoPage("m/img/.DS_Store"),
                Page(".well-known/security.txt"),
                NoPage(".cache/state"),
            ],
        },
        Case {
            name: "an-output-inside-a-module-is-not-copied-into-the-next",
            files: Static(&[MODULE, LESSON]),
            run: Run::Commands(&[
                &["build", "course", "--out", "course/01-m/site"],
                &["build", "course", "--out", "course/01-m/site"],
                &["build", "course", "--out", "course/static/site"],
                &["build", "course", "--out", "course/static/site"],
            ]),
            exit: 0,
            expect: &[
                Exists("course/01-m/site/m/a.html"),
                Missing("course/01-m/site/m/site"),
                Missing("course/static/site/site"),
                Missing("course/static/site/m/site"),
            ],
        },
        // ---- YAML bombs and deep nesting ---------------------------------
        Case {
            name: "yaml-alias-bomb",
            files: Make(|dir| {
                // In a knowledge check, read as free-form YAML first.
                let mut text = String::from("Text\n\n```quiz\n- a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (previous, name) in ('a'..='i').zip('b'..='j') {
                    let refs = vec![format!("*{previous}"); 9].join(", ");
                    text.push_str(&format!("  {name}: &{name} [{refs}]\n"));
                }
                text.push_str("```\n");
                write(dir, MODULE.0, MODULE.1);
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("01-m/01-a.md"), Says("too much data")],
        },
        // ---- Markdown that is hard on parsers ----------------------------
        Case {
            name: "deeply-nested-block-quotes-build",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                write(dir, "01-m/01-a.md", format!("{} deep\n", ">".repeat(10_000)).as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "deeply-nested-brackets-build",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text = format!("{}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "deeply-nested-lists-build",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text: String = (0..1_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "nested-callouts-build",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text: String = (1..500).map(|i| format!("{} [!TIP]\n", ">".repeat(i))).collect();
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "emphasis-runs-build",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let text = format!("{}x{}\n", "*_".repeat(50_000), "_*".repeat(50_000));
                write(dir, "01-m/01-a.md", text.as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        // ---- Work that must grow in proportion to the input --------------
        // Before each fix these took minutes (the work grew with the square
        // of the input); the deadline of a run is far above what a linear
        // build needs, and far below what a quadratic one would.
        Case {
            name: "twenty-thousand-headings-with-one-text",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                write(dir, "01-m/01-a.md", format!("# A\n\n{}", "## Same\n\ntext\n\n".repeat(20_000)).as_bytes());
                true
            }),
            run: Run::Check,
            exit: 0,
            expect: &[],
        },
        Case {
            name: "a-chain-of-four-thousand-requires",
            files: Make(|dir| {
                for i in 0..4_000 {
                    let requires = if i > 0 { format!("requires: [m{}]\n", i - 1) } else { String::new() };
                    write(dir, &format!("m{i}/module.yaml"), format!("title: M{i}\n{requires}").as_bytes());
                    write(dir, &format!("m{i}/a.md"), b"x\n");
                }
                true
            }),
            run: Run::Check,
            exit: 0,
            expect: &[],
        },
        Case {
            name: "four-hundred-thousand-anchor-links-on-one-line",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let links = "[x](#top) ".repeat(200_000) + &"[y](#end) ".repeat(200_000);
                write(dir, "01-m/01-a.md", format!("# A\n\n## Top\n\n{links}\n\n<a id=\"end\"></a>\n").as_bytes());
                true
            }),
            run: Run::Check,
            exit: 0,
            expect: &[],
        },
        // ---- Symbolic links ----------------------------------------------
        Case {
            name: "lesson-symlinked-to-etc-passwd-is-refused",
            files: Make(|dir| {
                small_course(dir);
                symlink("/etc/passwd", &dir.join("01-m/02-passwd.md"))
            }),
            run: Run::Both,
            exit: 1,
            expect: &[File("01-m/02-passwd.md", "outside the course"), NoPage("m/passwd.html")],
        },
        Case {
            name: "asset-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                symlink("/etc/passwd", &dir.join("01-m/passwd.txt"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("01-m/passwd.txt", "outside the course"), NoPage("m/passwd.txt")],
        },
        Case {
            name: "static-file-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                fs::create_dir_all(dir.join("static")).expect("mkdir");
                symlink("/etc/passwd", &dir.join("static/passwd"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("static/passwd", "outside the course"), NoPage("passwd")],
        },
        Case {
            name: "asset-folder-symlinked-to-etc-is-reported-once",
            files: Make(|dir| {
                small_course(dir);
                fs::create_dir_all(dir.join("01-m/img")).expect("mkdir");
                symlink("/etc", &dir.join("01-m/img/etc"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("01-m/img/etc", "outside the course folder, to /etc"), Count("outside the course", 1)],
        },
        Case {
            name: "module-folder-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                let outside = dir.parent().expect("parent").join("elsewhere");
                write(&outside, "module.yaml", b"title: Elsewhere\n");
                write(&outside, "secret.md", b"Not part of the course\n");
                symlink(outside.to_str().expect("utf-8"), &dir.join("02-elsewhere"))
            }),
            run: Run::Both,
            exit: 1,
            expect: &[File("02-elsewhere", "outside the course folder"), NoPage("elsewhere/secret.html")],
        },
        Case {
            name: "dangling-lesson-link",
            files: Make(|dir| {
                small_course(dir);
                symlink("nowhere.md", &dir.join("01-m/02-gone.md"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-gone.md", "this link points nowhere")],
        },
        Case {
            name: "dangling-asset-link",
            files: Make(|dir| {
                small_course(dir);
                fs::create_dir_all(dir.join("01-m/img")).expect("mkdir");
                symlink("nowhere.png", &dir.join("01-m/img/gone.png"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/img/gone.png", "this link points nowhere")],
        },
        Case {
            name: "symlink-loop-of-folders",
            files: Make(|dir| {
                small_course(dir);
                fs::create_dir_all(dir.join("01-m/img")).expect("mkdir");
                symlink("..", &dir.join("01-m/img/up"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("loop")],
        },
        Case {
            name: "symlink-to-itself",
            files: Make(|dir| {
                small_course(dir);
                symlink("02-self.md", &dir.join("01-m/02-self.md"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-self.md", "")],
        },
        Case {
            name: "symlink-inside-the-course-builds",
            files: Make(|dir| {
                small_course(dir);
                symlink("01-a.md", &dir.join("01-m/02-same.md"))
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/same.html")],
        },
        Case {
            name: "theme-asset-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                write(dir.parent().expect("parent"), "secret.txt", b"SECRET\n");
                fs::create_dir_all(dir.join("theme/assets")).expect("mkdir");
                symlink("../../../secret.txt", &dir.join("theme/assets/leak.txt"))
            }),
            run: Run::Commands(&[&["build", "course", "--out", "public", "--scorm", "1.2"]]),
            exit: 1,
            expect: &[
                File("theme/assets/leak.txt", "outside the theme folder"),
                NoPage("assets/leak.txt"),
                Missing("public.scorm12.zip"),
            ],
        },
        Case {
            name: "theme-folder-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                let outside = dir.parent().expect("parent").join("private");
                write(&outside, "secret.txt", b"SECRET\n");
                fs::create_dir_all(dir.join("theme")).expect("mkdir");
                symlink(outside.to_str().expect("utf-8"), &dir.join("theme/assets"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("theme/assets", "outside the theme folder"), NoPage("assets/secret.txt")],
        },
        Case {
            name: "theme-template-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                write(dir.parent().expect("parent"), "secret.html", b"SECRET {{ course.title }}\n");
                fs::create_dir_all(dir.join("theme/templates")).expect("mkdir");
                symlink("/etc/passwd", &dir.join("theme/templates/home.html"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("theme/templates/home.html", "outside the theme folder, to /etc/passwd")],
        },
        Case {
            name: "course-template-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir.parent().expect("parent"), "secret.html", b"SECRET\n");
                fs::create_dir_all(dir.join("templates")).expect("mkdir");
                symlink("../../secret.html", &dir.join("templates/not-found.html"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("templates/not-found.html", "outside the course folder"), Missing("public")],
        },
        Case {
            name: "theme-links-inside-the-theme-build",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                write(dir, "theme/shared/logo.txt", b"logo\n");
                fs::create_dir_all(dir.join("theme/assets")).expect("mkdir");
                symlink("../shared/logo.txt", &dir.join("theme/assets/logo.txt"))
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("assets/logo.txt")],
        },
        // ---- Theme folders -----------------------------------------------
        Case {
            name: "a-huge-unused-file-in-the-theme-folder-is-not-read",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                write(dir, "theme/assets/extra.css", b"p { color: red }\n");
                // 64 GB, sparse: reading it whole would exhaust memory.
                let huge = fs::File::create(dir.join("theme/video-master.mov")).expect("create");
                huge.set_len(64 << 30).expect("sparse file");
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("assets/extra.css")],
        },
        Case {
            name: "a-system-folder-as-the-theme-is-not-walked",
            files: Static(&[("course.yaml", b"title: T\ntheme: /proc/self\n"), MODULE, LESSON]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "a-theme-template-over-the-size-limit-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                fs::create_dir_all(dir.join("theme/templates")).expect("mkdir");
                let big = fs::File::create(dir.join("theme/templates/home.html")).expect("create");
                big.set_len(40 << 20).expect("sparse file");
                true
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("theme/templates/home.html", "the limit is 32 MB")],
        },
        Case {
            name: "a-named-pipe-among-the-theme-assets-does-not-hang",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "course.yaml", b"title: T\ntheme: theme\n");
                fs::create_dir_all(dir.join("theme/assets")).expect("mkdir");
                mkfifo(&dir.join("theme/assets/style.css"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("theme/assets/style.css", "named pipe")],
        },
        // ---- Special files -----------------------------------------------
        Case {
            name: "fifo-named-like-a-lesson-does-not-hang",
            files: Make(|dir| {
                small_course(dir);
                mkfifo(&dir.join("01-m/02-pipe.md"))
            }),
            run: Run::Both,
            exit: 1,
            expect: &[File("01-m/02-pipe.md", "named pipe")],
        },
        Case {
            name: "fifo-among-the-assets-does-not-hang",
            files: Make(|dir| {
                small_course(dir);
                mkfifo(&dir.join("01-m/picture.png"))
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("01-m/picture.png", "named pipe")],
        },
        Case {
            name: "fifo-as-course-yaml-does-not-hang",
            files: Make(|dir| {
                small_course(dir);
                fs::remove_file(dir.join("course.yaml")).expect("remove");
                mkfifo(&dir.join("course.yaml"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("course.yaml", "named pipe")],
        },
        Case {
            name: "fifo-as-module-yaml-does-not-hang",
            files: Make(|dir| {
                write(dir, LESSON.0, LESSON.1);
                mkfifo(&dir.join("01-m/module.yaml"))
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/module.yaml", "named pipe")],
        },
        Case {
            name: "course-yaml-that-is-a-folder",
            files: Make(|dir| {
                fs::remove_file(dir.join("course.yaml")).expect("remove");
                fs::create_dir(dir.join("course.yaml")).expect("mkdir");
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("course.yaml", "this is a folder")],
        },
        Case {
            name: "folder-named-like-a-lesson",
            files: Static(&[MODULE, LESSON, ("01-m/02-notes.md/photo.png", b"png")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-notes.md", "folder, but its name ends in `.md`")],
        },
        Case {
            name: "unreadable-lesson",
            files: Make(|dir| {
                small_course(dir);
                let path = dir.join("01-m/02-locked.md");
                fs::write(&path, "Locked\n").expect("write");
                lock(&path) || skip("unreadable-lesson", "files stay readable (running as root)")
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-locked.md", "cannot read this file")],
        },
        Case {
            name: "unreadable-asset",
            files: Make(|dir| {
                small_course(dir);
                let path = dir.join("01-m/img/locked.png");
                write(dir, "01-m/img/locked.png", b"png");
                lock(&path) || skip("unreadable-asset", "files stay readable (running as root)")
            }),
            run: Run::Build,
            exit: 1,
            expect: &[File("01-m/img/locked.png", "cannot read this file")],
        },
        Case {
            name: "unreadable-module-folder",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "02-locked/module.yaml", b"title: Locked\n");
                lock(&dir.join("02-locked"))
                    || skip("unreadable-module-folder", "folders stay readable (running as root)")
            }),
            run: Run::Check,
            exit: 1,
            expect: &[File("02-locked", "cannot read this folder")],
        },
        // ---- Names -------------------------------------------------------
        Case {
            name: "spaces-accents-and-emoji-in-names-build",
            files: Static(&[
                ("01-Crème brûlée 🍮/module.yaml", b"title: Dessert\n"),
                ("01-Crème brûlée 🍮/01-À l'été 🌞.md", b"[next](02-deux%20mots.md)\n"),
                ("01-Crème brûlée 🍮/02-deux mots.md", b"![Photo](photo%20de%20groupe.png)\n"),
                ("01-Crème brûlée 🍮/photo de groupe.png", b"png"),
            ]),
            run: Run::Build,
            exit: 0,
            expect: &[
                Page("creme-brulee/a-l-ete.html"),
                Page("creme-brulee/deux-mots.html"),
                Page("creme-brulee/photo de groupe.png"),
            ],
        },
        Case {
            name: "case-only-slug-collision",
            files: Static(&[MODULE, ("01-m/Intro.md", b"A"), ("01-m/intro.md", b"B")]),
            run: Run::Check,
            exit: 1,
            expect: &[
                Says("web address `intro`"),
                Says("Intro.md"),
                Says("intro.md"),
                Count("web address", 1),
                Count("would be written", 0),
            ],
        },
        Case {
            name: "module-folder-that-slugs-to-nothing",
            files: Static(&[("🚀/module.yaml", b"title: Rocket\n"), ("🚀/a.md", b"A")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("🚀", "cannot make a web address")],
        },
        Case {
            name: "lesson-name-that-slugs-to-nothing",
            files: Static(&[MODULE, LESSON, ("01-m/02-🚀.md", b"A")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-🚀.md", "cannot make a web address")],
        },
        Case {
            name: "lesson-named-index",
            files: Static(&[MODULE, LESSON, ("01-m/index.md", b"A")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/index.md", "cannot be named `index`")],
        },
        Case {
            name: "lesson-named-quiz",
            files: Static(&[MODULE, LESSON, ("01-m/02-Quiz.md", b"A")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/02-Quiz.md", "cannot be named `quiz`")],
        },
        Case {
            name: "module-named-assets",
            files: Static(&[MODULE, LESSON, ("02-Assets/module.yaml", b"title: A\n"), ("02-Assets/a.md", b"A")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("02-Assets/module.yaml", "cannot be named `assets`")],
        },
        Case {
            name: "name-too-long-for-a-web-address",
            files: Make(|dir| {
                small_course(dir);
                write(dir, &format!("01-m/02-{}.md", "a".repeat(240)), b"Long\n");
                true
            }),
            run: Run::Both,
            exit: 1,
            expect: &[Says("makes a web address of 240 characters; the limit is 200")],
        },
        Case {
            name: "name-that-is-not-unicode",
            files: Make(|dir| {
                small_course(dir);
                use std::os::unix::ffi::OsStrExt;
                let name = std::ffi::OsStr::from_bytes(b"02-caf\xe9.md");
                fs::write(dir.join("01-m").join(name), "A").expect("write");
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("is not valid Unicode")],
        },
        // ---- Two files for one place in the site --------------------------
        Case {
            name: "static-file-where-the-home-page-goes",
            files: Static(&[MODULE, LESSON, ("static/index.html", b"<p>mine</p>")]),
            run: Run::Both,
            exit: 1,
            expect: &[File("static/index.html", "where the course home page goes")],
        },
        Case {
            name: "module-file-where-a-lesson-page-goes",
            files: Static(&[MODULE, LESSON, ("01-m/a.html", b"<p>mine</p>")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/a.html", "where the page of lesson 01-m/01-a.md goes")],
        },
        Case {
            name: "static-file-where-the-site-needs-a-folder",
            files: Static(&[MODULE, LESSON, ("static/assets", b"not a folder")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("static/assets", "a folder needed for")],
        },
        Case {
            name: "static-file-over-a-theme-file",
            files: Static(&[MODULE, LESSON, ("static/assets/style.css", b"body{}")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("static/assets/style.css", "the theme's file `assets/style.css`")],
        },
        Case {
            name: "static-folder-inside-a-page",
            files: Static(&[MODULE, LESSON, ("static/m/a.html/x.txt", b"x")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("static/m/a.html/x.txt", "inside `m/a.html` in the site, which is a file")],
        },
        // ---- Links -------------------------------------------------------
        Case {
            name: "links-that-leave-the-course",
            files: Static(&[MODULE, (
                "01-m/01-a.md",
                b"[a](../../etc/passwd)\n\n[b](/etc/passwd)\n\n[c](%2e%2e/%2e%2e/x.md)\n\n[d](..\\..\\x.md)\n\n[e](C:/docs/x.md)\n\n[f](\\\\server\\share\\x.md)\n\n![g](../../../../etc/passwd)\n",
            )]),
            run: Run::Check,
            exit: 1,
            expect: &[
                At("01-m/01-a.md", 1, "outside the course"),
                At("01-m/01-a.md", 3, "absolute or Windows-style"),
                At("01-m/01-a.md", 5, "outside the course"),
                At("01-m/01-a.md", 7, "absolute or Windows-style"),
                At("01-m/01-a.md", 9, "absolute or Windows-style"),
                At("01-m/01-a.md", 11, "absolute or Windows-style"),
                At("01-m/01-a.md", 13, "outside the course"),
            ],
        },
        Case {
            name: "links-that-run-code",
            files: Static(&[MODULE, (
                "01-m/01-a.md",
                b"[a](javascript:alert(1))\n\n[b](JaVaScRiPt:alert(1))\n\n[c](< javascript:alert(1)>)\n\n[d](&#106;avascript:alert(1))\n\n[e](vbscript:msgbox)\n\n[f](data:text/html,<script>alert(1)</script>)\n\n[ref][g]\n\n[g]: javascript:alert(1)\n\n[h](<java\tscript:alert(1)>)\n\n[i](<\x01javascript:alert(1)>)\n\n[j](&#x6A;ava&#x09;script&colon;alert(1))\n\n![k](data:image/png;base64,iVBORw0KGgo=)\n",
            )]),
            run: Run::Check,
            exit: 1,
            expect: &[
                At("01-m/01-a.md", 1, "runs code"),
                At("01-m/01-a.md", 3, "runs code"),
                At("01-m/01-a.md", 5, "runs code"),
                At("01-m/01-a.md", 7, "runs code"),
                At("01-m/01-a.md", 9, "runs code"),
                At("01-m/01-a.md", 11, "runs code"),
                At("01-m/01-a.md", 13, "runs code"),
                At("01-m/01-a.md", 17, "runs code (`java\\tscript:alert(1)`)"),
                At("01-m/01-a.md", 19, "runs code"),
                At("01-m/01-a.md", 21, "runs code"),
                Count("runs code", 10),
            ],
        },
        Case {
            name: "raw-html-that-runs-code",
            files: Static(&[MODULE, (
                "01-m/01-a.md",
                b"<a href=\"javascript:alert(1)\">x</a>\n\nText <a HREF='&#106;avascript:alert(1)'>y</a>.\n\n<div>\n<iframe\n  src=\"data:text/html,<script>alert(1)</script>\"></iframe>\n</div>\n\n<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"fine\">\n\n<a title=\"javascript: the language\" href=\"https://example.org\">fine</a>\n",
            )]),
            run: Run::Check,
            exit: 1,
            expect: &[
                At("01-m/01-a.md", 1, "this HTML runs code: `href`"),
                At("01-m/01-a.md", 3, "this HTML runs code: `href`"),
                At("01-m/01-a.md", 7, "this HTML runs code: `src`"),
                Count("runs code", 3),
            ],
        },
        Case {
            name: "raw-html-with-accented-attribute-names-builds",
            files: Make(|dir| {
                write(dir, MODULE.0, MODULE.1);
                let html = "<div éhref=\"x\" data-légende='y'>Texte</div>\n";
                write(dir, "01-m/01-a.md", html.as_bytes());
                true
            }),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/a.html")],
        },
        Case {
            name: "link-to-a-file-on-the-authors-computer",
            files: Static(&[MODULE, ("01-m/01-a.md", b"See [the notes](file:///home/me/notes.pdf).\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 1, "is a file on your computer")],
        },
        Case {
            name: "a-heading-id-the-theme-uses-is-refused-at-its-line",
            files: Static(&[
                MODULE,
                ("01-m/01-a.md", b"# A\n\nText.\n\n## Notes {#notices}\n\n## Menu {#sidebar}\n"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[
                At("01-m/01-a.md", 5, "the id `notices` is used by the page around the lesson"),
                At("01-m/01-a.md", 7, "the id `sidebar` is used by the page around the lesson"),
            ],
        },
        Case {
            name: "a-heading-id-of-a-course-template-is-refused",
            files: Static(&[
                MODULE,
                ("01-m/01-a.md", b"# A\n\n## Our banner {#org-banner}\n"),
                (
                    "templates/lesson.html",
                    b"{% extends \"base.html\" %}{% block content %}<div id=\"org-banner\"></div>{{ html | safe }}{% endblock content %}\n",
                ),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/01-a.md", 3, "the id `org-banner` is used by the page")],
        },
        // ---- Module graph and explicit order -----------------------------
        Case {
            name: "requires-itself",
            files: Static(&[("01-m/module.yaml", b"title: M\nrequires: [m]\n"), LESSON]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/module.yaml", 2, "cannot require itself")],
        },
        Case {
            name: "requires-cycle-of-two",
            files: Static(&[
                ("01-a/module.yaml", b"title: A\nrequires: [b]\n"),
                ("01-a/x.md", b"x"),
                ("02-b/module.yaml", b"title: B\nrequires:\n  - a\n"),
                ("02-b/x.md", b"x"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-a/module.yaml", 2, "a \u{2192} b \u{2192} a")],
        },
        Case {
            name: "requires-cycle-of-three",
            files: Static(&[
                ("01-a/module.yaml", b"title: A\nrequires: [c]\n"),
                ("01-a/x.md", b"x"),
                ("02-b/module.yaml", b"title: B\nrequires: [a]\n"),
                ("02-b/x.md", b"x"),
                ("03-c/module.yaml", b"title: C\n\nrequires: [b]\n"),
                ("03-c/x.md", b"x"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-a/module.yaml", 2, "a \u{2192} c \u{2192} b \u{2192} a")],
        },
        Case {
            name: "explicit-lesson-order-with-duplicates",
            files: Static(&[
                ("01-m/module.yaml", b"title: M\nlessons:\n  - a\n  - b\n  - a.md\n"),
                ("01-m/a.md", b"A"),
                ("01-m/b.md", b"B"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/module.yaml", 5, "listed twice")],
        },
        Case {
            name: "explicit-module-order-with-duplicates",
            files: Static(&[("course.yaml", b"title: T\nmodules: [m, 01-m]\n"), MODULE, LESSON]),
            run: Run::Check,
            exit: 1,
            expect: &[At("course.yaml", 2, "listed twice")],
        },
        // ---- progress.lock and ids ----------------------------------------
        Case {
            name: "lock-edited-into-nonsense",
            files: Static(&[("progress.lock", b"course brandcamp:t\ntag AAAAAA\nlesson 0 m/a\nlesson 0 m/b\n\x7f\x7f junk\n"), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[
                At("progress.lock", 4, "lesson slot 0 is given twice"),
                At("progress.lock", 5, "does not start a line of progress.lock"),
            ],
        },
        Case {
            name: "lock-of-another-course",
            files: Static(&[("progress.lock", b"course brandcamp:other\ntag AAAAAA\nlesson 0 x/y\n"), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("progress.lock", 1, "this lock belongs to the course `brandcamp:other`")],
        },
        Case {
            name: "lock-huge-slot-number",
            files: Static(&[("progress.lock", b"course brandcamp:t\ntag AAAAAA\nlesson 99999999999999999999999 m/a\n"), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("progress.lock", 3, "is not a slot number")],
        },
        Case {
            name: "ids-claimed-twice",
            files: Static(&[
                MODULE,
                ("01-m/01-a.md", b"---\nid: same\nwas: [old]\n---\n"),
                ("01-m/02-b.md", b"---\nid: same\nwas: [old]\n---\n"),
                ("01-m/03-c.md", b"---\nwas: [same]\n---\n"),
            ]),
            run: Run::Both,
            exit: 1,
            expect: &[
                At("01-m/02-b.md", 2, "two lessons have the id `same`"),
                At("01-m/02-b.md", 3, "two lessons say they were `old`"),
                At("01-m/03-c.md", 2, "names an id that is still in use"),
            ],
        },
        // ---- Where the output and the package go --------------------------
        Case {
            name: "symlinked-output-is-refused-and-its-target-kept",
            files: Make(|dir| {
                small_course(dir);
                let top = dir.parent().expect("parent");
                write(top, "releases/v1/.brandcamp-output", b"built\n");
                write(top, "releases/v1/deploy.txt", b"added by a deploy script\n");
                symlink("releases/v1", &top.join("current"))
            }),
            run: Run::Commands(&[&["build", "course", "--out", "current"]]),
            exit: 1,
            expect: &[File("current", "the output is a symbolic link"), Exists("releases/v1/deploy.txt"), Exists("releases/v1/.brandcamp-output")],
        },
        Case {
            name: "output-named-dot-is-refused-up-front",
            files: Make(|dir| {
                small_course(dir);
                fs::create_dir_all(dir.parent().expect("parent").join("empty")).expect("mkdir");
                true
            }),
            run: Run::Commands(&[&["build", "course", "--out", "empty/."], &["build", "course", "--out", "empty/.."], &["build", "course", "--out", "./"]]),
            exit: 1,
            expect: &[Says("the output must be a folder of its own"), Missing(".empty.brandcamp-staging")],
        },
        Case {
            name: "scorm-out-inside-the-course-is-refused",
            files: Static(&[MODULE, LESSON]),
            run: Run::Commands(&[&["build", "course", "--scorm", "1.2", "--scorm-out", "course/course.yaml"], &["build", "course", "--scorm", "1.2", "--scorm-out", "course/01-m/01-a.md"]]),
            exit: 1,
            expect: &[Says("cannot go inside the course folder"), Missing("public")],
        },
        Case {
            name: "scorm-out-over-a-file-that-is-not-a-package-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir.parent().expect("parent"), "notes.zip", b"the trainer's own notes\n");
                true
            }),
            run: Run::Commands(&[&["build", "course", "--scorm", "2004", "--scorm-out", "notes.zip"]]),
            exit: 1,
            expect: &[File("notes.zip", "not a SCORM package written by brandcamp")],
        },
        Case {
            name: "scorm-out-over-its-own-package-builds",
            files: Static(&[MODULE, LESSON]),
            run: Run::Commands(&[&["build", "course", "--scorm", "1.2", "--scorm-out", "p.zip"], &["build", "course", "--scorm", "1.2", "--scorm-out", "p.zip"]]),
            exit: 0,
            expect: &[Exists("p.zip")],
        },
        Case {
            name: "cmi5-package-without-an-iri-is-refused",
            files: Static(&[MODULE, LESSON]),
            run: Run::Commands(&[&["build", "course", "--cmi5"]]),
            exit: 1,
            expect: &[Says("a cmi5 package needs the course's `iri:`"), Missing("public"), Missing("public.cmi5.zip")],
        },
        Case {
            name: "cmi5-out-over-a-file-that-is-not-a-package-is-refused",
            files: Make(|dir| {
                write(dir, "course.yaml", b"title: T\niri: urn:example:course\n");
                small_course(dir);
                write(dir.parent().expect("parent"), "notes.zip", b"the trainer's own notes\n");
                true
            }),
            run: Run::Commands(&[&["build", "course", "--cmi5", "--cmi5-out", "notes.zip"]]),
            exit: 1,
            expect: &[File("notes.zip", "not a cmi5 package written by brandcamp")],
        },
        // ---- cmi5 and xAPI settings ----------------------------------------
        Case {
            name: "iri-that-is-not-absolute",
            files: Static(&[("course.yaml", b"title: T\niri: courses/my course\n"), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("course.yaml", 2, "is not an absolute IRI")],
        },
        Case {
            name: "xapi-key-without-its-secret",
            files: Static(&[("course.yaml", b"title: T\niri: urn:example:course\nxapi:\n  endpoint: /lrs/\n  key: writer\n"), MODULE, LESSON]),
            run: Run::Both,
            exit: 1,
            expect: &[At("course.yaml", 3, "a key without its secret")],
        },
        // ---- Names that cannot travel ------------------------------------
        Case {
            name: "backslash-in-a-file-name-is-refused",
            files: Static(&[MODULE, LESSON, ("01-m/x\\..\\..\\evil.txt", b"x"), ("static/a\\b.png", b"x")]),
            run: Run::Build,
            exit: 1,
            expect: &[File("evil.txt", "which Windows and some zip tools cannot hold"), File("a\\b.png", "cannot hold"), NoPage("m/x\\..\\..\\evil.txt")],
        },
        Case {
            name: "names-windows-cannot-hold-are-refused",
            files: Static(&[MODULE, LESSON, ("01-m/CON.txt", b"x"), ("01-m/img/a:b.png", b"x"), ("01-m/02-why?.md", b"x")]),
            run: Run::Check,
            exit: 1,
            expect: &[File("01-m/CON.txt", "device name on Windows"), File("01-m/img/a:b.png", "`:`"), File("01-m/02-why?.md", "`?`")],
        },
        Case {
            name: "markdown-files-not-named-md-are-not-published-raw",
            files: Static(&[MODULE, LESSON, ("01-m/02-b.MD", b"---\ndraft: true\n---\nSecret draft\n"), ("01-m/03-c.markdown", b"C\n")]),
            run: Run::Build,
            exit: 1,
            expect: &[File("01-m/02-b.MD", "rename it to `02-b.md`"), File("01-m/03-c.markdown", "lessons end in `.md`"), NoPage("m/02-b.MD")],
        },
        // ---- Quiz texts that must survive an export ----------------------
        Case {
            name: "whitespace-only-choice-is-an-error",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.yaml", b"questions:\n  - type: single\n    prompt: Which?\n    choices:\n      - text: Yes\n        correct: true\n      - text: \"   \"\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/quiz.yaml", 7, "this choice is empty")],
        },
        Case {
            name: "carriage-return-in-a-prompt-is-an-error",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.yaml", b"questions:\n  - type: true_false\n    prompt: \"One\\rTwo\"\n    answer: true\n")]),
            run: Run::Check,
            exit: 1,
            expect: &[At("01-m/quiz.yaml", 3, "carriage return")],
        },
        // ---- Where the course is -----------------------------------------
        Case {
            name: "missing-course-yaml",
            files: Make(|dir| {
                small_course(dir);
                fs::remove_file(dir.join("course.yaml")).expect("remove");
                true
            }),
            run: Run::Both,
            exit: 1,
            expect: &[File("course.yaml", "course.yaml is missing")],
        },
        Case {
            name: "course-folder-is-a-file",
            files: Make(|dir| {
                fs::remove_dir_all(dir).expect("remove");
                fs::write(dir, "not a folder").expect("write");
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[Says("no course folder here")],
        },
        // ---- Question banks from Moodle (quiz.xml) ------------------------
        Case {
            name: "moodle-xml-entity-bomb",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.xml", b"<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<quiz><question type=\"truefalse\"><name><text>&c;</text></name></question></quiz>\n")]),
            run: Run::Both,
            exit: 1,
            expect: &[At("01-m/quiz.xml", 1, "XML with DTD detected")],
        },
        Case {
            name: "moodle-xml-file-name-climbs-out",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.xml", b"<quiz><question type=\"truefalse\"><name><text>T</text></name><questiontext format=\"html\"><text><![CDATA[<img src=\"@@PLUGINFILE@@/../../../escape.png\">]]></text><file name=\"../../../escape.png\" encoding=\"base64\">iVBORw0KGgo=</file></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>\n")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/escape.png"), Missing("escape.png"), NoPage("escape.png")],
        },
        Case {
            name: "moodle-xml-script-in-html-text",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.xml", b"<quiz><question type=\"truefalse\"><name><text>T</text></name><questiontext format=\"html\"><text><![CDATA[<p>Safe?<script>alert(1)</script><img src=x onerror=alert(2)></p>]]></text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>\n")]),
            run: Run::Build,
            exit: 0,
            expect: &[Page("m/quiz.html")],
        },
        Case {
            name: "moodle-xml-page-as-embedded-file",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.xml", b"<quiz><question type=\"truefalse\"><name><text>T</text></name><questiontext format=\"html\"><text>Yes?</text><file name=\"index.html\" encoding=\"base64\">PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==</file></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>\n")]),
            run: Run::Build,
            exit: 0,
            expect: &[At("01-m/quiz.xml", 1, "not a picture")],
        },
        Case {
            name: "moodle-xml-binary-garbage",
            files: Static(&[MODULE, LESSON, ("01-m/quiz.xml", b"\x00\x01\x02PK\x03\x04 not xml at all \xff\xfe")]),
            run: Run::Both,
            exit: 1,
            expect: &[At("01-m/quiz.xml", 1, "NUL bytes")],
        },
        // ---- The look (brand.yaml `look:`) --------------------------------
        Case {
            name: "look-logo-symlinked-outside-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "brand.yaml", b"name: A\nlook:\n  logo:\n    light: logo.svg\n");
                symlink("/etc/passwd", &dir.join("logo.svg"))
            }),
            run: Run::Both,
            exit: 1,
            expect: &[At("brand.yaml", 4, "leads outside the course folder"), NoPage("assets/look/logo.svg")],
        },
        Case {
            name: "look-logo-that-is-a-fifo-does-not-hang",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "brand.yaml", b"name: A\nlook:\n  logo:\n    light: logo.png\n");
                mkfifo(&dir.join("logo.png"))
            }),
            run: Run::Both,
            exit: 1,
            expect: &[At("brand.yaml", 4, "`logo.png` is not a file")],
        },
        Case {
            name: "look-svg-logo-with-script-and-tracker-is-refused",
            files: Static(&[
                MODULE,
                LESSON,
                ("brand.yaml", b"name: A\nlook:\n  logo:\n    light: logo.svg\n"),
                ("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>fetch('//evil')</script>\n<image href=\"https://evil.example/t.png\"/>\n</svg>\n"),
            ]),
            run: Run::Both,
            exit: 1,
            expect: &[At("logo.svg", 2, "has a <script> element"), At("logo.svg", 3, "refers to `https://evil.example/t.png`"), NoPage("index.html")],
        },
        Case {
            name: "look-svg-logo-with-entity-expansion-is-refused",
            files: Static(&[
                MODULE,
                LESSON,
                ("brand.yaml", b"name: A\nlook:\n  logo:\n    light: logo.svg\n"),
                ("logo.svg", b"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><title>&c;&c;&c;</title></svg>\n"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("logo.svg", 3, "declares an XML entity")],
        },
        Case {
            name: "look-logo-of-5-mb-is-refused",
            files: Make(|dir| {
                small_course(dir);
                write(dir, "brand.yaml", b"name: A\nlook:\n  logo:\n    light: big.png\n");
                let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
                png.resize(5 * 1024 * 1024, 0);
                write(dir, "big.png", &png);
                true
            }),
            run: Run::Check,
            exit: 1,
            expect: &[At("brand.yaml", 4, "brandcamp takes at most 4 MB")],
        },
        Case {
            name: "look-colours-in-unknown-syntaxes-are-all-reported",
            files: Static(&[
                MODULE,
                LESSON,
                ("brand.yaml", b"name: A\nlook:\n  colors:\n    primary: \"blurple\"\n    accent: 12\n    text: \"#12345\"\n"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[
                At("brand.yaml", 4, "`blurple` is not a colour"),
                At("brand.yaml", 5, "`12` is not a colour"),
                At("brand.yaml", 6, "`#12345` is not a colour"),
            ],
        },
        Case {
            name: "look-font-that-is-not-woff2-is-refused",
            files: Static(&[
                MODULE,
                LESSON,
                ("brand.yaml", b"name: A\nlook:\n  fonts:\n    body: body.woff2\n"),
                ("body.woff2", b"wOFF\0\x01\0\0 a WOFF 1 font"),
            ]),
            run: Run::Check,
            exit: 1,
            expect: &[At("brand.yaml", 4, "`body.woff2` is not a WOFF2 font")],
        },
    ]
}

/// Takes every permission away from `path`; `false` when it can still be
/// read (the tests run as root), so that the case is skipped.
fn lock(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = if path.is_dir() {
        fs::read_dir(path).is_ok()
    } else {
        fs::read(path).is_ok()
    };
    if readable {
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    !readable
}

fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
    true
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) -> bool {
    std::os::unix::fs::symlink(target, link).expect("symlink");
    true
}
