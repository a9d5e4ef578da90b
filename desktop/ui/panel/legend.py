"""The legend of the sentiment colour scale, drawn with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop import colours


class ScaleLegend(QWidget):
    """Swatches from most negative to most positive, with their meaning."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme, self._scale = colours.LIGHT, colours.RED_GREEN
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Colour legend: red is negative, no colour is neutral, green is positive")

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self._theme, self._scale = theme, scale
        negative, positive = scale.hues
        self.setAccessibleName(f"Colour legend: {negative} is negative, no colour is neutral, {positive} is positive")
        self.update()

    def swatches(self) -> list[str]:
        """The colours drawn, most negative first (neutral is the page colour)."""
        steps = range(-colours.STEPS, colours.STEPS + 1)
        return [colours.step_colour(s, self._scale, self._theme) or self._theme.page for s in steps]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(220, 20 + self.fontMetrics().height() + 6)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        swatches = self.swatches()
        width = self.width() / len(swatches)
        painter.setPen(QPen(QColor(self._theme.border), 1))
        for index, colour in enumerate(swatches):
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(index * width + 0.5, 0.5, width - 1, 18))
        painter.setPen(QColor(self._theme.muted))
        text = QRectF(0, 22, self.width(), self.fontMetrics().height() + 2)
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft, "negative")
        painter.drawText(text, Qt.AlignmentFlag.AlignHCenter, "neutral")
        painter.drawText(text, Qt.AlignmentFlag.AlignRight, "positive")
