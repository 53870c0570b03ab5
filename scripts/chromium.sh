#!/usr/bin/env bash
# The Chromium the browser tests drive: Debian's package, never a downloaded build.
#
#   export PORTAL_CHROMIUM="$(scripts/chromium.sh)"   # installs Debian's chromium if missing
#   scripts/chromium.sh --find                        # only looks; exits 1 when there is none
#
# Prints the executable's path once Chromium has started headless and rendered
# a page; otherwise exits non-zero with a one-line reason, so CI fails early.
set -euo pipefail

say() { echo "chromium.sh: $*" >&2; }

find_chromium() {
  local name
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

install_chromium() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      say "Chromium is not installed and installing it needs root: install Debian's 'chromium' package"
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Chromium is not installed and there is no apt-get: install Chromium and set PORTAL_CHROMIUM"
    exit 1
  fi
  say "installing Debian's chromium package"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2 || { say "apt-get update failed"; exit 1; }
  $sudo apt-get install -y -qq chromium >&2 || { say "apt-get install chromium failed"; exit 1; }
}

# Rendering a page proves more than --version: the shared libraries, the
# sandbox settings and /dev/shm all have to work for Playwright to use it.
check_starts() {
  local path=$1 dom
  dom=$(timeout 120 "$path" --headless --no-sandbox --disable-gpu --dump-dom \
    'data:text/html,<p>ready</p>' 2>/dev/null) || true
  case "$dom" in
    *ready*) ;;
    *) say "$path is installed but does not start headless"; exit 1 ;;
  esac
}

mode=${1:-install}
case "$mode" in
  --find)
    path=$(find_chromium) || { say "no Chromium found (Debian package 'chromium')"; exit 1; }
    ;;
  install)
    path=$(find_chromium) || { install_chromium; path=$(find_chromium) || { say "Chromium not found after install"; exit 1; }; }
    ;;
  *) echo "usage: $0 [--find]" >&2; exit 2 ;;
esac
check_starts "$path"
echo "$path"
