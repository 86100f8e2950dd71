#!/usr/bin/env bash
# Runs every test of brandcamp on a Debian machine: `bash scripts/test.sh`.
# Installs only what is missing (Chromium and xmllint from apt, the browser
# tests' npm packages), builds the release binary, then runs the Rust and
# browser tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }
command -v cargo >/dev/null || source "$HOME/.cargo/env"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Chromium (apt-get)"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

# The SCORM manifest tests validate imsmanifest.xml with xmllint.
if ! command -v xmllint >/dev/null; then
  step "Installing xmllint (apt-get, libxml2-utils)"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libxml2-utils
fi

# npm ci wipes node_modules, so the copied lockfile doubles as "installed and up to date".
if ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.installed-lock; then
  step "Installing browser test packages (npm ci)"
  (cd tests/browser && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock)
fi

step "Building brandcamp (cargo build --release)"
cargo build --release

failed=()
step "Rust tests (cargo test --release)"
cargo test --release || failed+=("cargo test")

# The fuzz targets (fuzz/, run by hand with cargo fuzz: docs/reliability.md)
# are only compiled here, to catch API changes; about a minute on a fresh
# machine, seconds after that. libFuzzer itself is C++.
step "Fuzz targets compile (cargo check --manifest-path fuzz/Cargo.toml)"
if command -v c++ >/dev/null; then
  cargo check --manifest-path fuzz/Cargo.toml --target-dir target/fuzz-check || failed+=("fuzz targets")
else
  echo "skipped: no C++ compiler for libFuzzer"
fi

step "Browser tests (node --test tests/browser)"
node --test --test-concurrency=1 --test-reporter=spec tests/browser/*.test.mjs || failed+=("browser tests")

if [ ${#failed[@]} -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  exit 1
fi
step "All tests passed"
