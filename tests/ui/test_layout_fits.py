"""Every page fits from the smallest supported window (1024×640) to a large one (1920×1080): no
widget cut off by its parent, none squeezed below its minimum size hint, no label left without
room for its text (``ui.layout_check``). Run in English and in Arabic (longer words, right to left),
with the demo data loaded and a request open in the request editor (the densest page)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.services import demo
from liaison.store.vault import create_vault
from tests.conftest import PASSPHRASE
from ui import i18n
from ui.layout_check import layout_problems
from ui.main_window import PAGES, MainWindow
from ui.session import Session
from ui.tasks import TaskRunner

SIZES = ((1024, 640), (1920, 1080))
WAIT_MS = 30_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    runner = TaskRunner()
    session = Session(runner, tmp_path / "layout" / "vault.db")

    def create() -> object:
        vault, _code = create_vault(session.vault_path, PASSPHRASE, KdfProfile.INSECURE_FAST_FOR_TESTS)
        demo.populate(vault)
        return vault

    session.attach(runner.run_store(create).result(timeout=120))  # type: ignore[arg-type]
    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    session.lock()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    runner.shutdown()


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    QApplication.processEvents()
    qtbot.wait(20)


def _open_first_request(qtbot: QtBot, window: MainWindow, page: QWidget) -> None:
    """As a click on the first row does (``selectRow`` picks no column in a right-to-left table
    whose viewport is not laid out yet), then wait for the editor."""
    from ui.models.requests_model import RequestsModel

    proxy = page.proxy  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: proxy.rowCount() > 0, timeout=WAIT_MS)
    request = proxy.data(proxy.index(0, 0), RequestsModel.ObjectRole)
    page.open_record(request.id)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.right.currentWidget() is page.tabs, timeout=WAIT_MS)  # type: ignore[attr-defined]
    _settle(qtbot, window)


def _problems_on_every_page(qtbot: QtBot, window: MainWindow) -> list[str]:
    found: list[str] = []
    for width, height in SIZES:
        window.resize(width, height)
        _settle(qtbot, window)
        assert (window.width(), window.height()) == (width, height), "the window cannot get this small"
        for spec in PAGES:
            page = window.show_page(spec.key)
            _settle(qtbot, window)
            if spec.key == "requests":
                _open_first_request(qtbot, window, page)
            found += [f"{width}×{height} {spec.key}: {p}" for p in layout_problems(window)]
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_fits_small_and_large_windows(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    i18n.set_language(lang)
    problems = _problems_on_every_page(qtbot, window)
    assert problems == [], "\n".join(problems)


def test_the_request_editor_reflows_and_its_list_folds_away(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 640)
    page = window.show_page("requests")
    _settle(qtbot, window)
    _open_first_request(qtbot, window, page)
    editor = page.editor  # type: ignore[attr-defined]
    assert editor._narrow  # captions above their fields at this size
    tree = page.validation.tree  # type: ignore[attr-defined]
    assert tree.topLevelItemCount() > 0
    # Each problem wraps inside the panel: nothing to scroll sideways for (in Arabic the start of an
    # English sentence was cut off on the left).
    assert sum(tree.columnWidth(c) for c in range(tree.columnCount())) <= tree.viewport().width()
    from PySide6.QtCore import QRect, Qt

    item = tree.topLevelItem(0)
    for column in range(tree.columnCount()):  # every line of every cell shows
        wrapped = tree.fontMetrics().boundingRect(
            QRect(0, 0, tree.columnWidth(column) - 8, 10_000), Qt.TextFlag.TextWordWrap, item.text(column)
        )
        assert tree.visualItemRect(item).height() >= wrapped.height(), column
    page.toggle_list()  # type: ignore[attr-defined]
    _settle(qtbot, window)
    assert not page.list_visible  # type: ignore[attr-defined]
    assert layout_problems(window) == []
    window.resize(1920, 1080)
    _settle(qtbot, window)
    assert not editor._narrow  # a wide window puts captions beside their fields again
    page.toggle_list()  # type: ignore[attr-defined]
    assert page.list_visible  # type: ignore[attr-defined]


def test_the_checker_sees_a_clipped_and_a_squeezed_widget(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    button = QPushButton("A rather long button caption", root)
    button.setGeometry(150, 10, 30, 30)  # narrower than its text
    label = QLabel("Cut", root)
    label.setGeometry(180, 60, 60, 20)  # past the right edge
    root.show()
    problems = layout_problems(root)
    assert any("QPushButton" in p and "squeezed" in p for p in problems), problems
    assert any("QLabel 'Cut'" in p and "cut off" in p for p in problems), problems


def test_every_splitter_remembers_where_the_officer_left_it(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter

    from ui.views.contacts_view import ContactsView
    from ui.widgets.splitter_memory import PREFIX

    window.resize(1024, 640)
    for spec in PAGES:
        page = window.show_page(spec.key)
        _settle(qtbot, window)
        if spec.key == "requests":
            _open_first_request(qtbot, window, page)
        splitters = page.findChildren(QSplitter)
        forgetful = [type(s.parentWidget()).__name__ for s in splitters if not s.objectName()]
        assert forgetful == [], f"{spec.key}: splitters that forget their sizes: {forgetful}"
    contacts = window.show_page("contacts")
    _settle(qtbot, window)
    splitter = next(s for s in contacts.findChildren(QSplitter) if s.objectName() == "contacts/splitter")
    total = sum(splitter.sizes())
    splitter.moveSplitter(total * 2 // 3, 1)  # as a drag does: splitterMoved saves the sizes
    assert QSettings().contains(PREFIX + "contacts/splitter")
    moved = splitter.sizes()
    again = ContactsView(window.session)
    qtbot.addWidget(again)
    again.resize(contacts.size())
    again.show()
    qtbot.waitExposed(again)
    twin = next(s for s in again.findChildren(QSplitter) if s.objectName() == "contacts/splitter")
    share = twin.sizes()[0] / sum(twin.sizes())
    assert abs(share - moved[0] / sum(moved)) < 0.02, (twin.sizes(), moved)


def test_the_case_list_keeps_room_at_the_smallest_size(qtbot: QtBot, window: MainWindow) -> None:
    """The documents row under a case (caption and five buttons) made the case pane 600 px wide at
    least, which left the case list about 240 px at 1024×640; its caption now wraps instead."""
    from PySide6.QtWidgets import QSplitter

    window.resize(1024, 640)
    page = window.show_page("cases")
    _settle(qtbot, window)
    splitter = page.findChild(QSplitter, "cases/splitter")
    assert splitter is not None
    assert splitter.sizes()[0] >= 280, splitter.sizes()
