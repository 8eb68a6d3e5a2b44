#!/usr/bin/env bash
# Serves the portal on 127.0.0.1:8000 with the background worker (long PDF rendering) beside it.
set -euo pipefail
PY=${PY:-.venv/bin/python}
ADDR=${ADDR:-127.0.0.1:8000}
"$PY" manage.py jalankan_pekerja --queue-name '*' &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver "$ADDR"
