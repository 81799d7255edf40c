"""Where exported documents go, and the questions asked before and after writing one.

A PDF leaves the encrypted vault as a plain file. It goes to the exports folder the officer chose
(remembered in the settings; by default ``Liaison exports`` in their Documents folder), never the
folder the application happened to be started from. A document handled as TLP:AMBER or TLP:RED is
written only after the officer confirmed that it will be readable by anyone with the file. After
the export the officer can open the file or show it in its folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from liaison.domain import Handling
from ui.dialogs import ltr
from ui.i18n import _

FOLDER_KEY = "documents/export_folder"
DEFAULT_FOLDER_NAME = "Liaison exports"
# Handling labels whose documents must not be left readable without the officer knowing it.
RESTRICTED = frozenset({Handling.AMBER, Handling.AMBER_STRICT, Handling.RED})


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return base / DEFAULT_FOLDER_NAME


def export_folder() -> Path:
    """The chosen exports folder, else the default one."""
    saved = str(QSettings().value(FOLDER_KEY, "") or "")
    return Path(saved) if saved and Path(saved).is_absolute() else default_folder()


def set_export_folder(folder: Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(folder.resolve()))


def suggested_path(file_name: str, *, create: bool = False) -> Path:
    """``file_name`` in the exports folder; ``create`` makes the folder (before a file dialog opens
    on it), so it exists only once something is exported."""
    folder = export_folder()
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder / file_name


def needs_warning(handling: Handling) -> bool:
    return handling in RESTRICTED


def ask_unencrypted(
    parent: QWidget, handling: Handling, path: Path, proceed: Callable[[], None]
) -> QMessageBox | None:
    """Before writing a TLP:AMBER/RED document as a plain file, ask (window-modal, not blocking)
    and call ``proceed`` only on "Write the PDF". Other documents go ahead at once (None)."""
    if not needs_warning(handling):
        proceed()
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Write an unencrypted copy?"))
    box.setText(
        _("This document is marked {label}, and the PDF will not be encrypted.").format(label=handling.value)
    )
    box.setInformativeText(
        _(
            "Anyone who can read {folder} (another account, a backup, a synchronised folder) will be "
            "able to read it. Send it only through a channel approved for {label}, and delete it "
            "once sent."
        ).format(folder=ltr(path.parent), label=handling.value)
    )
    write = box.addButton(_("Write the PDF"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        if box.clickedButton() is write:
            proceed()

    box.finished.connect(finished)
    box.open()
    return box


def open_file(path: Path) -> bool:
    """Open ``path`` in the desktop's viewer for its type."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding ``path`` in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
