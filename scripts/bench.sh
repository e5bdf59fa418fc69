#!/usr/bin/env bash
# Benchmark command: builds the release (installing what is missing), then measures it with
# scripts/bench.mjs: start-up against a static snapshot of the same view (http and file://),
# interaction latency (script and next frame, p50/p95), bytes, JS heap and wasm memory.
# Prints a table and writes bench/results.json; asserts nothing. BENCH_LOADS (15) and
# BENCH_INTERACTIONS (100) change the sample sizes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# --phone: only a participant's phone (the default tour on explorer.html, CPU throttled 4x),
# written to bench/phone.json.
bash scripts/build.sh
SETUP_FOR=test . scripts/setup.sh >/dev/null
if [ "${1-}" = "--phone" ]; then
  exec node scripts/bench.mjs --phone
fi
# Synthetic corpora 10x and 100x the real one (papers, categories, evidence, codings, quotes),
# made by build.rs when EVIDENCE_SCALE is set; never in dist/. BENCH_SCALES="" skips them.
for k in ${BENCH_SCALES-10 100}; do
  echo "bench: building the synthetic ${k}x corpus into target/bench-${k}x"
  EVIDENCE_SCALE="$k" trunk build --release --dist "target/bench-${k}x"
done
node scripts/bench.mjs
