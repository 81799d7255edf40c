#!/usr/bin/env bash
# The README's run command: sets everything up (scripts/bootstrap.sh), creates the demo vault once
# and shows it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
exec ./scripts/run-demo.sh "$@"
