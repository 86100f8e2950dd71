//! The floor: how long pulldown-cmark alone takes to turn a course's lessons
//! into HTML, in one thread, in memory. A full build is compared with it.
//!
//! `BRANDCAMP_BENCH_COURSE=/path/to/course cargo bench --manifest-path bench/floor/Cargo.toml`
//! (bench/run.py sets it for each generated course).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn lesson_bodies(course: &Path) -> Vec<String> {
    let mut bodies = Vec::new();
    for entry in walkdir::WalkDir::new(course).sort_by_file_name() {
        let entry = entry.expect("readable course");
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).expect("UTF-8 lesson");
            let body_start = brandcamp::frontmatter::split(&text)
                .map(|s| s.body_start)
                .unwrap_or(0);
            bodies.push(text[body_start..].to_string());
        }
    }
    bodies
}

fn floor(c: &mut Criterion) {
    let Some(course) = std::env::var_os("BRANDCAMP_BENCH_COURSE") else {
        eprintln!("set BRANDCAMP_BENCH_COURSE to a course folder (see bench/run.py)");
        return;
    };
    let bodies = lesson_bodies(Path::new(&course));
    let name = format!("floor/{}", bodies.len());
    let mut group = c.benchmark_group("pulldown-cmark");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut total = 0;
            for body in &bodies {
                let mut html = String::with_capacity(body.len() * 3 / 2);
                pulldown_cmark::html::push_html(
                    &mut html,
                    pulldown_cmark::Parser::new_ext(body, brandcamp::markdown::options()),
                );
                total += html.len();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, floor);
criterion_main!(benches);
