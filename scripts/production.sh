#!/usr/bin/env bash
# The whole production stack on loopback, with production settings: PostgreSQL,
# Redis, Elasticsearch, gunicorn behind nginx (TLS, and /media/ served from
# disk), and the task worker. For rehearsing a deploy, and for CI's smoke suite
# and fault drills (tests/production).
#
#   eval "$(scripts/production.sh start)"    # exports PORTAL_PRODUCTION_URL, _ENV and _CA
#   scripts/production.sh start --demo       # the same, with the demo pages loaded
#   scripts/production.sh restart worker|app|redis|elasticsearch
#   scripts/production.sh stop               # stops everything and deletes its data
#
# `set -a; . "$PORTAL_PRODUCTION_ENV"; set +a` gives a shell the stack's
# settings, so `.venv/bin/python manage.py …` works on its database.
#
# Every part must start, or the script stops with that part's log and a
# non-zero status. Mail goes to an SMTP server on 127.0.0.1:$smtp_port that
# the stack does not start (the smoke suite runs one); until one answers, mail
# waits in the task queue and is retried.
#
# Environment: PORTAL_PRODUCTION_DIR (state, logs, media; default
# /tmp/portal-production), PORTAL_PRODUCTION_PORT (HTTPS, 58443),
# PORTAL_WORKERS (gunicorn workers, 3), and EMAIL_TIMEOUT,
# PORTAL_MAIL_RETRY_DELAYS, PORTAL_PAGE_CACHE_SECONDS, PORTAL_TASKS_MAX_WAIT,
# which are passed on when set.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dir=${PORTAL_PRODUCTION_DIR:-/tmp/portal-production}
https_port=${PORTAL_PRODUCTION_PORT:-58443}
app_port=$((https_port - 443))
smtp_port=$((https_port - 418))
pg_port=55532
redis_port=56380
es_port=59250
python=$root/.venv/bin/python
url=https://127.0.0.1:$https_port

say() { echo "production.sh: $*" >&2; }
die() { say "$*"; exit 1; }

show_log() {
  if [ -s "$1" ]; then
    say "--- last lines of $1"
    tail -n 40 "$1" >&2
  fi
}

# The parts' own scripts, each on ports and folders of this stack.
pg() { PORTAL_PG_PORT=$pg_port PORTAL_PG_DIR=$dir/postgres scripts/postgres.sh "$@"; }
redis() { PORTAL_REDIS_PORT=$redis_port PORTAL_REDIS_DIR=$dir/redis scripts/redis.sh "$@"; }
es() { PORTAL_ES_PORT=$es_port PORTAL_ES_DIR=$dir/elasticsearch PORTAL_ES_KEEP_DATA=true scripts/elasticsearch.sh "$@"; }

write_env() {
  local secret
  if [ -f "$dir/secret-key" ]; then
    secret=$(cat "$dir/secret-key")
  else
    secret=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
    (umask 077; echo "$secret" >"$dir/secret-key")
  fi
  (
    umask 077
    cat >"$dir/env" <<EOF
DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY='$secret'
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=$url
WAGTAILADMIN_BASE_URL=$url
DATABASE_URL=postgres://portal@127.0.0.1:$pg_port/portal
REDIS_URL=redis://127.0.0.1:$redis_port/0
PORTAL_SEARCH_ENGINE=elasticsearch
ELASTICSEARCH_URL=http://127.0.0.1:$es_port
MEDIA_ROOT=$dir/media
STATIC_ROOT=$dir/static
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$smtp_port
EMAIL_USE_TLS=false
DEFAULT_FROM_EMAIL=portal@localhost
SUBMISSIONS_CLIENT_IP_HEADER=HTTP_X_REAL_IP
PORTAL_BIND=127.0.0.1:$app_port
PORTAL_WORKERS=${PORTAL_WORKERS:-3}
EOF
    local name
    for name in EMAIL_TIMEOUT PORTAL_MAIL_RETRY_DELAYS PORTAL_PAGE_CACHE_SECONDS PORTAL_TASKS_MAX_WAIT; do
      if [ -n "${!name:-}" ]; then
        echo "$name=${!name}" >>"$dir/env"
      fi
    done
  )
}

# Runs "$@" with the stack's settings.
with_env() { (set -a; . "$dir/env"; set +a; "$@"); }

manage() {
  with_env "$python" manage.py "$@" >>"$dir/logs/manage.log" 2>&1 \
    || { show_log "$dir/logs/manage.log"; die "manage.py $1 failed"; }
}

write_tls() {
  [ -f "$dir/tls/cert.pem" ] && return 0
  mkdir -p "$dir/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >/dev/null 2>&1 \
    || die "openssl could not make the TLS certificate"
}

install_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] && return 0
  [ "$(id -u)" = 0 ] || die "nginx not found and not root: install the 'nginx' Debian package"
  say "installing Debian's nginx package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 nginx >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 nginx >&2; } \
    || die "could not install nginx"
}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# What an operator puts in front of gunicorn: TLS, slow clients, and /media/
# from disk, except the folders only Django may hand out after its checks.
write_nginx() {
  mkdir -p "$dir/nginx"
  cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  # Above the share form's own limits, so Django answers an oversized post with its message.
  client_max_body_size 250m;
  server_tokens off;
  server {
    listen 127.0.0.1:$https_port ssl;
    server_name localhost 127.0.0.1;
    ssl_certificate $dir/tls/cert.pem;
    ssl_certificate_key $dir/tls/key.pem;
    # Documents are downloaded through Django, which checks their privacy;
    # the files of shared practices are for the moderators only.
    location /media/documents/ { return 404; }
    location /media/submissions/ { return 404; }
    location /media/ {
      alias $dir/media/;
      expires 30d;
      add_header X-Content-Type-Options nosniff;
      add_header Content-Security-Policy "default-src 'none'; img-src 'self'; style-src 'none'; sandbox";
    }
    location / {
      proxy_pass http://127.0.0.1:$app_port;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_read_timeout 60s;
    }
  }
}
EOF
}

pid_of() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null && cat "$1"; }

stop_pid() {
  local pid i
  pid=$(pid_of "$1") || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

start_app() {
  stop_pid "$dir/gunicorn.pid"
  with_env "$root/.venv/bin/gunicorn" -c python:portal.gunicorn portal.wsgi --daemon \
    --pid "$dir/gunicorn.pid" --access-logfile "$dir/logs/access.log" --error-logfile "$dir/logs/gunicorn.log" \
    || { show_log "$dir/logs/gunicorn.log"; die "gunicorn did not start"; }
}

start_worker() {
  stop_pid "$dir/worker.pid"
  # A stable id, so that a worker started again takes back what it had claimed.
  (set -a; . "$dir/env"; set +a; exec "$python" manage.py run_worker --worker-id production-1) \
    >>"$dir/logs/worker.log" 2>&1 </dev/null &
  echo $! >"$dir/worker.pid"
  sleep 2
  pid_of "$dir/worker.pid" >/dev/null || { show_log "$dir/logs/worker.log"; die "the task worker did not start"; }
}

start_nginx() {
  if pid_of "$dir/nginx/nginx.pid" >/dev/null; then
    "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -s reload 2>>"$dir/logs/nginx-error.log"
    return
  fi
  "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -t >>"$dir/logs/nginx-error.log" 2>&1 \
    && "$(nginx_bin)" -c "$dir/nginx/nginx.conf" 2>>"$dir/logs/nginx-error.log" \
    || { show_log "$dir/logs/nginx-error.log"; die "nginx did not start"; }
}

wait_healthy() {
  local deadline=$((SECONDS + 60)) status=""
  until [ "$status" = 200 ]; do
    status=$(curl -s -o "$dir/logs/healthz.json" -w '%{http_code}' -m 10 --cacert "$dir/tls/cert.pem" "$url/healthz" || true)
    if [ "$SECONDS" -ge "$deadline" ]; then
      show_log "$dir/logs/gunicorn.log"
      show_log "$dir/logs/healthz.json"
      die "$url/healthz did not answer 200 within 60 s (last: ${status:-no answer})"
    fi
    [ "$status" = 200 ] || sleep 1
  done
}

start() {
  local demo=false
  [ "${1:-}" = --demo ] && demo=true
  [ -x "$python" ] || die "no virtualenv: run 'make install' first"
  "$python" -c 'import gunicorn, redis' 2>/dev/null || die "the virtualenv lacks gunicorn or redis: run 'make install'"
  mkdir -p "$dir/logs" "$dir/media" "$dir/static"
  # nginx's workers run as an unprivileged account and must reach the media folder.
  chmod 755 "$dir" "$dir/media"
  install_nginx
  write_tls
  write_env

  say "PostgreSQL on 127.0.0.1:$pg_port"
  pg start >/dev/null
  say "Redis on 127.0.0.1:$redis_port"
  redis start >/dev/null
  say "Elasticsearch on 127.0.0.1:$es_port"
  es start >/dev/null

  say "migrate, collectstatic, the search index"
  manage migrate --noinput
  manage collectstatic --noinput
  if [ "$demo" = true ]; then
    manage load_demo_content
  fi
  manage rebuild_search_index

  say "gunicorn on 127.0.0.1:$app_port, nginx on $url, the task worker"
  start_app
  start_worker
  write_nginx
  start_nginx
  wait_healthy
  say "ready: $url (logs in $dir/logs)"
  echo "export PORTAL_PRODUCTION_URL=$url PORTAL_PRODUCTION_ENV=$dir/env PORTAL_PRODUCTION_CA=$dir/tls/cert.pem"
}

restart() {
  [ -f "$dir/env" ] || die "the stack is not running (no $dir/env)"
  case "${1:-}" in
    worker) start_worker ;;
    app) start_app ;;
    redis) redis start >/dev/null ;;
    elasticsearch) es start >/dev/null ;;
    *) die "usage: $0 restart worker|app|redis|elasticsearch" ;;
  esac
}

stop() {
  stop_pid "$dir/worker.pid"
  stop_pid "$dir/gunicorn.pid"
  if pid_of "$dir/nginx/nginx.pid" >/dev/null; then
    "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -s quit 2>/dev/null || stop_pid "$dir/nginx/nginx.pid"
  fi
  es stop || true
  redis stop || true
  pg stop || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  restart) shift; restart "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [--demo]|restart PART|stop" >&2; exit 2 ;;
esac
