"""The window icon is Liaison's own (from resources/), not the drawn padlock fallback."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from liaison import assets
from ui.app import setup_application
from ui.resources import icon


def test_application_uses_the_bundled_icon(qapp: QApplication) -> None:
    setup_application(qapp, organization="LiaisonTest")
    app_icon = icon("app")
    assert sorted(s.width() for s in app_icon.availableSizes()) == list(assets.ICON_SIZES)
    assert not qapp.windowIcon().isNull()
    assert qapp.desktopFileName() == assets.APP_ID
    pixel = app_icon.pixmap(64, 64).toImage().pixelColor(32, 8)
    assert (pixel.red(), pixel.green(), pixel.blue()) == (0x1F, 0x3A, 0x5F)  # the icon's navy background
