#!/usr/bin/env bash
# Test build that panics on purpose (cargo feature e2e-panic) into target/e2e-panic-dist, for
# e2e/panic.e2e.mjs. Never shipped: dist/ is built without the feature (scripts/build.sh).
# Like the release build in scripts/test.sh, a warning fails it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
trunk build --release --features e2e-panic --dist target/e2e-panic-dist 2>&1 | tee "$log"
if grep -nE '^(warning|error)(\[[A-Za-z0-9_]+\])?:| WARN ' "$log"; then
  echo "build-panic-test: trunk build printed the warnings above" >&2
  exit 1
fi
