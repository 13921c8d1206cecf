#!/usr/bin/env bash
# Register Offsite with a Linux desktop for the current user: menu entry, icons, and *.offsite files.
# It runs `offsite install-desktop` (which a `pip install` user can run directly): this checkout's
# .venv (`make run`) first, else the `offsite` on PATH. `--uninstall` removes it again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
offsite="$here/../.venv/bin/offsite"
[ -x "$offsite" ] || offsite=$(command -v offsite) || {
    echo "Offsite is not installed: run 'make run' here, or 'pip install .', then this script again." >&2
    exit 1
}
if [ "${1:-}" = "--uninstall" ]; then
    exec "$offsite" uninstall-desktop
fi
exec "$offsite" install-desktop
