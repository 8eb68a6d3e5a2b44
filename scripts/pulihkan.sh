#!/usr/bin/env bash
# Restore a backup made by scripts/cadangkan.sh: the database and the media files together,
# then check every signed document against its stored hash (manage.py periksa_arsip).
#
#   scripts/pulihkan.sh FOLDER --ya
#
# Stop the web server and the worker first. The target is the portal's own environment
# (DATABASE_URL, MEDIA_ROOT, LKJ_VAR_DIR; LKJ_ENV_FILE is read first when set):
#   PostgreSQL: the database must exist (createdb); its objects are replaced (pg_restore
#               --clean --if-exists), nothing outside the dump is touched.
#   SQLite:     the database file is replaced (the old one is kept as *.sebelum-pulih).
#   Media:      MEDIA_ROOT must be empty or missing (move the old files away first).
# --ya confirms that the database named above may be overwritten.
set -euo pipefail

if [ -n "${LKJ_ENV_FILE:-}" ]; then
  set -a; . "$LKJ_ENV_FILE"; set +a
fi
FOLDER=${1:?"Pakai: scripts/pulihkan.sh FOLDER --ya"}
[ "${2:-}" = "--ya" ] || { echo "Tambahkan --ya: basis data tujuan akan ditimpa." >&2; exit 2; }
FOLDER=$(cd "$FOLDER" && pwd)
cd "$(dirname "$0")/.."
VAR_DIR=${LKJ_VAR_DIR:-var}
MEDIA=${MEDIA_ROOT:-$VAR_DIR/media}
DB_URL=${DATABASE_URL:-}
PY=${PY:-.venv/bin/python}

(cd "$FOLDER" && sha256sum --check --quiet SHA256SUMS) || {
  echo "Cadangan rusak: checksum tidak cocok (SHA256SUMS)." >&2; exit 1; }
if [ -d "$MEDIA" ] && [ -n "$(ls -A "$MEDIA")" ]; then
  echo "Folder media tidak kosong: $MEDIA. Pindahkan isinya dulu." >&2; exit 1
fi

case "$DB_URL" in
  postgres://*|postgresql://*|pgsql://*)
    [ -f "$FOLDER/basis-data.dump" ] || { echo "Cadangan ini bukan PostgreSQL." >&2; exit 1; }
    pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
      --dbname="${DB_URL/#pgsql:/postgresql:}" "$FOLDER/basis-data.dump" ;;
  ""|sqlite://*)
    [ -f "$FOLDER/basis-data.sqlite3" ] || { echo "Cadangan ini bukan SQLite." >&2; exit 1; }
    db=${DB_URL#sqlite:///}
    [ -z "$DB_URL" ] && db="$VAR_DIR/lkj.sqlite3"
    mkdir -p "$(dirname "$db")"
    [ -f "$db" ] && mv "$db" "$db.sebelum-pulih"
    cp "$FOLDER/basis-data.sqlite3" "$db" ;;
  *)
    echo "DATABASE_URL tidak dikenal (harus postgres:// atau sqlite://)." >&2; exit 1 ;;
esac

mkdir -p "$MEDIA"
tar -C "$MEDIA" -xzf "$FOLDER/media.tar.gz"

"$PY" manage.py migrate --check >/dev/null || {
  echo "Peringatan: basis data belum pada migrasi kode ini; jalankan manage.py migrate." >&2; }
"$PY" manage.py periksa_arsip
