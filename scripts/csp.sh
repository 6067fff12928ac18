#!/usr/bin/env bash
# Trunk post-build hook: adds a Content-Security-Policy to the built index.html. Trunk's loader
# is an inline module script whose text names the hashed file names, so its hash changes with
# every build; this computes it and allows exactly that script. Everything else must come from
# the site itself: no third-party origin, no other inline script, no eval (WebAssembly
# compilation is allowed by 'wasm-unsafe-eval'). Inline style attributes are allowed (the UI
# positions tooltips and swatches with them); they cannot run code.
set -euo pipefail
html="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
# The text between the first <script type=module> (quoted or not) and its </script>.
# (Written to a file: command substitution would drop trailing newlines and change the hash.)
script="$html.script"
awk 'BEGIN { RS = "</script>" } { i = index($0, "<script type=module>"); if (i == 0) { i = index($0, "<script type=\"module\">"); n = 22 } else { n = 20 } if (i > 0) { printf "%s", substr($0, i + n); exit } }' "$html" > "$script"
[ -s "$script" ] || { echo "csp.sh: no inline module script in $html" >&2; exit 1; }
hex="$(sha256sum "$script" | cut -d' ' -f1)"
rm -f "$script"
hash="$(printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | base64 -w0)"
policy="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
tag="<meta http-equiv=\"Content-Security-Policy\" content=\"${policy}\">"
# Right after <meta charset…>, before anything that loads.
awk -v tag="$tag" '{ if (!done && sub(/<meta charset=[^>]*>/, "&" tag)) done = 1; print }' "$html" > "$html.tmp"
grep -q 'Content-Security-Policy' "$html.tmp" || { echo "csp.sh: no <meta charset> in $html" >&2; exit 1; }
mv "$html.tmp" "$html"
