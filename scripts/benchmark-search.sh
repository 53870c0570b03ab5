#!/usr/bin/env bash
# Search latency on a generated corpus, in a throw-away database.
#
#   scripts/benchmark-search.sh [DOCUMENTS] [sqlite|pg] [ENGINE ...]
#
# With no ENGINE, the database engine and Elasticsearch run side by side in one
# run, on the same corpus (the generator is seeded), one after the other so
# they do not compete for the machine. Elasticsearch is started for the run
# (scripts/elasticsearch.sh) unless ELASTICSEARCH_URL names a node already.
# ENGINE may also be `wagtail`: Wagtail's built-in search as the baseline
# (live pages, each query abandoned after --timeout seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-10000}
database=${2:-sqlite}
shift $(( $# > 2 ? 2 : $# ))
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(search.engines.database search.engines.elastic)
work=$(mktemp -d)
started_elasticsearch=""
cleanup() {
  [ -z "$started_elasticsearch" ] || scripts/elasticsearch.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$database" = pg ]; then
  eval "$(scripts/postgres.sh start)"
  export DATABASE_URL
else
  export DATABASE_URL="sqlite:///$work/benchmark.sqlite3"
fi
if [[ " ${engines[*]} " == *" search.engines.elastic "* ]] && [ -z "${ELASTICSEARCH_URL:-}" ]; then
  found=$(scripts/elasticsearch.sh start)
  eval "$found"
  export ELASTICSEARCH_URL
  started_elasticsearch=yes
fi
export PORTAL_SEARCH_INDEX_PREFIX=benchmark
.venv/bin/python manage.py migrate --noinput -v0
for engine in "${engines[@]}"; do
  .venv/bin/python manage.py benchmark_search --documents "$documents" --engine "$engine" \
    --i-know-this-empties-the-index
done
