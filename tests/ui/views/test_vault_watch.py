"""Another program (here a second connection, as the CLI opens one) changes the vault: the open
window reloads; the window's own changes do not count."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison.domain import Contact
from liaison.services import catalog
from liaison.store.vault import unlock
from tests.conftest import PASSPHRASE
from tests.ui.views.conftest import WAIT_MS
from ui.session import Session
from ui.vault_watch import ExternalChangeWatcher
from ui.views.contacts_view import ContactsView


def test_a_change_by_another_program_refreshes_the_pages(qtbot: QtBot, vault_session: Session) -> None:
    watcher = ExternalChangeWatcher(vault_session, interval_ms=60_000)  # checked by hand here
    page = ContactsView(vault_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: watcher._version is not None, timeout=WAIT_MS)  # the starting point

    with qtbot.waitSignal(vault_session.records_changed, timeout=WAIT_MS):  # our own write
        vault_session.command("contact", lambda v: catalog.contacts.add(v, Contact(full_name="Own")))
    seen: list[object] = []
    watcher.changed.connect(lambda: seen.append(True))
    watcher.check_now()
    qtbot.waitUntil(lambda: not watcher._asking, timeout=WAIT_MS)
    assert seen == []  # the window's own commit is not "someone else"

    other = unlock(Path(vault_session.vault_path), PASSPHRASE)  # what `liaison contacts add` does
    try:
        catalog.contacts.add(other, Contact(full_name="Added From The CLI"))
    finally:
        other.close()
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        watcher.check_now()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    assert "Added From The CLI" in {c.full_name for c in page.model.records()}
