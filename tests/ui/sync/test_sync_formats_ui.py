"""What the desktop app shows of sync between releases and of large documents, against a real
server on loopback: a change set too new for this release stops sync with "a device of your
team uses a newer Liaison: update this one" (not the generic error); what waits for a device on
an older release is counted in the status line and listed, naming the device, in Settings → Sync;
and a document moving in chunks moves the status bar (its MiB), up and down."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from liaison.domain import Case
from liaison.errors import SyncFormatTooNew
from liaison.services.sync import engine
from liaison.store import attachments, records, sync_log
from liaison.store.vault import Vault
from liaison.sync import blobs, changeset
from tests.ui.sync.conftest import Device, open_settings
from ui.sync import controller as sc
from ui.sync.status_widget import SyncStatusWidget, describe

pytestmark = pytest.mark.loopback


def _add_document(size: int) -> Callable[[Vault], str]:
    def add(vault: Vault) -> str:
        with vault.transaction():
            case = records.insert(vault, Case(reference="FMT-1", title="scanned file"))
            return attachments.insert(
                vault,
                attachments.NewAttachment(
                    case_id=case.id, name="scan.pdf", media_type="application/pdf", role="received"
                ),
                bytes(range(256)) * (size // 256) + b"x" * (size % 256),
            ).id

    return add


def test_held_back_flags_and_a_newer_format_show_where_the_officer_looks(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = space(2)
    monkeypatch.setattr(changeset, "READS", 1)  # b runs a release that reads no documents
    b.sync_and_wait(qtbot)
    monkeypatch.setattr(changeset, "READS", 3)
    a.run(_add_document(5000))
    a.sync_and_wait(qtbot)
    snap = a.sync.snapshot
    assert snap.state == sc.SYNCED and [what for what, _ in snap.flags] == ["held_back"]
    assert describe(snap).endswith(" · 1 item waits for a device on an older Liaison")
    dialog = open_settings(qtbot, a)
    assert dialog.flags.isVisibleTo(dialog)
    listed = dialog.flags.text()
    assert listed.startswith("Waiting for a device on an older Liaison: attachment ")
    assert "device laptop1 runs an older Liaison" in listed

    # b is updated: the document goes, the flag goes
    b.sync_and_wait(qtbot)
    a.sync_and_wait(qtbot)
    assert a.sync.snapshot.flags == () and "older" not in describe(a.sync.snapshot)
    assert not dialog.flags.isVisibleTo(dialog)

    # b meets that change set with a release too old for it: the dedicated state, not "Sync error"
    monkeypatch.setattr(changeset, "READS", 1)
    result = b.sync_and_wait(qtbot)
    assert isinstance(result, SyncFormatTooNew)
    qtbot.waitUntil(lambda: b.sync.snapshot.flags != (), timeout=30_000)
    snap = b.sync.snapshot
    assert snap.state == sc.UPDATE
    status = SyncStatusWidget(b.sync)
    qtbot.addWidget(status)
    assert status.label.text() == "Sync stopped: a device of your team uses a newer Liaison: update this one"
    assert status.details.isVisibleTo(status) and "update Liaison" in status.label.toolTip()
    assert [what for what, _ in snap.flags] == ["update_needed"]
    settings = open_settings(qtbot, b)
    assert "update this one" in settings.state.text() and "from device desk" in settings.state.text()
    assert settings.flags.text().startswith("Update Liaison on this device: change set ")


def test_the_status_bar_moves_while_a_document_goes_in_chunks(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = space(2)
    b.sync_and_wait(qtbot)  # b announces what it reads
    monkeypatch.setattr(sync_log, "MAX_FILE", 1024)  # this writer's inline limit: the blob store
    a.run(_add_document(2 * blobs.CHUNK + 1000))  # three chunks, 8 MiB
    shown: dict[str, list[str]] = {"a": [], "b": []}
    bars: list[tuple[int, int]] = []
    hooks: list[tuple[Device, Callable[[object], None]]] = []
    for name, device in (("a", a), ("b", b)):
        widget = SyncStatusWidget(device.sync)
        qtbot.addWidget(widget)

        def seen(_snap: object, w: SyncStatusWidget = widget, n: str = name) -> None:
            shown[n].append(w.label.text())
            if w.bar.maximum():
                bars.append((w.bar.value(), w.bar.maximum()))

        device.sync.changed.connect(seen)
        hooks.append((device, seen))
    assert isinstance(a.sync_and_wait(qtbot), engine.SyncReport)
    assert isinstance(b.sync_and_wait(qtbot), engine.SyncReport)
    for device, hook in hooks:  # the widgets go before the controllers at teardown
        device.sync.changed.disconnect(hook)
    assert "Syncing… sending a document: 4 of 8 MiB" in shown["a"]
    assert "Syncing… receiving a document: 4 of 8 MiB" in shown["b"]
    assert "Syncing… receiving a document: 8 of 8 MiB" in shown["b"]
    kib = (2 * blobs.CHUNK + 1000) // 1024
    assert (blobs.CHUNK // 1024, kib) in bars
    assert shown["b"][-1].startswith("Synced at ")
