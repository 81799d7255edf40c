"""Agencies in the app: the page (list, editor, hierarchy, contacts working there) and the inline
"New agency…" of the contact and request editors, on a real vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.domain import Agency, AgencyKind, Contact
from liaison.services import catalog
from tests.ui.views.conftest import WAIT_MS, InVault
from ui import i18n
from ui.session import Session
from ui.views.agencies_view import AgenciesView
from ui.views.agency_editor import AgencyEditor
from ui.views.contact_editor import ContactEditor


@pytest.fixture
def view(qtbot: QtBot, vault_session: Session) -> AgenciesView:
    page = AgenciesView(vault_session)
    qtbot.addWidget(page)
    page.resize(1120, 700)
    page.show()
    return page


def _editor(view: AgenciesView) -> AgencyEditor:
    assert view.editor is not None
    return view.editor


def test_empty_vault_explains_what_agencies_are(qtbot: QtBot, view: AgenciesView) -> None:
    qtbot.waitUntil(view.empty_label.isVisible, timeout=WAIT_MS)
    assert "New agency" in view.empty_label.text()
    assert not view.table.isVisible()


def test_create_a_hierarchy_and_see_who_works_there(
    qtbot: QtBot, view: AgenciesView, in_vault: InVault
) -> None:
    view.new_item()
    editor = _editor(view)
    editor.name_edit.setText("Ministerio del Interior")
    editor.country.setText("es")
    editor.kind.setCurrentIndex(editor.kind.findData(AgencyKind.MINISTRY.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    ministry = in_vault(catalog.agencies.list)[0]
    assert (ministry.country, ministry.kind) == ("ES", AgencyKind.MINISTRY)

    view.new_item()
    editor = _editor(view)
    editor.name_edit.setText("Policía Nacional")
    editor.name_native.setText("Policía Nacional de España")
    editor.country.setText("ES")
    editor.parent_agency.setCurrentIndex(editor.parent_agency.findData(ministry.id))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    police = next(a for a in in_vault(catalog.agencies.list) if a.name == "Policía Nacional")
    assert police.parent_id == ministry.id
    in_vault(lambda v: catalog.contacts.add(v, Contact(full_name="Ana Ruiz", agency_id=police.id)))

    view.reload()  # written behind the page's back: the CLI, or another window
    view.open_record(police.id)
    qtbot.waitUntil(lambda: view.detail.contacts.count() == 1, timeout=WAIT_MS)
    assert view.detail.contacts.item(0).text().startswith("Ana Ruiz")
    assert view.detail.units.isHidden() and view.detail.units_title.isHidden()  # no unit below: no box
    assert "Ministerio del Interior" in view.detail.text.toPlainText()  # the chain above it

    view.open_record(ministry.id)
    assert [view.detail.units.item(i).text() for i in range(view.detail.units.count())] == [
        "Policía Nacional"
    ]
    assert not view.detail.units.isHidden()
    assert view.detail.contacts.isHidden() and view.detail.contacts_title.text() == "0 contacts working here"
    # The ministry cannot be put under its own unit: that would make a loop.
    view.edit_current()
    assert _editor(view).parent_agency.findData(police.id) < 0


def test_filter_finds_an_agency_by_its_native_name_in_latin(
    qtbot: QtBot, view: AgenciesView, in_vault: InVault
) -> None:
    in_vault(
        lambda v: catalog.agencies.add(
            v, Agency(name="Prosecutor General's Office", name_native="Генеральная прокуратура", country="RU")
        )
    )
    in_vault(lambda v: catalog.agencies.add(v, Agency(name="Bundeskriminalamt", country="DE")))
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    view.search.setText("prokuratura")
    assert view.proxy.rowCount() == 1
    view.search.setText("ГЕНЕРАЛЬНАЯ")
    assert view.proxy.rowCount() == 1


def test_deleting_an_agency_still_in_use_is_refused_with_a_reason(
    qtbot: QtBot, view: AgenciesView, in_vault: InVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = in_vault(lambda v: catalog.agencies.add(v, Agency(name="OFAC", country="FR")))
    in_vault(lambda v: catalog.contacts.add(v, Contact(full_name="Yannick", agency_id=agency.id)))
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    view.open_record(agency.id)
    monkeypatch.setattr(view, "confirm", lambda _title, _text: True)
    with qtbot.waitSignal(view.session.runner.failed, timeout=WAIT_MS) as failed:
        view.delete_current()
    assert failed.args[0] == "Agency 'OFAC' is still used by 1 of contacts: reassign them first"
    assert len(in_vault(catalog.agencies.list)) == 1
    i18n.set_language("fr")  # the core's message, in the interface language
    with qtbot.waitSignal(view.session.runner.failed, timeout=WAIT_MS) as failed:
        view.delete_current()
    assert failed.args[0] == (
        "Le service 'OFAC' est encore utilisé par 1 élément(s) de la liste « contacts » : "
        "rattachez-les d'abord ailleurs"
    )


def test_contact_editor_creates_an_agency_inline(
    qtbot: QtBot, vault_session: Session, in_vault: InVault
) -> None:
    editor = ContactEditor(vault_session, None, {})
    qtbot.addWidget(editor)
    editor.show()
    editor.full_name.setText("Lena Brückner")
    editor.country.setText("DE")
    editor.new_agency()
    qtbot.waitUntil(
        lambda: editor.agency_editor is not None and editor.agency_editor.isVisible(), timeout=WAIT_MS
    )
    inline = editor.agency_editor
    assert isinstance(inline, AgencyEditor)
    assert inline.country.text() == "DE"  # taken from the contact
    inline.name_edit.setText("Bundeskriminalamt")
    qtbot.mouseClick(inline.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.agency.currentText() == "Bundeskriminalamt", timeout=WAIT_MS)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(in_vault(catalog.contacts.list)) == 1, timeout=WAIT_MS)
    bka = in_vault(catalog.agencies.list)[0]
    assert in_vault(catalog.contacts.list)[0].agency_id == bka.id


def test_request_editor_creates_the_addressee_inline(
    qtbot: QtBot, vault_session: Session, in_vault: InVault
) -> None:
    from ui.views.request_editor import RequestEditor

    editor = RequestEditor(vault_session)
    qtbot.addWidget(editor)
    editor.show()
    editor.binding("requested_state").set("NL")
    editor.new_addressee_agency()
    qtbot.waitUntil(
        lambda: editor.agency_editor is not None and editor.agency_editor.isVisible(), timeout=WAIT_MS
    )
    inline = editor.agency_editor
    assert isinstance(inline, AgencyEditor)
    assert inline.country.text() == "NL"
    inline.name_edit.setText("Landelijk Parket")
    qtbot.mouseClick(inline.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.binding("addressee_id").get() is not None, timeout=WAIT_MS)
    agency = in_vault(catalog.agencies.list)[0]
    assert editor.binding("addressee_id").get() == agency.id
    assert editor.dirty
