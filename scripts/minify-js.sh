#!/usr/bin/env bash
# Trunk post-build hook (release builds): minifies the JavaScript with esbuild. Trunk's own
# minifier fails on wasm-bindgen's glue ("Failed to minify JS") and leaves it as is: 12 KB gzip
# instead of 9. The glue is rewritten in place, so its Subresource Integrity hash in index.html
# is recomputed; the worker script (copied as is) is minified too. Names are kept: the page and
# the worker call the glue's exports by name.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
command -v esbuild >/dev/null || { echo "minify-js.sh: esbuild not on PATH (scripts/tools.sh installs it)" >&2; exit 1; }
for js in "$dir"/*.js; do
  esbuild "$js" --minify --format=esm --log-level=warning --outfile="$js.min"
  mv "$js.min" "$js"
  name="$(basename "$js")"
  # index.html names the file with an integrity attribute when it preloads it (the glue).
  pattern="(href=\"?\./$name\"?[[:space:]]+integrity=\"?)sha384-[A-Za-z0-9+/=]+"
  if grep -Eq "$pattern" "$dir/index.html"; then
    sri="sha384-$(node -e 'process.stdout.write(require("crypto").createHash("sha384").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$js")"
    sed -Ei "s#$pattern#\1$sri#" "$dir/index.html"
    grep -q "$sri" "$dir/index.html" || { echo "minify-js.sh: could not update the integrity of $name" >&2; exit 1; }
  fi
done
