#!/usr/bin/env bash
# Register Offsite with a Linux desktop for the current user: menu entry, icon, and *.offsite files.
# Run after `pip install .` (or `make run`), so that `offsite-gui` is on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
install -Dm644 "$here/offsite.desktop" "$data/applications/offsite.desktop"
install -Dm644 "$here/../resources/icons/offsite.svg" "$data/icons/hicolor/scalable/apps/offsite.svg"
install -Dm644 "$here/offsite-mime.xml" "$data/mime/packages/offsite.xml"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Offsite is in your applications menu, and opens *.offsite plans."
