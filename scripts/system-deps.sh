#!/usr/bin/env bash
# Installs the Debian packages LKJ Portal needs, only those still missing.
#   runtime: WeasyPrint's libraries and fonts (PDF reports), gettext
#   tests:   chromium (browser tests), poppler-utils (PDF to text/PNG), libreoffice-calc-nogui and
#            libreoffice-writer-nogui (real spreadsheet and DOCX read-back), graphviz (state machine diagrams)
set -euo pipefail
runtime=(python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation gettext)
runtime+=(postgresql-client sqlite3)  # backups: scripts/cadangkan.sh, scripts/pulihkan.sh
tests=(chromium poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui graphviz)
wanted=("${runtime[@]}")
[ "${1:-}" = "--tests" ] && wanted+=("${tests[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
