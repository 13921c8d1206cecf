#!/usr/bin/env bash
# The Debian libraries Qt needs to run (offscreen for tests, on a screen for people).
# Installs only what is missing, so on a machine that has them it costs a few milliseconds.
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
if ((${#need[@]})); then
    echo "Installing Debian packages Qt needs: ${need[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
