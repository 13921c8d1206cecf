#!/usr/bin/env bash
# The Debian packages the tests need (Qt's libraries to run offscreen, poppler-utils to read PDFs
# back), and with --desktop also the X11 (xcb) ones a real window needs. Installs only what is
# missing, so on a machine that has them it costs a few milliseconds.
set -euo pipefail
need=()
have() { ldconfig -p | grep -q "$1"; }
have libEGL.so.1        || need+=(libegl1)
have libGL.so.1         || need+=(libgl1)
have libxkbcommon.so.0  || need+=(libxkbcommon0)
have libfontconfig.so.1 || need+=(libfontconfig1)
have libdbus-1.so.3     || need+=(libdbus-1-3)
have libglib-2.0.so.0   || need+=(libglib2.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# pdftotext reads exported PDFs back the way viewers copy text (tests/exchange/test_pdf_scripts.py).
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ "${1:-}" = "--desktop" ]; then
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
if ((${#need[@]})); then
    echo "Installing Debian packages Offsite needs: ${need[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
