#!/usr/bin/env bash
# Creates (once) a demo vault filled with sample data and shows it with the command line.
# The demo passphrase is public on purpose: the demo vault holds invented data only.
set -euo pipefail
cd "$(dirname "$0")/.."
vault="${1:-demo/vault.db}"
export LIAISON_VAULT="$vault"
export LIAISON_PASSPHRASE="${LIAISON_PASSPHRASE:-demo passphrase}"
if [ ! -f "$vault" ]; then
    .venv/bin/liaison demo
fi
.venv/bin/liaison contacts list
.venv/bin/liaison agreements list
.venv/bin/liaison cases list
.venv/bin/liaison search "bank records"
