#!/usr/bin/env bash
# Long robustness runs, kept out of the test command (scripts/test.sh runs the short versions):
#   1. the URL decoder (crates/core/tests/url_props.rs): URL_CASES cases for each of its four
#      properties (valid states round-trip; arbitrary strings, URL token soup and mutated
#      encodings never panic and decode to a valid state with bounded, plain notices);
#   2. the codebook parser (crates/core/tests/codebook_props.rs): mutated and garbage seed files
#      through seeds::build_corpus never panic and every failure comes with diagnostics that name
#      a line inside the file; CODEBOOK_CASES cases per property or CODEBOOK_SECONDS, whichever
#      comes first.
# Defaults: 1,000,000 cases each (the codebook run stops at 10 minutes per property if it gets
# there first). Prints the machine, the date, cases and times; exit status non-zero on a failure
# (proptest prints the minimal failing input).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

URL_CASES="${URL_CASES:-1000000}"
CODEBOOK_CASES="${CODEBOOK_CASES:-1000000}"
CODEBOOK_SECONDS="${CODEBOOK_SECONDS:-600}"

echo "fuzz: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(rustc --version)"
echo "fuzz: building the release test binaries"
cargo test --release -p evidence-core --test url_props --test codebook_props --no-run

status=0
t=$SECONDS
echo
echo "=== fuzz: URL decoder, PROPTEST_CASES=$URL_CASES per property (4 properties)"
if PROPTEST_CASES="$URL_CASES" cargo test --release -p evidence-core --test url_props; then
  url="ok: 4 properties x $URL_CASES cases in $((SECONDS - t)) s"
else
  url="FAILED after $((SECONDS - t)) s"
  status=1
fi

t=$SECONDS
echo
echo "=== fuzz: codebook parser, $CODEBOOK_CASES cases or $CODEBOOK_SECONDS s per property (2 properties)"
log=$(mktemp)
if CODEBOOK_CASES="$CODEBOOK_CASES" CODEBOOK_SECONDS="$CODEBOOK_SECONDS" \
  cargo test --release -p evidence-core --test codebook_props -- --nocapture 2>&1 | tee "$log"; then
  codebook="ok: $(grep -E '^[a-z ]+: [0-9]+ cases in' "$log" | paste -sd ';' -) ($((SECONDS - t)) s in all)"
else
  codebook="FAILED after $((SECONDS - t)) s"
  status=1
fi
rm -f "$log"

echo
echo "=== fuzz: summary"
echo "  URL decoder:     $url"
echo "  codebook parser: $codebook"
exit "$status"
