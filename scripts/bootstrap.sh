#!/usr/bin/env bash
# Sets up everything Liaison needs on a Debian/Ubuntu machine: system packages (through apt, with
# sudo when not root), a .venv with the project and its test tools. Safe to run any number of times:
# each step checks first and does nothing when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[bootstrap] %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || { log "apt-get not found: install $* by hand"; return 1; }
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# SQLCipher 4 command-line shell: used by tests to prove the vault is plain SQLCipher 4.
# Debian 12 ships SQLCipher 3.4 in main; version 4 is in bookworm-backports.
sqlcipher_major() {
    command -v sqlcipher >/dev/null 2>&1 || { echo 0; return; }
    echo 'PRAGMA cipher_version;' | sqlcipher 2>/dev/null | head -n1 | cut -d. -f1 || echo 0
}
ensure_sqlcipher4() {
    [ "$(sqlcipher_major)" = "4" ] && return 0
    local codename=""
    [ -r /etc/os-release ] && codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    if [ "$codename" = "bookworm" ]; then
        local list=/etc/apt/sources.list.d/liaison-bookworm-backports.list
        if [ ! -f "$list" ]; then
            log "enabling bookworm-backports for SQLCipher 4"
            echo "deb http://deb.debian.org/debian bookworm-backports main" | as_root tee "$list" >/dev/null
            APT_UPDATED=0
        fi
        apt_install -t bookworm-backports sqlcipher
    else
        apt_install sqlcipher
    fi
    [ "$(sqlcipher_major)" = "4" ] || { log "could not install a SQLCipher 4 shell"; return 1; }
}

SYSTEM_PACKAGES=(git make ca-certificates poppler-utils fonts-noto-core fonts-dejavu-core fonts-wqy-zenhei
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
    fonts-noto-cjk postgresql
    appstream desktop-file-utils lintian systemd binutils  # packaging checks and PyInstaller (objdump)
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-spa tesseract-ocr-por
    tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim
    # What Qt's X11 platform plugin links against (ui/platform_check.py names the same list).
    libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libfreetype6 libopengl0 libsm6 libice6
    # A real X window for the test that opens one (tests/ui/test_platform_check.py).
    xvfb xauth openbox xdotool
    # A private message bus for the sleep and screen-lock test (tests/ui/test_system_lock.py).
    dbus-daemon
    # zbar, which pyzbar loads to read a sync invitation's QR code from a picture.
    libzbar0)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    apt_install "${missing[@]}"
fi
ensure_sqlcipher4

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
            PYTHON="$candidate"; break
        fi
    done
fi
[ -n "$PYTHON" ] || { log "Python 3.11 or newer is required"; exit 1; }

if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    log "installing python${ver}-venv"
    apt_install "python${ver}-venv"
fi

if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    "$PYTHON" -m venv .venv
fi

# Reinstall only when the project's declared dependencies change.
stamp=.venv/.liaison-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Liaison and its test tools into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[test,server,package]'
    echo "$want" > "$stamp"
fi
