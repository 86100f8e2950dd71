//! The I/O floor: the least any builder that writes one page per lesson can
//! do on this machine. It reads every lesson of a course from disk, renders
//! its Markdown with pulldown-cmark (brandcamp's version and options), and
//! writes one page of a given size per lesson into an empty folder, one
//! folder per module, on every core. No templates, no search index, no
//! links checked: a build is compared with what it cannot avoid.
//!
//! `io-floor COURSE OUT PAGE_BYTES` — OUT must not exist; PAGE_BYTES is the
//! average size of a lesson page of the build it is compared with (bench/run.py
//! passes it). Prints the seconds it took; bench/run.py times the whole
//! process, as it times `brandcamp build`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [course, out, page_bytes] = args.as_slice() else {
        eprintln!("usage: io-floor COURSE OUT PAGE_BYTES");
        return ExitCode::from(2);
    };
    let Ok(page_bytes) = page_bytes.parse::<usize>() else {
        eprintln!("PAGE_BYTES must be a number of bytes, not {page_bytes}");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match write_pages(Path::new(course), Path::new(out), page_bytes) {
        Ok(pages) => {
            println!("{pages} pages in {:.3} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("io-floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_pages(course: &Path, out: &Path, page_bytes: usize) -> std::io::Result<usize> {
    let lessons: Vec<PathBuf> = walkdir::WalkDir::new(course)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    // As a builder does: the output folder and one folder per module first,
    // so that the parallel writes do not race to create them.
    fs::create_dir(out)?;
    let mut modules: Vec<&Path> = lessons.iter().filter_map(|l| l.parent()).collect();
    modules.dedup();
    for module in modules {
        fs::create_dir_all(out.join(relative(course, module)))?;
    }
    lessons.par_iter().try_for_each(|lesson| {
        let text = fs::read_to_string(lesson)?;
        let body_start = brandcamp::frontmatter::split(&text)
            .map(|s| s.body_start)
            .unwrap_or(0);
        let body = &text[body_start..];
        let mut page = String::with_capacity(page_bytes.max(body.len() * 2));
        page.push_str("<!doctype html>\n<html><body><main>\n");
        pulldown_cmark::html::push_html(
            &mut page,
            pulldown_cmark::Parser::new_ext(body, brandcamp::markdown::options()),
        );
        page.push_str("</main></body></html>\n");
        // The rest of the page a builder would write (navigation, head…).
        let padding = page_bytes.saturating_sub(page.len());
        page.extend(std::iter::repeat_n(' ', padding));
        let path = out.join(relative(course, lesson)).with_extension("html");
        fs::File::create(path)?.write_all(page.as_bytes())
    })?;
    Ok(lessons.len())
}

fn relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}
