"""The status bar's sync line: offline / syncing (with progress) / synced at HH:MM / N changes
waiting / error with a "details" link. Hidden while the vault is in no sync space."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QWidget

from ui.i18n import _, ngettext
from ui.sync import controller as sc
from ui.sync import when

MIB = 1024 * 1024


def _syncing(snap: sc.SyncSnapshot) -> str:
    if snap.blob_size:  # one large document, in chunks: its MiB move while the count cannot
        numbers = {"done": round(snap.blob_done / MIB), "size": max(1, round(snap.blob_size / MIB))}
        if snap.phase == "pull":
            return _("Syncing… receiving a document: {done} of {size} MiB").format(**numbers)
        return _("Syncing… sending a document: {done} of {size} MiB").format(**numbers)
    if snap.phase == "pull" and snap.total:
        return ngettext(
            "Syncing… {n} of {total} change received", "Syncing… {n} of {total} changes received", snap.total
        ).format(n=snap.moved, total=snap.total)
    if snap.phase == "pull" and snap.moved:
        return ngettext("Syncing… {n} change received", "Syncing… {n} changes received", snap.moved).format(
            n=snap.moved
        )
    if snap.phase == "push" and snap.moved:
        return ngettext("Syncing… {n} change sent", "Syncing… {n} changes sent", snap.moved).format(
            n=snap.moved
        )
    return _("Syncing…")


def waiting_for_older(snap: sc.SyncSnapshot) -> str:
    """How many things wait for a device on an older release ("" when none)."""
    held = sum(1 for what, _detail in snap.flags if what == "held_back")
    return (
        ngettext(
            "{n} item waits for a device on an older Liaison",
            "{n} items wait for a device on an older Liaison",
            held,
        ).format(n=held)
        if held
        else ""
    )


def flag_lines(snap: sc.SyncSnapshot) -> list[str]:
    """Each flag as a line for the Sync settings: a translated heading, then the detail as the
    sync engine wrote it (it names the document or change set and the device)."""
    headings = {
        "held_back": _("Waiting for a device on an older Liaison:"),
        "update_needed": _("Update Liaison on this device:"),
    }
    return [f"{headings[what]} {detail}" for what, detail in snap.flags if what in headings]


def describe(snap: sc.SyncSnapshot) -> str:
    """One line for the status bar (also used by the Sync settings)."""
    waiting = (
        ngettext("{n} change waiting", "{n} changes waiting", snap.pending).format(n=snap.pending)
        if snap.pending
        else ""
    )
    fixed = {
        sc.ERROR: _("Sync error"),
        sc.PENDING: _("Sync: waiting for approval"),
        sc.REVOKED: _("Sync: this device was revoked"),
        sc.UPDATE: _("Sync stopped: a device of your team uses a newer Liaison: update this one"),
        sc.LOCKED: "",
        sc.OFF: "",
    }
    if snap.state == sc.SYNCING:
        text = _syncing(snap)
    elif snap.state == sc.OFFLINE:
        text = _("Sync: offline") + (f" · {waiting}" if waiting else "")
    elif snap.state in fixed:
        text = fixed[snap.state]
    elif waiting:
        text = waiting
    elif snap.last_sync:
        text = _("Synced at {time}").format(time=when.time_of_day(snap.last_sync))
    else:
        text = _("Not synced yet")
    older = waiting_for_older(snap)
    if older and snap.state in (sc.SYNCED, sc.OFFLINE, sc.ERROR):
        text = f"{text} · {older}" if text else older
    return text


class SyncStatusWidget(QWidget):
    def __init__(self, controller: sc.SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel(self)
        self.label.setObjectName("sync-status")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(70)
        self.bar.setMaximumHeight(12)
        self.bar.setTextVisible(False)
        self.details = QLabel(self)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.details.linkActivated.connect(lambda _link: self.show_details())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.details)
        controller.changed.connect(self._snapshot_changed)
        self.retranslate_ui()

    def _snapshot_changed(self, _snap: object) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        snap = self.controller.snapshot
        text = describe(snap)
        self.label.setText(text)
        self.bar.setVisible(snap.state == sc.SYNCING)
        if snap.blob_size:  # a large document in chunks: the bar follows its KiB
            self.bar.setRange(0, max(1, snap.blob_size // 1024))
            self.bar.setValue(snap.blob_done // 1024)
        elif snap.total:  # the server said how many: a bar that fills
            self.bar.setRange(0, snap.total)
            self.bar.setValue(snap.moved)
        else:
            self.bar.setRange(0, 0)
        has_error = bool(snap.error) and snap.state in (sc.ERROR, sc.OFFLINE, sc.REVOKED, sc.UPDATE)
        link = _("details")  # outside the f-string: pybabel does not look into f-strings
        self.details.setText(f'<a href="details">{link}</a>')
        self.details.setVisible(has_error)
        self.label.setToolTip(snap.error)
        self.setVisible(bool(text))

    def show_details(self) -> None:
        snap = self.controller.snapshot
        QMessageBox.information(self, _("Sync"), snap.error or describe(snap))
