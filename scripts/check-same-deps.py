#!/usr/bin/env python3
"""Checks that `cargo test --release` reuses every dependency that
`cargo build --release` compiled, instead of compiling it a second time.

Cargo compiles a crate again when the features turned on in it differ, and
dev-dependencies can turn features on in crates the build shares with them
(Cargo.toml says which ones are aligned, and why). Each compiled crate's file
name carries a hash of its features and dependencies, so two commands that
share a compiled crate report the same file; this script compares them.

Run from anywhere: `python3 scripts/check-same-deps.py`. It builds, and
compiles the tests (without running them), which `scripts/test.sh` does next
anyway. Exit code 1 and the list of crates when a crate would be compiled twice.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compiled(command):
    """Package id -> {target name: file names} of every crate the command compiles."""
    output = subprocess.run(
        ["cargo", *command, "--release", "--locked", "--message-format=json"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    crates = {}
    for line in output.splitlines():
        if not line.startswith("{"):
            continue
        message = json.loads(line)
        if message.get("reason") != "compiler-artifact":
            continue
        target = message["target"]["name"] + ":" + ",".join(message["target"]["kind"])
        files = sorted(os.path.basename(f) for f in message["filenames"])
        crates.setdefault(message["package_id"], {})[target] = files
    return crates


def main():
    build = compiled(["build"])
    test = compiled(["test", "--no-run"])
    twice = []
    for package, targets in build.items():
        if package.startswith("path+"):
            continue  # brandcamp itself: its tests are compiled with the test harness
        for target, files in targets.items():
            if package in test and test[package].get(target, files) != files:
                twice.append(f"{package} ({target}): build {files}, test {test[package][target]}")
    if twice:
        print("These crates are compiled twice, once by `cargo build --release` and once by")
        print("`cargo test --release`, because a dev-dependency turns on other features in them:")
        for line in twice:
            print("  " + line)
        print("Turn the same features on in [dependencies] (see the note in Cargo.toml).")
        sys.exit(1)
    shared = sum(len(t) for p, t in build.items() if p in test and not p.startswith("path+"))
    print(f"cargo test --release reuses all {shared} dependency crates cargo build --release compiled")


if __name__ == "__main__":
    main()
