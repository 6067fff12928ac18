#!/usr/bin/env bash
# Installs what the tests need (once, cached) and runs every test: formatting and lints, dependency
# licences and sources (cargo deny), native
# unit/integration/doc tests, the wasm tests in headless Chromium, the release build with its
# size budget, and the end-to-end tests of that build in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools.sh
source scripts/tools.sh test

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

step "format and lints"
cargo fmt --all -- --check || fail "cargo fmt: run \`cargo fmt --all\`"
cargo clippy --workspace --all-targets --locked -- -D warnings || fail "clippy"
cargo clippy --workspace --lib --bins --test wasm --target wasm32-unknown-unknown --locked -- -D warnings || fail "clippy (wasm32)"

step "dependency licences, bans and sources (cargo deny; deny.toml)"
cargo deny --locked check --hide-inclusion-graph licenses bans sources || fail "cargo deny: see deny.toml"

step "native tests"
cargo test --workspace --locked || fail "native tests"

step "wasm tests in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test wasm || fail "wasm tests"

step "release build"
trunk build --release --locked >/dev/null || fail "trunk build --release"
bash scripts/budget.sh || fail "size budget"

step "debug build (the panic-banner test's hook exists only in debug builds)"
trunk build --locked --dist dist-dev >/dev/null || fail "trunk build (debug)"

step "end-to-end tests in headless Chromium"
cargo build --locked --bin deal-explorer
(cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec) || fail "end-to-end tests"
