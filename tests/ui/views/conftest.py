"""Page tests: a real temporary vault, opened on the store thread of a real ``TaskRunner``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.store.vault import Vault, create_vault
from tests.conftest import PASSPHRASE
from ui.session import Session
from ui.tasks import TaskRunner

WAIT_MS = 10_000

InVault = Callable[[Callable[[Vault], Any]], Any]


@pytest.fixture
def vault_session(qtbot: QtBot, tmp_path: Path) -> Iterator[Session]:
    """An unlocked session on a new, empty vault; locked and shut down after the test."""
    runner = TaskRunner()
    session = Session(runner, tmp_path / "pages" / "field.db")

    def create() -> Vault:
        vault, _code = create_vault(session.vault_path, PASSPHRASE, KdfProfile.INSECURE_FAST_FOR_TESTS)
        return vault

    session.attach(runner.run_store(create).result(timeout=60))
    yield session
    if session.is_unlocked:
        session.lock()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)  # shutdown cancels what is still queued
    runner.shutdown()


@pytest.fixture
def in_vault(vault_session: Session) -> InVault:
    """Run ``work(vault)`` on the store thread and wait for its result (to arrange and to check)."""

    def run(work: Callable[[Vault], Any]) -> Any:
        return vault_session.runner.run_store(lambda: work(vault_session.vault())).result(timeout=30)

    return run


class _Marking:
    """A stand-in catalog that brackets every message: shows which strings went through ``_()``."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked_language(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to switch every ``_()`` to the bracketing catalog (undone after the test)."""
    from ui import i18n

    return lambda: monkeypatch.setattr(i18n, "_current", _Marking())
