#!/usr/bin/env bash
# Back up LKJ Portal's database and media files together, into one dated folder.
#
#   scripts/cadangkan.sh [TARGET]      (default: $LKJ_VAR_DIR/cadangan, i.e. var/cadangan)
#
# Reads the same environment as the portal (DATABASE_URL, MEDIA_ROOT, LKJ_VAR_DIR); with
# LKJ_ENV_FILE set, that env file is read first (e.g. /etc/lkj-portal/env). The folder holds:
#   basis-data.dump      PostgreSQL: pg_dump custom format (-Fc), restored with pg_restore
#   basis-data.sqlite3   SQLite: a consistent copy made with sqlite3's .backup
#   media.tar.gz         every uploaded and generated file (evidence, signed PDFs, ...)
#   INFO, SHA256SUMS     what was backed up, and the checksums pulihkan.sh checks
# The database is dumped first, then the media: files referenced by the dump are all in the
# archive (files written meanwhile are extra, never missing). Restore with scripts/pulihkan.sh.
set -euo pipefail

if [ -n "${LKJ_ENV_FILE:-}" ]; then
  set -a; . "$LKJ_ENV_FILE"; set +a
fi
cd "$(dirname "$0")/.."
VAR_DIR=${LKJ_VAR_DIR:-var}
MEDIA=${MEDIA_ROOT:-$VAR_DIR/media}
TARGET=${1:-$VAR_DIR/cadangan}
DB_URL=${DATABASE_URL:-}

folder="$TARGET/lkj-$(date -u +%Y%m%d-%H%M%SZ)"
mkdir -p "$folder"
trap 'echo "Pencadangan GAGAL; folder tidak lengkap: $folder" >&2' ERR

case "$DB_URL" in
  postgres://*|postgresql://*|pgsql://*)
    pg_dump --format=custom --no-owner --no-privileges --dbname="${DB_URL/#pgsql:/postgresql:}" \
      --file="$folder/basis-data.dump"
    jenis=postgresql ;;
  ""|sqlite://*)
    db=${DB_URL#sqlite:///}
    [ -z "$DB_URL" ] && db="$VAR_DIR/lkj.sqlite3"
    [ -f "$db" ] || { echo "Basis data SQLite tidak ditemukan: $db" >&2; exit 1; }
    sqlite3 "$db" ".backup '$folder/basis-data.sqlite3'"
    jenis=sqlite ;;
  *)
    echo "DATABASE_URL tidak dikenal (harus postgres:// atau sqlite://)." >&2; exit 1 ;;
esac

[ -d "$MEDIA" ] || { echo "Folder media tidak ditemukan: $MEDIA" >&2; exit 1; }
tar -C "$MEDIA" -czf "$folder/media.tar.gz" .

{
  echo "dibuat: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "basis_data: $jenis"
  echo "media: $(cd "$MEDIA" && pwd)"
  echo "versi: $(git rev-parse --short HEAD 2>/dev/null || echo tidak-diketahui)"
} > "$folder/INFO"
(cd "$folder" && sha256sum basis-data.* media.tar.gz INFO > SHA256SUMS)
echo "$folder"
