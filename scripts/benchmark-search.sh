#!/usr/bin/env bash
# Search latency on a generated corpus, in a throw-away database.
#
#   scripts/benchmark-search.sh [DOCUMENTS] [sqlite|pg] [ENGINE]
#
# ENGINE is a module such as search.engines.database (default) or
# search.engines.elastic (with ELASTICSEARCH_URL set), or `wagtail` for
# Wagtail's built-in search as the baseline (live pages, each query abandoned
# after --timeout seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-10000}
database=${2:-sqlite}
engine=${3:-search.engines.database}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$database" = pg ]; then
  eval "$(scripts/postgres.sh start)"
  export DATABASE_URL
else
  export DATABASE_URL="sqlite:///$work/benchmark.sqlite3"
fi
export PORTAL_SEARCH_INDEX_PREFIX=benchmark
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py benchmark_search --documents "$documents" --engine "$engine" \
  --i-know-this-empties-the-index
