//! A build killed at any moment loses nothing: the output folder holds the
//! previous site, byte for byte, or (if the build got as far as swapping the
//! folders) the complete new one; never a mix, never nothing. The next build
//! cleans up what the killed one left behind and succeeds.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every file of a folder: path → (length, hash of the bytes).
type Snapshot = BTreeMap<String, (u64, u64)>;

fn snapshot(dir: &Path) -> Snapshot {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).expect("read");
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            let path = e.path().strip_prefix(dir).expect("inside");
            (
                path.to_string_lossy().into_owned(),
                (bytes.len() as u64, hasher.finish()),
            )
        })
        .collect()
}

fn brandcamp(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brandcamp"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn build(dir: &Path, course: &str, out: &str) -> Duration {
    let started = Instant::now();
    let status = brandcamp(dir, &["build", course, "--out", out])
        .status()
        .expect("run brandcamp");
    assert!(
        status.success(),
        "brandcamp build {course} --out {out} failed"
    );
    started.elapsed()
}

/// A course of `modules` × `lessons` lessons of about `words` words each,
/// with headings, lists, a table, links between lessons and an image: the
/// shape of `gen_course.py --format course` from the benchmarks.
fn generate_course(dir: &Path, title: &str, modules: usize, lessons: usize, words: usize) {
    const WORDS: &[&str] = &[
        "marque",
        "communauté",
        "publication",
        "réseau",
        "stratégie",
        "contenu",
        "abonnés",
        "crise",
        "réponse",
        "ton",
        "voix",
        "charte",
        "employé",
        "formation",
        "campagne",
        "engagement",
        "message",
        "visuel",
        "hashtag",
        "partage",
        "commentaire",
        "modération",
        "réputation",
        "audience",
        "analyse",
        "objectif",
        "calendrier",
        "plateforme",
        "vidéo",
    ];
    let mut seed: u64 = 0x5eed;
    let mut word = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write(
        "course.yaml",
        &format!("title: \"{title}\"\nlanguage: fr\n"),
    );
    for m in 1..=modules {
        let module = format!("{m:02}-module-{m}");
        write(
            &format!("{module}/module.yaml"),
            &format!("title: Module {m}\nsummary: Le module {m}.\n"),
        );
        write(&format!("{module}/exemple.png"), &format!("image {m}"));
        for l in 1..=lessons {
            let mut text = format!("---\ntitle: Leçon {m}.{l}\n---\n");
            for part in 0..4 {
                text.push_str(&format!("## Partie {part}\n\n"));
                let sentence: Vec<&str> = (0..words / 4).map(|_| word()).collect();
                text.push_str(&sentence.join(" "));
                text.push_str(".\n\n- un point\n- un autre\n\n");
            }
            text.push_str("| Plateforme | Limite |\n|---|---|\n| X | 280 |\n\n");
            if l > 1 {
                text.push_str(&format!(
                    "Voir [la leçon précédente]({:02}-lecon-{}.md).\n\n",
                    l - 1,
                    l - 1
                ));
            }
            text.push_str("![Exemple de publication](exemple.png)\n");
            write(&format!("{module}/{l:02}-lecon-{l}.md"), &text);
        }
    }
}

// Linux swaps the two folders in one step (renameat2 with RENAME_EXCHANGE);
// elsewhere there is a short moment between two renames.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path();
    // Two versions of a large course: every page differs between them (the
    // course title is on every page).
    generate_course(&dir.join("a"), "Cours A", 40, 25, 300);
    generate_course(&dir.join("b"), "Cours B", 40, 25, 300);
    build(dir, "b", "reference-b");
    let sites = [
        {
            build(dir, "a", "site");
            snapshot(&dir.join("site"))
        },
        snapshot(&dir.join("reference-b")),
    ];
    assert_ne!(sites[0], sites[1]);
    assert!(sites[0].len() > 1000, "{} files", sites[0].len());

    // How long a build of the other version over the site takes, so that
    // kills land all along it.
    let duration = build(dir, "b", "site");
    let mut current = 1;
    assert_eq!(snapshot(&dir.join("site")), sites[current]);

    // Kill builds after longer and longer delays, until a few got as far
    // as putting the new site in place (build times vary with the load of
    // the machine, so the delays are not fixed in advance).
    let step = duration / 8;
    let (mut kept, mut replaced, mut kills) = (0, 0, 0u32);
    while replaced < 2 && kills < 40 {
        let delay = step * kills;
        kills += 1;
        let other = 1 - current;
        let course = ["a", "b"][other];
        let mut child = brandcamp(dir, &["build", course, "--out", "site"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no cleanup of any kind.
        let _ = child.wait();
        let now = snapshot(&dir.join("site"));
        if now == sites[current] {
            kept += 1;
        } else if now == sites[other] {
            replaced += 1;
            current = other;
        } else {
            let missing = sites[current]
                .keys()
                .filter(|p| !now.contains_key(*p))
                .count();
            panic!(
                "killed after {delay:?} (a build takes about {duration:?}): the output is \
                 neither site ({} files, {missing} of the previous site's missing)",
                now.len()
            );
        }
    }
    eprintln!(
        "{kills} builds (about {duration:?} each) killed after 0 to {:?}: {kept} left the \
         previous site, {replaced} the new one",
        step * (kills - 1)
    );
    // Kills must have landed both before and after the swap, or the test
    // proves little.
    assert!(kept > 0, "every build finished before it was killed");
    assert!(replaced > 0, "no build got as far as the swap");

    // The next build cleans up after the killed ones and succeeds.
    let other = 1 - current;
    build(dir, ["a", "b"][other], "site");
    assert_eq!(snapshot(&dir.join("site")), sites[other]);
    let leftovers: Vec<String> = fs::read_dir(dir)
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging") || name.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// Two builds into one output at once (two CI jobs, a build beside another)
/// take turns: both succeed, and the output is a whole site with its marker
/// every time, never one build's staging folder removed by the other.
#[test]
fn builds_into_one_output_at_once_take_turns_and_both_succeed() {
    let temp = tempfile::tempdir().expect("temp dir");
    generate_course(&temp.path().join("course"), "Same", 8, 40, 150);
    build(temp.path(), "course", "public");
    let expected = snapshot(&temp.path().join("public"));
    for round in 0..6 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                brandcamp(temp.path(), &["build", "course", "--out", "public"])
                    .spawn()
                    .expect("start brandcamp")
            })
            .collect();
        for mut child in children {
            let status = child.wait().expect("wait");
            assert!(status.success(), "round {round}: a build failed");
        }
        assert_eq!(
            snapshot(&temp.path().join("public")),
            expected,
            "round {round}: the output is not the whole site"
        );
        assert!(!temp.path().join(".public.brandcamp-staging").exists());
    }
}
