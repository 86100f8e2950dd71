//! Files swapped for links while a build runs. Loading refuses links that
//! leave the course (the hostile corpus shows each case), but a file can be
//! replaced by such a link between that check and the read or the copy. A
//! build may then fail (the link is seen), but a site that leaks what the
//! link points to must never come out of it.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const SECRET: &str = "TOP SECRET: the board's salaries";

/// Swaps `path` between a regular file holding `text` and a link to
/// `target`, each swap one atomic rename, until `stop`. The link stays
/// for short moments only, so that many builds find the file at load.
fn keep_swapping(path: &Path, text: &str, target: &Path, stop: &AtomicBool) {
    let temporary = path.with_extension("swap");
    let mut turn = 0u64;
    while !stop.load(Ordering::Relaxed) {
        turn += 1;
        let _ = fs::remove_file(&temporary);
        symlink(target, &temporary).expect("link");
        fs::rename(&temporary, path).expect("swap in the link");
        std::thread::sleep(Duration::from_micros(50));
        fs::write(&temporary, text).expect("write");
        fs::rename(&temporary, path).expect("swap in the file");
        // Varied pauses, so that the swaps land all along the builds.
        std::thread::sleep(Duration::from_micros(1000 + (turn * 7919) % 5000));
    }
}

fn holds_secret(dir: &Path) -> Option<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .find(|e| {
            fs::read(e.path())
                .is_ok_and(|bytes| bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()))
        })
        .map(|e| e.path().display().to_string())
}

#[test]
fn a_file_swapped_for_a_link_during_builds_never_leaks_its_target() {
    let temp = tempfile::tempdir().expect("temp dir");
    let secret = temp.path().join("secret.txt");
    fs::write(&secret, format!("# {SECRET}\n")).expect("secret");
    let course = temp.path().join("course");
    let write = |path: &str, text: &str| {
        let path = course.join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write("course.yaml", "title: T\ntheme: theme\n");
    write("01-m/module.yaml", "title: M\n");
    write("01-m/01-a.md", "# A\n\nText.\n");
    // A lesson (read), a module file and a theme file (copied).
    let swapped = [
        ("01-m/02-b.md", "# B\n\nPublic text.\n"),
        ("01-m/files/note.txt", "A public note.\n"),
        ("theme/assets/note.txt", "A public note.\n"),
    ];
    for (path, text) in swapped {
        write(path, text);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let swappers: Vec<_> = swapped
        .iter()
        .map(|(path, text)| {
            let (path, text, secret, stop) = (
                course.join(path),
                text.to_string(),
                secret.clone(),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || keep_swapping(&path, &text, &secret, &stop))
        })
        .collect();

    let (mut built, mut refused) = (0, 0);
    let mut leak = None;
    // Until ten builds got through (each had its files swapped under it),
    // or a leak; at most 400 builds.
    for _ in 0..400 {
        if built >= 10 {
            break;
        }
        let status = Command::new(env!("CARGO_BIN_EXE_brandcamp"))
            .args(["build", "course", "--out", "public"])
            .current_dir(temp.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run brandcamp");
        match status.code() {
            Some(0) => built += 1,
            Some(1) => refused += 1,
            other => panic!("brandcamp exited with {other:?}"),
        }
        leak = holds_secret(&temp.path().join("public"));
        if leak.is_some() {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    for swapper in swappers {
        swapper.join().expect("swapper");
    }
    eprintln!("{built} builds succeeded, {refused} refused a link");
    assert_eq!(leak, None, "the secret was published");
    assert!(built > 0, "no build succeeded: the test proves nothing");
}
