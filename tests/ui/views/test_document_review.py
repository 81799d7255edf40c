"""The document review off the UI thread: open a file, progress, cancel, side-by-side review with
origins, edit and approve into the memory, export, keep with a case; and the Translate page's drop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.domain import Case
from liaison.services import attachments
from liaison.services import translation as translation_service
from liaison.services.catalog import cases
from liaison.store.vault import Vault, create_vault
from liaison.translation import packs
from tests.liaison.documents_in.conftest import FRENCH, SENTENCES, make_docx
from ui.session import Session
from ui.tasks import TaskRunner
from ui.views import translate_view
from ui.views.document_review import DocumentReviewDialog
from ui.views.translate_view import TranslateView

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
WAIT_MS = 120_000


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(tmp_path / "translation"))
    monkeypatch.setattr(translate_view._Shared, "engine", None)
    runner = TaskRunner()
    session = Session(runner, tmp_path / "field.db")

    def create() -> Vault:
        vault, _code = create_vault(session.vault_path, "a passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
        cases.add(vault, Case(reference="OP-DOC", title="Documents"))
        return vault

    session.attach(runner.run_store(create).result(timeout=120))
    packs.install(next(FIXTURE_PACKS.glob("translate-en_fr-*.argosmodel")))
    yield session
    session.lock()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    runner.shutdown()


def _in_vault(session: Session, work):  # type: ignore[no-untyped-def]
    vault = session.vault()
    return session.runner.run_store(lambda: work(vault)).result(timeout=60)


def test_translate_review_edit_approve_export_and_keep(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(make_docx())
    dialog = DocumentReviewDialog(session, source)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setCurrentIndex(dialog.source.findData("en"))
    dialog.target.setCurrentIndex(dialog.target.findData("fr"))
    dialog.start()
    assert dialog.cancel_button.isEnabled()  # the work runs off the UI thread
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=WAIT_MS)
    model = dialog.model
    rows = {model.index(r, model.SOURCE).data(): r for r in range(model.rowCount())}
    row = rows[SENTENCES[2]]
    assert model.index(row, model.TARGET).data() == FRENCH[SENTENCES[2]]
    assert model.index(row, model.ORIGIN).data() == "machine"
    assert model.index(rows["2024-03-15"], model.ORIGIN).data() == "copied"
    assert model.setData(model.index(row, model.TARGET), "La demande a été rejetée.")
    dialog.table.selectRow(row)
    dialog.approve_selected()
    qtbot.waitUntil(lambda: "✓" in model.index(row, model.ORIGIN).data(), timeout=WAIT_MS)
    assert _in_vault(
        session, lambda v: translation_service.resources_for(v).exact("en", "fr", SENTENCES[2])
    ) == ("La demande a été rejetée.")
    saved: list[Path] = []
    for kind, name in (("document", "report.fr.docx"), ("review", "review.pdf"), ("tmx", "approved.tmx")):
        dialog.export_to(kind, tmp_path / name, saved.append)
    qtbot.waitUntil(lambda: len(saved) == 3, timeout=WAIT_MS)
    assert (tmp_path / "report.fr.docx").read_bytes()[:2] == b"PK"
    assert "La demande a été rejetée." in (tmp_path / "approved.tmx").read_text(encoding="utf-8")
    dialog.case.setText("OP-DOC")
    dialog.attach()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Kept with case"), timeout=WAIT_MS)
    assert len(_in_vault(session, lambda v: attachments.list_for(v, "OP-DOC"))) == 3
    dialog.grab().save(str(tmp_path / "document-review.png"))


def test_cancel_stops_a_long_document(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    long_text = tmp_path / "long.txt"
    long_text.write_text("\n\n".join(f"{SENTENCES[i % 4]} Item {i}." for i in range(3000)), encoding="utf-8")
    dialog = DocumentReviewDialog(session, long_text)
    qtbot.addWidget(dialog)
    dialog.source.setCurrentIndex(dialog.source.findData("en"))
    dialog.target.setCurrentIndex(dialog.target.findData("fr"))
    dialog.start()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.status.text() == "Cancelled.", timeout=WAIT_MS)
    assert dialog.result is None and dialog.start_button.isEnabled()


def test_a_file_dropped_on_the_translate_page_opens_the_review(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    page = TranslateView(session)
    qtbot.addWidget(page)
    page.show()
    source = tmp_path / "dropped.txt"
    source.write_text(SENTENCES[0], encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drops only inside a real drag session, so the page's filter is given the event.
    assert page.acceptDrops() and page.documents.eventFilter(page, drop)
    dialog = page.documents.dialog
    assert dialog is not None and dialog.isVisible() and dialog.path == source
    dialog.close()


def test_a_document_kept_with_a_case_is_opened_and_translated_from_the_case_page(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    from ui.views.cases_view import CasesView

    received = _in_vault(
        session, lambda v: attachments.add(v, "OP-DOC", "letter.docx", make_docx(), language="en")
    )
    page = CasesView(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.open_record(received.case_id)
    panel = page.attachments
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    panel.list.setCurrentRow(0)
    assert panel.open_button.isEnabled() and panel.translate_button.isEnabled()

    viewer = panel.open_selected()
    assert viewer is not None
    qtbot.waitUntil(lambda: SENTENCES[2] in viewer.text.toPlainText(), timeout=WAIT_MS)
    viewer.grab().save(str(tmp_path / "attachment-open.png"))
    viewer.close()

    dialog = panel.translate_selected()
    assert dialog is not None
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=WAIT_MS)
    assert dialog.case.text() == "OP-DOC" and dialog.source.currentData() == "en"
    assert "letter.docx" in dialog.file_label.text() and dialog.path is None  # never written to disk
    dialog.target.setCurrentIndex(dialog.target.findData("fr"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=WAIT_MS)
    model = dialog.model
    targets = [model.index(r, model.TARGET).data() for r in range(model.rowCount())]
    assert FRENCH[SENTENCES[2]] in targets
    dialog.attach()
    qtbot.waitUntil(lambda: panel.list.count() == 3, timeout=WAIT_MS)  # translation + review, not a copy
    kept = _in_vault(session, lambda v: attachments.list_for(v, "OP-DOC"))
    derived = [a for a in kept if a.id != received.id]
    assert {a.role for a in derived} == {"translation", "review"}
    assert all(a.derived_from == received.id and a.language == "fr" for a in derived)
    dialog.grab().save(str(tmp_path / "attachment-translated.png"))
    page.grab().save(str(tmp_path / "case-documents.png"))


def test_the_request_editor_lists_the_requests_own_documents(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    from liaison.domain.mla import MlaRequest
    from liaison.services import mla
    from ui.views.request_editor import RequestEditor

    letter = make_docx()  # once: a DOCX's zip entries carry the time it was written

    def setup(vault: Vault) -> MlaRequest:
        case = cases.get(vault, cases.resolve(vault, "OP-DOC"))
        request = mla.requests.add(vault, MlaRequest(case_id=case.id, our_reference="MLA-DOC/1"))
        attachments.add(vault, "OP-DOC", "letter.docx", letter, language="en", request_ref=request.id)
        attachments.add(vault, "OP-DOC", "other-case-file.txt", b"not the request's")
        return request

    request = _in_vault(session, setup)
    editor = RequestEditor(session)
    qtbot.addWidget(editor)
    editor.resize(1000, 800)
    editor.show()
    editor.load(request)
    panel = editor.attachments
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.list.item(0).text().startswith("letter.docx — received · en")
    panel.list.setCurrentRow(0)
    assert all(b.isEnabled() for b in (panel.open_button, panel.translate_button, panel.export_button))
    panel.export_to(tmp_path / "letter.docx")
    qtbot.waitUntil((tmp_path / "letter.docx").exists, timeout=WAIT_MS)  # written whole, then renamed
    assert (tmp_path / "letter.docx").read_bytes() == letter
    editor.grab().save(str(tmp_path / "request-documents.png"))
    editor.load(None)
    assert panel.list.count() == 0 and not panel.add_button.isEnabled()
