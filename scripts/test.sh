#!/usr/bin/env bash
# The README's test command: sets everything up (scripts/bootstrap.sh), then lints, type-checks,
# checks the import rules and runs the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff" && .venv/bin/ruff check .
echo "== mypy --strict liaison" && .venv/bin/mypy
echo "== import rules" && .venv/bin/lint-imports
echo "== pytest" && .venv/bin/pytest "$@"
