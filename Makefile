# Shortcuts for the two README commands (each script sets up what it needs first).
.PHONY: run test setup package

setup:
	./scripts/bootstrap.sh

run:
	./scripts/run.sh

test:
	./scripts/test.sh

package:
	./scripts/package.sh
