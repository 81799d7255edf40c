#!/usr/bin/env bash
# `make package`: the PyInstaller one-folder bundle (dist/liaison/, reused from the build cache when
# nothing that goes into it changed), then the Debian package (dist/liaison_<version>_<arch>.deb),
# checked with lintian.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
bundle="$(.venv/bin/python packaging/build_bundle.py --dist dist)"
echo "bundle: $bundle"
deb="$(.venv/bin/python packaging/debian/build_deb.py "$bundle" dist)"
echo "package: $deb"
lintian --fail-on error,warning --tag-display-limit 0 "$deb"
echo "lintian: no error or warning"
