#!/usr/bin/env bash
# Pin requirements.in and requirements-dev.in, with everything they pull in,
# into requirements.txt and requirements-dev.txt, using throw-away virtualenvs.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

"$python" -m venv "$work/runtime"
"$work/runtime/bin/pip" install --quiet -r requirements.in
{
  echo "# Generated from requirements.in by \`make lock\`; edit that file, not this one."
  "$work/runtime/bin/pip" freeze | sort -f
} > requirements.txt

"$python" -m venv "$work/dev"
"$work/dev/bin/pip" install --quiet -r requirements.txt -r requirements-dev.in
{
  echo "# Generated from requirements-dev.in by \`make lock\`; edit that file, not this one."
  echo "-r requirements.txt"
  comm -23 <("$work/dev/bin/pip" freeze | sort) <("$work/runtime/bin/pip" freeze | sort)
} > requirements-dev.txt
echo "requirements.txt and requirements-dev.txt updated."
