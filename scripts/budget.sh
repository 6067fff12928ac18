#!/usr/bin/env bash
# The explorer's transfer size: everything in dist/ but the peer benchmark page in dist/peer/ (which
# the explorer never loads), gzip -9. It must stay under BUDGET_KB, which is lowered whenever the site
# shrinks so that growth is a decision, never an accident. Issue 12's goal is 350 KB; BENCHMARKS.md
# ("Transfer size") has the size after every change and what each feature and each trim cost.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUDGET_KB=664
total=0
while IFS= read -r -d '' f; do
  size=$(gzip -9 -c "$f" | wc -c)
  printf '  %8d B gz  %s\n' "$size" "${f#dist/}"
  total=$((total + size))
done < <(find dist -path dist/peer -prune -o -type f -print0 | sort -z)
peer=0
while IFS= read -r -d '' f; do
  peer=$((peer + $(gzip -9 -c "$f" | wc -c)))
done < <(find dist/peer -type f -print0 2>/dev/null)
[ "$peer" -gt 0 ] || { echo "dist/peer/ (the peer benchmark page) is missing" >&2; exit 1; }
echo "peer benchmark page (dist/peer/, not loaded by the explorer): $(( (peer + 1023) / 1024 )) KB gzip"
kb=$(( (total + 1023) / 1024 ))
echo "release site: ${kb} KB gzip (budget ${BUDGET_KB} KB)"
[ "$kb" -le "$BUDGET_KB" ] || { echo "over budget by $((kb - BUDGET_KB)) KB" >&2; exit 1; }
