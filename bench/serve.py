#!/usr/bin/env python3
"""Measures how fast `brandcamp serve` shows an edit: starts it on a copy of a
course, appends a sentence to one lesson several times, and prints for each
edit the rebuild time (from serve's summary line) and the time from the save
to the reload signal a page receives (`/__brandcamp/events`), and the CPU
time serve used for it (user + system, from /proc: on a busy machine it
says more than the wall-clock times).

  python3 bench/serve.py content
  python3 bench/serve.py bench/out/course-1000 [EDITS]

`bench/run.py` uses it for its "serve rebuild" column. Needs
target/release/brandcamp (cargo build --release).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "brandcamp")


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def measure(source, edits=7):
    """Serves a copy of `source`, edits one lesson `edits` times, and returns
    the first build's time and, per edit, the rebuild time, the time from the
    save to the reload signal, and serve's CPU time."""
    work = tempfile.mkdtemp(prefix="brandcamp-bench-")
    course = os.path.join(work, "course")
    shutil.copytree(source, course)
    lessons = sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(course)
        for f in files
        if f.endswith(".md")
    )
    lesson = lessons[len(lessons) // 2]
    server = subprocess.Popen(
        [BIN, "serve", course, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    builds = []

    def read_stderr():
        for line in server.stderr:
            found = re.search(r"^Built .* in ([0-9.]+) s$", line.strip())
            if found:
                builds.append(float(found.group(1)))

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        url = re.search(r"http://\S+", server.stdout.readline()).group(0)
        events = url + "__brandcamp/events"
        state = json.load(urllib.request.urlopen(events))
        signals = []
        cpu = []
        for i in range(edits):
            reply = {}

            def wait(since=state["generation"]):
                reply["state"] = json.load(urllib.request.urlopen(f"{events}?since={since}"))
                reply["at"] = time.monotonic()

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.3)  # let the poll reach the server
            cpu_before = cpu_seconds(server.pid)
            saved = time.monotonic()
            with open(lesson, "a", encoding="utf-8") as f:
                f.write(f"\nUne phrase de plus, numéro {i}.\n")
            waiter.join()
            state = reply["state"]
            signals.append(reply["at"] - saved)
            time.sleep(0.3)
            cpu.append(cpu_seconds(server.pid) - cpu_before)
        time.sleep(0.5)
        return {
            "course": source,
            "lessons": len(lessons),
            "edited": os.path.relpath(lesson, course),
            "first": builds[0],
            "rebuilds": builds[1:],
            "signals": signals,
            "cpu": cpu,
        }
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "content")
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    m = measure(source, edits)
    print(f"course: {source} ({m['lessons']} lessons), edited {m['edited']}")
    print(f"first build: {m['first']:.2f} s")
    print("rebuilds (s):", " ".join(f"{b:.2f}" for b in m["rebuilds"]))
    print("save -> reload signal (s):", " ".join(f"{s:.2f}" for s in m["signals"]))
    print("CPU per rebuild (s):", " ".join(f"{c:.2f}" for c in m["cpu"]))
    print(
        f"median rebuild {statistics.median(m['rebuilds']):.2f} s, "
        f"median save -> reload signal {statistics.median(m['signals']):.2f} s, "
        f"median CPU {statistics.median(m['cpu']):.2f} s"
    )


if __name__ == "__main__":
    main()
