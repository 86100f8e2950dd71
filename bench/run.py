#!/usr/bin/env python3
"""Benchmarks brandcamp on synthetic courses and writes BENCHMARKS.md.

    python3 bench/run.py            # 100, 1,000 and 10,000 lessons
    python3 bench/run.py --quick    # 100 and 1,000 lessons, fewer runs

For each size it generates a course with ../shared/bench/gen_course.py
(600 words a lesson, 20 lessons a module, a quiz per module) and measures:
the full build (median of several runs over the previous output, as an author
rebuilds, and a cold build into an empty folder), peak memory (/usr/bin/time),
output size, the largest lesson page, a lesson page's first load (the page
and what it loads), the search index against the Markdown
source, what one page of each type weighs (bench/weight.py), and two floors:
the I/O floor (bench/floor/src/bin/io-floor.rs: every lesson read, rendered
with pulldown-cmark and written as a page of the build's average lesson page
size into an empty folder, in parallel), which builds are reported against,
and pulldown-cmark alone turning the same lessons into HTML in one thread, in
memory (a criterion benchmark, bench/floor/benches/).

Cold builds and I/O floor runs alternate, each into a folder just emptied, so
that both meet the same file system (removing thousands of files makes
creating the next ones slower for a while on some file systems).
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve  # noqa: E402  (bench/serve.py)
import weight  # noqa: E402  (bench/weight.py)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_course.py")
WORK = os.path.join(ROOT, "bench", "out")
BINARY = os.path.join(ROOT, "target", "release", "brandcamp")
FLOOR_TARGET = os.path.join(ROOT, "target", "bench-floor")
IO_FLOOR = os.path.join(FLOOR_TARGET, "release", "io-floor")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def tree_size(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def markdown_size(course):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(course) for f in fs if f.endswith(".md"))


def largest_lesson_page(site):
    best = 0
    for dirpath, _, files in os.walk(site):
        if os.path.relpath(dirpath, site) in (".", "assets"):
            continue
        for f in files:
            if f.endswith(".html") and f not in ("index.html", "quiz.html"):
                best = max(best, os.path.getsize(os.path.join(dirpath, f)))
    return best


def timed_build(course, out):
    started = time.perf_counter()
    run([BINARY, "build", course, "--out", out])
    return time.perf_counter() - started


def average_lesson_page(site):
    sizes = []
    for dirpath, _, files in os.walk(site):
        if os.path.relpath(dirpath, site) in (".", "assets"):
            continue
        sizes += [os.path.getsize(os.path.join(dirpath, f)) for f in files
                  if f.endswith(".html") and f not in ("index.html", "quiz.html")]
    return sum(sizes) // len(sizes)


def timed_io_floor(course, out, page_bytes):
    started = time.perf_counter()
    run([IO_FLOOR, course, out, str(page_bytes)])
    return time.perf_counter() - started


def cold_and_io_floor(course, out, runs):
    """Cold builds and I/O floor runs, alternating, each into an empty folder."""
    floor_out = out + "-io-floor"
    colds, floors = [], []
    page_bytes = average_lesson_page(out)
    for _ in range(runs):
        shutil.rmtree(floor_out, ignore_errors=True)
        floors.append(timed_io_floor(course, floor_out, page_bytes))
        shutil.rmtree(out, ignore_errors=True)
        colds.append(timed_build(course, out))
    shutil.rmtree(floor_out, ignore_errors=True)
    return statistics.median(colds), statistics.median(floors)


def load_average():
    return os.getloadavg()[0]


def peak_memory_kb(course, out):
    result = subprocess.run(["/usr/bin/time", "-v", BINARY, "build", course, "--out", out],
                            check=True, text=True, capture_output=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(match.group(1)) if match else None


def floor_seconds(course, lessons):
    # bench/floor is a crate of its own (see its Cargo.toml); criterion
    # writes its results under the target folder it is given.
    target = FLOOR_TARGET
    env = dict(os.environ, BRANDCAMP_BENCH_COURSE=course, CARGO_TARGET_DIR=target)
    run(["cargo", "bench", "--locked", "--manifest-path", "bench/floor/Cargo.toml", "--", "--noplot"], cwd=ROOT, env=env)
    path = os.path.join(target, "criterion", "pulldown-cmark", f"floor_{lessons}", "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"] / 1e9


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip 10,000 lessons, fewer runs")
    parser.add_argument("--runs", type=int, default=None, help="builds per size (default 7, quick 3)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    sizes = [(5, 20), (50, 20)] + ([] if args.quick else [(500, 20)])

    print("building brandcamp (release)…", flush=True)
    run(["cargo", "build", "--release", "--locked"], cwd=ROOT)
    run(["cargo", "build", "--release", "--locked", "--manifest-path", "bench/floor/Cargo.toml", "--bin", "io-floor"],
        cwd=ROOT, env=dict(os.environ, CARGO_TARGET_DIR=FLOOR_TARGET))
    os.makedirs(WORK, exist_ok=True)
    rows = []
    for modules, per_module in sizes:
        lessons = modules * per_module
        course = os.path.join(WORK, f"course-{lessons}")
        out = os.path.join(WORK, f"site-{lessons}")
        print(f"{lessons} lessons: generating…", flush=True)
        run([sys.executable, GEN, "--modules", str(modules), "--lessons", str(per_module), "--words", "600",
             "--format", "course", "--out", course])
        if os.path.exists(out):
            shutil.rmtree(out)
        load = load_average()
        timed_build(course, out)  # writes progress.lock, gives the page size
        cold, io_floor = cold_and_io_floor(course, out, 3)
        times = [timed_build(course, out) for _ in range(runs)]
        load = max(load, load_average())
        memory = peak_memory_kb(course, out)
        print(f"{lessons} lessons: serve, one lesson edited…", flush=True)
        edited = serve.measure(course, edits=3 if args.quick else 5)
        print(f"{lessons} lessons: floor…", flush=True)
        floor = floor_seconds(course, lessons)
        source = markdown_size(course)
        index = os.path.join(out, "assets", "search-index.js")
        index_size = os.path.getsize(index) if os.path.exists(index) else None
        row = {
            "lessons": lessons,
            "build": statistics.median(times),
            "cold": cold,
            "memory_mb": memory / 1024 if memory else None,
            "output_mb": tree_size(out) / 1e6,
            "largest_page_kb": largest_lesson_page(out) / 1000,
            "source_mb": source / 1e6,
            "index_pct": 100 * index_size / source if index_size else None,
            "floor": floor,
            "io_floor": io_floor,
            "load": load,
            "serve_rebuild": statistics.median(edited["rebuilds"]),
            "serve_signal": statistics.median(edited["signals"]),
            "lesson_load": weight.first_load(weight.middle_lesson(out)),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)

    def fmt(value, pattern, missing="—"):
        return missing if value is None else pattern.format(value)

    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}, by `python3 bench/run.py`.",
        "Courses from `gen_course.py` (20 lessons a module, 600 words a lesson, a 10-question quiz a module).",
        f"Rebuild: median of {runs} rebuilds over the previous output; cold: median of 3 builds into an empty folder.",
        "I/O floor: every lesson read, rendered by pulldown-cmark and written as a page of the build's average",
        "lesson page size into an empty folder, in parallel (bench/floor/src/bin/io-floor.rs; median of 3, each",
        "run alternating with a cold build). Memory floor: pulldown-cmark alone, one thread, in memory (criterion).",
        "Load: the machine's 1-minute load average while the size was measured (the highest seen).",
        "Serve: `brandcamp serve` running, one lesson saved with a sentence more (median of several saves):",
        "the rebuild it makes, and the time from the save to the reload signal an open page receives.",
        "",
        "Lesson page, first load: a lesson of the middle module and what it loads (bench/weight.py), raw / gzip.",
        "",
        "| lessons | rebuild | cold build | I/O floor | rebuild ÷ I/O floor | cold ÷ I/O floor | memory floor | peak memory | output | largest lesson page | lesson page, first load | Markdown source | search index ÷ source | serve rebuild | save → reload | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['lessons']:,} | {r['build']:.3f} s | {r['cold']:.3f} s | {r['io_floor']:.3f} s "
            f"| {r['build'] / r['io_floor']:.2f}× | {r['cold'] / r['io_floor']:.2f}× | {r['floor']:.3f} s "
            f"| {fmt(r['memory_mb'], '{:.0f} MiB')} | {r['output_mb']:.1f} MB | {r['largest_page_kb']:.1f} kB "
            f"| {r['lesson_load'][1] / 1000:.1f} / {r['lesson_load'][2] / 1000:.1f} kB "
            f"| {r['source_mb']:.1f} MB | {fmt(r['index_pct'], '{:.0f} %')} "
            f"| {r['serve_rebuild']:.3f} s | {r['serve_signal']:.3f} s | {r['load']:.1f} |")
    lines += [
        "",
        "Targets: 1,000 lessons under 0.25 s; 10,000 under 4 s; a cold build within 2× the I/O floor at 1,000",
        "and 10,000 lessons, and a rebuild no slower than a cold build; peak memory at 10,000 lessons under",
        "256 MiB; the largest lesson page the same size (±10 %) at 100 and 10,000 lessons; a lesson page's",
        "first load the same (±10 %) at 1,000 and 10,000 lessons; the search index under 40 % of the Markdown",
        "source; serve, save → reload, under 0.1 s at 1,000 lessons and 0.2 s at 10,000.",
        "",
    ]
    print("page weight of the bundled course…", flush=True)
    content_site = os.path.join(WORK, "site-content")
    weight.build(content_site)
    lines += weight.section(content_site) + [""]
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
        f.write("\n".join(lines))
    print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    main()
