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
# scripts/tools.sh puts the pinned tools on PATH when sourced; a build started without it still
# finds them where tools.sh installs them.
tool() { command -v "$1" || { [ -x "$2" ] && echo "$2"; } || { echo "peer-page.sh: $1 not found (scripts/tools.sh installs it)" >&2; exit 1; }; }
bindgen="$(tool wasm-bindgen "$HOME/.cargo/bin/wasm-bindgen")"
wasm_opt="$(tool wasm-opt "$root/.tools/node_modules/.bin/wasm-opt")"
# Wherever cargo puts its output (CARGO_TARGET_DIR, build.target-dir, ...).
target="$(cargo metadata --no-deps --format-version 1 --locked | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
cargo build --release --locked --quiet --target wasm32-unknown-unknown -p deal-peer-page
out="$dir/peer"
mkdir -p "$out"
"$bindgen" --target web --no-typescript --out-dir "$out" --out-name peer \
  "$target/wasm32-unknown-unknown/release/deal_peer_page.wasm"
# Speed over size for a benchmark (the draw loop is already compiled at opt-level 3).
"$wasm_opt" -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/peer_bg.wasm" -o "$out/peer_bg.wasm"
cp src/peer_page/index.html src/peer_page/index.js assets/worker.js "$out/"
# The glue and the module under names that change with their content, so a cached glue never
# meets a newer module (the explorer's own files are hashed by trunk).
hash="$(cat "$out/peer.js" "$out/peer_bg.wasm" | sha256sum | cut -c1-16)"
mv "$out/peer.js" "$out/peer-$hash.js"
mv "$out/peer_bg.wasm" "$out/peer-${hash}_bg.wasm"
sed -i "s/\.\/peer\.js/.\/peer-$hash.js/g; s/\.\/peer_bg\.wasm/.\/peer-${hash}_bg.wasm/g" "$out/index.html" "$out/index.js"
grep -q "peer-$hash.js" "$out/index.html" && grep -q "peer-${hash}_bg.wasm" "$out/index.js" \
  || { echo "peer-page.sh: could not point the page at its hashed files" >&2; exit 1; }
