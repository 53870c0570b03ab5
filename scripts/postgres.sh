#!/usr/bin/env bash
# A throw-away PostgreSQL server on 127.0.0.1 for the test suite.
#
#   eval "$(scripts/postgres.sh start)"   # starts it and exports DATABASE_URL
#   scripts/postgres.sh stop
#
# Installs Debian's postgresql package when no server binaries are found.
# Exits non-zero with a message when the server cannot start, so CI fails
# instead of silently testing SQLite twice.
set -euo pipefail

port=${PORTAL_PG_PORT:-55432}
dir=${PORTAL_PG_DIR:-/tmp/portal-postgres-$port}
user=portal
database=portal

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
    echo "$candidate"
  fi
}

install_server() {
  if [ "$(id -u)" != 0 ]; then
    say "no PostgreSQL server found and not root: install the 'postgresql' Debian package"
    exit 1
  fi
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# initdb and postgres refuse to run as root, so as root they run as the
# 'postgres' account that the Debian package creates.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bindir
  bindir=$(find_bindir)
  if [ -z "$bindir" ]; then
    install_server
    bindir=$(find_bindir)
  fi
  [ -n "$bindir" ] || { say "PostgreSQL binaries not found after install"; exit 1; }

  if [ -f "$dir/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    say "already running in $dir"
  else
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Durability settings are off: this server holds test data only.
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { say "server did not start; log follows"; cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database"
  fi
  as_owner "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -U "$user" >/dev/null \
    || { say "server is not accepting connections"; exit 1; }
  echo "export DATABASE_URL=postgres://$user@127.0.0.1:$port/$database"
}

stop() {
  local bindir
  bindir=$(find_bindir)
  if [ -n "$bindir" ] && [ -d "$dir" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
