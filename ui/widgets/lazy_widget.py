"""A widget built on first need: a tab nobody has opened yet costs nothing while the window is
prepared behind the unlock dialog (the requests page's panels took ~100 ms of GUI time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyWidget(QWidget, Generic[W]):
    """Holds the place of the widget ``factory`` makes; ``widget()`` makes it (once)."""

    def __init__(self, factory: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._widget: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def widget(self) -> W:
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
        return self._widget
