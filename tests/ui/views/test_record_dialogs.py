"""What every record form does: focus in the first field, Ctrl+S saves, Escape on a changed form
asks before discarding it, and a lock closes it without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from liaison.services import catalog
from tests.ui.views.conftest import WAIT_MS, InVault
from ui.session import Session
from ui.views.contact_editor import ContactEditor


@pytest.fixture
def editor(qtbot: QtBot, vault_session: Session) -> ContactEditor:
    dialog = ContactEditor(vault_session, None, {})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def test_focus_starts_in_the_first_field(qtbot: QtBot, editor: ContactEditor) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.full_name, timeout=WAIT_MS)


def test_ctrl_s_saves(qtbot: QtBot, editor: ContactEditor, in_vault: InVault) -> None:
    editor.full_name.setText("Ana Ruiz")
    qtbot.keyClick(editor.full_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(in_vault(catalog.contacts.list)) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=WAIT_MS)


def test_escape_on_a_changed_form_asks_first(
    qtbot: QtBot, editor: ContactEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> None:
        monkeypatch.setattr(QMessageBox, "question", lambda *args, **_kw: asked.append(args[1]) or choice)

    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not editor.isVisible() and asked == []
    editor.show()
    editor.full_name.setText("Half a name")
    answer(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and asked == ["Discard changes?"]
    assert editor.full_name.text() == "Half a name"
    answer(QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and len(asked) == 2


def test_locking_closes_a_changed_form_without_asking(
    qtbot: QtBot, editor: ContactEditor, vault_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: pytest.fail("asked during a lock"))
    editor.full_name.setText("Half a name")
    vault_session.lock()
    editor.reject()  # what the pages do on lock
    assert not editor.isVisible()
