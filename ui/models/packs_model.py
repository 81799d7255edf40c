"""Installed language packs as a table: pair, version, size, installed at, splitter added.

``packs.list_installed()`` reads the packs folder, so the view calls it on the io pool and hands the
list to :meth:`PacksModel.set_packs` on the GUI thread.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from liaison.translation.packs import InstalledPack
from ui.i18n import _, current_language

Index = QModelIndex | QPersistentModelIndex


@functools.lru_cache(maxsize=16)
def _language_names(lang: str) -> Mapping[str, str]:
    """Babel's language names in ``lang`` (parsed once per interface language, not per label)."""
    try:
        return dict(Locale.parse(lang).languages)
    except (UnknownLocaleError, ValueError):
        return {}


def language_label(code: str) -> str:
    """A language's name in the interface language ("français"), with its code, e.g. "French (fr)"."""
    name = _language_names(current_language()).get(code, "")
    return f"{name} ({code})" if name else code


def size_text(size: int) -> str:
    if size < 1024:
        return _("{count} bytes").format(count=size)
    if size < 1024**2:
        return _("{size} KB").format(size=f"{size / 1024:.1f}")
    return _("{size} MB").format(size=f"{size / 1024**2:.1f}")


class PacksModel(QAbstractTableModel):
    PAIR, VERSION, SIZE, INSTALLED_AT, SPLITTER = range(5)
    COLUMN_COUNT = 5
    SortRole = Qt.ItemDataRole.UserRole + 1
    ObjectRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._packs: list[InstalledPack] = []

    def set_packs(self, packs: list[InstalledPack]) -> None:
        self.beginResetModel()
        self._packs = sorted(packs, key=lambda p: p.pair)
        self.endResetModel()

    def packs(self) -> list[InstalledPack]:
        return list(self._packs)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._packs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (_("Language pair"), _("Version"), _("Size"), _("Installed at"), _("Sentence detection"))
        return headers[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pack = self._packs[index.row()]
        column = index.column()
        if role == self.ObjectRole:
            return pack
        if role == self.SortRole:
            return pack.size_bytes if column == self.SIZE else str(self._display(pack, column))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(pack, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(pack, column)
        return None

    def _tooltip(self, pack: InstalledPack, column: int) -> str | None:
        if column == self.SPLITTER and pack.added_splitter:
            return _("The pack had no sentence splitter; Liaison generated one so it works offline.")
        return str(pack.path) if column == self.PAIR else None

    def _display(self, pack: InstalledPack, column: int) -> str:
        if column == self.PAIR:
            return f"{language_label(pack.from_code)} → {language_label(pack.to_code)}"
        if column == self.VERSION:
            return pack.version
        if column == self.SIZE:
            return size_text(pack.size_bytes)
        if column == self.INSTALLED_AT:
            if pack.installed_at is None:
                return _("not installed by Liaison")
            return pack.installed_at.replace("T", " ")[:16]
        return _("Added by Liaison") if pack.added_splitter else _("Part of the pack")


def sorted_proxy(model: QAbstractTableModel, parent: Any = None) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(PacksModel.SortRole)
    return proxy
