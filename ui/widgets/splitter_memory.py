"""Splitters that remember where the officer left them (QSettings, one key per splitter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

PREFIX = "splitters/"


def remember_splitter(splitter: QSplitter, key: str, default_sizes: Sequence[int]) -> None:
    """Restore ``splitter`` from the settings (else ``default_sizes``) and save every move."""
    splitter.setObjectName(key)
    saved = QSettings().value(PREFIX + key)
    if not (isinstance(saved, QByteArray) and not saved.isEmpty() and splitter.restoreState(saved)):
        splitter.setSizes(list(default_sizes))
    splitter.splitterMoved.connect(lambda _pos, _index: save_splitter(splitter))


def save_splitter(splitter: QSplitter) -> None:
    QSettings().setValue(PREFIX + splitter.objectName(), splitter.saveState())
