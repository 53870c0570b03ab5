#!/usr/bin/env bash
# A throw-away single-node Elasticsearch on 127.0.0.1 for tests and development.
#
#   eval "$(scripts/elasticsearch.sh start)"   # starts it and exports ELASTICSEARCH_URL
#   scripts/elasticsearch.sh stop              # stops it and deletes its data
#
# The server is Elastic's "integ-test-zip" distribution from Maven Central
# (fetched with mvn, so it lands in ~/.m2), unpacked once into a cache
# directory and reused. It ships without a JDK: a JDK 21 or newer is taken
# from ES_JAVA_HOME or the newest one under /usr/lib/jvm.
#
# That distribution carries only the core server plus the transport-netty4,
# x-pack-core, x-pack-security and apm modules: no analysis-common (so no
# asciifolding, edge_ngram, stemmers...), mapper-extras, lang-painless,
# reindex, ingest-common or rest-root (so "GET /", the client's info() and
# ping(), are not served). Text and keyword fields, the built-in analyzers
# (standard, simple, whitespace, keyword, stop), the lowercase filter, terms
# aggregations and completion fields work.
#
# Environment:
#   PORTAL_ES_VERSION   Elasticsearch version (default below)
#   PORTAL_ES_PORT      HTTP port (default 59200); transport uses port+100
#   PORTAL_ES_DIR       data, logs and config of this node (deleted by stop)
#   PORTAL_ES_CACHE     where unpacked distributions are kept
#   ES_JAVA_HOME        JDK to run it with (21 or newer)
#   ES_JAVA_OPTS        JVM options (default: a 512 MiB heap)
#   PORTAL_ES_KEEP_DATA true: a node started again keeps its data (a restart
#                       after a crash); otherwise every start is a fresh node
#
# Exits non-zero with a message when the server cannot start, so CI fails
# instead of silently skipping the search tests.
set -euo pipefail

version=${PORTAL_ES_VERSION:-9.5.4}
port=${PORTAL_ES_PORT:-59200}
transport_port=$((port + 100))
dir=${PORTAL_ES_DIR:-/tmp/portal-elasticsearch-$port}
if [ "$(id -u)" = 0 ]; then
  # The server runs as an unprivileged account, which cannot enter /root.
  cache=${PORTAL_ES_CACHE:-/var/cache/portal}
else
  cache=${PORTAL_ES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/portal}
fi
home=$cache/elasticsearch-$version
es_user=portal-es
url=http://127.0.0.1:$port
start_timeout=120
min_java=21

say() { echo "elasticsearch.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# Major version of the JDK in $1, or nothing.
java_major() {
  local jdk=$1 v=""
  [ -x "$jdk/bin/java" ] || return 0
  if [ -f "$jdk/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$jdk/release")
  fi
  if [ -z "$v" ]; then
    v=$("$jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

# The newest JDK under /usr/lib/jvm whose major version is $min_java or more.
find_jdk() {
  local jdk major best="" best_major=0
  for jdk in /usr/lib/jvm/*; do
    [ -d "$jdk" ] && [ ! -L "$jdk" ] || continue
    major=$(java_major "$jdk")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$min_java" ] && [ "$major" -gt "$best_major" ]; then
      best=$jdk best_major=$major
    fi
  done
  echo "$best"
}

# Debian bookworm has no JDK newer than 17; later releases do.
install_jdk() {
  local pkg candidate
  [ "$(id -u)" = 0 ] || return 0
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || return 0
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    candidate=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
    if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
      say "installing Debian's $pkg"
      apt-get install -y -qq "$pkg" >&2 && return 0
    fi
  done
}

java_home() {
  local jdk major
  if [ -n "${ES_JAVA_HOME:-}" ]; then
    major=$(java_major "$ES_JAVA_HOME")
    [ -n "$major" ] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
    [ "$major" -ge "$min_java" ] \
      || die "ES_JAVA_HOME=$ES_JAVA_HOME is Java $major; Elasticsearch $version needs Java $min_java or newer"
    echo "$ES_JAVA_HOME"
    return
  fi
  jdk=$(find_jdk)
  if [ -z "$jdk" ]; then
    say "no JDK $min_java+ under /usr/lib/jvm; looking for one in Debian's packages"
    install_jdk
    jdk=$(find_jdk)
  fi
  [ -n "$jdk" ] || die "Elasticsearch $version needs Java $min_java or newer and none was found under /usr/lib/jvm (nor in Debian's packages): install one or set ES_JAVA_HOME"
  echo "$jdk"
}

# Downloads the distribution through Maven and unpacks it into $home, once.
install_es() {
  local tmp zip
  [ -x "$home/bin/elasticsearch" ] && return 0
  command -v mvn >/dev/null || die "mvn not found: it is needed to fetch Elasticsearch from Maven Central"
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.elasticsearch-$version.XXXXXX")
  say "fetching Elasticsearch $version from Maven Central"
  if ! mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip" \
    -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$tmp/mvn.log" | grep -v '^\s*$' | tail -n 20 >&2 || true
    rm -rf "$tmp"
    die "could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip with mvn"
  fi
  zip=$tmp/elasticsearch-$version.zip
  [ -f "$zip" ] || { rm -rf "$tmp"; die "mvn did not produce $zip"; }
  say "unpacking into $home"
  if command -v unzip >/dev/null; then
    unzip -q "$zip" -d "$tmp"
  else
    python3 -m zipfile -e "$zip" "$tmp"
    chmod +x "$tmp/elasticsearch-$version"/bin/*
  fi
  [ -x "$tmp/elasticsearch-$version/bin/elasticsearch" ] \
    || { rm -rf "$tmp"; die "the zip has no elasticsearch-$version/bin/elasticsearch"; }
  # Moved into place whole, so an interrupted unpack is never taken for a cache hit.
  rm -rf "$home"
  mv "$tmp/elasticsearch-$version" "$home"
  rm -rf "$tmp"
}

# Elasticsearch refuses to run as root: as root it runs as $es_user.
ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  id -u "$es_user" >/dev/null 2>&1 \
    || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$es_user" \
    || die "could not create the system user $es_user"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$es_user" -- "$@"
  else
    "$@"
  fi
}

# Whether an Elasticsearch answers on $port. (This distribution has no handler
# for "GET /", so the client's info() and ping() fail against it.)
answers() {
  curl -s -f -m 5 "$url/_cluster/health" 2>/dev/null | grep -q '"cluster_name"'
}

healthy() {
  curl -s -f -m 10 "$url/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null \
    | grep -q '"status":"\(green\|yellow\)"'
}

running_pid() {
  local pid
  [ -f "$dir/elasticsearch.pid" ] || return 1
  pid=$(cat "$dir/elasticsearch.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

show_logs() {
  local f
  for f in "$dir/startup.log" "$dir/logs/portal.log"; do
    if [ -s "$f" ]; then
      say "--- last lines of $f"
      tail -n 40 "$f" >&2
    fi
  done
}

start() {
  local jdk deadline pid
  if answers; then
    say "already running on port $port"
    echo "export ELASTICSEARCH_URL=$url"
    return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is taken by something that is not Elasticsearch: set PORTAL_ES_PORT"
  fi

  jdk=$(java_home)
  install_es
  ensure_user

  # A fresh node every time unless asked to keep the data: data, logs and a
  # copy of the config live in $dir.
  stop_node
  if [ "${PORTAL_ES_KEEP_DATA:-false}" = true ] && [ -d "$dir/data" ]; then
    say "keeping the data in $dir/data"
    rm -rf "$dir/config" "$dir/tmp"
  else
    rm -rf "$dir"
  fi
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  cp -R "$home/config/." "$dir/config/"
  cat >"$dir/config/elasticsearch.yml" <<EOF
cluster.name: portal
node.name: portal-test
network.host: 127.0.0.1
http.port: $port
transport.port: $transport_port
discovery.type: single-node
path.data: $dir/data
path.logs: $dir/logs
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
  if [ "$(id -u)" = 0 ]; then
    chown -R "$es_user:" "$dir" "$home"
  fi

  say "starting Elasticsearch $version on $url (Java $(java_major "$jdk") from $jdk)"
  # -d returns once the node has started or failed; -p writes its pid.
  if ! as_owner env \
    ES_JAVA_HOME="$jdk" \
    ES_PATH_CONF="$dir/config" \
    ES_TMPDIR="$dir/tmp" \
    ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
    timeout "$start_timeout" "$home/bin/elasticsearch" -d -p "$dir/elasticsearch.pid" \
    >"$dir/startup.log" 2>&1 </dev/null; then
    say "Elasticsearch did not start"
    show_logs
    stop_node
    exit 1
  fi

  deadline=$((SECONDS + start_timeout))
  until healthy; do
    if ! pid=$(running_pid); then
      say "Elasticsearch exited during start-up"
      show_logs
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "Elasticsearch did not report yellow health within ${start_timeout}s"
      show_logs
      stop_node
      exit 1
    fi
    sleep 1
  done
  echo "export ELASTICSEARCH_URL=$url"
}

stop_node() {
  local pid i
  pid=$(running_pid) || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  say "Elasticsearch (pid $pid) did not stop in 30s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  stop_node
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
