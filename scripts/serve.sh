#!/usr/bin/env bash
# Build (release), then serve dist/ on http://127.0.0.1:PORT/ (PORT: first argument, $PORT, or 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${1:-${PORT:-8080}}"
bash scripts/build.sh
echo
echo "serve: http://127.0.0.1:$port/          (Ctrl-C stops)"
echo "serve: single file (open it from disk): file://$(pwd)/dist/explorer.html"
exec python3 -m http.server --bind 127.0.0.1 "$port" -d dist
