"""File → Import / Export contacts and the selected contact's QR code, on the demo vault with the
real contacts page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from liaison.interchange import qr
from tests.ui.test_shell import _open_demo
from ui.app_menus import CSV, VCARD4
from ui.dialogs.contact_qr_dialog import QUIET_ZONE, ContactQrDialog
from ui.dialogs.contacts_import_dialog import ContactsImportDialog
from ui.main_window import MainWindow


def _window(qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]) -> MainWindow:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: not app.runner.busy, timeout=30_000)
    return window


def test_file_menu_export_then_import_shows_the_plan_and_merges(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    window = _window(qtbot, make_app, demo_vault)
    menus = window.app_menus
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    exchange = [
        "&Import contacts…",
        "&Export all contacts…",
        "Export the selected &contacts…",
        "Selected contact as &QR code…",
    ]
    start = texts.index(exchange[0])  # other items (Sync now…) may come before
    assert texts[start : start + len(exchange)] == exchange and texts[-1] == "&Quit"
    target = tmp_path / "all.csv"
    menus.choose_export = lambda: (target, CSV)
    menus.export_all_action.trigger()
    qtbot.waitUntil(target.exists, timeout=30_000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    lines = target.read_text(encoding="utf-8").splitlines()
    target.write_text(
        "\n".join([*lines, "New Person,,,New Agency Ltd,,,,new@example.org"]) + "\n", encoding="utf-8"
    )
    menus.choose_import = lambda: target
    menus.import_action.trigger()
    dialog = menus.dialog
    assert isinstance(dialog, ContactsImportDialog)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=30_000)
    summary = dialog.summary.toPlainText()
    total = len(lines)  # the header line plus the one added row
    assert summary.startswith(f"{total} contacts in the file: 1 new, {total - 1} already in the vault")
    assert "1 new agency: New Agency Ltd" in summary
    dialog.grab().save(str(tmp_path / "import.png"))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert dialog.outcome is not None and dialog.outcome.created == 1
    qtbot.waitUntil(lambda: "Imported 1 new contacts" in window.statusBar().currentMessage(), timeout=10_000)
    page = window.page("contacts")
    qtbot.waitUntil(lambda: page.model.rowCount() == len(lines), timeout=10_000)  # type: ignore[attr-defined]


def test_rejected_file_lists_rows_and_cannot_be_imported(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    window = _window(qtbot, make_app, demo_vault)
    bad = tmp_path / "bad.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Esc\x1bape\r\nEND:VCARD\r\n")
    window.app_menus.choose_import = lambda: bad
    window.app_menus.import_action.trigger()
    dialog = window.app_menus.dialog
    assert isinstance(dialog, ContactsImportDialog)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    # A vCard's problems point at the card's first line.
    assert dialog.summary.toPlainText() == "line 1: name contains the control character U+001B"
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_selected_contact_export_and_qr_code(
    qtbot: QtBot,
    make_app: object,
    demo_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, make_app, demo_vault)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.app_menus.qr_action.trigger()
    assert told == ["Select a contact on the Contacts page first."]
    page = window.page("contacts")
    page.table.selectRow(0)  # type: ignore[attr-defined]
    contact = page.current()  # type: ignore[attr-defined]
    target = tmp_path / "one.vcf"
    window.app_menus.choose_export = lambda: (target, VCARD4)
    window.app_menus.export_one_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "VERSION:4.0" in text and contact.full_name in text
    window.app_menus.qr_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.app_menus.dialog, ContactQrDialog), timeout=10_000)
    dialog = window.app_menus.dialog
    assert isinstance(dialog, ContactQrDialog)
    assert "NOTE" not in dialog.vcard_text and contact.full_name in dialog.vcard_text
    image = dialog.image.pixmap().toImage()
    modules = qr.matrix(dialog.vcard_text)
    step = image.width() / (len(modules) + 2 * QUIET_ZONE)
    for r in (0, 3, len(modules) // 2):  # finder pattern corner and the middle match the matrix
        for c in (0, 3, len(modules) - 1):
            x, y = int((c + QUIET_ZONE + 0.5) * step), int((r + QUIET_ZONE + 0.5) * step)
            assert (image.pixelColor(x, y).value() < 128) == modules[r][c]
    dialog.grab().save(str(tmp_path / "qr.png"))
    dialog.accept()


def test_several_selected_contacts_are_exported_as_vcard_and_csv(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    import csv

    from PySide6.QtCore import QItemSelectionModel

    window = _window(qtbot, make_app, demo_vault)
    page = window.page("contacts")
    qtbot.waitUntil(lambda: page.proxy.rowCount() >= 4, timeout=30_000)  # type: ignore[attr-defined]
    table = page.table  # type: ignore[attr-defined]
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectRow(0)
    for row in (2, 3):  # as Ctrl-clicks add rows
        table.selectionModel().select(page.proxy.index(row, 0), flags)  # type: ignore[attr-defined]
    chosen = page.selected_contacts()  # type: ignore[attr-defined]
    assert len(chosen) == 3
    assert not page.edit_button.isEnabled()  # type: ignore[attr-defined]  # edit and delete act on one
    menus = window.app_menus
    for target, kind in ((tmp_path / "three.csv", CSV), (tmp_path / "three.vcf", VCARD4)):
        menus.choose_export = lambda target=target, kind=kind: (target, kind)
        menus.export_one_action.trigger()
        qtbot.waitUntil(target.exists, timeout=30_000)
        qtbot.waitUntil(lambda name=target.name: name in window.statusBar().currentMessage(), timeout=10_000)
    with (tmp_path / "three.csv").open(encoding="utf-8", newline="") as handle:
        rows = [" ".join(row) for row in list(csv.reader(handle))[1:]]
    assert len(rows) == 3 and all(any(c.full_name.split()[0] in r for r in rows) for c in chosen)
    cards = (tmp_path / "three.vcf").read_text(encoding="utf-8")
    assert cards.count("BEGIN:VCARD") == 3 and "VERSION:4.0" in cards
    assert all(c.full_name in cards for c in chosen)
