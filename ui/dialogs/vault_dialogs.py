"""Dialogs of the Vault menu: a passphrase asked before a maintenance step (restore, new recovery
code, change of passphrase with or without re-keying) and the new recovery code shown once.

The dialogs only collect what the user types and show how the work went; ``ui.vault_menu`` runs
the work on the store thread and calls ``finish`` or ``fail``. A wrong passphrase is said inside
the dialog, which stays open for another try.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import clipboard
from ui.dialogs import WorkingDialog, error_message
from ui.i18n import _
from ui.resources import monospace_font
from ui.widgets.password_field import NewPassphraseForm, PasswordField


class PassphraseDialog(WorkingDialog):
    """The current passphrase (or the backup's), and with ``new=True`` a new one and the re-key
    choice. ``submitted`` fires when OK is pressed with acceptable input."""

    submitted = Signal()

    def __init__(
        self, title: str, intro: str, action: str, parent: QWidget | None = None, *, new: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._title, self._intro, self._action = title, intro, action
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.current = PasswordField(self)
        self.current_label = QLabel(self)
        self.current_label.setBuddy(self.current.edit)
        self.form: NewPassphraseForm | None = NewPassphraseForm(self) if new else None
        self.rekey = QCheckBox(self) if new else None
        self.rekey_note = QLabel(self)
        self.rekey_note.setWordWrap(True)
        self.rekey_note.setVisible(new)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self._build_layout()
        self.current.textChanged.connect(self._update)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.setFocusProxy(self.current)
        self.setMinimumWidth(520)
        self.retranslate_ui()
        self._update()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if self.form is not None:
            self.form.add_leading_row(self.current_label, self.current)
            layout.addWidget(self.form)
            self.form.changed.connect(self._update)
            self.form.submitted.connect(self.submit)
            self.current.returnPressed.connect(self.form.passphrase.setFocus)
        else:
            row = QFormLayout()
            row.addRow(self.current_label, self.current)
            layout.addLayout(row)
            self.current.returnPressed.connect(self.submit)
        if self.rekey is not None:
            layout.addWidget(self.rekey)
            self.rekey.toggled.connect(lambda _on: self.retranslate_ui())
        layout.addWidget(self.rekey_note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self._title))
        self.intro.setText(_(self._intro))
        self.current_label.setText(_("Current &passphrase:") if self.form is not None else _("&Passphrase:"))
        self.current.edit.setAccessibleName(self.current_label.text().replace("&", "").rstrip(":"))
        self.ok_button.setText(_(self._action))
        self.cancel_button.setText(_("Cancel"))
        if self.rekey is not None:
            self.rekey.setText(_("Also re-encrypt the vault under a new key and issue a new recovery code"))
            self.rekey_note.setText(
                _(
                    "Re-encrypting takes a moment on a large vault. Afterwards old copies of the key "
                    "file, the old passphrase and the old recovery code open nothing written from now on."
                )
                if self.rekey.isChecked()
                else _(
                    "Only the passphrase changes: someone who kept a copy of the key file and knew the "
                    "old passphrase could still open the vault. If that may be so, re-encrypt."
                )
            )

    @property
    def wants_rekey(self) -> bool:
        return self.rekey is not None and self.rekey.isChecked()

    def passphrase(self) -> str:
        return self.current.text()

    def new_passphrase(self) -> str:
        return self.form.value() if self.form is not None else ""

    def _update(self) -> None:
        ready = bool(self.current.text()) and (self.form is None or self.form.is_acceptable())
        self.ok_button.setEnabled(ready and not self.busy.busy)

    def submit(self) -> None:
        if self.busy.busy:
            return
        if not self.current.text():
            self.error.show_message(_("Type the passphrase."))
            return
        problem = self.form.problem() if self.form is not None else None
        if problem:
            self.error.show_message(problem)
            return
        self.error.clear()
        self.submitted.emit()

    def start(self, text: str) -> None:
        """The work runs: inputs are frozen and ``text`` says what is happening."""
        self.busy.start(text)
        self._set_enabled(False)

    def fail(self, error: BaseException) -> None:
        self.busy.stop()
        self._set_enabled(True)
        self.current.clear()
        self.error.show_message(error_message(error))
        self.current.setFocus()

    def finish(self) -> None:
        self.busy.stop()
        self._wipe()
        self.accept()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.current, self.form, self.rekey, self.cancel_button):
            if widget is not None:
                widget.setEnabled(enabled)
        self._update()

    def _wipe(self) -> None:
        self.current.clear()
        if self.form is not None:
            self.form.clear()

    def reject(self) -> None:
        if self.busy.busy:
            return  # the work cannot be abandoned half-way; it is crash-safe, not cancellable
        self._wipe()
        super().reject()


class RecoveryCodeDialog(QDialog):
    """A new recovery code, shown this once (the previous one no longer works)."""

    def __init__(self, code: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.code = code
        self._intro = intro
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.code_label = QLabel(code, self)
        self.code_label.setFont(monospace_font(14))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.copy_button = QPushButton(self)
        self.copy_button.setAutoDefault(False)
        self.done_button = QPushButton(self)
        self.done_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.code_label)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(lambda: clipboard.copy_sensitive(self.code))
        self.done_button.clicked.connect(self.accept)
        self.setMinimumWidth(max(520, self.code_label.sizeHint().width() + 48))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New recovery code"))
        self.intro.setText(
            _(self._intro)
            + " "
            + _("Write it down now and keep it apart from the laptop. It is shown only this once.")
        )
        self.copy_button.setText(_("C&opy"))
        self.done_button.setText(_("I have saved it"))

    def done(self, result: int) -> None:
        self.code = ""
        self.code_label.clear()
        super().done(result)
