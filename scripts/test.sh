#!/usr/bin/env bash
# THE test command (also what .ci/run runs). Installs missing tools, then:
#   fmt check, the boundary check (scripts/check_boundaries.py), the core's layers (scripts/check_layers.py), clippy (host, all targets; wasm32 for the app), cargo test (workspace),
#   trunk build --release (warnings fail it), the REFI-QDA export checked against the standard's
#   schema and read back by independent readers (scripts/refi-check.py), e2e suite (node --test e2e/, headless Chromium),
#   the whole Chromium e2e suite again on a build of the tiny fixture corpus (dist-tiny/): the suites
#   read the corpus from the build's output, so they must pass on any corpus (a test whose corpus
#   lacks what it needs, e.g. a paper long enough to scroll, skips with the reason);
#   the windowed grid on a build of the synthetic 10x corpus (target/e2e-10x/, e2e/scale.e2e.mjs);
#   the engine subsets (e2e/engines/: Firefox ESR, WebKitGTK under Xvfb), and the panic notice
#   against a test build that panics on purpose (e2e/panic.e2e.mjs, all three engines).
# Every step runs even when an earlier one failed (except that the e2e suite needs the build);
# a summary follows and the exit status is non-zero if any step failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The tested build is the real corpus, never the benchmark's synthetic one (scripts/bench.sh).
unset EVIDENCE_SCALE

t0=$SECONDS
SETUP_FOR=test . scripts/setup.sh
echo "test: setup took $((SECONDS - t0)) s"

failed=()
results=()
step() {
  local name="$1"; shift
  local t=$SECONDS
  echo
  echo "=== test: $name"
  if "$@"; then
    results+=("  ok    $name ($((SECONDS - t)) s)")
  else
    echo "=== test: FAILED: $name"
    failed+=("$name")
    results+=("  FAIL  $name ($((SECONDS - t)) s)")
    return 1
  fi
}

# Trunk prints cargo's diagnostics and its own log lines; treat any warning as a failure.
# Arguments go to trunk build (e.g. --dist dist-tiny).
trunk_build() {
  local log
  log=$(mktemp)
  if ! trunk build --release "$@" 2>&1 | tee "$log"; then
    rm -f "$log"; return 1
  fi
  if grep -nE '^(warning|error)(\[[A-Za-z0-9_]+\])?:| WARN ' "$log"; then
    echo "test: trunk build printed the warnings above" >&2
    rm -f "$log"; return 1
  fi
  rm -f "$log"
}

step "cargo fmt --check" cargo fmt --all --check || true
# Web APIs only behind src/browser/; no corpus id in src/, crates/ or e2e/ (and the check's own
# self-test: a planted web-sys use and a planted id must both be found).
step "boundaries (scripts/check_boundaries.py)" python3 scripts/check_boundaries.py || true
step "boundaries self-test" python3 scripts/check_boundaries.py --self-test || true
# The core's layers (crates/core/src folders, bottom to top) and no import cycles, with its
# self-test (a planted upward import and a planted cycle must both be found).
step "core layers (scripts/check_layers.py)" python3 scripts/check_layers.py || true
step "core layers self-test" python3 scripts/check_layers.py --self-test || true
step "clippy (host)" cargo clippy --workspace --all-targets -- -D warnings || true
step "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown -p evidence-explorer -- -D warnings || true
step "cargo test" cargo test --workspace || true
if step "trunk build --release" trunk_build; then
  step "REFI-QDA and Web Annotations read back by independent readers (scripts/refi-check.py)" \
    target/refi-venv/bin/python scripts/refi-check.py dist || true
  step "e2e (node --test e2e/)" node --test --test-concurrency=1 e2e/ || true
  # The engine subsets (names outside node --test's patterns, so the run above skips them).
  step "e2e Firefox subset" node --test e2e/engines/firefox.e2e.mjs || true
  step "e2e WebKit subset" node --test e2e/engines/webkit.e2e.mjs || true
  if step "panic test build (feature e2e-panic)" bash scripts/build-panic-test.sh; then
    step "e2e panic notice (Chromium, Firefox, WebKit)" node --test e2e/panic.e2e.mjs || true
  fi
else
  failed+=("e2e")
  results+=("  FAIL  e2e: not run (the build failed)")
fi
# The synthetic corpus ten times the real one (build.rs reads EVIDENCE_SCALE; never shipped):
# the grid that large is drawn as a window (e2e/scale.e2e.mjs).
scale_build() (
  export EVIDENCE_SCALE=10
  trunk_build --dist target/e2e-10x
)
if step "trunk build --release of the 10x synthetic corpus (target/e2e-10x/)" scale_build; then
  step "e2e windowed grid at 10x" env E2E_DIST=target/e2e-10x node --test --test-concurrency=1 e2e/scale.e2e.mjs || true
else
  failed+=("e2e windowed grid at 10x")
  results+=("  FAIL  e2e windowed grid at 10x: not run (the build failed)")
fi
# The same app built from the tiny fixture corpus (build.rs and post-build.mjs read EXPLORER_SEEDS).
tiny_build() (
  export EXPLORER_SEEDS=crates/core/tests/fixtures/tiny
  trunk_build --dist dist-tiny
)
if step "trunk build --release of the tiny corpus (dist-tiny/)" tiny_build; then
  step "REFI-QDA read back on the tiny corpus" target/refi-venv/bin/python scripts/refi-check.py dist-tiny || true
  # Every Chromium suite. Not on the tiny corpus, each for one reason:
  #   e2e/scale.e2e.mjs: the windowed grid needs a corpus too large for the screen (the 10x build above);
  #   e2e/engines/, e2e/panic.e2e.mjs: other engines and the panic build test the app, not the corpus.
  step "e2e on the tiny corpus (E2E_DIST=dist-tiny node --test e2e/)" env E2E_DIST=dist-tiny node --test --test-concurrency=1 e2e/ || true
else
  failed+=("e2e on the tiny corpus")
  results+=("  FAIL  e2e on the tiny corpus: not run (the build failed)")
fi

echo
echo "=== test: summary ($((SECONDS - t0)) s in all)"
printf '%s\n' "${results[@]}"
[ "${#failed[@]}" -eq 0 ]
