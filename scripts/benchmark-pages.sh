#!/usr/bin/env bash
# What the key pages weigh and how soon their content shows on a phone over slow 3G,
# in headless Chromium against the demo portal (loaded into a throw-away database).
#
#   scripts/benchmark-pages.sh [RUNS]
#
# Prints figures and the practice page's budgets (main content within 3 s, at most
# 150 KB before images); exits non-zero when a budget is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL_CHROMIUM="${PORTAL_CHROMIUM:-$(scripts/chromium.sh)}"
export PORTAL_CHROMIUM
exec .venv/bin/python -m tests.browser.benchmark --runs "${1:-3}"
