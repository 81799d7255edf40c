"""The language packs page: install from a file, remove, verify, and download from a loopback server."""

# ruff: noqa: F811  (the loopback server fixtures are imported by name and requested as arguments)

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison.translation import packs
from tests.liaison.translation.conftest import (  # noqa: F401  (fixtures used by name)
    LoopbackGuard,
    PackServer,
    Route,
    loopback_only,
    pack_server,
)
from ui.session import Session
from ui.tasks import TaskRunner
from ui.views import translate_view
from ui.views.packs_view import PacksView

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
WAIT_MS = 120_000


def fixture_pack(pair: str) -> Path:
    return next(FIXTURE_PACKS.glob(f"translate-{pair}-*.argosmodel"))


@pytest.fixture
def translation_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(path))
    monkeypatch.delenv("LIAISON_PACK_INDEX_URL", raising=False)
    monkeypatch.setattr(translate_view._Shared, "engine", None)
    return path


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path, translation_dir: Path) -> Iterator[PacksView]:
    runner = TaskRunner()
    session = Session(runner, tmp_path / "unused.db")  # packs need no open vault
    page = PacksView(session)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    yield page
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    runner.shutdown()


def test_install_from_file_then_remove(qtbot: QtBot, view: PacksView) -> None:
    assert view.model.rowCount() == 0
    engine = translate_view.shared_engine()
    view.install_from_file(fixture_pack("en_fr"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    pack = view.model.packs()[0]
    assert pack.pair == "en_fr"
    assert "Installed" in view.message.text()
    assert "(en)" in view.model.index(0, 0).data() and "(fr)" in view.model.index(0, 0).data()
    assert engine.route("en", "fr")  # the shared engine sees the new pack

    view.verify()
    qtbot.waitUntil(view.verify_button.isEnabled, timeout=WAIT_MS)
    assert "intact" in view.message.text()

    view.table.selectRow(0)
    assert view.selected_pack() is not None
    view.remove_pack("en_fr")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=WAIT_MS)
    assert "Removed" in view.message.text()
    assert packs.list_installed() == []


def test_invalid_file_is_refused_with_the_reason(qtbot: QtBot, view: PacksView, tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-pack.argosmodel"
    bogus.write_bytes(b"this is not a zip file")
    view.install_from_file(bogus)
    qtbot.waitUntil(lambda: "Not installed" in view.message.text(), timeout=WAIT_MS)
    assert "not-a-pack" in view.message.text()
    assert view.model.rowCount() == 0


def test_verify_lists_problems(qtbot: QtBot, view: PacksView) -> None:
    view.install_from_file(fixture_pack("en_fr"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    model_file = next(p for p in view.model.packs()[0].path.rglob("*.model"))
    model_file.write_bytes(model_file.read_bytes() + b"tampered")
    view.verify()
    qtbot.waitUntil(lambda: view.problems.count() > 0, timeout=WAIT_MS)
    assert "modified" in view.problems.item(0).text()


def test_offline_download_gives_a_friendly_message(
    qtbot: QtBot,
    view: PacksView,
    loopback_only: LoopbackGuard,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LIAISON_PACK_INDEX_URL", "https://packs.invalid/index.json")
    view.start_download()
    qtbot.waitUntil(lambda: "offline" in view.downloads.status.text(), timeout=WAIT_MS)
    assert view.downloads.isVisible()


def test_download_from_a_real_server_with_progress(
    qtbot: QtBot,
    view: PacksView,
    pack_server: PackServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = fixture_pack("en_fr").read_bytes()
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(data)
    item = {
        "package_version": "0.1",
        "argos_version": "1.9.0",
        "from_code": "en",
        "to_code": "fr",
        "from_name": "English",
        "to_name": "French",
        "type": "translate",
        "links": [pack_server.url("/packs/en_fr.argosmodel")],
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    pack_server.routes["/index.json"] = Route(json.dumps([item]).encode())
    monkeypatch.setenv("LIAISON_PACK_INDEX_URL", pack_server.url("/index.json"))
    assert pack_server.requests == []  # nothing goes online before the user asks
    view.start_download()
    panel = view.downloads
    qtbot.waitUntil(lambda: panel.pair.count() == 1, timeout=WAIT_MS)
    assert panel.pair.currentData() == "en_fr"
    values: list[int] = []
    panel.progress.valueChanged.connect(values.append)
    panel.download("en_fr")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    assert "Installed" in panel.status.text()
    assert values and values[-1] == 100
    assert pack_server.requests == ["/index.json", "/packs/en_fr.argosmodel"]


def test_cancelled_download_keeps_nothing(
    qtbot: QtBot,
    view: PacksView,
    pack_server: PackServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = fixture_pack("en_fr").read_bytes()
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(data)
    item = {
        "package_version": "0.1",
        "from_code": "en",
        "to_code": "fr",
        "type": "translate",
        "links": [pack_server.url("/packs/en_fr.argosmodel")],
    }
    pack_server.routes["/index.json"] = Route(json.dumps([item]).encode())
    monkeypatch.setenv("LIAISON_PACK_INDEX_URL", pack_server.url("/index.json"))
    view.start_download()
    panel = view.downloads
    qtbot.waitUntil(lambda: panel.pair.count() == 1, timeout=WAIT_MS)
    panel.download("en_fr")
    panel.cancel()  # before the first chunk is read: the worker checks the event between chunks
    qtbot.waitUntil(lambda: panel.token is None, timeout=WAIT_MS)
    assert "cancelled" in panel.status.text()
    assert packs.list_installed() == []


def test_column_headers_speak_plainly() -> None:
    """No developer words ("Splitter added") in what the officer reads."""
    from PySide6.QtCore import Qt

    from ui.models.packs_model import PacksModel

    model = PacksModel()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(PacksModel.COLUMN_COUNT)]
    assert headers[PacksModel.SPLITTER] == "Sentence detection"
    assert not any("plitter" in header for header in headers)
