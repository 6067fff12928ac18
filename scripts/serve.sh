#!/usr/bin/env bash
# Installs what is missing (once, cached) and serves the release build on http://127.0.0.1:8080/
# with live rebuild. Extra arguments go to `trunk serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools.sh
source scripts/tools.sh build
echo "Serving on http://127.0.0.1:8080/ (Ctrl+C to stop)"
# No auto-reload: its injected inline script would break the Content-Security-Policy (scripts/csp.sh).
exec trunk serve --release --no-autoreload "$@"
