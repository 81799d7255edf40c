"""Documents kept with a case, on the Cases page: listed for the selected case, added, exported, erased."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison.domain import Case
from liaison.services import attachments
from liaison.services.catalog import cases
from ui import i18n
from ui.session import Session
from ui.views import case_attachments
from ui.views.cases_view import CasesView

WAIT_MS = 30_000


def test_documents_follow_the_selected_case(qtbot: QtBot, vault_session: Session, tmp_path: Path) -> None:
    def setup(vault):  # type: ignore[no-untyped-def]
        first = cases.add(vault, Case(reference="OP-ONE", title="One"))
        cases.add(vault, Case(reference="OP-TWO", title="Two"))
        attachments.add(vault, "OP-ONE", "letter.pdf", b"%PDF-1.4 letter", language="de")
        return first.id

    vault = vault_session.vault()
    first_id = vault_session.runner.run_store(lambda: setup(vault)).result(timeout=60)
    page = CasesView(vault_session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    page.open_record(first_id)
    panel = page.attachments
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.list.item(0).text() == "letter.pdf — received · de · 15 B"
    assert panel.list.isVisible() and panel.list.height() < 3 * panel.list.sizeHintForRow(0)
    i18n.set_language("fr")  # a verb on the button, not the case state "Open" ("Ouverte")
    assert panel.open_button.text() == "Ouvrir…"
    i18n.set_language("en")
    source = tmp_path / "reply.txt"
    source.write_text("Reply text", encoding="utf-8")
    panel.add_file(source)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=WAIT_MS)
    panel.list.setCurrentRow(0)
    assert panel.export_button.isEnabled()
    panel.export_to(tmp_path / "out.pdf")
    qtbot.waitUntil((tmp_path / "out.pdf").exists, timeout=WAIT_MS)
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.4 letter"
    panel.delete_selected()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.list.item(0).text().startswith("reply.txt")
    page.grab().save(str(tmp_path / "cases-with-documents.png"))
    panel.list.setCurrentRow(0)
    panel.delete_selected()  # nothing kept: no empty box taking the room of what is above
    qtbot.waitUntil(lambda: not panel.list.isVisible(), timeout=WAIT_MS)
    assert panel.add_button.isEnabled()


def test_a_refused_document_is_explained_in_the_interface_language(
    qtbot: QtBot, vault_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = vault_session.vault()
    case = vault_session.runner.run_store(lambda: cases.add(vault, Case(reference="OP-V", title="V"))).result(
        timeout=60
    )
    page = CasesView(vault_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.open_record(case.id)
    panel = page.attachments
    qtbot.waitUntil(lambda: panel.case_id == case.id, timeout=WAIT_MS)
    shown: list[str] = []
    monkeypatch.setattr(case_attachments.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    i18n.set_language("fr")
    panel.add_file(empty)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == ["vide.txt : le fichier est vide"]  # the file's name as it is, not capitalised
    panel.add_file(tmp_path / "absent.pdf")
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT_MS)
    assert shown[1] == f"{tmp_path / 'absent.pdf'} : ce fichier n'existe pas"
