"""The sentiment arc: each sentence's polarity through the review, drawn with QPainter.

A point a sentence while they are at least BIN_WIDTH pixels apart; past that, a bar a
BIN_WIDTH-pixel bin of sentences: their mean polarity, with a thin line from their lowest
to their highest. Click (or use the arrow keys) to go to the sentence under the pointer,
whose number and polarity the tooltip gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop import colours

_PAD = 10.0
BIN_WIDTH = 6
"""Pixels between points before sentences are drawn in bins, and the width of a bin."""
_RADIUS = 3.5


class ArcChart(QWidget):
    """A small line chart of sentence polarities from -1 to +1."""

    sentence_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.polarities: list[float] = []
        self.current = -1
        self._theme, self._scale = colours.LIGHT, colours.RED_GREEN
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Sentiment arc: sentence polarity through the review")
        self.setToolTip("Sentence polarity through the review. Click a point to go to its sentence.")

    def set_polarities(self, polarities: Sequence[float]) -> None:
        """Chart these polarities (one per sentence, in order)."""
        self.polarities = list(polarities)
        self.current = -1
        self.update()

    def set_current(self, index: int) -> None:
        """Mark sentence ``index`` as the current one."""
        self.current = index
        self.update()

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self._theme, self._scale = theme, scale
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, 96)

    def point(self, index: int) -> QPointF:
        """Widget coordinates of sentence ``index``'s point."""
        area = self._plot_area()
        count = len(self.polarities)
        x = area.left() + (area.width() * index / (count - 1) if count > 1 else area.width() / 2)
        y = area.center().y() - self.polarities[index] * area.height() / 2
        return QPointF(x, y)

    def index_at(self, x: float) -> int | None:
        """The sentence whose point is nearest horizontally to ``x``."""
        if not self.polarities:
            return None
        return min(range(len(self.polarities)), key=lambda i: abs(self.point(i).x() - x))

    def _plot_area(self) -> QRectF:
        return QRectF(_PAD, _PAD, self.width() - 2 * _PAD, self.height() - 2 * _PAD)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(self._theme.page))
        area = self._plot_area()
        band = area.adjusted(-_RADIUS, -_RADIUS, _RADIUS, _RADIUS)  # points at +1 and -1 stay inside it
        for level in (1, -1):
            # Faint tinted halves: positive above the zero line, negative below.
            tint = colours.step_colour(level, self._scale, self._theme)
            top = band.top() if level > 0 else area.center().y()
            painter.fillRect(QRectF(band.left(), top, band.width(), band.height() / 2), QColor(tint))
        painter.setPen(QPen(QColor(self._theme.border), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(area.left(), area.center().y()), QPointF(area.right(), area.center().y()))
        if self.hasFocus():
            painter.setPen(QPen(QColor(self._theme.accent), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        if not self.polarities:
            painter.setPen(QColor(self._theme.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No sentences yet")
            return
        if self.binned():
            self._paint_bins(painter, area)
        else:
            self._paint_points(painter)
        if 0 <= self.current < len(self.polarities):
            painter.setPen(QPen(QColor(self._theme.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.point(self.current), _RADIUS + 3, _RADIUS + 3)

    def _paint_points(self, painter: QPainter) -> None:
        path = QPainterPath(self.point(0))
        for index in range(1, len(self.polarities)):
            path.lineTo(self.point(index))
        painter.setPen(QPen(QColor(self._theme.muted), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        for index, polarity in enumerate(self.polarities):
            colour = self._ink(polarity)
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            painter.drawEllipse(self.point(index), _RADIUS, _RADIUS)

    def _ink(self, polarity: float) -> QColor:
        sign = colours.step(polarity)
        return QColor(colours.ink((sign > 0) - (sign < 0), self._scale, self._theme))

    def binned(self) -> bool:
        """Whether the sentences are too many for points at this width, and are drawn in bins."""
        return len(self.polarities) > 1 and self._plot_area().width() / (len(self.polarities) - 1) < BIN_WIDTH

    def bins(self) -> list[tuple[int, int]]:
        """The sentences of each bin, ``(first, end)``, left to right: as many bins as BIN_WIDTH fits."""
        count = len(self.polarities)
        parts = max(1, min(count, int(self._plot_area().width() // BIN_WIDTH)))
        return [(part * count // parts, (part + 1) * count // parts) for part in range(parts)]

    def _paint_bins(self, painter: QPainter, area: QRectF) -> None:
        """A bar of each bin's mean polarity over a line from its lowest to its highest."""
        middle, half = area.center().y(), area.height() / 2
        bins = self.bins()
        width = area.width() / len(bins)
        for part, (first, end) in enumerate(bins):
            chunk = self.polarities[first:end]
            mean = sum(chunk) / len(chunk)
            x = area.left() + part * width
            painter.setPen(QPen(QColor(self._theme.muted), 1))
            centre = int(x + width / 2) + 0.5  # on a pixel's middle: a crisp line
            painter.drawLine(QPointF(centre, middle - max(chunk) * half), QPointF(centre, middle - min(chunk) * half))
            painter.fillRect(QRectF(x + 1, min(middle, middle - mean * half), max(1.0, width - 2),
                                    max(1.0, abs(mean) * half)), self._ink(mean))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        index = self.index_at(event.position().x())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self._choose(index)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        index = self.index_at(event.position().x())
        if index is not None:
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"Sentence {index + 1}: polarity {self.polarities[index]:+.2f}",
                self,
            )

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.polarities:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if key == Qt.Key.Key_Right else -1
            self._choose(max(0, min(len(self.polarities) - 1, self.current + step)))
        elif key == Qt.Key.Key_Home:
            self._choose(0)
        elif key == Qt.Key.Key_End:
            self._choose(len(self.polarities) - 1)
        else:
            super().keyPressEvent(event)

    def _choose(self, index: int) -> None:
        self.set_current(index)
        self.sentence_clicked.emit(index)
