#!/usr/bin/env bash
# The wheel as a trainer without Rust gets it: builds it with maturin (the
# build reuses the crates `cargo build --release` compiled), installs it in a
# new virtual environment, and makes and builds a course with the
# `brandcamp` that pip put on PATH.
# Usage: bash scripts/test-wheel.sh PATH/TO/maturin
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
maturin=${1:?usage: test-wheel.sh PATH/TO/maturin}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$maturin" build --quiet --out "$work/wheels"
wheel=$(ls "$work"/wheels/brandcamp-*.whl)
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB)"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
# Only the venv's bin on PATH: the brandcamp found is the wheel's.
PATH="$work/venv/bin:/usr/bin:/bin"
[ "$(command -v brandcamp)" = "$work/venv/bin/brandcamp" ]
brandcamp --version

cd "$work"
brandcamp new my-course
brandcamp build my-course --out public
test -s public/index.html
test -s public/getting-started/index.html
grep -q "My first bootcamp" public/index.html
echo "wheel: pip install, brandcamp new and brandcamp build work"
