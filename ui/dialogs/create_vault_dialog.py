"""First start: choose a passphrase, create the vault, then show the recovery code exactly once.

Three steps in one dialog: the passphrase (twice, with a strength meter); the recovery code in large
monospace with "Save to file…", "Print…" and "Copy"; and a check that the user really kept it
(re-type its last group) before the vault opens. The vault exists from the end of step one, so the
dialog cannot be dismissed on the later steps.
"""

from __future__ import annotations

import datetime as dt
import html
import secrets
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QPagedPaintDevice, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from liaison.crypto.atomic import atomic_write_bytes
from liaison.services import vault as vault_service
from liaison.store.vault import Vault
from ui import clipboard
from ui.dialogs import BusyLine, ErrorLabel, error_message, ltr
from ui.i18n import _, ngettext
from ui.resources import monospace_font
from ui.tasks import TaskRunner
from ui.widgets.password_field import NewPassphraseForm

_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
PASSPHRASE_STEP, CODE_STEP, CONFIRM_STEP = 0, 1, 2


def _heading(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _wrapping(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


class CreateVaultDialog(QDialog):
    created = Signal(object)  # the open Vault, once the recovery code is confirmed

    def __init__(self, runner: TaskRunner, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault_path = vault_path
        self._vault: Vault | None = None
        self._code = ""
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_passphrase_step())
        self.stack.addWidget(self._build_code_step())
        self.stack.addWidget(self._build_confirm_step())
        self.error = ErrorLabel(self)
        self.busy = BusyLine(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        self._update_buttons()

    # -- building -----------------------------------------------------------------------------
    def _build_passphrase_step(self) -> QWidget:
        page = QWidget(self)
        self.welcome = _heading(page)
        self.intro = _wrapping(page)
        self.form = NewPassphraseForm(page)
        self.quit_button = QPushButton(page)
        self.quit_button.setAutoDefault(False)
        self.create_button = QPushButton(page)
        self.create_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.welcome)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.form.changed.connect(self._update_buttons)
        self.form.submitted.connect(self.create_vault)
        self.create_button.clicked.connect(self.create_vault)
        self.quit_button.clicked.connect(self.reject)
        return page

    def _build_code_step(self) -> QWidget:
        page = QWidget(self)
        self.code_heading = _heading(page)
        self.code_intro = _wrapping(page)
        self.code_label = QLabel(page)
        self.code_label.setFont(monospace_font(20))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        self.save_button = QPushButton(page)
        self.print_button = QPushButton(page)
        self.copy_button = QPushButton(page)
        self.next_button = QPushButton(page)
        self.next_button.setDefault(True)
        for button in (self.save_button, self.print_button, self.copy_button):
            button.setAutoDefault(False)
        self.code_status = _wrapping(page)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        actions.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.code_heading)
        layout.addWidget(self.code_intro)
        layout.addWidget(self.code_label)
        layout.addWidget(self.code_status)
        layout.addStretch(1)
        layout.addLayout(actions)
        self.save_button.clicked.connect(self.save_code)
        self.print_button.clicked.connect(self.print_code)
        self.copy_button.clicked.connect(self._copy_code)
        self.next_button.clicked.connect(lambda: self._go(CONFIRM_STEP))
        return page

    def _build_confirm_step(self) -> QWidget:
        page = QWidget(self)
        self.confirm_heading = _heading(page)
        self.confirm_intro = _wrapping(page)
        # Two groups of the code, at places chosen when it is made: typing them shows the officer
        # kept the whole code (the last group alone is easy to remember from the screen).
        self.confirm_groups: tuple[int, int] = (0, 7)
        self.confirm_label, self.confirm_label_2 = QLabel(page), QLabel(page)
        self.confirm_edit, self.confirm_edit_2 = QLineEdit(page), QLineEdit(page)
        for label, edit in (
            (self.confirm_label, self.confirm_edit),
            (self.confirm_label_2, self.confirm_edit_2),
        ):
            edit.setFont(monospace_font(16))
            edit.setMaxLength(8)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("MMMMMM") + 16)
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            label.setBuddy(edit)
            edit.textChanged.connect(self._update_buttons)
        self.back_button = QPushButton(page)
        self.back_button.setAutoDefault(False)
        self.open_button = QPushButton(page)
        self.open_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.confirm_label)
        row.addWidget(self.confirm_edit)
        row.addSpacing(16)
        row.addWidget(self.confirm_label_2)
        row.addWidget(self.confirm_edit_2)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.confirm_heading)
        layout.addWidget(self.confirm_intro)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.confirm_edit.returnPressed.connect(self.confirm_edit_2.setFocus)
        self.confirm_edit_2.returnPressed.connect(self.finish)
        self.back_button.clicked.connect(lambda: self._go(CODE_STEP))
        self.open_button.clicked.connect(self.finish)
        return page

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Create a Liaison vault"))
        self.welcome.setText(_("Welcome to Liaison"))
        self.intro.setText(
            _(
                "Everything you keep in Liaison is encrypted with a key derived from your passphrase. "
                "Choose one you can remember: nobody, not even your administrator, can read the vault "
                "without it or the recovery code.\n\nThe vault will be created at: {path}"
            ).format(path=ltr(self.vault_path))
        )
        self.quit_button.setText(_("&Quit"))
        self.create_button.setText(_("&Create the vault"))
        self.code_heading.setText(_("Your recovery code"))
        self.code_intro.setText(
            _(
                "If you forget your passphrase, this code is the only way back into the vault. It is "
                "shown only this once: save it to a file on a USB key, or print it, and keep it away "
                "from this computer."
            )
        )
        self.save_button.setText(_("&Save to file…"))
        self.print_button.setText(_("&Print…"))
        self.copy_button.setText(_("C&opy"))
        self.copy_button.setToolTip(
            _("Copy; cleared from the clipboard after {seconds} s").format(seconds=clipboard.clear_delay())
        )
        self.next_button.setText(_("I have saved it, &next"))
        self.confirm_heading.setText(_("Check that you kept the code"))
        self._retranslate_confirm()
        self.back_button.setText(_("&Show the code again"))
        self.open_button.setText(_("&Open the vault"))

    def _retranslate_confirm(self) -> None:
        first, second = (n + 1 for n in self.confirm_groups)
        self.confirm_intro.setText(
            _(
                "From the copy you kept (not from memory), type group {first} and group {second} of "
                "your recovery code: groups are the blocks of four characters between the dashes, "
                "counted from the left."
            ).format(first=first, second=second)
        )
        for label, edit, number in (
            (self.confirm_label, self.confirm_edit, first),
            (self.confirm_label_2, self.confirm_edit_2, second),
        ):
            label.setText(_("Group {n}:").format(n=number))
            edit.setAccessibleName(_("Group {n} of the recovery code").format(n=number))

    # -- step one: create ---------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.create_button.setEnabled(not self.busy.busy and self.form.is_acceptable())
        typed = all(len(self._typed(edit)) == 4 for edit in (self.confirm_edit, self.confirm_edit_2))
        self.open_button.setEnabled(bool(self._code) and typed)

    def create_vault(self) -> None:
        problem = self.form.problem()
        if problem:
            self.error.show_message(problem)
            return
        if self.busy.busy or self._vault is not None:
            return
        self.error.clear()
        self.form.setEnabled(False)
        self.quit_button.setEnabled(False)
        self.busy.start(_("Creating the vault and deriving the key…"))
        self._update_buttons()
        path, passphrase = self.vault_path, self.form.value()
        self.runner.run_store(lambda: vault_service.create(path, passphrase), self._created, self._failed)

    def _created(self, result: tuple[Vault, str]) -> None:
        self.busy.stop()
        self._vault, self._code = result
        first, second = sorted(secrets.SystemRandom().sample(range(len(self._code.split("-"))), 2))
        self.confirm_groups = (first, second)
        self._retranslate_confirm()
        self.form.clear()
        groups = self._code.split("-")
        half = len(groups) // 2  # two lines of four groups read better than a wrap anywhere
        self.code_label.setText("-".join(groups[:half]) + "-\n" + "-".join(groups[half:]))
        self._go(CODE_STEP)

    def _failed(self, error: BaseException) -> None:
        self.busy.stop()
        self.form.setEnabled(True)
        self.quit_button.setEnabled(True)
        self.error.show_message(error_message(error))
        self._update_buttons()

    def _go(self, step: int) -> None:
        self.error.clear()
        self.stack.setCurrentIndex(step)
        focus = {PASSPHRASE_STEP: self.form, CODE_STEP: self.next_button, CONFIRM_STEP: self.confirm_edit}
        focus[step].setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @property
    def recovery_code(self) -> str:
        """The code while the dialog shows it (tests and the print sheet); empty afterwards."""
        return self._code

    # -- step two: keep the code --------------------------------------------------------------
    def _sheet_html(self) -> str:
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        title = html.escape(_("Liaison recovery code"))
        vault = html.escape(_("Vault: {path}").format(path=ltr(self.vault_path)))
        created = html.escape(_("Created: {when}").format(when=when))
        warning = html.escape(_("Anyone with this code can open the vault. Keep it locked away."))
        code = html.escape(self._code)
        return (
            f"<h2>{title}</h2><p>{vault}<br>{created}</p>"
            f"<p style='font-family: monospace; font-size: 20pt'>{code}</p><p>{warning}</p>"
        )

    def _sheet_text(self) -> str:
        return "\n".join(
            (
                _("Liaison recovery code"),
                _("Vault: {path}").format(path=self.vault_path),
                "",
                self._code,
                "",
                _("Anyone with this code can open the vault. Keep it locked away."),
                "",
            )
        )

    def save_code(self, destination: Path | None = None) -> None:
        if destination is None:
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the recovery code"),
                str(Path.home() / "liaison-recovery-code.txt"),
                _("Text files (*.txt)"),
            )
            if not name:
                return
            destination = Path(name)
        data = self._sheet_text().encode("utf-8")
        target = destination
        self.runner.run_io(
            lambda: atomic_write_bytes(target, data),
            lambda _result: self.code_status.setText(
                _("Saved to {path}. Move it somewhere safe, away from this computer.").format(
                    path=ltr(target)
                )
            ),
            lambda error: self.error.show_message(error_message(error)),
        )

    def render_sheet(self, device: QPagedPaintDevice) -> None:
        document = QTextDocument()
        document.setHtml(self._sheet_html())
        document.print_(device)

    def print_code(self) -> None:
        try:
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: PLC0415
        except ImportError:  # a Qt build without print support: offer a PDF instead
            self.save_pdf()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the recovery code"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.render_sheet(printer)
            self.code_status.setText(_("Sent to the printer."))

    def save_pdf(self, destination: Path | None = None) -> None:
        from PySide6.QtGui import QPdfWriter  # noqa: PLC0415

        if destination is None:
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the recovery code as PDF"),
                str(Path.home() / "liaison-recovery-code.pdf"),
                _("PDF files (*.pdf)"),
            )
            if not name:
                return
            destination = Path(name)
        writer = QPdfWriter(str(destination))
        writer.setTitle(_("Liaison recovery code"))
        self.render_sheet(writer)
        self.code_status.setText(_("Saved to {path}.").format(path=ltr(destination)))

    def _copy_code(self) -> None:
        clipboard.copy_sensitive(self._code)
        self.code_status.setText(
            _("Copied. The clipboard will be cleared in {seconds} s.").format(seconds=clipboard.clear_delay())
        )

    # -- step three: confirm ------------------------------------------------------------------
    @staticmethod
    def _typed(edit: QLineEdit) -> str:
        return edit.text().strip().upper().replace("-", "").replace(" ", "").translate(_LOOKALIKES)

    def wrong_groups(self) -> list[int]:
        """The group numbers (from 1) typed wrong; all of them while there is no code."""
        groups = self._code.split("-") if self._code else []
        edits = (self.confirm_edit, self.confirm_edit_2)
        return [
            index + 1
            for index, edit in zip(self.confirm_groups, edits, strict=True)
            if index >= len(groups) or self._typed(edit) != groups[index]
        ]

    def confirmation_matches(self) -> bool:
        return bool(self._code) and not self.wrong_groups()

    def finish(self) -> None:
        if self._vault is None:
            return
        wrong = self.wrong_groups()
        if wrong:
            self.error.show_message(
                ngettext(
                    "Group {groups} does not match your recovery code. Check the copy you kept, "
                    "or show the code again.",
                    "Groups {groups} do not match your recovery code. Check the copy you kept, "
                    "or show the code again.",
                    len(wrong),
                ).format(groups=_(" and ").join(str(n) for n in wrong))
            )
            return
        vault, self._vault = self._vault, None
        self._code = ""
        self.code_label.clear()
        self.confirm_edit.clear()
        self.confirm_edit_2.clear()
        self.created.emit(vault)
        self.accept()

    def reject(self) -> None:
        if self.busy.busy:
            return
        if self._vault is not None:
            self.error.show_message(
                _("The vault is created. Keep the recovery code, then confirm it to open the vault.")
            )
            return
        self.form.clear()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.busy or self._vault is not None:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
