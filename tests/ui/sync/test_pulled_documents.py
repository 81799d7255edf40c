"""A pull tells the app's pages what it changed, and only that: a document kept with a case on
one vault appears in the other vault's open case page once it syncs, without reopening the page,
and a pull that brought only a contact leaves the case page's documents list alone (every pull
used to announce every record kind, "case" among them, which reloaded it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from liaison.domain import Case, Contact
from liaison.services import attachments, catalog
from liaison.services.catalog import cases
from liaison.store.vault import unlock
from tests.conftest import PASSPHRASE
from tests.ui.sync.conftest import WAIT_MS, Device, sync_all
from ui.vault_watch import ExternalChangeWatcher
from ui.views.cases_view import CasesView

pytestmark = pytest.mark.loopback


def _reloads_of(panel: Any) -> list[tuple[object, ...]]:
    """Every reload of the documents list from now on (``_show_scope`` queries the vault)."""
    calls: list[tuple[object, ...]] = []
    reload = panel._show_scope

    def counting(*args: object) -> None:
        calls.append(args)
        reload(*args)

    panel._show_scope = counting
    return calls


def test_a_document_kept_on_one_vault_appears_in_the_others_open_case_page(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    case = a.run(lambda v: cases.add(v, Case(reference="OP-NORD", title="Harbour")))
    sync_all(qtbot, a, b)

    page = CasesView(b.session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.open_record(case.id)
    panel = page.attachments
    qtbot.waitUntil(lambda: panel.case_id == case.id and not b.runner.busy, timeout=WAIT_MS)
    assert panel.list.count() == 0
    announced: list[str] = []
    b.session.records_changed.connect(announced.append)
    reloads = _reloads_of(panel)

    a.run(lambda v: catalog.contacts.add(v, Contact(full_name="Ines Duarte")))
    sync_all(qtbot, a, b)
    assert announced == ["contact"]  # not every kind: the case page has nothing to reload
    assert reloads == []

    a.run(lambda v: attachments.add(v, "OP-NORD", "statement.pdf", b"%PDF-1.4 statement", language="pt"))
    sync_all(qtbot, a, b)
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.list.item(0).text() == "statement.pdf — received · pt · 18 B"
    assert announced == ["contact", "attachment"]
    assert len(reloads) == 1  # the documents list alone, the case page still open on the case
    assert page.current_case() is not None and page.current_case().id == case.id


def test_the_sync_s_own_commits_do_not_reload_every_page_but_another_program_s_do(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    """The sync writes on a second connection, which the external-change watcher would take for
    another program: every sync reloaded every page a few seconds later. It does not now; a
    command-line edit still does, also when it lands while the app syncs."""
    a, b = space(2)
    sync_all(qtbot, a, b)
    watcher = ExternalChangeWatcher(
        b.session, interval_ms=3_600_000, sibling_activity=lambda: b.sync.worker.activity
    )
    qtbot.waitUntil(lambda: watcher._version is not None and not watcher._asking, timeout=WAIT_MS)
    seen: list[bool] = []
    watcher.changed.connect(lambda: seen.append(True))

    def look() -> None:
        watcher.check_now()
        qtbot.waitUntil(lambda: not watcher._asking, timeout=WAIT_MS)

    a.run(lambda v: catalog.contacts.add(v, Contact(full_name="Pulled Contact")))
    sync_all(qtbot, a, b)  # b pushes nothing, pulls one contact, marks itself synced
    look()
    assert seen == []  # the pull announced "contact" itself

    def from_the_cli() -> None:
        other = unlock(b.session.vault_path, PASSPHRASE)
        try:
            catalog.contacts.add(other, Contact(full_name="Typed In The CLI"))
        finally:
            other.close()

    from_the_cli()
    look()
    assert seen == [True]

    a.run(lambda v: catalog.contacts.add(v, Contact(full_name="Second Pulled")))
    sync_all(qtbot, a)
    from_the_cli()  # and b syncs too before the watcher looks again
    b.sync_and_wait(qtbot)
    look()
    assert seen == [True, True]
