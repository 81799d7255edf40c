"""The cases page on a real vault: notes, autosaved drafts that survive a crash, revisions, lock."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.domain import Case, Handling, Note
from liaison.services import catalog, drafts, notes
from tests.ui.views.conftest import WAIT_MS, InVault
from ui.session import Session
from ui.views.cases_view import CasesView
from ui.views.note_editor import AUTOSAVE_MS, draft_key

BODY = "Lena confirmed by phone that the container logs are preserved.\nFormal request to follow."


@pytest.fixture
def case(in_vault: InVault) -> Case:
    return in_vault(  # type: ignore[no-any-return]
        lambda v: catalog.cases.add(v, Case(reference="2026/0142", title="Harbour", countries=("DE",)))
    )


def open_view(qtbot: QtBot, session: Session, keep: bool = True) -> CasesView:
    view = CasesView(session)
    if keep:
        qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT_MS)
    return view


def select_case(qtbot: QtBot, view: CasesView, case_id: str) -> None:
    view.open_record(case_id)
    qtbot.waitUntil(lambda: view.current_case() is not None, timeout=WAIT_MS)


def editor_ready(view: CasesView) -> bool:
    return view.editor.is_open and not view.editor.body.isReadOnly()


def stored_draft(in_vault: InVault, key: str) -> dict[str, object] | None:
    found = in_vault(lambda v: drafts.load(v, key))
    return None if found is None else json.loads(found[0])  # type: ignore[no-any-return]


def test_draft_is_autosaved_and_restored_after_a_crash(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    view = open_view(qtbot, vault_session, keep=False)
    select_case(qtbot, view, case.id)
    view.new_item()  # a case is selected: a new note
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    qtbot.keyClicks(view.editor.title, "Call with BKA")
    view.editor.body.setPlainText(BODY)
    key = draft_key(case.id, None)

    qtbot.waitUntil(lambda: stored_draft(in_vault, key) is not None, timeout=AUTOSAVE_MS + WAIT_MS)
    draft = stored_draft(in_vault, key)
    assert draft is not None and draft["title"] == "Call with BKA" and draft["body"] == BODY
    assert in_vault(lambda v: notes.list_for_case(v, case.id)) == []  # nothing saved yet

    shiboken6.delete(view)  # the "crash": the page is gone without Save or Close
    view = open_view(qtbot, vault_session)
    assert view.banner.isVisible() and "2026/0142" in view.banner.text()
    select_case(qtbot, view, case.id)
    qtbot.waitUntil(lambda: editor_ready(view) and view.editor.body.toPlainText() == BODY, timeout=WAIT_MS)
    assert view.editor.title.text() == "Call with BKA"
    assert view.editor.notice.isVisible()
    assert "draft" in view.editor.notice_label.text().lower()
    assert view.editor.note is None  # still a new note

    view.editor.body.setFocus()
    qtbot.keyClick(view.editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    qtbot.waitUntil(lambda: len(in_vault(lambda v: notes.list_for_case(v, case.id))) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.editor.note is not None, timeout=WAIT_MS)
    assert stored_draft(in_vault, key) is None
    saved = in_vault(lambda v: notes.list_for_case(v, case.id))[0]
    assert (saved.title, saved.body, saved.revision) == ("Call with BKA", BODY, 1)
    qtbot.waitUntil(lambda: view.notes_model.rowCount() == 1, timeout=WAIT_MS)
    assert not view.editor.notice.isVisible()
    assert not view.banner.isVisible()
    qtbot.waitUntil(lambda: view.current_note() is not None, timeout=WAIT_MS)
    assert view.current_note().id == saved.id  # type: ignore[union-attr]


def test_a_note_language_is_picked_by_name_then_fixed_once_saved(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    view.new_item()
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    language = view.editor.language
    assert not language.isReadOnly() and language.code() == ""  # a new note: the officer picks
    language.setCurrentIndex(language.findData("de"))
    assert language.currentText() == "German (de)"
    view.editor.title.setText("Call with BKA")
    view.editor.body.setPlainText(BODY)
    view.editor.save()
    qtbot.waitUntil(lambda: view.editor.note is not None, timeout=WAIT_MS)
    saved = in_vault(lambda v: notes.list_for_case(v, case.id))[0]
    assert saved.language == "de"

    assert language.isReadOnly() and language.currentText() == "German (de)"
    language.showPopup()  # neither the list, the keys nor the wheel choose another language
    assert not language.view().isVisible()
    language.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_X):
        qtbot.keyClick(language, key)
    assert language.code() == "de" and not view.editor.is_dirty

    view.open_record(saved.id)  # reopened: shown by name, still fixed
    qtbot.waitUntil(lambda: editor_ready(view) and view.editor.note is not None, timeout=WAIT_MS)
    assert language.isReadOnly() and language.currentText() == "German (de)"


def test_editing_a_note_saves_a_revision_and_removes_the_draft(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    note: Note = in_vault(lambda v: notes.add(v, case.id, "First text", "Meeting", "en", Handling.GREEN))
    view = open_view(qtbot, vault_session)
    view.open_record(note.id)  # a note id: its case is selected and the note opened
    qtbot.waitUntil(lambda: editor_ready(view) and view.editor.note is not None, timeout=WAIT_MS)
    assert view.editor.body.toPlainText() == "First text"
    assert view.editor.language.isReadOnly()  # the service cannot change a saved note's language
    view.editor.body.setPlainText("First text, corrected")
    view.editor.handling.set_handling(Handling.RED)
    key = draft_key(case.id, note.id)
    qtbot.waitUntil(lambda: stored_draft(in_vault, key) is not None, timeout=AUTOSAVE_MS + WAIT_MS)
    qtbot.waitUntil(lambda: view.editor.status.text().startswith("Draft kept"), timeout=WAIT_MS)

    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: in_vault(lambda v: notes.get(v, note.id)).revision == 2, timeout=WAIT_MS)
    assert stored_draft(in_vault, key) is None
    saved = in_vault(lambda v: notes.get(v, note.id))
    assert saved.body == "First text, corrected" and saved.handling == Handling.RED
    history = in_vault(lambda v: notes.history(v, note.id))
    assert [r.body for r in history] == ["First text", "First text, corrected"]
    qtbot.waitUntil(lambda: "revision 2" in view.editor.status.text(), timeout=WAIT_MS)
    assert view.editor.badge.text() == "TLP:RED"

    view.editor.show_history()
    dialog = view.editor.history_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT_MS)
    assert dialog.text.toPlainText().endswith("First text, corrected")  # newest first, selected


def test_closing_the_editor_keeps_the_draft_and_discard_removes_it(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    view.new_note()
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    view.editor.body.setPlainText("Half a thought")
    view.editor.close_editor()  # before the autosave delay: written at once
    key = draft_key(case.id, None)
    qtbot.waitUntil(lambda: stored_draft(in_vault, key) is not None, timeout=WAIT_MS)
    assert not view.editor.is_open and view.editor.body.toPlainText() == ""

    view.new_note()
    qtbot.waitUntil(lambda: view.editor.body.toPlainText() == "Half a thought", timeout=WAIT_MS)
    assert view.editor.notice.isVisible()
    qtbot.mouseClick(view.editor.discard_button, Qt.MouseButton.LeftButton)
    assert view.editor.body.toPlainText() == ""
    qtbot.waitUntil(lambda: stored_draft(in_vault, key) is None, timeout=WAIT_MS)


def test_new_case_through_the_dialog_and_validation(
    qtbot: QtBot, vault_session: Session, in_vault: InVault
) -> None:
    view = CasesView(vault_session)
    qtbot.addWidget(view)
    view.new_item()  # no case selected: a new case
    dialog = view.case_editor
    assert dialog is not None
    assert dialog.opened_on.date("opened_on") == dt.date.today()  # a new case is opened today
    dialog.title_edit.setText("Without reference")
    dialog.countries.setText("fr, France")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.field_error("reference") != "", timeout=WAIT_MS)
    dialog.reference.setText("2026/0200")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.field_error("countries") != "", timeout=WAIT_MS)
    dialog.countries.setText("fr ma")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current_case() is not None, timeout=WAIT_MS)
    assert view.current_case().countries == ("FR", "MA")  # type: ignore[union-attr]
    assert len(in_vault(catalog.cases.list)) == 1


def test_lock_clears_the_models_and_the_editor(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    in_vault(lambda v: notes.add(v, case.id, "Secret text", "Source", "en", Handling.RED))
    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    qtbot.waitUntil(lambda: view.notes_model.rowCount() == 1, timeout=WAIT_MS)
    view.timeline.selectRow(0)
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    vault_session.lock()
    assert view.model.rowCount() == 0
    assert view.notes_model.rowCount() == 0
    assert not view.editor.is_open
    assert view.editor.body.toPlainText() == "" and view.editor.title.text() == ""
    assert view.case_title.text() == "No case selected"
    assert view.case_summary.text() == ""
    assert "0 of 0" in view.count_label.text()


def test_every_visible_string_is_retranslated(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case, marked_language: Callable[[], None]
) -> None:
    in_vault(lambda v: notes.add(v, case.id, "Text", "Title"))
    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    qtbot.waitUntil(lambda: view.notes_model.rowCount() == 1, timeout=WAIT_MS)
    marked_language()
    view.retranslate_ui()
    assert view.new_case_button.text() == "«New case»"
    assert view.new_note_button.text() == "«New note»"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "«Reference»"
    assert view.model.index(0, 2).data() == "«Open»"
    assert view.notes_model.headerData(0, Qt.Orientation.Horizontal) == "«Written»"
    assert view.case_meta.text().startswith("«Open»")
    assert view.editor.save_button.text() == "«Save»"
    assert view.editor.heading.text() == "«No note open»"
    assert view.count_label.text().startswith("«")


def test_switching_notes_while_a_save_is_running_loses_nothing(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, case: Case
) -> None:
    other: Note = in_vault(lambda v: notes.add(v, case.id, "Other note", "Other"))
    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    view.new_note()
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    view.editor.body.setPlainText("Written fast")
    view.editor.save()
    view.editor.open_note(other)  # before the save has come back
    qtbot.waitUntil(lambda: len(in_vault(lambda v: notes.list_for_case(v, case.id))) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    assert view.editor.note is not None and view.editor.note.id == other.id
    assert view.editor.body.toPlainText() == "Other note"
    assert in_vault(drafts.keys) == []


def test_locking_right_after_typing_keeps_the_text_as_a_draft(
    qtbot: QtBot, vault_session: Session, case: Case
) -> None:
    """Typing then locking within the autosave delay: the pending draft is written before the close."""
    from liaison.store.vault import unlock
    from tests.conftest import PASSPHRASE

    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    view.new_item()
    qtbot.waitUntil(lambda: editor_ready(view), timeout=WAIT_MS)
    view.editor.body.setPlainText("typed a moment before the lock")
    vault_session.lock()  # well inside AUTOSAVE_MS
    qtbot.waitUntil(lambda: not vault_session.runner.busy, timeout=WAIT_MS)
    with unlock(vault_session.vault_path, PASSPHRASE) as reopened:
        found = drafts.load(reopened, draft_key(case.id, None))
    assert found is not None and json.loads(found[0])["body"] == "typed a moment before the lock"


def test_note_text_stays_in_view(qtbot: QtBot, vault_session: Session, case: Case) -> None:
    """The timeline's Text column takes the room left, instead of being pushed off to the right."""
    from PySide6.QtWidgets import QHeaderView

    from ui.models.notes_model import NotesModel

    view = open_view(qtbot, vault_session)
    select_case(qtbot, view, case.id)
    header = view.timeline.horizontalHeader()
    assert header.sectionResizeMode(NotesModel.TEXT) == QHeaderView.ResizeMode.Stretch
    end = header.sectionViewportPosition(NotesModel.TEXT) + header.sectionSize(NotesModel.TEXT)
    assert end <= view.timeline.viewport().width() and header.sectionSize(NotesModel.TEXT) >= 60
