"""Records kept on this device only: every editor shows the mark and changes it, every list marks
the record, and a record marked in the editor never reaches the other device (real server)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.domain import Agency, Agreement, Case, Contact, Note
from liaison.services import catalog, mla, notes
from liaison.store import records, sync_log
from liaison.store.vault import Vault
from tests.ui.sync.conftest import WAIT_MS, Device, sync_all
from ui.models import local_marks
from ui.views.agency_editor import AgencyEditor
from ui.views.agreement_dialogs import AgreementEditor
from ui.views.case_dialogs import CaseEditor
from ui.views.contacts_view import ContactsView
from ui.views.note_editor import NoteEditor
from ui.views.request_editor import RequestEditor

DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _names(vault: Vault) -> list[str]:
    return sorted(c.full_name for c in records.find(vault, Contact))


def _local(device: Device, record_id: str) -> bool:
    return bool(device.run(lambda v: sync_log.is_local_only(v, record_id)))


@pytest.mark.loopback
def test_a_contact_marked_in_the_editor_stays_and_is_marked_in_the_list(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    view = ContactsView(a.session)
    qtbot.addWidget(view)
    view.new_item()
    editor = view.editor
    assert editor is not None and not editor.local_only.isChecked()
    editor.full_name.setText("Private Informant")
    editor.local_only.click()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    contact = view.model.record(0)
    assert _local(a, contact.id)
    qtbot.waitUntil(lambda: local_marks.is_local_only(contact.id), timeout=WAIT_MS)
    index = view.model.index(0, 0)
    assert view.model.data(index, DECORATION) is not None
    assert str(view.model.data(index, TOOLTIP)).startswith("Local only")
    assert view.model.data(view.model.index(0, 1), DECORATION) is None  # the first column only

    sync_all(qtbot, a, b)
    assert b.run(_names) == []  # never left device a

    view.edit_current()
    editor = view.editor
    assert editor is not None
    qtbot.waitUntil(editor.local_only.isChecked, timeout=WAIT_MS)
    editor.local_only.click()  # share it again
    assert editor.isVisible(), "not shown"
    assert editor.local_only.changed, (editor.local_only.stored, editor.local_only.isChecked())
    assert editor.is_changed()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # only the box changed
    qtbot.waitUntil(lambda: not local_marks.is_local_only(contact.id), timeout=WAIT_MS)
    assert not _local(a, contact.id)
    assert view.model.data(view.model.index(0, 0), DECORATION) is None
    sync_all(qtbot, a, b)
    assert b.run(_names) == ["Private Informant"]


def _seed(vault: Vault) -> dict[str, str]:
    case = catalog.cases.add(vault, Case(reference="OP-LOCAL", title="Local"))
    return {
        "agency": catalog.agencies.add(vault, Agency(name="Bundeskriminalamt", country="DE")).id,
        "agreement": records.insert(vault, Agreement(title="Treaty")).id,
        "case": case.id,
        "note": notes.add(vault, case.id, "A personal reminder", "Mine").id,
        "mla_request": mla.create(vault, case_id=case.id, our_reference="MLA-LOCAL").id,
    }


def test_every_editor_shows_and_changes_the_mark(qtbot: QtBot, make_device: Callable[[str], Device]) -> None:
    device = make_device("solo")
    ids = device.run(_seed)
    get: Callable[[type, str], object] = lambda cls, kind: device.run(  # noqa: E731
        lambda v: records.get(v, cls, ids[kind])
    )
    dialogs = [
        AgencyEditor(device.session, get(Agency, "agency"), []),  # type: ignore[arg-type]
        AgreementEditor(device.session, get(Agreement, "agreement")),  # type: ignore[arg-type]
        CaseEditor(device.session, get(Case, "case")),  # type: ignore[arg-type]
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.local_only.setChecked(True)
        with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
            dialog.submit()
        assert _local(device, ids[dialog.record_kind]), dialog.record_kind

    note_editor = NoteEditor(device.session)
    qtbot.addWidget(note_editor)
    note_editor.open_note(get(Note, "note"))  # type: ignore[arg-type]
    note_editor.local_only.click()  # applies at once
    qtbot.waitUntil(lambda: _local(device, ids["note"]), timeout=WAIT_MS)

    request_editor = RequestEditor(device.session)
    qtbot.addWidget(request_editor)
    request_editor.load(device.run(lambda v: mla.requests.get(v, ids["mla_request"])))
    request_editor.local_only.click()
    qtbot.waitUntil(lambda: _local(device, ids["mla_request"]), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: set(ids.values()) <= local_marks.marks().ids, timeout=WAIT_MS)

    # Reopened, each editor shows the mark it keeps.
    again = CaseEditor(device.session, get(Case, "case"))  # type: ignore[arg-type]
    qtbot.addWidget(again)
    qtbot.waitUntil(again.local_only.isChecked, timeout=WAIT_MS)
    note_editor.open_note(get(Note, "note"))  # type: ignore[arg-type]
    qtbot.waitUntil(note_editor.local_only.isChecked, timeout=WAIT_MS)
    note_editor.local_only.click()  # and shares it again
    qtbot.waitUntil(lambda: not _local(device, ids["note"]), timeout=WAIT_MS)


def test_a_new_note_marked_before_its_first_save_is_local_from_the_start(
    qtbot: QtBot, make_device: Callable[[str], Device]
) -> None:
    device = make_device("solo")
    case_id = device.run(lambda v: catalog.cases.add(v, Case(reference="OP-NEW", title="New")).id)
    editor = NoteEditor(device.session)
    qtbot.addWidget(editor)
    editor.open_new(case_id)
    qtbot.waitUntil(lambda: not editor.body.isReadOnly(), timeout=WAIT_MS)
    editor.body.setPlainText("Only for me")
    editor.local_only.click()
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        editor.save()
    note_id = str(saved.args[0])
    assert _local(device, note_id)
    # Saved and marked in one transaction: the change set that created it carries nothing.
    pending = device.run(lambda v: [sync_log.build(v, p).ops for p in sync_log.pending(v)])
    assert all(op.record_id != note_id for ops in pending for op in ops)
