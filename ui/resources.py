"""Where the interface finds its assets: catalogs, Qt's own translations, icons and fonts.

Paths come from the package location (``importlib.resources``-style, no ``sys._MEIPASS`` hacks), so a
frozen bundle only has to keep the same relative layout. Icons fall back to the style's standard
pixmaps while the project ships none of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from liaison import assets

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"

_STANDARD_ICONS = {
    "search": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "print": QStyle.StandardPixmap.SP_FileIcon,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "local": QStyle.StandardPixmap.SP_ComputerIcon,  # a record kept on this device only
}


def qt_translations_dir() -> str:
    """Folder of Qt's own ``qtbase_*.qm`` files (stock dialog buttons and the like)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg|png`` when present, else a standard icon of the current style."""
    if name == "app":
        return app_icon()
    for suffix in (".svg", ".png"):
        path = RESOURCES / "icons" / f"{name}{suffix}"
        if path.is_file():
            return QIcon(str(path))
    if name in ("lock", "app"):
        return padlock_icon()
    style = QApplication.style()
    pixmap = _STANDARD_ICONS.get(name)
    if style is None or pixmap is None:
        return QIcon()
    return style.standardIcon(pixmap)


def app_icon() -> QIcon:
    """Liaison's own icon (every rendered size, so title bars and task switchers stay sharp)."""
    result = QIcon()
    try:
        for size in assets.ICON_SIZES:
            result.addFile(str(assets.icon_png(size)))
    except assets.ResourcesMissing:
        return padlock_icon()
    return result


def _drawn_icon(size: int, draw: Callable[[QPainter, QColor, float], None]) -> QIcon:
    """An icon drawn in the text colour (of the palette, so it follows a dark theme)."""
    color = QColor("#202020")
    if QApplication.instance() is not None:
        color = QApplication.palette().color(QPalette.ColorRole.WindowText)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, color, float(size))
    painter.end()
    return QIcon(pixmap)


def _padlock(painter: QPainter, color: QColor, size: float) -> None:
    painter.setPen(QPen(color, size * 0.1))
    left, right, middle = size * 0.3, size * 0.7, size * 0.34
    painter.drawArc(QRectF(left, size * 0.1, right - left, size * 0.48), 0, 180 * 16)
    painter.drawLine(QPointF(left, middle), QPointF(left, size * 0.5))
    painter.drawLine(QPointF(right, middle), QPointF(right, size * 0.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    radius = size * 0.08
    painter.drawRoundedRect(QRectF(size * 0.16, size * 0.46, size * 0.68, size * 0.46), radius, radius)


def _calendar(painter: QPainter, color: QColor, size: float) -> None:
    painter.setPen(QPen(color, size * 0.08))
    page = QRectF(size * 0.12, size * 0.2, size * 0.76, size * 0.68)
    painter.drawRoundedRect(page, size * 0.06, size * 0.06)
    painter.fillRect(QRectF(page.left(), page.top(), page.width(), size * 0.16), color)
    for x in (0.32, 0.68):  # the rings
        painter.drawLine(QPointF(size * x, size * 0.1), QPointF(size * x, size * 0.28))
    for row in range(2):  # the days
        for column in range(3):
            cell = QRectF(size * (0.24 + column * 0.2), size * (0.48 + row * 0.18), size * 0.1, size * 0.1)
            painter.fillRect(cell, color)


def padlock_icon(size: int = 64) -> QIcon:
    """A closed padlock (no standard icon says "lock")."""
    return _drawn_icon(size, _padlock)


def calendar_icon(size: int = 32) -> QIcon:
    """A calendar page: no standard icon shows one, and the 📅 character is missing (an empty
    box) where no emoji font is installed, as on a minimal system."""
    return _drawn_icon(size, _calendar)


def monospace_font(point_size: float | None = None) -> QFont:
    """The system fixed-width font (recovery codes, key parameters)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font
