"""After unlocking, the translation memory's index is built on a worker and adopted (its match
forms stored), and what opening repaired in the memory is said in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison.domain import TmEntry
from liaison.services import translation
from liaison.services import vault as vault_service
from liaison.store import records
from tests.ui.test_vault_menu import _menu, _query

pytestmark = pytest.mark.usefixtures("fake_pages")


def test_unlock_builds_the_memory_index_off_the_store_thread_and_reports_repairs(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    path, passphrase, _code = existing_vault
    with vault_service.unlock(path, passphrase) as vault:
        for n in range(30):
            entry = TmEntry(source_lang="en", target_lang="de", source=f"Sentence {n}.", target="Satz.")
            translation.memory_entries.add(vault, entry)
        old = TmEntry(source_lang="en", target_lang="de", source="Ref ⟦1⟧.", target="Az. ⟦1⟧.")
        records.insert(vault, old)
        vault.set_meta("tm_placeholders_checked", "0")  # as a vault of an older release
    app, _unused = _menu(qtbot, make_app, (path, passphrase))
    assert app.main_window is not None
    assert "Note: translation memory: 0 old entries" in app.main_window.statusBar().currentMessage()
    assert "1 that could not be restored removed" in app.main_window.statusBar().currentMessage()
    stored = "SELECT count(*) FROM tm_match_keys"

    def count() -> object:
        return _query(qtbot, app, lambda v: v.conn.execute(stored).fetchone()[0])

    qtbot.waitUntil(lambda: count() == 30, timeout=30_000)
