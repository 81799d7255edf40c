"""Layering: the core never imports Qt or the UI (also checked by import-linter in `make lint`)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).parents[1] / "liaison"
FORBIDDEN = ("ui", "PySide6", "shiboken6")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_ui() -> None:
    offenders = [
        f"{path.relative_to(CORE.parent)} imports {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_domain_imports_nothing_else_from_the_project() -> None:
    for path in (CORE / "domain").rglob("*.py"):
        project = {n for n in _imported_modules(path) if n.startswith("liaison")}
        assert all(n.startswith("liaison.domain") for n in project), path


def test_checker_sees_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QWidget\nimport ui.app\n")
    assert {"PySide6.QtWidgets", "ui.app"} <= _imported_modules(sample)
