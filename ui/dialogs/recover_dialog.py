"""Forgotten passphrase: open the vault with the recovery code and choose a new passphrase.

The vault is then re-encrypted under a new key and a new recovery code is shown once: the code just
typed may have been seen, so it stops working. Key derivation and re-encryption run on the store
thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from ui import clipboard
from ui.dialogs import WorkingDialog, error_message
from ui.i18n import _
from ui.resources import monospace_font
from ui.tasks import TaskRunner
from ui.widgets.password_field import NewPassphraseForm


class RecoverDialog(WorkingDialog):
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
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.recover_button = QPushButton(self)
        self.recover_button.setDefault(True)
        self._build_new_code_widgets()
        self.form.add_leading_row(self.code_label, self.code)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.recover_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.new_code_label)
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
        self.copy_button.clicked.connect(lambda: clipboard.copy_sensitive(self.new_code))
        self.continue_button.clicked.connect(self._continue)
        self.setMinimumWidth(520)
        self.retranslate_ui()
        self._update_buttons()

    def _build_new_code_widgets(self) -> None:
        """Shown after success: the new recovery code, once (the used one no longer works)."""
        self.new_code_label = QLabel(self)
        self.new_code_label.setFont(monospace_font(14))
        self.new_code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_code_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.new_code_label.hide()
        self.copy_button = QPushButton(self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.hide()
        self.continue_button = QPushButton(self)
        self.continue_button.hide()
        self.new_code = ""
        self._opened: Vault | None = None

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
        self.copy_button.setText(_("C&opy"))
        self.continue_button.setText(_("I have saved it, &next"))
        if self.new_code:
            self.intro.setText(
                _(
                    "The vault is open and re-encrypted under a new key, so the code you typed no "
                    "longer works. This is your new recovery code: write it down now and keep it apart "
                    "from the laptop. It is shown only this once."
                )
            )

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
            lambda: vault_service.recover(path, code, passphrase), self._recovered, self._failed
        )

    def _recovered(self, result: tuple[Vault, str | None]) -> None:
        vault, new_code = result
        self._set_working(False)
        self._wipe()
        if not new_code:
            self._opened = vault
            self._continue()
            return
        self._opened, self.new_code = vault, new_code
        self.new_code_label.setText(new_code)
        for widget in (self.form, self.cancel_button, self.recover_button, self.code, self.code_label):
            widget.hide()
        for widget in (self.new_code_label, self.copy_button, self.continue_button):
            widget.show()
        self.continue_button.setDefault(True)
        self.retranslate_ui()
        self.setMinimumWidth(max(520, self.new_code_label.sizeHint().width() + 48))
        self.adjustSize()

    def _continue(self) -> None:
        vault, self._opened = self._opened, None
        self.new_code = ""
        self.new_code_label.clear()
        for widget in (self.new_code_label, self.copy_button, self.continue_button):
            widget.hide()
        for widget in (self.form, self.cancel_button, self.recover_button, self.code, self.code_label):
            widget.show()
        self.recover_button.setDefault(True)
        self.retranslate_ui()
        if vault is not None:
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
        if self._opened is not None:  # the vault is open: Escape means "continue", never "lose it"
            self._continue()
            return
        self._wipe()
        self.error.clear()
        super().reject()
