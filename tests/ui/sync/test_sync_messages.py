"""The sync errors the officer sees, in the interface language, on real vaults and a real server on
loopback: the server unreachable with its reason, a computer clock too far off the server's, a
revoked device (in Arabic), and the unlock screen of a vault wiped remotely. The command line keeps
the English sentence (checked here for the clock, the new wording)."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from liaison.errors import SyncRejected
from liaison.services.sync import service
from liaison.store.vault import header_path
from liaison.sync import client as sync_client
from tests.conftest import PASSPHRASE
from tests.liaison.sync import cli as sync_cli
from tests.ui.sync.conftest import WAIT_MS, Device
from ui import i18n
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.sync import controller as sc
from ui.sync.status_widget import SyncStatusWidget

pytestmark = pytest.mark.loopback


def test_an_unreachable_server_is_explained_in_french(
    qtbot: QtBot, space: Callable[[int], list[Device]], sync_server: object
) -> None:
    (a,) = space(1)
    url = sync_server.url  # type: ignore[attr-defined]
    sync_server.stop()  # type: ignore[attr-defined]
    i18n.set_language("fr")
    widget = SyncStatusWidget(a.sync)
    qtbot.addWidget(widget)
    a.sync_and_wait(qtbot)
    assert a.sync.snapshot.state == sc.OFFLINE
    assert a.sync.snapshot.error == (
        f"Impossible de joindre le serveur de synchronisation à {url} : connexion refusée (aucun "
        "serveur n’écoute à cette adresse et sur ce port) (ConnectError)"
    )
    assert widget.label.toolTip() == a.sync.snapshot.error  # what "details" shows


def _clock_ahead(monkeypatch: pytest.MonkeyPatch, seconds: int) -> None:
    """This computer's clock, as the sync client reads it, ``seconds`` ahead of the server's."""
    monkeypatch.setattr(sync_client, "time", SimpleNamespace(time=lambda: time.time() + seconds))


def test_a_clock_off_the_servers_is_named_with_its_minutes_in_french(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    (a,) = space(1)
    _clock_ahead(monkeypatch, 12 * 60)
    i18n.set_language("fr")
    error = a.sync_and_wait(qtbot)
    assert isinstance(error, SyncRejected) and error.status == 401
    assert a.sync.snapshot.state == sc.ERROR
    assert a.sync.snapshot.error == (
        "Le serveur de synchronisation a refusé : l’horloge de cet ordinateur a 12 minutes d’écart "
        "avec celle du serveur ; mettez à l’heure la date et l’heure de cet ordinateur, puis "
        "synchronisez de nouveau"
    )


def test_the_command_line_names_the_clock_offset_in_english(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    (a,) = space(1)
    path = a.session.vault_path
    a.session.lock()
    qtbot.waitUntil(lambda: not a.runner.busy, timeout=WAIT_MS)
    monkeypatch.setattr(sync_cli, "PASSPHRASE", PASSPHRASE)  # the test vault's passphrase
    _clock_ahead(monkeypatch, -9 * 60)  # behind: the same words, the offset as a distance
    result = sync_cli.in_process(path, "sync", "now")
    assert result.returncode == 30
    assert (
        "the sync server refused: this computer's clock is 9 minutes off the server's; set this "
        "computer's date and time right, then sync again"
    ) in result.stderr
    assert "off the server clock" not in result.stderr


def test_a_revoked_device_is_told_in_arabic(qtbot: QtBot, space: Callable[[int], list[Device]]) -> None:
    a, b = space(2)
    b.sync_and_wait(qtbot)
    b_id = b.run(lambda v: v.device_id)
    a.run(lambda v: service.revoke(v, b_id))
    i18n.set_language("ar")
    with qtbot.waitSignal(b.sync.revoked, timeout=WAIT_MS):
        b.sync.sync_now()
    assert b.sync.snapshot.state == sc.REVOKED
    assert b.sync.snapshot.error == (
        "أُلغي هذا الجهاز من المساحة: مُحيت مفاتيح المزامنة الخاصة به ولم يعد يُزامن "
        "(تبقى السجلات الموجودة في هذه الخزنة)"
    )


def test_the_unlock_screen_of_a_wiped_vault_says_so_in_french(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    b.sync_and_wait(qtbot)
    b_id = b.run(lambda v: v.device_id)
    path = b.session.vault_path
    a.run(lambda v: service.revoke(v, b_id, wipe=True))
    with qtbot.waitSignal(b.sync.revoked, timeout=WAIT_MS) as revoked:
        b.sync.sync_now()
    assert revoked.args == [True]
    qtbot.waitUntil(lambda: not header_path(path).exists() and not b.runner.busy, timeout=WAIT_MS)

    i18n.set_language("fr")
    dialog = UnlockDialog(b.runner, path)
    qtbot.addWidget(dialog)
    dialog.passphrase.edit.setText(PASSPHRASE)
    dialog.try_unlock()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=WAIT_MS)
    text = dialog.error.text()
    assert text.startswith("Ce coffre a été effacé : un autre appareil a révoqué celui-ci")
    assert "liaison restore FICHIER" in text
    assert "salvage" not in text  # salvage needs the keys the wipe destroyed
