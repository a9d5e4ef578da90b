"""The sentiment arc: each sentence's polarity through the review, drawn with QPainter.

Click a point (or use the arrow keys and Enter) to go to that sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop import colours

_PAD = 10.0


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
        for level in (1, -1):
            # Faint tinted halves: positive above the zero line, negative below.
            tint = colours.step_colour(level, self._scale, self._theme)
            half = QRectF(area.left(), area.top() if level > 0 else area.center().y(), area.width(), area.height() / 2)
            painter.fillRect(half, QColor(tint))
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
        if len(self.polarities) > area.width() / 3:
            self._paint_envelope(painter, area)
        else:
            self._paint_points(painter)
        radius = 3.5 if len(self.polarities) < 80 else 2.0
        if 0 <= self.current < len(self.polarities):
            painter.setPen(QPen(QColor(self._theme.accent), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.point(self.current), radius + 3, radius + 3)

    def _paint_points(self, painter: QPainter) -> None:
        path = QPainterPath(self.point(0))
        for index in range(1, len(self.polarities)):
            path.lineTo(self.point(index))
        painter.setPen(QPen(QColor(self._theme.muted), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        radius = 3.5 if len(self.polarities) < 80 else 2.0
        for index, polarity in enumerate(self.polarities):
            sign = colours.step(polarity)
            colour = QColor(colours.ink((sign > 0) - (sign < 0), self._scale, self._theme))
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            painter.drawEllipse(self.point(index), radius, radius)

    def _paint_envelope(self, painter: QPainter, area: QRectF) -> None:
        """Too many sentences for points: each pixel column shows its lowest to highest polarity."""
        columns = max(1, int(area.width()))
        low, high = [1.0] * columns, [-1.0] * columns
        scale = (columns - 1) / (len(self.polarities) - 1)
        for index, polarity in enumerate(self.polarities):
            column = round(index * scale)
            low[column] = min(low[column], polarity)
            high[column] = max(high[column], polarity)
        middle, half = area.center().y(), area.height() / 2
        painter.setPen(QPen(QColor(self._theme.muted), 1))
        for column in range(columns):
            if low[column] <= high[column]:
                x = area.left() + column + 0.5
                painter.drawLine(QPointF(x, middle - high[column] * half), QPointF(x, middle - low[column] * half))

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
