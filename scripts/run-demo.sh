#!/usr/bin/env bash
# Creates (once) a demo vault filled with sample data and opens it in the desktop app. The demo
# passphrase is public on purpose ("demo passphrase"): the demo vault holds invented data only.
# Headless (no DISPLAY or WAYLAND_DISPLAY, and QT_QPA_PLATFORM not set), it shows the vault with the
# command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
vault="${1:-demo/vault.db}"
export LIAISON_VAULT="$vault"
demo_passphrase="${LIAISON_PASSPHRASE:-demo passphrase}"
# The demo keeps its language packs beside the demo vault: the small test packs (not translators).
export LIAISON_TRANSLATION_DIR="${LIAISON_TRANSLATION_DIR:-$(dirname "$vault")/translation}"
if [ ! -f "$vault" ]; then
    LIAISON_PASSPHRASE="$demo_passphrase" .venv/bin/python -m liaison demo
    for pack in tests/fixtures/packs/*.argosmodel; do
        .venv/bin/python -m liaison packs install "$pack" >/dev/null
    done
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
    echo "Opening $vault in the desktop app; its passphrase is: $demo_passphrase" >&2
    unset LIAISON_PASSPHRASE  # the app asks for it; keep it out of the app's environment
    exec .venv/bin/python -m ui.launcher --vault "$vault"
fi
export LIAISON_PASSPHRASE="$demo_passphrase"
.venv/bin/liaison contacts list
.venv/bin/liaison agreements list
.venv/bin/liaison cases list
.venv/bin/liaison search "bank records"
