"""Empty states: a page with no record says what the records are and offers the button that adds
the first one; with records but none chosen, the detail side says what choosing one shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from liaison.domain import Agency, Agreement, Case, Contact
from liaison.services import catalog
from tests.ui.views.conftest import WAIT_MS, InVault
from ui.session import Session
from ui.views.agencies_view import AgenciesView
from ui.views.agreements_view import AgreementsView
from ui.views.cases_view import CasesView
from ui.views.contacts_view import ContactsView
from ui.widgets.empty_state import EmptyState

# page class, its "New" button text, a record to add (store thread)
PAGES: list[tuple[type[QWidget], str, Callable[[Any], Any]]] = [
    (ContactsView, "New contact", lambda v: catalog.contacts.add(v, Contact(full_name="Ana Lima"))),
    (AgenciesView, "New agency", lambda v: catalog.agencies.add(v, Agency(name="Polícia Federal"))),
    (
        AgreementsView,
        "New agreement",
        lambda v: catalog.agreements.add(v, Agreement(title="Palermo Convention")),
    ),
    (CasesView, "New case", lambda v: catalog.cases.add(v, Case(reference="C-1", title="Fraud"))),
]


def _empties(page: QWidget) -> tuple[EmptyState, EmptyState]:
    """(the list side's, the detail side's)"""
    if isinstance(page, CasesView):
        return page.case_empty, page.case_placeholder
    return page.empty, page.placeholder  # type: ignore[attr-defined]


@pytest.mark.parametrize(("cls", "new_text", "add"), PAGES, ids=[p[0].__name__ for p in PAGES])
def test_empty_page_guides_then_nothing_selected_guides(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, cls: type[QWidget], new_text: str, add: Any
) -> None:
    page = cls(vault_session)  # type: ignore[call-arg]
    qtbot.addWidget(page)
    page.resize(1120, 700)
    page.show()
    listing, detail = _empties(page)
    qtbot.waitUntil(listing.isVisible, timeout=WAIT_MS)
    assert not page.table.isVisible()  # type: ignore[attr-defined]
    assert "yet" in listing.label.text() and listing.button.text() == new_text
    assert not detail.button.isVisible()  # one button, on the list side
    qtbot.mouseClick(listing.button, Qt.MouseButton.LeftButton)  # the button adds the first one
    editor = getattr(page, "case_editor", None) or page.editor  # type: ignore[attr-defined]
    assert editor is not None and editor.isVisible()
    editor.reject()

    in_vault(add)
    vault_session.records_changed.emit("*")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)  # type: ignore[attr-defined]
    qtbot.waitUntil(page.table.isVisible, timeout=WAIT_MS)  # type: ignore[attr-defined]
    assert not listing.isVisible()
    assert detail.isVisible() and "Choose" in detail.label.text() and detail.button.text() == new_text
    page.table.selectRow(0)  # type: ignore[attr-defined]
    assert not detail.isVisible()  # the record itself now
