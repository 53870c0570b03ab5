#!/usr/bin/env bash
# A throw-away Redis server on 127.0.0.1 for the test suite.
#
#   eval "$(scripts/redis.sh start)"   # starts it and exports REDIS_URL
#   scripts/redis.sh stop
#
# PORTAL_REDIS_PORT (56379) and PORTAL_REDIS_DIR (/tmp/portal-redis-$port) pick
# another server, for instance one a test stops and starts again.
# Installs Debian's redis-server package when no redis-server binary is found.
# Exits non-zero with a message and the server's log when it cannot start, so
# CI fails instead of skipping the Redis tests.
set -euo pipefail

port=${PORTAL_REDIS_PORT:-56379}
dir=${PORTAL_REDIS_DIR:-/tmp/portal-redis-$port}

say() { echo "redis.sh: $*" >&2; }

install_server() {
  if [ "$(id -u)" != 0 ]; then
    say "no redis-server found and not root: install the 'redis-server' Debian package"
    exit 1
  fi
  say "installing Debian's redis-server package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
}

# Bash's /dev/tcp rather than redis-cli, which a redis-server built elsewhere may lack.
answers_ping() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 1 reply <&3 2>/dev/null || true
  exec 3>&- 3<&-
  [ "${reply%$'\r'}" = "+PONG" ]
}

running_pid() {
  local pid
  pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  fi
}

start() {
  local server
  server=$(command -v redis-server || true)
  if [ -z "$server" ]; then
    install_server
    server=$(command -v redis-server || true)
  fi
  [ -n "$server" ] || { say "redis-server not found after install"; exit 1; }

  if [ -n "$(running_pid)" ] && answers_ping; then
    say "already running in $dir"
  else
    if answers_ping; then
      say "port $port is held by a Redis this script did not start in $dir; pick another PORTAL_REDIS_PORT"
      exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    # Redis runs as root without complaint, so unlike postgres.sh there is no
    # other account. Nothing is saved to disk: the server holds test data only.
    "$server" --bind 127.0.0.1 --port "$port" --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/server.log" \
      --save "" --appendonly no >"$dir/start.log" 2>&1 \
      || { say "server did not start; its output follows"; cat "$dir/start.log" "$dir/server.log" >&2 2>/dev/null; exit 1; }
    local tries=0
    until answers_ping; do
      tries=$((tries + 1))
      # A server that exited (a taken port, a bad option) gets a second; a slow one ten.
      if [ "$tries" -ge 100 ] || { [ "$tries" -ge 10 ] && [ -z "$(running_pid)" ]; }; then
        say "server is not answering on 127.0.0.1:$port; log follows"
        cat "$dir/server.log" >&2 2>/dev/null || true
        exit 1
      fi
      sleep 0.1
    done
  fi
  echo "export REDIS_URL=redis://127.0.0.1:$port/0"
}

stop() {
  local pid tries=0
  pid=$(running_pid)
  if [ -n "$pid" ]; then
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
      tries=$((tries + 1))
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid"
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
