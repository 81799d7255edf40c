# The two commands of the README. Each sets up what it needs first (scripts/bootstrap.sh).
.PHONY: run test setup lint

VENV := .venv/bin
DEMO_VAULT ?= demo/vault.db

setup:
	./scripts/bootstrap.sh

run: setup
	./scripts/run-demo.sh "$(DEMO_VAULT)"

lint: setup
	$(VENV)/ruff check liaison ui tests bench
	$(VENV)/mypy
	$(VENV)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/pytest
