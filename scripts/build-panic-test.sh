#!/usr/bin/env bash
# Test build that panics on purpose (cargo feature e2e-panic) into target/e2e-panic-dist, for
# e2e/panic.e2e.mjs. Never shipped: dist/ is built without the feature (scripts/build.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh >/dev/null
trunk build --release --features e2e-panic --dist target/e2e-panic-dist
