"""Copying secrets (recovery codes, phone numbers of protected contacts...) without leaving them behind.

``copy_sensitive`` marks the data as secret for clipboard managers that honour the hint (KDE's
``x-kde-passwordManagerHint``), then clears the clipboard after the delay, but only if it still holds
that text: something the user copied since is left alone. Locking the vault clears it at once.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSettings, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

DEFAULT_SECONDS = 30
DELAY_CHOICES = (10, 20, 30, 60, 120)  # seconds the officer can choose in Settings
DELAY_KEY = "security/clipboard_seconds"
_SECRET_HINT = "x-kde-passwordManagerHint"


def clear_delay() -> int:
    """Seconds before a copied secret is taken off the clipboard (Settings → Security)."""
    try:
        seconds = int(str(QSettings().value(DELAY_KEY, DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if seconds in DELAY_CHOICES else DEFAULT_SECONDS


def set_clear_delay(seconds: int) -> None:
    QSettings().setValue(DELAY_KEY, int(seconds))


_pending: set[str] = set()


def _clipboard() -> QClipboard:
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:  # pragma: no cover  (only without a QGuiApplication)
        raise RuntimeError("no clipboard: create the QApplication first")
    return clipboard


def copy_sensitive(text: str, seconds: float | None = None) -> None:
    """Put ``text`` on the clipboard and take it off again after ``seconds`` (by default the delay
    chosen in the settings)."""
    if seconds is None:
        seconds = clear_delay()
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
