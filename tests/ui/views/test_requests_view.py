"""The MLA requests page on a real demo vault: guided editing, validation, review, export and preview."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.documents import render_process, rules
from liaison.domain import Handling
from liaison.domain.mla import InstrumentKind, MeasureKind, MlaRequest, RequestStatus
from liaison.services import demo, mla
from liaison.services import translation as translation_service
from liaison.store.vault import Vault, create_vault
from liaison.translation import packs
from ui import exports, i18n
from ui.session import Session
from ui.tasks import TaskRunner
from ui.views import translate_view
from ui.views.requests_view import RequestsView, ValidationPanel
from ui.views.translation_review import TranslationReview

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
EIO = "EIO-NL-2026/0042"
WAIT_MS = 120_000


@pytest.fixture
def translation_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(path))
    monkeypatch.delenv("LIAISON_PACK_INDEX_URL", raising=False)
    monkeypatch.setattr(translate_view._Shared, "engine", None)  # a fresh shared engine per test
    return path


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path, translation_dir: Path) -> Iterator[Session]:
    runner = TaskRunner()
    session = Session(runner, tmp_path / "demo.db")

    def create() -> Vault:
        vault, _code = create_vault(session.vault_path, "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
        demo.populate(vault)
        return vault

    session.attach(runner.run_store(create).result(timeout=120))
    yield session
    session.lock()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)  # shutdown cancels what is still queued
    runner.shutdown()


def query(session: Session, work):  # type: ignore[no-untyped-def]
    """Run ``work(vault)`` on the store thread and wait for it (test helper)."""
    return session.runner.run_store(lambda: work(session.vault())).result(timeout=60)


@pytest.fixture
def en_fr(translation_dir: Path) -> None:
    packs.install(next(FIXTURE_PACKS.glob("translate-en_fr-*.argosmodel")))


@pytest.fixture
def view(qtbot: QtBot, session: Session) -> RequestsView:
    page = RequestsView(session)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT_MS)
    return page


def open_request(qtbot: QtBot, view: RequestsView, reference: str) -> MlaRequest:
    request = query(view.session, lambda v: mla.requests.get(v, reference))
    view.open_record(request.id)
    qtbot.waitUntil(lambda: view.editor.request is not None and view.editor.request.id == request.id)
    return request


def translate_into(qtbot: QtBot, view: RequestsView, lang: str) -> TranslationReview:
    """Machine-translate the open request's free text into ``lang`` in the review tab."""
    review = view.review
    review.language.setCurrentIndex(review.language.findData(lang))
    review.translate()
    qtbot.waitUntil(review.translate_button.isEnabled, timeout=WAIT_MS)
    return review


def test_list_shows_the_demo_requests_and_filters_overdue(qtbot: QtBot, view: RequestsView) -> None:
    references = {view.model.index(r, 0).data() for r in range(view.model.rowCount())}
    assert {EIO, "MLA-NL-2026/0117"} <= references
    view.overdue_only.setChecked(True)
    overdue = [view.proxy.index(r, 0).data(view.model.OverdueRole) for r in range(view.proxy.rowCount())]
    assert all(overdue)
    view.overdue_only.setChecked(False)
    assert view.proxy.rowCount() == view.model.rowCount()


def test_build_a_request_in_the_editor_and_follow_validation(qtbot: QtBot, view: RequestsView) -> None:
    view.new_item()
    editor = view.editor
    qtbot.keyClicks(editor.binding("our_reference").widget, "MLA-NL-2026/0999")
    editor.binding("facts").set("The suspect was arrested in Rotterdam.")
    measures = editor.section("measures")
    qtbot.mouseClick(measures.add_button, Qt.MouseButton.LeftButton)
    block = measures.blocks[0]
    block.bindings["kind"].set(MeasureKind.BANK_RECORDS)
    block._rebuild_details()
    block.details["bank"].set("Banque Exemple, Lyon")
    block.bindings["description"].set("Statements of the account held by the suspect.")
    assert editor.dirty
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        editor.save()
    stored = query(view.session, lambda v: mla.requests.get(v, saved.args[0].id))
    assert stored.our_reference == "MLA-NL-2026/0999"
    assert stored.facts == "The suspect was arrested in Rotterdam."
    assert stored.measures[0].kind is MeasureKind.BANK_RECORDS
    assert stored.measures[0].details[0].key == "bank"
    qtbot.waitUntil(lambda: view.model.row_of(stored.id) >= 0, timeout=WAIT_MS)

    # The validation panel lists what the rule set still needs, with the article.
    def checked_after_save() -> bool:
        fields = [i.field for i in view.validation.issues]
        return bool(fields) and "our_reference" not in fields and "facts" not in fields

    qtbot.waitUntil(checked_after_save, timeout=WAIT_MS)
    fields = [i.field for i in view.validation.issues]
    assert "requesting_authority.name" in fields
    issue = next(i for i in view.validation.issues if i.field == "requesting_authority.name")
    assert issue.article
    row = fields.index("requesting_authority.name")
    item = view.validation.tree.topLevelItem(row)
    assert issue.article in item.text(2)
    view.activateWindow()
    view.validation.tree.itemClicked.emit(item, 0)
    target = editor.binding("requesting_authority.name").widget
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)

    # Filling that field in removes the issue on the next (debounced) check.
    qtbot.keyClicks(target, "Public Prosecution Service Rotterdam")
    qtbot.waitUntil(
        lambda: "requesting_authority.name" not in [i.field for i in view.validation.issues], timeout=WAIT_MS
    )


def test_annex_file_is_hashed_off_the_gui_thread(qtbot: QtBot, view: RequestsView, tmp_path: Path) -> None:
    open_request(qtbot, view, "MLA-NL-2026/0117")
    annexes = view.editor.section("annexes")
    before = len(annexes.blocks)
    court_order = tmp_path / "court-order.txt"
    court_order.write_bytes(b"order of the investigating judge")
    view.editor.add_annex_file(court_order)
    qtbot.waitUntil(lambda: len(annexes.blocks) == before + 1)
    annex = annexes.blocks[-1].get()
    assert annex.file_name == "court-order.txt"
    assert annex.sha256 == hashlib.sha256(b"order of the investigating judge").hexdigest()
    assert view.editor.dirty


def test_status_change_records_channel_and_deadlines(qtbot: QtBot, view: RequestsView) -> None:
    open_request(qtbot, view, "MLA-NL-2026/0117")
    panel = view.status_panel
    panel.new_status.setCurrentIndex(panel.new_status.findData(RequestStatus.READY.value))
    panel.on.setText("2026-02-12")
    with qtbot.waitSignal(view.session.records_changed, timeout=WAIT_MS):
        panel.apply()
    qtbot.waitUntil(lambda: panel.request is not None and panel.request.status == RequestStatus.READY)
    panel.new_status.setCurrentIndex(panel.new_status.findData(RequestStatus.SENT.value))
    panel.on.setText("2026-02-13")
    panel.channel.setText("diplomatic post")
    panel.apply()
    qtbot.waitUntil(lambda: panel.request is not None and panel.request.status == RequestStatus.SENT)
    assert panel.request.history[-1].channel == "diplomatic post"
    assert panel.deadlines.topLevelItemCount() >= 1
    assert panel.history.topLevelItemCount() == 2


@pytest.mark.usefixtures("en_fr")
def test_export_eio_in_french_previews_pages_and_keeps_the_gui_responsive(
    qtbot: QtBot, view: RequestsView, tmp_path: Path
) -> None:
    open_request(qtbot, view, EIO)
    panel = view.export
    panel.language.setCurrentIndex(panel.language.findData("fr"))
    ticks = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    output = tmp_path / "eio-fr.pdf"
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS) as exported:
        panel.export_to(output)
        started = ticks[0]
    during = ticks[0] - started
    assert during >= 3, "the GUI thread stopped processing events during the export"
    result = exported.args[0]
    assert result.path == output and output.stat().st_size > 0
    assert result.untranslated == ()
    with qtbot.waitSignal(panel.preview.rendered, timeout=WAIT_MS) as rendered:
        pass
    assert rendered.args[0] >= 1
    assert len(panel.preview.page_labels) == rendered.args[0]
    assert not panel.preview.page_labels[0].pixmap().isNull()
    width = panel.preview.page_labels[0].pixmap().width()
    panel.preview.set_zoom(2.0)  # the preview zooms (Ctrl++ / Ctrl+wheel)
    assert abs(panel.preview.page_labels[0].pixmap().width() - 2 * width) <= 2
    panel.preview.set_zoom(100)
    assert panel.preview.zoom == 4.0
    assert "Version" in panel.status.text()
    timer.stop()


def test_export_warns_when_the_language_is_not_accepted(
    qtbot: QtBot, view: RequestsView, tmp_path: Path
) -> None:
    open_request(qtbot, view, EIO)
    panel = view.export
    panel.language.setCurrentIndex(panel.language.findData("de"))
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS):
        panel.export_to(tmp_path / "eio-de.pdf")
    assert "France" in panel.warnings.text()
    assert panel.untranslated.text()  # no en→de pack: the free text stays in English, and says so


def test_invalid_request_is_exported_only_as_a_draft(
    qtbot: QtBot, view: RequestsView, tmp_path: Path
) -> None:
    query(view.session, lambda v: mla.update(v, EIO, {"facts": "", "measures": ()}))
    open_request(qtbot, view, EIO)
    panel = view.export
    qtbot.waitUntil(lambda: not panel.checking, timeout=WAIT_MS)  # validated on the io pool
    panel.grab().save(str(tmp_path / "export-panel.png"))
    assert not panel.export_button.isEnabled() and panel.draft_button.isEnabled()
    assert "fails validation" in panel.export_button.toolTip()
    panel.language.setCurrentIndex(panel.language.findData("en"))
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS) as exported:
        panel.export_to(tmp_path / "draft.pdf", draft=True)
    result = exported.args[0]
    assert result.draft and result.path.exists()
    assert panel.draft_button.isEnabled() and not panel.export_button.isEnabled()


class UrlCatcher(QObject):
    """Receives the URLs the app asks the desktop to open (``QDesktopServices.setUrlHandler``)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_export_goes_to_the_exports_folder_asks_before_amber_and_offers_open(
    qtbot: QtBot, view: RequestsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    request = open_request(qtbot, view, EIO)
    assert request.handling in exports.RESTRICTED  # the demo request is TLP:AMBER
    panel = view.export
    panel.language.setCurrentIndex(panel.language.findData("en"))
    suggested = panel.suggested_path()
    assert suggested.parent == exports.default_folder() != tmp_path  # never the working folder
    assert suggested.name == "EIO-NL-2026-0042-en.pdf"
    chosen = tmp_path / "exports"
    exports.set_export_folder(chosen)
    assert panel.suggested_path(create=True).parent == chosen and chosen.is_dir()  # remembered

    output = chosen / "eio.pdf"
    panel.confirm_and_export(output)  # the officer cancels the warning: nothing is written
    box = panel.findChild(QMessageBox)
    assert box is not None and box.isVisible() and "TLP:AMBER" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert not output.exists() and not panel.progress.isVisibleTo(panel)
    assert not panel.open_button.isVisibleTo(panel)

    panel.confirm_and_export(output)
    box = next(b for b in panel.findChildren(QMessageBox) if b.isVisible())
    write = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS):
        write.click()
    assert output.stat().st_size > 0
    assert panel.open_button.isVisibleTo(panel) and panel.folder_button.isVisibleTo(panel)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        panel.open_button.click()
        panel.folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in catcher.urls] == [output, chosen]


def test_green_request_is_exported_without_a_question(
    qtbot: QtBot, view: RequestsView, tmp_path: Path
) -> None:
    query(view.session, lambda v: mla.update(v, EIO, {"handling": Handling.GREEN}))
    open_request(qtbot, view, EIO)
    panel = view.export
    panel.language.setCurrentIndex(panel.language.findData("en"))
    with qtbot.waitSignal(panel.exported, timeout=WAIT_MS):
        panel.confirm_and_export(tmp_path / "green.pdf")
    assert not any(box.isVisible() for box in panel.findChildren(QMessageBox))


def test_the_export_never_blocks_the_event_loop(qtbot: QtBot, view: RequestsView, tmp_path: Path) -> None:
    """reportlab lays the PDF out in a worker process: a 10 ms timer keeps ticking, with no gap over
    100 ms, while the request is composed, rendered, written and previewed (on the store thread the
    rendering held the interpreter lock and the window froze 200+ ms at a time)."""
    query(view.session, lambda v: mla.update(v, EIO, {"handling": Handling.GREEN}))
    open_request(qtbot, view, EIO)
    panel = view.export
    panel.language.setCurrentIndex(panel.language.findData("en"))
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    output = tmp_path / "eio.pdf"
    with qtbot.waitSignal(panel.preview.rendered, timeout=WAIT_MS) as rendered:
        panel.export_to(output)
    timer.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 10 and max(gaps) < 100, f"longest gap {max(gaps):.0f} ms"
    assert render_process.shared().running  # the worker did the layout
    assert rendered.args is not None and rendered.args[0] >= 1  # pages previewed
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    assert EIO in text


def test_a_reload_reuses_the_editor_blocks_and_skips_an_unchanged_request(
    qtbot: QtBot, view: RequestsView
) -> None:
    """The request is reloaded after every save and export: the blocks of repeating sections are
    reused (rebuilding them all froze the window 150+ ms) and a request that did not change is not
    loaded again at all."""
    request = open_request(qtbot, view, EIO)
    editor = view.editor
    persons = editor.section("persons")
    blocks = list(persons.blocks)
    assert blocks
    renamed = dataclasses.replace(request.persons[0], surname="Renamed")
    query(view.session, lambda v: mla.update(v, request.id, {"persons": (renamed, *request.persons[1:])}))
    view.session.records_changed.emit("mla_request")  # as after a save elsewhere (CLI, sync)
    qtbot.waitUntil(lambda: persons.blocks[0].bindings["surname"].get() == "Renamed", timeout=WAIT_MS)
    assert persons.blocks == blocks and not editor.dirty

    loads: list[object] = []
    real_load = editor.load
    editor.load = lambda shown: (loads.append(shown), real_load(shown))  # type: ignore[method-assign]
    shown = editor.request
    view.session.records_changed.emit("mla_request")  # nothing changed (an export, say)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not view.session.runner.busy, timeout=WAIT_MS)
    qtbot.wait(50)  # the reloaded request delivered and shown
    assert loads == [] and editor.request == shown and persons.blocks == blocks


@pytest.mark.usefixtures("en_fr")
def test_review_and_accept_a_translation(qtbot: QtBot, view: RequestsView) -> None:
    request = open_request(qtbot, view, EIO)
    review = translate_into(qtbot, view, "fr")
    rows = {review.table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(review.table.rowCount())}
    row = rows["facts"]
    assert review.table.item(row, 2).text()  # machine draft
    edited = (
        "Le suspect a été arrêté à Rotterdam. La police a saisi les conteneurs. "
        "Le suspect a envoyé de l'argent sur un compte bancaire en France."
    )
    review.table.item(row, 2).setText(edited)
    review.accept_rows([row])
    qtbot.waitUntil(lambda: "accepted" in review.status.text(), timeout=WAIT_MS)

    stored = query(view.session, lambda v: mla.requests.get(v, request.id))
    facts = [t for t in stored.translations if t.field == "facts" and t.lang == "fr"]
    assert len(facts) == 1 and facts[0].origin == "human" and facts[0].text == edited
    memory = query(view.session, lambda v: translation_service.list_memory(v, "en", "fr"))
    pairs = {(e.source, e.target) for e in memory}
    assert ("The suspect was arrested in Rotterdam.", "Le suspect a été arrêté à Rotterdam.") in pairs
    assert len(pairs) >= 3


def test_clear_on_lock_drops_everything(qtbot: QtBot, view: RequestsView) -> None:
    open_request(qtbot, view, EIO)
    view.session.lock()
    assert view.model.rowCount() == 0
    assert view.editor.request is None
    assert view.editor.binding("facts").get() == ""
    assert view.review.table.rowCount() == 0


def test_retranslate_keeps_working(qtbot: QtBot, view: RequestsView) -> None:
    view.retranslate_ui()
    assert view.tabs.tabText(0)
    assert view.editor.nav.count() == 18
    open_request(qtbot, view, UNTOC)
    editor = view.editor
    state, kind = editor._bindings["requested_state"].combo, editor._bindings["instrument_kind"].combo
    english = (state.currentText(), kind.currentText())
    assert english[0] == "MA – Morocco"
    try:
        i18n.set_language("ar")  # the live switch: the pickers follow, not only the captions
        view.retranslate_ui()  # as the main window does on a language change
        qtbot.waitUntil(lambda: "المغرب" in state.currentText(), timeout=WAIT_MS)
        assert kind.currentText() != english[1]
        i18n.set_language("en")
        view.retranslate_ui()
        qtbot.waitUntil(lambda: (state.currentText(), kind.currentText()) == english, timeout=WAIT_MS)
        assert not editor.dirty  # relabelling changed no value
    finally:
        i18n.set_language("en")


UNTOC = "MLA-NL-2026/0117"


def test_measures_link_the_persons_they_concern(qtbot: QtBot, view: RequestsView) -> None:
    """The measure's person check boxes follow the Persons section; links load, change and save."""
    request = open_request(qtbot, view, UNTOC)
    assert [m.persons for m in request.measures][:1] == [(2,)]
    editor = view.editor
    measure = editor.section("measures").blocks[0]
    links = measure.bindings["persons"]
    assert list(links.boxes) == [1, 2] and links.get() == (2,)
    assert (
        "WITNESS" not in links.boxes[2].text() and request.persons[1].surname.upper() in links.boxes[2].text()
    )
    links.boxes[1].setChecked(True)
    assert editor.dirty
    # A person added in the Persons section is offered at once, and unticked.
    persons = editor.section("persons")
    qtbot.mouseClick(persons.add_button, Qt.MouseButton.LeftButton)
    persons.blocks[-1].bindings["surname"].set("Haddad")
    persons.changed.emit()
    assert list(links.boxes) == [1, 2, 3] and links.get() == (1, 2)
    assert "HADDAD" in links.boxes[3].text()
    links.boxes[3].setChecked(True)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save()
    stored = query(view.session, lambda v: mla.requests.get(v, request.id))
    assert stored.measures[0].persons == (1, 2, 3)
    assert stored.measures[1:] == request.measures[1:]  # other measures keep their links
    # Removing the third person keeps the link visible (and validation names it) rather than dropping it.
    persons._remove(persons.blocks[-1])
    assert links.get() == (1, 2, 3) and "3" in links.boxes[3].text() and links.boxes[3].isChecked()


@pytest.mark.usefixtures("en_fr")
def test_translators_certify_one_language_each_and_see_which_hold(qtbot: QtBot, view: RequestsView) -> None:
    request = open_request(qtbot, view, EIO)
    review = translate_into(qtbot, view, "fr")
    panel = review.certifications
    assert panel.lang == "fr" and "French" in panel.certify_button.text()
    assert panel.tree.topLevelItem(0).text(0) == "None yet."
    panel.name.setText("Anna Weber")
    panel.qualification.setText("sworn translator")
    panel.on.setText("2026-02-09")
    panel.certify()
    qtbot.waitUntil(lambda: "certified by Anna Weber" in panel.message.text(), timeout=WAIT_MS)
    stored = query(view.session, lambda v: mla.requests.get(v, request.id))
    assert [(c.lang, c.name) for c in stored.certifications] == [("fr", "Anna Weber")]
    row = panel.tree.topLevelItem(0)
    assert (row.text(1), row.text(3), row.text(4)) == ("Anna Weber", "2026-02-09", "valid")
    # Another language is refused while its fields are untranslated, with the reason.
    review.language.setCurrentIndex(review.language.findData("de"))
    assert panel.lang == "de"
    panel.certify()
    qtbot.waitUntil(lambda: "Not certified" in panel.message.text(), timeout=WAIT_MS)
    assert "no de translation" in panel.message.text()
    # An edit of the French text voids the French certification; the list says so.
    query(view.session, lambda v: mla.update(v, request.id, {"place": "Den Haag"}))
    review.set_request(query(view.session, lambda v: mla.requests.get(v, request.id)))
    review.language.setCurrentIndex(review.language.findData("fr"))
    assert panel.tree.topLevelItem(0).text(4).startswith("void")
    # The refusal in the interface language: the core's template, translated and filled.
    i18n.set_language("fr")
    review.language.setCurrentIndex(review.language.findData("de"))
    panel.message.clear()
    panel.certify()
    qtbot.waitUntil(lambda: "Certification en de impossible" in panel.message.text(), timeout=WAIT_MS)
    assert "n’ont pas encore de traduction en de (premier : " in panel.message.text()


def test_the_section_outline_follows_the_scroll(qtbot: QtBot, view: RequestsView) -> None:
    from liaison.documents import texts

    open_request(qtbot, view, UNTOC)
    editor = view.editor
    bar = editor.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    target = texts.SECTION_ORDER.index("persons")
    bar.setValue(editor._groups["persons"].y())  # the officer scrolls down to the Persons section
    assert editor.nav.currentRow() == target
    assert bar.value() == editor._groups["persons"].y()  # following the scroll does not move it
    bar.setValue(0)
    assert editor.nav.currentRow() == 0
    editor.nav.setCurrentRow(target)  # and a click in the outline scrolls the form there
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=WAIT_MS)


def test_validating_authority_with_its_date_of_validation(qtbot: QtBot, view: RequestsView) -> None:
    """EIO section L: the editor records when the judicial authority validated the order."""
    view.new_item()
    editor = view.editor
    qtbot.keyClicks(editor.binding("our_reference").widget, "EIO-NL-2026/0998")
    editor.validating_needed.set(True)
    editor.binding("validating_authority.name").set("Openbaar Ministerie Rotterdam")
    editor.binding("validating_authority.validated_on").set(dt.date(2026, 2, 9))
    editor.binding("validating_authority.main_contact").set(True)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        editor.save()
    stored = query(view.session, lambda v: mla.requests.get(v, saved.args[0].id))
    assert stored.validating_authority is not None
    assert stored.validating_authority.validated_on == dt.date(2026, 2, 9)
    assert stored.validating_authority.main_contact


def _row_texts(view: RequestsView) -> dict[str, list[str]]:
    """Field path -> the Problem column of its rows, as the officer reads them."""
    rows: dict[str, list[str]] = {}
    tree = view.validation.tree
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        rows.setdefault(item.data(0, Qt.ItemDataRole.UserRole), []).append(item.text(1))
    return rows


def test_validation_messages_follow_the_interface_language_live(qtbot: QtBot, view: RequestsView) -> None:
    """The rule messages come from the core in English; the panel shows them in French or Arabic,
    values filled in after translation, and a live switch re-translates the list already shown."""
    view.new_item()
    measures = view.editor.section("measures")
    qtbot.mouseClick(measures.add_button, Qt.MouseButton.LeftButton)
    measures.blocks[0].bindings["kind"].set(MeasureKind.BANK_RECORDS)
    view.validate_now()
    qtbot.waitUntil(lambda: "measures.0.description" in _row_texts(view), timeout=WAIT_MS)
    english = _row_texts(view)
    assert "Give our reference for the request." in english["our_reference"][0]
    assert "Measure 1: describe the assistance sought." in english["measures.0.description"][0]
    try:
        i18n.set_language("fr")
        view.retranslate_ui()  # as the main window does on a language change
        french = _row_texts(view)
        assert "Indiquez notre référence pour la demande." in french["our_reference"][0]
        assert "Mesure 1 : décrivez l'entraide sollicitée." in french["measures.0.description"][0]
        assert any("(détail 'bank')" in text for text in french["measures.0.details"])
        assert french.keys() == english.keys()
        i18n.set_language("ar")
        view.retranslate_ui()
        arabic = _row_texts(view)
        assert "اذكر مرجعنا الخاص بالطلب." in arabic["our_reference"][0]
        assert "التدبير 1: صف المساعدة الملتمسة." in arabic["measures.0.description"][0]
        assert "{n}" not in "".join(t for texts in arabic.values() for t in texts)
        i18n.set_language("en")
        view.retranslate_ui()
        assert _row_texts(view) == english
    finally:
        i18n.set_language("en")


def test_validation_names_countries_and_languages_in_the_interface_language(qtbot: QtBot) -> None:
    """A message naming the requested State and the request's language shows both names translated;
    the core's English names only stand in for codes the interface cannot name."""
    issues = rules.validate(MlaRequest(requesting_state="NL", requested_state="MA", language="nl"))
    language_issue = next(i for i in issues if i.field == "language")
    assert language_issue.message.startswith("Morocco accepts requests")  # the CLI's English
    panel = ValidationPanel()
    qtbot.addWidget(panel)
    panel.set_issues(issues)
    row = [i.field for i in panel.issues].index("language")
    try:
        i18n.set_language("fr")
        panel.retranslate_ui()
        text = panel.tree.topLevelItem(row).text(1)
        assert "Maroc accepte les demandes fondées sur cet instrument en : arabe (ar), français (fr)" in text
        assert "rédigée en néerlandais et" in text
        # the rule's note, in the tooltip, is translated too
        reference = panel.tree.topLevelItem([i.field for i in panel.issues].index("our_reference"))
        assert "Ne figure pas au paragraphe 15" in reference.toolTip(1)
        i18n.set_language("ar")
        panel.retranslate_ui()
        text = panel.tree.topLevelItem(row).text(1)
        assert "تقبل المغرب" in text and "Morocco" not in text and "Dutch" not in text
        assert "العربية (ar)، الفرنسية (fr)" in text
    finally:
        i18n.set_language("en")


def test_annex_d_fields_show_for_an_eio_and_not_for_a_letter(qtbot: QtBot, view: RequestsView) -> None:
    """A letter of request neither prints nor checks the EIO's Annex D offence fields: the editor
    hides them, and the panel their issues, for a letter; switching the kind shows them again,
    with what was typed in them."""
    open_request(qtbot, view, EIO)  # checked against the EIO rule set (Annex A)
    editor = view.editor
    offences = editor.section("offences")
    qtbot.mouseClick(offences.add_button, Qt.MouseButton.LeftButton)
    block = offences.blocks[-1]
    n = len(offences.blocks) - 1
    eu_only = ("eio_category", "punishable_three_years")

    def shown(item: object) -> list[bool]:
        return [item.form.isRowVisible(item.bindings[a].widget) for a in eu_only]  # type: ignore[attr-defined]

    def issue_fields() -> list[str]:
        return [i.field for i in view.validation.issues]

    def choose(kind: InstrumentKind) -> None:  # as the officer does: a choice in the list
        combo = editor.binding("instrument_kind").combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(kind.value))
        combo.activated.emit(combo.currentIndex())

    assert shown(block) == [True, True]
    block.bindings["classification"].set("Fraud")
    block.bindings["punishable_three_years"].set(True)  # and no Annex D category: the rule warns
    block.changed.emit()
    qtbot.waitUntil(lambda: f"offences.{n}.eio_category" in issue_fields(), timeout=WAIT_MS)

    choose(InstrumentKind.MLA_LETTER)
    assert shown(block) == [False, False]
    assert not editor.shows_field(f"offences.{n}.eio_category")
    qtbot.waitUntil(lambda: "instrument_kind" in issue_fields(), timeout=WAIT_MS)  # checked again
    assert f"offences.{n}.eio_category" not in issue_fields()
    qtbot.mouseClick(offences.add_button, Qt.MouseButton.LeftButton)
    assert shown(offences.blocks[-1]) == [False, False]  # an offence added to a letter too
    assert shown(offences.blocks[0]) == [False, False]

    choose(InstrumentKind.EIO)
    assert shown(block) == [True, True] and shown(offences.blocks[-1]) == [True, True]
    assert block.bindings["punishable_three_years"].get() is True  # kept while hidden
    qtbot.waitUntil(lambda: f"offences.{n}.eio_category" in issue_fields(), timeout=WAIT_MS)

    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        choose(InstrumentKind.MLA_LETTER)
        editor.save()
    open_request(qtbot, view, UNTOC)
    open_request(qtbot, view, EIO)  # reloaded as a letter: still hidden
    assert editor.binding("instrument_kind").get() is InstrumentKind.MLA_LETTER
    assert shown(editor.section("offences").blocks[n]) == [False, False]
