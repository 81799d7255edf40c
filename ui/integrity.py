"""The full page check the unlock skips, run on a worker thread right after the window opens.

Opening a big vault checks only what it reads (a full read of every page cost seconds at every
unlock). The rest is read here, on its own read-only connection, while the user works. If a page
fails, the vault is locked at once (nothing more is written to a damaged file) and the user is
told, with an offer to save every readable row to a file (salvage) before restoring a backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from liaison.services import salvage_export
from liaison.store.vault import Vault
from ui.i18n import _
from ui.tasks import TaskRunner


class BackgroundCheck:
    def __init__(
        self, runner: TaskRunner, lock: Callable[[], None], is_open: Callable[[Vault], bool]
    ) -> None:
        self.runner = runner
        self._lock = lock
        self._is_open = is_open
        self.box: QMessageBox | None = None  # the damage notice, once shown (tests look at it)
        self.problems: list[str] = []
        self._salvage: Callable[[], Any] | None = None

    def start(self, vault: Vault) -> None:
        checker, salvager = vault.page_checker(), vault.salvager()
        self.runner.run_io(checker, lambda problems: self._checked(vault, problems, salvager))

    def _checked(self, vault: Vault, problems: list[str], salvager: Callable[[], Any]) -> None:
        if not problems:
            return
        self.problems, self._salvage = problems, salvager
        if self._is_open(vault):
            self._lock()
        self.box = box = QMessageBox(QMessageBox.Icon.Critical, _("The vault is damaged"), "")
        box.setText(
            _(
                "The full check after unlocking found a damaged page: {problem}\n\nThe vault has been "
                "locked so that nothing more is written to it. Save what is still readable to a file, "
                "then restore your latest backup (liaison restore FILE)."
            ).format(problem=problems[0])
        )
        save = box.addButton(_("Save what is readable…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        save.clicked.disconnect()  # keep the box open while the file is chosen and written
        save.clicked.connect(lambda: self.ask_and_salvage(box))
        box.open()

    def ask_and_salvage(self, parent: QWidget | None = None, destination: Path | None = None) -> None:
        if destination is None:
            chosen, _filter = QFileDialog.getSaveFileName(parent, _("Save what is readable…"), "salvage.json")
            if not chosen:
                return
            destination = Path(chosen)
        salvager = self._salvage
        if salvager is None:
            return
        target = destination
        self.runner.run_io(lambda: salvage_export.write(salvager(), target), self._saved(target))

    def _saved(self, target: Path) -> Callable[[int], None]:
        def done(rows: int) -> None:
            if self.box is not None:
                self.box.setInformativeText(
                    _("Saved {rows} rows to {file}. This file is not encrypted.").format(
                        rows=rows, file=target
                    )
                )

        return done
