"""Copying secrets (recovery codes, phone numbers of protected contacts...) without leaving them behind.

``copy_sensitive`` marks the data as secret for clipboard managers that honour the hint (KDE's
``x-kde-passwordManagerHint``), then clears the clipboard after the delay, but only if it still holds
that text: something the user copied since is left alone. Locking the vault clears it at once.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

DEFAULT_SECONDS = 30
_SECRET_HINT = "x-kde-passwordManagerHint"

_pending: set[str] = set()


def _clipboard() -> QClipboard:
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:  # pragma: no cover  (only without a QGuiApplication)
        raise RuntimeError("no clipboard: create the QApplication first")
    return clipboard


def copy_sensitive(text: str, seconds: float = DEFAULT_SECONDS) -> None:
    """Put ``text`` on the clipboard and take it off again after ``seconds``."""
    mime = QMimeData()
    mime.setText(text)
    mime.setData(_SECRET_HINT, b"secret")
    _clipboard().setMimeData(mime)
    _pending.add(text)
    QTimer.singleShot(max(0, round(seconds * 1000)), lambda: _clear_if_still(text))


def _clear_if_still(text: str) -> None:
    _pending.discard(text)
    clipboard = _clipboard()
    if clipboard.text() == text:
        clipboard.clear()


def clear_sensitive_now() -> None:
    """On lock: remove whatever secret we put on the clipboard, if it is still there."""
    if not _pending:
        return
    clipboard = _clipboard()
    if clipboard.text() in _pending:
        clipboard.clear()
    _pending.clear()
