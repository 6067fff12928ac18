#!/usr/bin/env bash
# Trunk post-build hook (release builds; run before scripts/csp.sh): minifies the JavaScript with
# esbuild. Trunk's own minifier fails on wasm-bindgen's glue ("Failed to minify JS") and leaves
# it as is: 12 KB gzip instead of 9. Export names stay (the page and the worker call the glue's
# exports by name); local names are shortened. The glue is rewritten in place, so its
# Subresource Integrity hash in index.html is recomputed, whatever the attribute order; a file
# index.html names with a hash that could not be updated fails the build.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# scripts/tools.sh puts .tools on PATH when sourced; a build started without it still finds it.
esbuild="$(command -v esbuild || echo "$root/.tools/node_modules/.bin/esbuild")"
[ -x "$esbuild" ] || { echo "minify-js.sh: esbuild not found (scripts/tools.sh installs it into .tools/)" >&2; exit 1; }
shopt -s nullglob
for js in "$dir"/*.js; do
  "$esbuild" "$js" --minify --format=esm --log-level=warning --outfile="$js.min"
  mv "$js.min" "$js"
done
# Every <link> or <script> naming one of these files with an integrity attribute gets the new hash.
node - "$dir" <<'JS'
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const dir = process.argv[2];
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const sri = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, name))).digest('base64')}`;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tag = new RegExp(`<(?:link|script)\\b[^>]*\\b(?:href|src)="?\\./${escaped}"?[^>]*>`, 'g');
  html = html.replace(tag, (t) => t.replace(/\bintegrity="?sha384-[A-Za-z0-9+/=]+"?/, `integrity="${sri}"`));
  for (const t of html.match(tag) ?? []) {
    if (/\bintegrity=/.test(t) && !t.includes(sri)) {
      console.error(`minify-js.sh: could not update the integrity of ${name} in ${t}`);
      process.exit(1);
    }
  }
}
fs.writeFileSync(file, html);
JS
