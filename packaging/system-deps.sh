#!/usr/bin/env bash
# The Debian packages Offsite needs: Qt's libraries offscreen, poppler-utils and PostgreSQL for the tests, with --room
# PostgreSQL alone (a room's server on this laptop), with --desktop also the X11 (xcb) ones a
# real window needs, and with --dist those and what `make dist` and `make test-dist` use. When
# everything is there it only reads the linker cache and the font list — no apt, no network, no sudo — so `make run` starts offline. When something
# is missing it names the packages, prints the exact apt commands, and runs them (with sudo when
# not root); without root or sudo it prints them for the user and exits 1.
set -euo pipefail

# Read each list once into a variable and match in bash: piping a long `ldconfig -p` into
# `grep -q` lets grep exit at the first match, ldconfig dies of SIGPIPE, and under pipefail a
# library that is there looked missing (and every launch ran apt-get).
ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)
libraries=$("$ldconfig_bin" -p 2>/dev/null || true)
fonts=$(fc-list 2>/dev/null || true)

need=()
# `ldconfig -p` lines read "<tab>libEGL.so.1 (libc6,x86-64) => /usr/lib/…": match the whole name.
have() { [[ $libraries == *[[:space:]]"$1"[[:space:]]* ]]; }
have libEGL.so.1        || need+=(libegl1)
have libGL.so.1         || need+=(libgl1)
have libxkbcommon.so.0  || need+=(libxkbcommon0)
have libfontconfig.so.1 || need+=(libfontconfig1)
have libdbus-1.so.3     || need+=(libdbus-1-3)
have libglib-2.0.so.0   || need+=(libglib2.0-0)
[[ ${fonts,,} == *dejavu* ]] || need+=(fonts-dejavu-core)
# pdftotext reads exported PDFs back the way viewers copy text (tests/exchange/test_pdf_scripts.py).
command -v pdftotext >/dev/null || need+=(poppler-utils)
# PostgreSQL's server: the tests start a real one for the room (tests/pg_server.py), and
# `make room-server` starts one for a room hosted on this laptop (--room).
if [ "${1:-}" != "--desktop" ] && [ "${1:-}" != "--dist" ]; then
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || need+=(postgresql)
fi
if [ "${1:-}" != "--desktop" ] && [ "${1:-}" != "--room" ] && [ "${1:-}" != "--dist" ]; then
    # The tests open exported check-ins in LibreOffice Calc, headless, as a leader's spreadsheet
    # would (tests/exchange/test_tidy.py); the app itself never needs it.
    command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
    # The tests check what `offsite install-desktop` writes with the desktop's own tools and readers
    # (tests/integration/test_desktop_entry.py); the app itself never needs them.
    command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
    command -v appstreamcli >/dev/null || need+=(appstream)
    command -v update-mime-database >/dev/null || need+=(shared-mime-info)
    command -v gio >/dev/null || need+=(libglib2.0-bin)
fi
if [ "${1:-}" = "--desktop" ] || [ "${1:-}" = "--dist" ]; then
    # What Qt's xcb platform plugin links to (ldd libqxcb.so); without these no window opens.
    have libxcb-cursor.so.0      || need+=(libxcb-cursor0)
    have libxcb-icccm.so.4       || need+=(libxcb-icccm4)
    have libxcb-image.so.0       || need+=(libxcb-image0)
    have libxcb-keysyms.so.1     || need+=(libxcb-keysyms1)
    have libxcb-randr.so.0       || need+=(libxcb-randr0)
    have libxcb-render-util.so.0 || need+=(libxcb-render-util0)
    have libxcb-shape.so.0       || need+=(libxcb-shape0)
    have libxcb-xkb.so.1         || need+=(libxcb-xkb1)
    have libxkbcommon-x11.so.0   || need+=(libxkbcommon-x11-0)
fi
if [ "${1:-}" = "--dist" ]; then
    # `make dist` copies the libraries above into the bundle (PyInstaller takes them from this
    # machine, with binutils); `make test-dist` runs the bundle in a bare Debian made by
    # debootstrap and opens its window on Xvfb, closing it with xdotool.
    command -v objdump >/dev/null     || need+=(binutils)
    command -v debootstrap >/dev/null || need+=(debootstrap)
    command -v Xvfb >/dev/null        || need+=(xvfb)
    command -v xdotool >/dev/null     || need+=(xdotool)
fi
((${#need[@]})) || exit 0

echo "Offsite needs these Debian packages, which are not installed: ${need[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "Installing them needs administrator rights, and sudo is not available here. As root, run:"
        echo "    apt-get update -q && apt-get install -y -q --no-install-recommends ${need[*]}"
        echo "Then start Offsite again."
        exit 1
    fi
    as_root=(sudo)
    echo "Installing them needs administrator rights: sudo may ask for your password."
fi
update=("${as_root[@]}" apt-get update -q)
install=("${as_root[@]}" apt-get install -y -q --no-install-recommends "${need[@]}")
echo "Running: ${update[*]}"
"${update[@]}"
echo "Running: ${install[*]}"
DEBIAN_FRONTEND=noninteractive "${install[@]}"
