#!/usr/bin/env bash
# `make package`: the PyInstaller one-folder bundle (dist/liaison/, reused from the build cache when
# nothing that goes into it changed), then the Debian package (dist/liaison_<version>_<arch>.deb),
# then the smoke tests of what was built (tests/packaging/test_bundle.py, marker "bundle": the
# bundle's CLI, self-test, PDF export, desktop app offscreen and on Xvfb; the .deb's contents,
# Depends and lintian). The suite (./scripts/test.sh) runs the same tests, building or reusing the
# cached bundle on one worker while the other runs the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
bundle="$(.venv/bin/python packaging/build_bundle.py --dist dist)"
echo "bundle: $bundle"
deb="$(.venv/bin/python packaging/debian/build_deb.py "$bundle" dist)"
echo "package: $deb"
LIAISON_DEB="$(realpath "$deb")" QT_QPA_PLATFORM=offscreen \
    .venv/bin/pytest -p no:cacheprovider -m bundle tests/packaging/test_bundle.py
echo "bundle and package checked (lintian: no error or warning)"
