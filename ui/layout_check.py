"""Finds widgets an officer could not use: cut off by their parent, or squeezed below the size they
need to show their content (their minimum size hint).

Used by the layout test (every page at the smallest and a large window size) and available for a
quick look while developing: ``layout_problems(window)`` lists one line per problem, naming the
widget by its class, object name and text, and the page it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QSplitter,
    QSplitterHandle,
    QTabBar,
    QWidget,
)

# Widgets whose content is made to be cut or scrolled (tab bars scroll, scroll bars shrink, header
# sections are sized by their view...).
_EXEMPT = (QScrollBar, QSplitterHandle, QTabBar, QHeaderView)
TOLERANCE = 1  # pixels: rounding of fractional scaling


def describe(widget: QWidget) -> str:
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(f"#{widget.objectName()}")
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel)):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    if text:
        parts.append(repr(text[:40]))
    return " ".join(parts)


def _in_exempt(widget: QWidget) -> bool:
    """Inside an exempt widget, or inside a splitter pane the officer folded away."""
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, _EXEMPT) or current.property("layout_check_exempt"):
            return True
        parent = current.parentWidget()
        if isinstance(parent, QSplitter) and (current.width() == 0 or current.height() == 0):
            return True
        current = parent
    return False


def _scroll_area_of_viewport(parent: QWidget) -> QAbstractScrollArea | None:
    area = parent.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
        return area
    return None


def _clipped(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return None
    area = _scroll_area_of_viewport(parent)
    geometry = widget.geometry()
    if area is not None:
        # Content may be larger than a scroll area's viewport only along an axis that scrolls.
        if not isinstance(area, QScrollArea):
            return None
        from PySide6.QtCore import Qt  # noqa: PLC0415

        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if area.horizontalScrollBarPolicy() == off and geometry.width() > parent.width() + TOLERANCE:
            return f"wider than its scroll area ({geometry.width()} > {parent.width()} px)"
        return None
    bounds = QRect(-TOLERANCE, -TOLERANCE, parent.width() + 2 * TOLERANCE, parent.height() + 2 * TOLERANCE)
    if not bounds.contains(geometry):
        return f"cut off by its parent ({_rect(geometry)} outside {parent.width()}×{parent.height()})"
    return None


def _rect(r: QRect) -> str:
    return f"{r.width()}×{r.height()} at {r.x()},{r.y()}"


def _squeezed(widget: QWidget) -> str | None:
    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    problems = []
    if (
        hint.width() > 0
        and policy.horizontalPolicy() != QSizePolicy.Policy.Ignored
        and widget.minimumWidth() == 0
        and widget.width() + TOLERANCE < min(hint.width(), widget.maximumWidth())
    ):
        problems.append(f"{widget.width()} px wide, needs {hint.width()}")
    if (
        hint.height() > 0
        and policy.verticalPolicy() != QSizePolicy.Policy.Ignored
        and widget.minimumHeight() == 0
        and widget.height() + TOLERANCE < min(hint.height(), widget.maximumHeight())
    ):
        problems.append(f"{widget.height()} px high, needs {hint.height()}")
    return "squeezed: " + ", ".join(problems) if problems else None


def _hidden_text(widget: QWidget) -> str | None:
    """A label or button with text but (almost) no room: an Ignored size policy can do that."""
    has_text = isinstance(widget, (QLabel, QAbstractButton)) and bool(widget.text().strip())
    if has_text and (widget.width() < 8 or widget.height() < 8):
        return f"has text but is {widget.width()}×{widget.height()} px"
    return None


def layout_problems(root: QWidget) -> list[str]:
    """One line per visible widget under ``root`` that is cut off or squeezed."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow() or _in_exempt(widget):
            continue
        for problem in (_clipped(widget), _squeezed(widget), _hidden_text(widget)):
            if problem:
                found.append(f"{describe(widget)} in {describe(widget.parentWidget())}: {problem}")
    return found
