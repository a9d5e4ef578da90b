"""Render resources/icons/review-reader.svg to the PNG sizes the app and desktop files use.

    .venv/bin/python build/bundle/render_icons.py
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - QPainter on images needs a GUI application
    renderer = QSvgRenderer(str(ICONS / "review-reader.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"review-reader-{size}.png"
        image.save(str(target))
        print(f"wrote {target.relative_to(ICONS.parent.parent)}")


if __name__ == "__main__":
    main()
