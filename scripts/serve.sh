#!/usr/bin/env bash
# Build (release), then serve dist/ on http://127.0.0.1:PORT/ (PORT: $PORT or 8080).
#
#   bash scripts/serve.sh [PORT]           build once and serve
#   bash scripts/serve.sh --watch [PORT]   also watch the seeds directory: on every change,
#                                          check the seeds first (seeds-check, quick: every
#                                          problem as file:line: problem; expected), then
#                                          rebuild dist/ when they are valid. Reload the page
#                                          after "rebuilt". While the seeds have problems,
#                                          dist/ keeps the last good build.
#
# The seeds directory is $EXPLORER_SEEDS or seeds (as for the build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
watch=0
if [ "${1:-}" = "--watch" ]; then
  watch=1
  shift
fi
port="${1:-${PORT:-8080}}"
seeds="${EXPLORER_SEEDS:-seeds}"

# A fingerprint of the seeds directory: every file's path, size and modification time.
fingerprint() {
  find "$seeds" -type f ! -name '.*' -printf '%p %s %T@\n' | sort | sha256sum
}

# Checks the seeds (host build, quick), then rebuilds dist/ when they are valid.
check_and_build() {
  echo "serve: checking $seeds"
  if cargo run -q -p evidence-core --bin seeds-check -- "$seeds"; then
    if bash scripts/build.sh; then
      echo "serve: rebuilt $(date +%H:%M:%S): reload the page"
    else
      echo "serve: the build failed (above); dist/ keeps the last good build"
    fi
  else
    echo "serve: the seeds have problems (above, as file:line); fix them and save: dist/ keeps the last good build"
  fi
}

if [ "$watch" = 0 ]; then
  bash scripts/build.sh
  echo
  echo "serve: http://127.0.0.1:$port/          (Ctrl-C stops)"
  echo "serve: single file (open it from disk): file://$(pwd)/dist/explorer.html"
  exec python3 -m http.server --bind 127.0.0.1 "$port" -d dist
fi

check_and_build
mkdir -p dist
python3 -m http.server --bind 127.0.0.1 "$port" -d dist &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT INT TERM
echo
echo "serve: http://127.0.0.1:$port/   watching $seeds/ (Ctrl-C stops)"
last="$(fingerprint)"
while kill -0 "$server" 2>/dev/null; do
  sleep 1
  now="$(fingerprint)"
  if [ "$now" != "$last" ]; then
    last="$now"
    echo
    echo "serve: $seeds changed"
    check_and_build
    # Changes saved during the build are picked up on the next round.
  fi
done
