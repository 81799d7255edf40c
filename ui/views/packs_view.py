"""Language packs: what is installed, install from a file, remove, verify, and download, the last
only when the user asks (the one place the app goes online for translation).

Pack work reads and writes the packs folder, never the vault, so it all runs on the io pool. After an
install or removal the shared engine forgets its loaded models.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.translation import index, packs
from liaison.translation.archive import PackError
from liaison.translation.index import IndexEntry
from liaison.translation.packs import InstalledPack
from ui.dialogs import error_message
from ui.i18n import _, error_text
from ui.models.packs_model import PacksModel, language_label, size_text, sorted_proxy
from ui.session import Session
from ui.tasks import CancelToken
from ui.views.translate_view import shared_engine, when_alive

ERROR_STYLE = "color: #b3261e;"


class DownloadPanel(QGroupBox):
    """Pick a pair from the online index, download it with progress, cancel at any time."""

    def __init__(self, view: PacksView) -> None:
        super().__init__()
        self.view = view
        self.entries: list[IndexEntry] = []
        self.token: CancelToken | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.pair = QComboBox()
        self.download_button = QPushButton()
        self.download_button.clicked.connect(lambda: self.download(str(self.pair.currentData() or "")))
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.pair, 1)
        row.addWidget(self.download_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        progress_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addLayout(progress_row)
        self._busy(False)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Download a language pack"))
        self.download_button.setText(_("Download and install"))
        self.cancel_button.setText(_("Cancel"))
        self.close_button.setText(_("Close"))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.download_button.setEnabled(not busy and self.pair.count() > 0)
        self.pair.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def fetch(self) -> None:
        self.show()
        self.pair.clear()
        self.status.setStyleSheet("")
        self.status.setText(_("Fetching the list of packs…"))
        self.download_button.setEnabled(False)
        self.view.session.runner.run_io(
            index.fetch_index, when_alive(self, self._fetched), when_alive(self, self._failed)
        )

    def _fetched(self, entries: list[IndexEntry]) -> None:
        self.entries = entries
        installed = {p.pair for p in self.view.model.packs()}
        for entry in sorted(entries, key=lambda e: (e.from_code, e.to_code)):
            label = f"{language_label(entry.from_code)} → {language_label(entry.to_code)} {entry.version}"
            if entry.size:
                label += f" ({size_text(entry.size)})"
            if entry.pair in installed:
                label += " — " + _("installed")
            if self.pair.findData(entry.pair) < 0:
                self.pair.addItem(label, entry.pair)
        self.status.setText(
            _("{count} pack(s) available. Choose one to download.").format(count=self.pair.count())
        )
        self._busy(False)

    def download(self, pair: str) -> None:
        if not pair:
            return
        token = self.token = CancelToken()
        runner = self.view.session.runner
        last = [-1]

        def progress(done: int, total: int | None) -> None:
            percent = int(done * 100 / total) if total else -1
            if percent != last[0]:
                last[0] = percent
                runner.on_main(lambda: self._progress(percent))

        entries = self.entries
        self.status.setStyleSheet("")
        self.status.setText(_("Downloading the {pair} pack…").format(pair=pair))
        self.progress.setValue(0)
        self._busy(True)
        runner.run_io(
            lambda: index.download_and_install(pair, progress, token.event, entries=entries),
            when_alive(self, self._installed),
            when_alive(self, self._failed),
        )

    def _progress(self, percent: int) -> None:
        if percent < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(percent)

    def cancel(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.status.setText(_("Cancelling…"))

    def _installed(self, pack: InstalledPack) -> None:
        self.token = None
        self._busy(False)
        self.status.setText(_("Installed: {pack}").format(pack=_pack_name(pack)))
        self.view.pack_changed(_("Installed: {pack}").format(pack=_pack_name(pack)))

    def _failed(self, err: BaseException) -> None:
        self.token = None
        self._busy(False)
        self.status.setStyleSheet(ERROR_STYLE)
        if isinstance(err, index.DownloadCancelled):
            self.status.setStyleSheet("")
            self.status.setText(_("Download cancelled; nothing was kept."))
        elif isinstance(err, index.OfflineError):
            self.status.setText(
                _(
                    "The pack server cannot be reached: this computer seems to be offline. Connect it, "
                    "or install a pack file brought on removable media (Install from file…)."
                )
            )
            self.status.setToolTip(error_message(err))
        elif isinstance(err, PackError):
            self.status.setText(_("Download failed: {reason}").format(reason=error_text(err)))
        else:
            raise err


class PacksView(QWidget):
    """Page of the main window. ``new_item`` (Ctrl+N) installs a pack from a file."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = PacksModel(self)
        self.proxy = sorted_proxy(self.model, self)
        self._build()
        self.retranslate_ui()
        session.unlocked.connect(self.reload)
        self.reload()

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PacksModel.PAIR, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.install_button = QPushButton()
        self.install_button.clicked.connect(self._choose_file)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove_selected)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.download_button = QPushButton()
        self.download_button.clicked.connect(self.start_download)
        buttons = QHBoxLayout()
        for button in (self.install_button, self.remove_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.download_button)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QListWidget()
        self.problems.hide()
        self.downloads = DownloadPanel(self)
        self.downloads.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.problems)
        layout.addWidget(self.downloads)

    def retranslate_ui(self) -> None:
        self.heading.setText(
            _("Language packs translate offline. Each pack covers one direction, e.g. English → French.")
        )
        self.install_button.setText(_("Install from file…"))
        self.remove_button.setText(_("Remove"))
        self.verify_button.setText(_("Verify"))
        self.verify_button.setToolTip(_("Check every installed pack against what was installed"))
        self.download_button.setText(_("Download…"))
        self.download_button.setToolTip(_("Fetch the list of packs from the internet (goes online)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, PacksModel.COLUMN_COUNT - 1)
        self.downloads.retranslate_ui()

    # --- page interface -------------------------------------------------------------------------

    def new_item(self) -> None:
        self._choose_file()

    def open_record(self, record_id: str) -> None:
        """Packs are not vault records."""

    def clear(self) -> None:
        """Packs hold no vault data; only drop messages."""
        self.message.clear()
        self.problems.clear()
        self.problems.hide()

    def reload(self) -> None:
        self.session.runner.run_io(packs.list_installed, when_alive(self, self.model.set_packs))

    # --- actions --------------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def pack_changed(self, text: str) -> None:
        shared_engine().forget_packs()
        self._say(text)
        self.reload()

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Install a language pack"), "", _("Argos language packs (*.argosmodel);;All files (*)")
        )
        if name:
            self.install_from_file(Path(name))

    def install_from_file(self, path: Path) -> None:
        self._say(_("Checking and installing {name}…").format(name=path.name))
        self.install_button.setEnabled(False)

        def done(pack: InstalledPack) -> None:
            self.install_button.setEnabled(True)
            self.pack_changed(_("Installed: {pack}").format(pack=_pack_name(pack)))

        def failed(err: BaseException) -> None:
            self.install_button.setEnabled(True)
            if not isinstance(err, PackError | OSError):
                raise err
            self._say(_("Not installed: {reason}").format(reason=error_text(err)), error=True)

        self.session.runner.run_io(
            lambda: packs.install(path), when_alive(self, done), when_alive(self, failed)
        )

    def selected_pack(self) -> InstalledPack | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], PacksModel.ObjectRole) if rows else None

    def _remove_selected(self) -> None:
        pack = self.selected_pack()
        if pack is None:
            self._say(_("Select the pack to remove."))
            return
        answer = QMessageBox.question(
            self, _("Remove language pack"), _("Remove {pack}?").format(pack=_pack_name(pack))
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_pack(pack.pair)

    def remove_pack(self, pair: str) -> None:
        def done(pack: InstalledPack) -> None:
            self.pack_changed(_("Removed: {pack}").format(pack=_pack_name(pack)))

        def failed(err: BaseException) -> None:
            if not isinstance(err, PackError):
                raise err
            self._say(_("Not removed: {reason}").format(reason=error_text(err)), error=True)

        self.session.runner.run_io(
            lambda: packs.remove(pair), when_alive(self, done), when_alive(self, failed)
        )

    def verify(self) -> None:
        self._say(_("Verifying the installed packs…"))
        self.verify_button.setEnabled(False)

        def done(problems: list[packs.PackProblem]) -> None:
            self.verify_button.setEnabled(True)
            self.problems.clear()
            self.problems.setVisible(bool(problems))
            if not problems:
                self._say(_("Every installed pack is intact."))
                return
            self._say(_("{count} problem(s) found:").format(count=len(problems)), error=True)
            for problem in problems:
                self.problems.addItem(str(problem))

        self.session.runner.run_io(packs.verify, when_alive(self, done))

    def start_download(self) -> None:
        """Only on the user's click: fetch the index, then let them pick a pair."""
        self.downloads.fetch()


def _pack_name(pack: InstalledPack) -> str:
    return f"{language_label(pack.from_code)} → {language_label(pack.to_code)} {pack.version}"
