#!/usr/bin/env bash
# Installs, idempotently, every tool the project needs, at the versions verified in
# ../shared/TOOLCHAIN.md. Source it (it exports PATH) or run it. Usage: tools.sh [build|test]
#   build: wasm target, trunk, wasm-bindgen-cli, wasm-opt (binaryen from npm), esbuild (npm; minifies the JS)
#   test:  build tools + cargo-deny + Debian chromium/chromedriver + the e2e test's npm packages
# A second run only checks versions and takes seconds. Nothing is downloaded outside the
# crate registry, npm and Debian apt.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
ESBUILD_VERSION=0.28.2
CARGO_DENY_VERSION=0.20.2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mode="${1:-build}"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[tools] error:\033[0m %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown || die "rustup could not add wasm32-unknown-unknown"
fi

have_version() { # cmd expected
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"
}

if ! have_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install trunk --locked --version "$TRUNK_VERSION" || die "cargo install trunk failed"
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Not --locked: the published lock file does not build on this rustc (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" || die "cargo install wasm-bindgen-cli failed"
fi

command -v npm >/dev/null || { say "installing nodejs/npm from Debian"; apt-get update -qq && apt-get install -y -qq nodejs npm || die "apt-get could not install nodejs/npm"; }

if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" || die "npm could not install binaryen@$BINARYEN_VERSION"
  have_version wasm-opt "version $BINARYEN_VERSION" || die "wasm-opt on PATH is not binaryen $BINARYEN_VERSION: $(command -v wasm-opt)"
fi

# Trunk's own minifier fails on wasm-bindgen's JS and ships it as is; scripts/minify-js.sh
# minifies it with esbuild after each release build.
if ! have_version esbuild "^$ESBUILD_VERSION$"; then
  say "installing esbuild $ESBUILD_VERSION from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION" \
    || die "npm could not install esbuild@$ESBUILD_VERSION"
  have_version esbuild "^$ESBUILD_VERSION$" || die "esbuild on PATH is not $ESBUILD_VERSION: $(command -v esbuild)"
fi

if [ "$mode" = test ]; then
  if ! have_version cargo-deny "$CARGO_DENY_VERSION"; then
    say "installing cargo-deny $CARGO_DENY_VERSION (dependency licences and sources; about 5 minutes, once)"
    cargo install cargo-deny --locked --version "$CARGO_DENY_VERSION" || die "cargo install cargo-deny failed"
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver \
      || die "apt-get could not install chromium chromium-driver"
  fi
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ] || [ "$ROOT/tests/e2e/package-lock.json" -nt "$ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
    say "installing the browser tests' npm packages (playwright-core, axe-core; no browser download)"
    (cd "$ROOT/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund) \
      || die "npm ci in tests/e2e failed"
  fi
fi
say "tools ready: trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $BINARYEN_VERSION, esbuild $ESBUILD_VERSION$([ "$mode" = test ] && echo ", cargo-deny $CARGO_DENY_VERSION")${mode:+ ($mode)}"
