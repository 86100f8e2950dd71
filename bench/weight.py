#!/usr/bin/env python3
"""What a learner downloads per page type of the bundled course.

    python3 bench/weight.py            # prints the table
    python3 bench/weight.py --update   # also writes it into BENCHMARKS.md
    python3 bench/weight.py --scale    # a lesson page at 1,000 and 10,000 lessons

Builds content/ with the release binary and, for one page of each type,
counts the requests a first visit makes (the page, its stylesheets, scripts,
icons and images; the search index and text chunks are loaded only when the
learner searches, so they are listed apart) and their bytes, raw and gzip.
bench/run.py includes the same table, and the first load of a lesson page
of each course it generates (`--scale` measures that alone): what a learner
downloads must not grow with the course.
"""
import gzip
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "brandcamp")
START = "<!-- weight: written by bench/weight.py -->"
END = "<!-- /weight -->"


class Subresources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {"stylesheet", "icon"}:
            self.urls.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])


def local_file(page, url):
    if "://" in url or url.startswith(("data:", "//")):
        return None
    path = os.path.normpath(os.path.join(os.path.dirname(page), url.split("#")[0].split("?")[0]))
    return path if os.path.isfile(path) else None


def sizes(paths):
    raw = sum(os.path.getsize(p) for p in paths)
    zipped = sum(len(gzip.compress(open(p, "rb").read(), 9)) for p in paths)
    return raw, zipped


def first_load(page):
    """(requests, raw bytes, gzip bytes) of a first visit to `page`."""
    parser = Subresources()
    parser.feed(open(page, encoding="utf-8").read())
    files = [page] + sorted({f for f in (local_file(page, u) for u in parser.urls) if f})
    raw, zipped = sizes(files)
    return len(files), raw, zipped


def middle_lesson(site):
    """The first lesson page of the module in the middle of the course."""
    modules = sorted((d for d in os.listdir(site) if os.path.isfile(os.path.join(site, d, "index.html"))),
                     key=lambda d: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", d)])
    folder = os.path.join(site, modules[len(modules) // 2])
    lessons = sorted(f for f in os.listdir(folder) if f.endswith(".html") and f not in ("index.html", "quiz.html"))
    return os.path.join(folder, lessons[0])


def page_types(site):
    """(label, page) for one page of each type."""
    modules = sorted(d for d in os.listdir(site) if os.path.isfile(os.path.join(site, d, "index.html")))
    first = os.path.join(site, modules[0])
    lessons = sorted(f for f in os.listdir(first) if f.endswith(".html") and f not in ("index.html", "quiz.html"))
    found = [
        ("home", os.path.join(site, "index.html")),
        ("module", os.path.join(first, "index.html")),
        ("lesson", os.path.join(first, lessons[0])),
        ("quiz", os.path.join(first, "quiz.html")),
        ("brand page", os.path.join(site, "brand.html")),
        ("search page", os.path.join(site, "search.html")),
        ("certificate", os.path.join(site, "certificate.html")),
    ]
    return [(label, page) for label, page in found if os.path.isfile(page)]


def table(site):
    lines = [
        "| page | requests | raw | gzip |",
        "|---|---:|---:|---:|",
    ]
    for label, page in page_types(site):
        requests, raw, zipped = first_load(page)
        lines.append(f"| {label} | {requests} | {raw / 1000:.1f} kB | {zipped / 1000:.1f} kB |")
    assets = os.path.join(site, "assets")
    index = [os.path.join(assets, "search-index.js")]
    chunks = sorted(os.path.join(assets, f) for f in os.listdir(assets) if f.startswith("search-text-"))
    raw, zipped = sizes(index)
    lines.append(f"| + first search (index) | 1 | {raw / 1000:.1f} kB | {zipped / 1000:.1f} kB |")
    if chunks:
        raw, zipped = sizes(chunks[:1])
        lines.append(f"| + one text chunk of results (of {len(chunks)}) | 1 | {raw / 1000:.1f} kB | {zipped / 1000:.1f} kB |")
    return lines


def section(site):
    return [
        START,
        "## What a page weighs",
        "",
        "The bundled course (content/), first visit of one page of each type: the page and what it loads",
        "(stylesheets, scripts, icons, images), raw and gzip-compressed. Search loads its index on first use,",
        "then only the text chunks holding the results shown.",
        "",
        *table(site),
        END,
    ]


def build(out):
    subprocess.run([BINARY, "build", os.path.join(ROOT, "content"), "--out", out],
                   check=True, capture_output=True, cwd=ROOT)


def scale():
    """A lesson page's first load in generated courses of 1,000 and 10,000
    lessons (as bench/run.py generates them)."""
    gen = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_course.py")
    work = os.path.join(ROOT, "bench", "out")
    print("| lessons | lesson page | requests | raw | gzip |")
    print("|---:|---|---:|---:|---:|")
    for modules in (50, 500):
        course = os.path.join(work, f"course-{modules * 20}")
        site = os.path.join(work, f"site-{modules * 20}")
        subprocess.run([sys.executable, gen, "--modules", str(modules), "--lessons", "20", "--words", "600",
                        "--format", "course", "--out", course], check=True, capture_output=True)
        subprocess.run([BINARY, "build", course, "--out", site], check=True, capture_output=True)
        page = middle_lesson(site)
        requests, raw, zipped = first_load(page)
        print(f"| {modules * 20:,} | {os.path.relpath(page, site)} | {requests} | {raw / 1000:.1f} kB | {zipped / 1000:.1f} kB |")


def main():
    if "--scale" in sys.argv:
        scale()
        return
    out = os.path.join(ROOT, "bench", "out", "site-content")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    build(out)
    lines = section(out)
    print("\n".join(lines))
    if "--update" in sys.argv:
        path = os.path.join(ROOT, "BENCHMARKS.md")
        text = open(path, encoding="utf-8").read()
        block = "\n".join(lines)
        if START in text and END in text:
            text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
        open(path, "w", encoding="utf-8").write(text)
        print("updated BENCHMARKS.md")


if __name__ == "__main__":
    main()
