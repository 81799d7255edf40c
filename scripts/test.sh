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
# Two workers (the target machine has 2 cores); a whole file stays on one worker, so a module's
# fixtures are built once and its tests run in file order. LIAISON_TEST_WORKERS=0 runs in-process.
workers="${LIAISON_TEST_WORKERS:-2}"
echo "== pytest" && .venv/bin/pytest -n "$workers" --dist loadfile --durations=25 "$@"
