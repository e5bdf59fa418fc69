#!/usr/bin/env bash
# Benchmark command: builds the release (installing what is missing), then measures start-up,
# input-to-next-frame latency and size with scripts/bench.mjs. Prints figures, asserts nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build.sh
. scripts/setup.sh >/dev/null
node scripts/bench.mjs
