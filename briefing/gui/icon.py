"""The application icon: the hand-drawn SVG, with a PNG fallback painted by the same design.

``render_png(path)`` paints the icon with QPainter onto a QImage (works offscreen) and is
how ``resources/icons/briefing-book.png`` was made:
``QT_QPA_PLATFORM=offscreen python -m briefing.gui.icon``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

from briefing import paths

SVG = paths.ICONS_DIR / "briefing-book.svg"
PNG = paths.ICONS_DIR / "briefing-book.png"


def app_icon() -> QIcon:
    icon = QIcon()
    if PNG.is_file():
        icon.addFile(str(PNG))
    if SVG.is_file():
        icon.addFile(str(SVG))
    return icon


# The painting classes are imported where the icon is painted (render_png), not at start-up,
# where only QIcon is used: PySide6 sets each class up with its enums on first use.


def _rect(p, x, y, w, h, r, colour: str) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(x, y, w, h), r, r)


def paint(p, size: int) -> None:
    """The SVG's shapes, in its 256-unit coordinate system scaled to ``size`` (``p``: a QPainter)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter, QPainterPath

    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    _rect(p, 40, 20, 180, 216, 18, "#1f4e79")
    _rect(p, 40, 20, 26, 216, 12, "#163a5a")
    _rect(p, 78, 40, 124, 176, 8, "#fbfaf5")
    for y, w in ((66, 92), (90, 78), (148, 92), (172, 64)):
        _rect(p, 94, y, w, 10, 5, "#9aa7b4")
    _rect(p, 90, 112, 100, 24, 6, "#ffd54f")
    _rect(p, 98, 119, 84, 10, 5, "#3b3b3b")
    ribbon = QPainterPath()
    ribbon.moveTo(172, 20)
    for x, y in ((198, 20), (198, 84), (185, 72), (172, 84)):
        ribbon.lineTo(x, y)
    ribbon.closeSubpath()
    p.fillPath(ribbon, QColor("#c62828"))


def render_png(path: Path = PNG, size: int = 256) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint(painter, size)
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv)
    print(render_png())
