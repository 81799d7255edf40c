"""Render ``resources/icons/liaison.svg`` to the PNG sizes desktops and the Debian package need.

Run after editing the SVG (``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/icons/render_icons.py``);
the PNGs are committed so building a package needs no SVG renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "liaison.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"liaison-{size}.png"))
    del app


if __name__ == "__main__":
    main()
