"""Forgotten passphrase: open the vault with the recovery code and choose a new passphrase.

The code stays valid afterwards (it is a second key slot, not a one-time token). Key derivation for
the new passphrase runs on the store thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.crypto.recovery import normalize_recovery_code
from liaison.services import vault as vault_service
from liaison.store.vault import Vault
from ui.dialogs import BusyLine, ErrorLabel, error_message
from ui.i18n import _
from ui.resources import monospace_font
from ui.tasks import TaskRunner
from ui.widgets.password_field import NewPassphraseForm


class RecoverDialog(QDialog):
    recovered = Signal(object)  # the open Vault

    def __init__(self, runner: TaskRunner, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault_path = vault_path
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.code_label = QLabel(self)
        self.code = QLineEdit(self)
        self.code.setFont(monospace_font(13))
        self.code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.code.setMaxLength(64)
        self.code_label.setBuddy(self.code)
        self.form = NewPassphraseForm(self)
        self.error = ErrorLabel(self)
        self.busy = BusyLine(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.recover_button = QPushButton(self)
        self.recover_button.setDefault(True)
        self.form.add_leading_row(self.code_label, self.code)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.recover_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.code.textChanged.connect(self._update_buttons)
        self.code.returnPressed.connect(self.form.passphrase.setFocus)
        self.form.changed.connect(self._update_buttons)
        self.form.submitted.connect(self.try_recover)
        self.recover_button.clicked.connect(self.try_recover)
        self.cancel_button.clicked.connect(self.reject)
        self.setMinimumWidth(520)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Recover the vault"))
        self.intro.setText(
            _(
                "Type the recovery code you saved when the vault was created, then choose a new "
                "passphrase. Dashes and spaces in the code do not matter."
            )
        )
        self.code_label.setText(_("Recovery &code:"))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setAccessibleName(_("Recovery code"))
        self.cancel_button.setText(_("&Back"))
        self.recover_button.setText(_("&Set the new passphrase"))

    def _code_ok(self) -> bool:
        return normalize_recovery_code(self.code.text()) is not None

    def _update_buttons(self) -> None:
        self.recover_button.setEnabled(not self.busy.busy and self._code_ok() and self.form.is_acceptable())

    def try_recover(self) -> None:
        if not self._code_ok():
            self.error.show_message(_("A recovery code has 32 letters and digits."))
            return
        problem = self.form.problem()
        if problem:
            self.error.show_message(problem)
            return
        self.error.clear()
        code, passphrase, path = self.code.text(), self.form.value(), self.vault_path
        self._set_working(True)
        self.runner.run_store(
            # The dialog cannot show a new recovery code yet, so it keeps the key (and the code);
            # ``liaison recover`` re-keys and issues a new code.
            lambda: vault_service.recover(path, code, passphrase, rekey=False)[0],
            self._recovered,
            self._failed,
        )

    def _recovered(self, vault: Vault) -> None:
        self._set_working(False)
        self._wipe()
        self.recovered.emit(vault)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        self.error.show_message(error_message(error))

    def _set_working(self, working: bool) -> None:
        if working:
            self.busy.start(_("Deriving the new key…"))
        else:
            self.busy.stop()
        for widget in (self.code, self.form, self.cancel_button):
            widget.setEnabled(not working)
        self._update_buttons()

    def _wipe(self) -> None:
        self.code.clear()
        self.form.clear()

    def reject(self) -> None:
        if self.busy.busy:
            return
        self._wipe()
        self.error.clear()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.busy:
            event.ignore()
            return
        super().closeEvent(event)
