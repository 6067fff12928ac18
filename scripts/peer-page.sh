#!/usr/bin/env bash
# Trunk post-build hook (release builds; run after scripts/csp.sh): builds the peer benchmark page
# into dist/peer/ — its own WebAssembly module (src/peer_page: the peer model, the worker pool, no
# UI) with wasm-bindgen's glue, its worker script and its page. `shared/peer/run_bench.sh
# dist/peer` measures it; the explorer itself ships no benchmark code (BENCHMARKS.md).
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# scripts/tools.sh puts these on PATH when sourced; a build started without it still finds them.
export PATH="$HOME/.cargo/bin:$root/.tools/node_modules/.bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --locked --quiet --target wasm32-unknown-unknown -p deal-peer-page
out="$dir/peer"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name peer \
  "$target/wasm32-unknown-unknown/release/deal_peer_page.wasm"
# Speed over size for a benchmark (the draw loop is already compiled at opt-level 3).
wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/peer_bg.wasm" -o "$out/peer_bg.wasm"
cp src/peer_page/index.html src/peer_page/index.js src/peer_page/peer-worker.js "$out/"
