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
source, what one page of each type weighs (bench/weight.py), and the floor: pulldown-cmark alone turning the same lessons into
HTML in one thread (a criterion benchmark, bench/floor/).
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


def peak_memory_kb(course, out):
    result = subprocess.run(["/usr/bin/time", "-v", BINARY, "build", course, "--out", out],
                            check=True, text=True, capture_output=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(match.group(1)) if match else None


def floor_seconds(course, lessons):
    # bench/floor is a crate of its own (see its Cargo.toml); criterion
    # writes its results under the target folder it is given.
    target = os.path.join(ROOT, "target", "bench-floor")
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
        cold = timed_build(course, out)
        times = [timed_build(course, out) for _ in range(runs)]
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
        f"Build: median of {runs} rebuilds over the previous output; cold: one build into an empty folder.",
        "Floor: pulldown-cmark alone, one thread, in memory, on the same lessons (criterion median).",
        "Serve: `brandcamp serve` running, one lesson saved with a sentence more (median of several saves):",
        "the rebuild it makes, and the time from the save to the reload signal an open page receives.",
        "",
        "Lesson page, first load: a lesson of the middle module and what it loads (bench/weight.py), raw / gzip.",
        "",
        "| lessons | build | cold build | floor | build ÷ floor | peak memory | output | largest lesson page | lesson page, first load | Markdown source | search index ÷ source | serve rebuild | save → reload |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['lessons']:,} | {r['build']:.3f} s | {r['cold']:.3f} s | {r['floor']:.3f} s | {r['build'] / r['floor']:.2f}× "
            f"| {fmt(r['memory_mb'], '{:.0f} MB')} | {r['output_mb']:.1f} MB | {r['largest_page_kb']:.1f} kB "
            f"| {r['lesson_load'][1] / 1000:.1f} / {r['lesson_load'][2] / 1000:.1f} kB "
            f"| {r['source_mb']:.1f} MB | {fmt(r['index_pct'], '{:.0f} %')} "
            f"| {r['serve_rebuild']:.3f} s | {r['serve_signal']:.3f} s |")
    lines += [
        "",
        "Targets: 1,000 lessons under 0.25 s; 10,000 under 4 s and 400 MB; build within 2.5× the floor at",
        "10,000; the largest lesson page the same size (±10 %) at 100 and 10,000 lessons; a lesson page's first",
        "load the same (±10 %) at 1,000 and 10,000 lessons; the search index under 40 % of the Markdown source.",
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
