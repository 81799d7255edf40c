"""Unlock the vault with its passphrase.

Key derivation (about a second with the production profile) runs on the store thread, so the dialog
keeps painting. After a wrong passphrase the button stays disabled for 1, 2, 4, 8... seconds, shown
as a countdown. This only slows down someone at the keyboard: an attacker holding the file faces
Argon2id, not this dialog.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.errors import WrongPassphrase
from liaison.services import vault as vault_service
from liaison.store.vault import Vault
from ui.dialogs import WorkingDialog, error_message, ltr
from ui.i18n import _, ngettext
from ui.tasks import TaskRunner
from ui.widgets.password_field import PasswordField


class UnlockDialog(WorkingDialog):
    unlocked = Signal(object)  # the open Vault (made on the store thread; hand it to Session.attach)
    recover_requested = Signal()

    BACKOFF_UNIT_MS = 1000  # first wait; doubles after each further wrong passphrase
    MAX_BACKOFF_DOUBLINGS = 8  # so at most 256 units

    def __init__(self, runner: TaskRunner, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault_path = vault_path
        self.failures = 0
        self._blocked_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(100)
        self._countdown.timeout.connect(self._tick)
        self._build()
        self.retranslate_ui()
        self._update_buttons()

    def _build(self) -> None:
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.lock_note = self._note_label()
        self._lock_reason: tuple[str, int] | None = None
        self.passphrase_label = QLabel(self)
        self.passphrase = PasswordField(self)
        self.passphrase_label.setBuddy(self.passphrase.edit)
        self.countdown_label = QLabel(self)
        self.recover_button = QPushButton(self)
        self.recover_button.setFlat(True)
        self.recover_button.setAutoDefault(False)
        self.quit_button = QPushButton(self)
        self.quit_button.setAutoDefault(False)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recover_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.path_label)
        layout.addWidget(self.lock_note)
        layout.addSpacing(8)
        layout.addWidget(self.passphrase_label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        self.recover_button.clicked.connect(self._ask_recover)
        self.setTabOrder(self.passphrase.edit, self.passphrase.toggle)
        self.setTabOrder(self.passphrase.toggle, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.quit_button)
        self.setTabOrder(self.quit_button, self.recover_button)
        self.setMinimumWidth(460)
        self._keep_room()

    def _keep_room(self) -> None:
        """The lines that come and go (error, countdown, busy, Caps Lock) keep their room while
        hidden, and the error has two lines of it: the dialog never jumps as messages change."""
        for widget in (self.error, self.countdown_label, self.busy, self.passphrase.caps_warning):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2)
        self.countdown_label.setVisible(False)

    def _note_label(self) -> QLabel:
        """Why the vault locked by itself (hidden after a lock by hand)."""
        note = QLabel(self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f4b00;")
        note.hide()
        return note

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Unlock Liaison"))
        self.heading.setText(_("Unlock your vault"))
        self.path_label.setText(_("Vault: {path}").format(path=ltr(self.vault_path)))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase.edit.setAccessibleName(_("Passphrase"))
        self.unlock_button.setText(_("&Unlock"))
        self.quit_button.setText(_("&Quit"))
        self.recover_button.setText(_("Forgot it? &Recover with the recovery code…"))
        self._show_lock_reason()
        self._tick()

    def set_lock_reason(self, reason: str | None, minutes: int = 0) -> None:
        """Why the vault locked ("idle", "sleep", "session"; None: the officer locked it)."""
        self._lock_reason = (reason, minutes) if reason else None
        self._show_lock_reason()

    def _show_lock_reason(self) -> None:
        if self._lock_reason is None:
            self.lock_note.clear()
            self.lock_note.hide()
            return
        reason, minutes = self._lock_reason
        texts = {
            "idle": ngettext(
                "Locked after {minutes} minute idle.", "Locked after {minutes} minutes idle.", minutes
            ).format(minutes=minutes),
            "sleep": _("Locked when the computer went to sleep."),
            "session": _("Locked when the desktop session was locked."),
        }
        revoked = {
            "revoked": _(
                "Locked because another device revoked this one from the sync space. Its sync keys "
                "are forgotten; the records stay in this vault."
            ),
            "wiped": _(
                "Locked because another device revoked this one and ordered a remote wipe: the key "
                "slots were destroyed, so this vault can no longer be opened here."
            ),
        }
        self.lock_note.setText(
            revoked[reason]
            if reason in revoked
            else texts.get(reason, "") + " " + _("Your place is kept: unlock to carry on where you were.")
        )
        self.lock_note.show()

    # -- unlocking ----------------------------------------------------------------------------
    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.error.show_message(_("Type your passphrase."))
            return
        self.error.clear()
        self._set_working(True)
        path = self.vault_path
        self.runner.run_store(lambda: vault_service.unlock(path, passphrase), self._unlocked, self._failed)

    def _unlocked(self, vault: Vault) -> None:
        self._set_working(False)
        self.failures = 0
        self.passphrase.clear()
        self.unlocked.emit(vault)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        self.error.show_message(error_message(error))
        if isinstance(error, WrongPassphrase):
            self.failures += 1
            self.passphrase.edit.selectAll()
            doublings = min(self.failures - 1, self.MAX_BACKOFF_DOUBLINGS)
            self.start_backoff(self.BACKOFF_UNIT_MS * (2**doublings))
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_working(self, working: bool) -> None:
        if working:
            self.busy.start(_("Deriving the key…"))
        else:
            self.busy.stop()
        self.passphrase.setEnabled(not working)
        self.recover_button.setEnabled(not working)
        self.quit_button.setEnabled(not working)
        self._update_buttons()

    # -- backoff ------------------------------------------------------------------------------
    def start_backoff(self, ms: int) -> None:
        self._blocked_until = time.monotonic() + ms / 1000
        self._countdown.start()
        self._tick()

    def remaining_ms(self) -> int:
        return max(0, round((self._blocked_until - time.monotonic()) * 1000))

    def _tick(self) -> None:
        remaining = self.remaining_ms()
        if remaining <= 0:
            self._countdown.stop()
            self.countdown_label.clear()
            self.countdown_label.setVisible(False)
        else:
            seconds = math.ceil(remaining / 1000)
            self.countdown_label.setText(
                ngettext(
                    "You can try again in {seconds} second.",
                    "You can try again in {seconds} seconds.",
                    seconds,
                ).format(seconds=seconds)
            )
            self.countdown_label.setVisible(True)
        self._update_buttons(remaining)

    def _update_buttons(self, remaining: int | None = None) -> None:
        # One reading of the clock per tick, so the button and the countdown always agree.
        left = self.remaining_ms() if remaining is None else remaining
        self.unlock_button.setEnabled(not self.busy.busy and left <= 0)

    # -- leaving ------------------------------------------------------------------------------
    def _ask_recover(self) -> None:
        self.passphrase.clear()
        self.recover_requested.emit()

    def reset(self) -> None:
        """Shown again after a lock: empty field, no stale message (the backoff stays)."""
        self.passphrase.clear()
        self.error.clear()
        self._update_buttons()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self.busy.busy:  # the vault is being opened: wait for it (it would stay open otherwise)
            return
        self.passphrase.clear()
        super().reject()
