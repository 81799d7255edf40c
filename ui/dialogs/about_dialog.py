"""About Liaison: version, licence notes and the self-test report support asks officers for.

The self-test loads fonts, a translation pack and renders a PDF (a second or two), so it runs on
an I/O worker and the report appears when it is done; "Copy report" puts the plain text on the
clipboard to paste into a support ticket. The report holds no vault data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison import __version__
from liaison.services import selftest
from ui import selftest_qt
from ui.i18n import _
from ui.resources import app_icon, monospace_font
from ui.tasks import TaskRunner


class AboutDialog(QDialog):
    report_ready = Signal(str)

    def __init__(self, runner: TaskRunner, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.vault_path = vault_path
        self.passed: bool | None = None
        self.icon = QLabel(self)
        self.icon.setPixmap(app_icon().pixmap(64, 64))
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.blurb = QLabel(self)
        self.blurb.setWordWrap(True)
        self.report_label = QLabel(self)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setFont(monospace_font())
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setMinimumHeight(180)
        self.report_label.setBuddy(self.report)
        self.copy_button = QPushButton(self)
        self.copy_button.setEnabled(False)
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        header = QHBoxLayout()
        header.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.blurb)
        header.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.report_label)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button.clicked.connect(self.accept)
        self.resize(760, 420)
        self.retranslate_ui()
        self.run_self_test()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About Liaison"))
        self.title.setText(f"Liaison {__version__}")
        self.blurb.setText(
            _(
                "Encrypted field kit for liaison officers. PDF fonts: Noto Sans and DejaVu Sans, "
                "and WenQuanYi Zen Hei (GPL-2 with font embedding exception); their licences are in "
                "the installation's resources/fonts/licenses folder."
            )
        )
        self.report_label.setText(_("&Self-test (give this report to support):"))
        self.copy_button.setText(_("&Copy report"))
        self.close_button.setText(_("Close"))

    def run_self_test(self) -> None:
        self.report.setPlainText(_("Running the self-test…"))
        selftest_qt.install()
        self.runner.run_io(lambda: selftest.run(self.vault_path), self._show)

    def _show(self, outcomes: list[selftest.Outcome]) -> None:
        self.passed = all(o.ok for o in outcomes)
        text = selftest.report(outcomes)
        self.report.setPlainText(text)
        self.copy_button.setEnabled(True)
        self.report_ready.emit(text)

    def copy_report(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.report.toPlainText())
