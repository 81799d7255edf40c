"""Build the PyInstaller bundle once per distinct input, and reuse it.

The key is a SHA-256 of everything that goes into the bundle: the source folders (liaison, ui,
resources, locales), the spec and entry script, pyproject.toml and setup.py, the Python version
and the exact installed distributions (``pip freeze``). A bundle is built into
``$LIAISON_BUNDLE_CACHE`` (default ``~/.cache/liaison-bundle``) under that key; the smoke test and
``make package`` both call :func:`ensure_bundle`, so an unchanged tree is never built twice, and
only the latest bundle is kept (each is ~550 MB).

    .venv/bin/python packaging/build_bundle.py            # prints the bundle folder
    .venv/bin/python packaging/build_bundle.py --dist dist  # and copies it to dist/liaison
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("liaison", "ui", "resources", "locales")
FILES = ("packaging/liaison.spec", "packaging/entry.py", "pyproject.toml", "setup.py")
SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def cache_root() -> Path:
    """``$LIAISON_BUNDLE_CACHE``, else the account's real home (not ``$HOME``, which the test suite
    points at a private folder per test)."""
    env = os.environ.get("LIAISON_BUNDLE_CACHE")
    if env:
        return Path(env)
    try:
        import pwd  # noqa: PLC0415  (Unix only)

        home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    except ImportError:
        home = Path.home()
    return home / ".cache" / "liaison-bundle"


def inputs_hash(python: str = sys.executable) -> str:
    digest = hashlib.sha256()
    paths: list[Path] = [ROOT / f for f in FILES]
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not SKIP & set(path.relative_to(ROOT).parts) and path.suffix != ".pyc":
                paths.append(path)
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    freeze = subprocess.run(
        [python, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    digest.update(freeze.encode() + sys.version.encode())
    return digest.hexdigest()[:20]


def ensure_bundle(python: str = sys.executable) -> Path:
    """The bundle folder for the current inputs (``.../liaison`` holding the ``liaison`` executable)."""
    key = inputs_hash(python)
    target = cache_root() / key / "liaison"
    if (target / "liaison").is_file():
        return target
    cache_root().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_root(), prefix="building-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                python,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--workpath",
                str(work / "build"),
                "--distpath",
                str(work / "dist"),
                str(ROOT / "packaging" / "liaison.spec"),
            ],
            check=True,
            cwd=ROOT,
        )
        for old in cache_root().iterdir():
            if old.is_dir() and old.name != key and not old.name.startswith("building-"):
                shutil.rmtree(old, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        (work / "dist" / "liaison").rename(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="also copy the bundle to DIST/liaison")
    args = parser.parse_args()
    bundle = ensure_bundle()
    if args.dist is not None:
        destination = args.dist / "liaison"
        shutil.rmtree(destination, ignore_errors=True)
        shutil.copytree(bundle, destination, symlinks=True)
        bundle = destination
    print(bundle)


if __name__ == "__main__":
    main()
