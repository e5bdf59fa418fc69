#!/usr/bin/env bash
# Release build into dist/: index.html (+ glue JS, wasm, CSS), the single-file explorer.html,
# evidence.csv (once the export bin exists). Installs missing tools first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
# The shipped build is never the benchmark's synthetic corpus (scripts/bench.sh).
unset EVIDENCE_SCALE

# style/app.css is owned by the app's author; Trunk fails without it.
[ -f style/app.css ] || { echo "build: style/app.css is missing" >&2; exit 1; }

echo "build: trunk build --release"
trunk build --release
echo
node scripts/sizes.mjs dist
echo
echo "build: single file: $(pwd)/dist/explorer.html"
