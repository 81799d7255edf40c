"""What the README says about how the suite runs: two workers by file, the Hypothesis profiles,
the bundle smoke tests in the suite (CI runs the suite and nothing else) and in ``make package``,
and an in-process CLI runner that gives what a real ``liaison`` process gives."""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import settings

from tests.liaison.test_cli import run, run_process

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_the_suite_runs_on_two_workers_by_file_unless_told_otherwise() -> None:
    test_sh = _script("scripts/test.sh")
    assert 'workers="${LIAISON_TEST_WORKERS:-2}"' in test_sh
    assert re.search(r'pytest -n "\$workers" --dist loadfile (--durations=\d+ )?"\$@"', test_sh)


def test_bundle_tests_are_in_the_suite_and_run_by_make_package() -> None:
    pytest_config = tomllib.loads(_script("pyproject.toml"))["tool"]["pytest"]["ini_options"]
    addopts = shlex.split(pytest_config["addopts"])
    assert "-m" not in addopts, "the default run must not deselect any marker (the bundle tests)"
    bundle_tests = ast.parse(_script("tests/packaging/test_bundle.py"))
    marks = [
        node
        for node in bundle_tests.body
        if isinstance(node, ast.Assign) and ast.unparse(node) == "pytestmark = pytest.mark.bundle"
    ]
    assert marks, "every test in test_bundle.py carries the bundle marker"
    package_sh = _script("scripts/package.sh")
    assert "-m bundle tests/packaging/test_bundle.py" in package_sh
    assert "./scripts/package.sh" in _script("Makefile")
    ci_lines = _script(".ci/run").splitlines()
    ci = [line.strip() for line in ci_lines if line.strip() and not line.startswith("#")]
    assert ci[-1] == "exec ./scripts/test.sh"
    assert not any("package" in line or "pytest" in line for line in ci), "CI runs the test command only"


PRINT_DEFAULT_EXAMPLES = "import tests.conftest, hypothesis as h; print(h.settings.default.max_examples)"


def test_hypothesis_profiles() -> None:
    assert settings.get_profile("ci").max_examples == 50
    assert settings.get_profile("thorough").max_examples == 1000
    probe = subprocess.run(
        [sys.executable, "-c", PRINT_DEFAULT_EXAMPLES],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LIAISON_HYPOTHESIS_PROFILE": "thorough"},
        timeout=120,
        check=True,
    )
    assert probe.stdout.strip() == "1000"
    fuzz = _script("tests/liaison/test_cli_fuzz.py")
    assert "max_examples" not in fuzz  # it follows the profile


@pytest.mark.parametrize(
    "args",
    [
        ("contacts", "list", "--json"),  # output
        ("contacts", "add", "--full-name", "Jürgen Weiß", "--country", "France"),  # a LiaisonError
        ("nosuchcommand",),  # argparse's usage error (SystemExit)
    ],
)
def test_in_process_runs_match_a_real_process(tmp_path: Path, args: tuple[str, ...]) -> None:
    """The in-process runner gives the exit code, output and error line of a real process."""
    vault = tmp_path / "v.db"
    assert run(vault, "init").returncode == 0
    before = (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin)
    inside = run(vault, *args)
    assert (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin) == before  # all put back
    real = run_process(vault, *args)
    assert (inside.returncode, inside.stdout, inside.stderr) == (real.returncode, real.stdout, real.stderr)
