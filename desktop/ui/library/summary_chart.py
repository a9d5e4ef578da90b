"""The library summary: verdict counts, agreement with the labels, the confusion table and a chart by rating."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop import colours
from desktop.app.records import Summary, rating_scale
from desktop.engine.result import LABELS, UNKNOWN, Label

STARS = range(1, 6)
RATINGS = range(1, 11)
"""The bars: one a star for ratings out of 5, else one a point out of 10."""
LABELLED: tuple[Label, ...] = ("positive", "negative")
"""The labels a review carries: the confusion table's rows."""


def counts_text(summary: Summary, total: int) -> str:
    """ "812 positive · 640 negative · 98 mixed", with how many are still waiting or failed."""
    parts = [f"{count:,} {'in another language' if label == UNKNOWN else label}"
             for label, count in summary.verdicts.items()]
    if summary.failed:
        parts.append(f"{summary.failed:,} failed")
    waiting = total - summary.reviews
    if waiting:
        parts.append(f"{waiting:,} to go")
    return " · ".join(parts)


def agreement_text(summary: Summary, labelled: int = 0) -> str:
    """ "Agrees with the labels: 84.8% (1,234 of 1,456)", or why there is nothing to compare yet
    (``labelled``: how many of the library's files carry a label, analysed or not)."""
    if summary.agreement is None and labelled:
        noun = "review carries a label" if labelled == 1 else "reviews carry labels"
        return f"{labelled:,} {noun}; the agreement shows once the first of them is analysed."
    if summary.agreement is None:
        return "No labels to compare with (no pos/neg folders, no label column, no ratings)."
    return f"Agrees with the labels: {summary.agreement:.1%} ({summary.agreed:,} of {summary.labelled:,})"


LABELLED_SPACING = 14
"""Pixels between the confusion table and the chart."""


class AgreementChart(QWidget):
    """Bars of agreement with the labels for each rating 1-10 (QPainter)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.shares: dict[float, float] = {}
        self.bars = RATINGS
        self.setMinimumSize(160, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Share of reviews whose verdict agrees with their label, by the reviewer's rating")
        self.set_colours(colours.LIGHT, colours.RED_GREEN)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Bars in the scale's ink: negative for ratings 1-4, positive for 7-10."""
        negative, positive = scale.ink[theme.name]
        self.negative, self.positive = QColor(negative), QColor(positive)
        self.text, self.muted, self.grid = QColor(theme.text), QColor(theme.muted), QColor(theme.border)
        self.update()

    def set_summary(self, summary: Summary, scale: int | None = None) -> None:
        """Show the agreement of each labelled rating, on a scale out of ``scale`` (5 or 10; by default the
        one the summary's ratings fit)."""
        self.shares = {rating: counts["agreed"] / counts["labelled"]
                       for rating, counts in summary.by_rating.items() if counts["labelled"]}
        self.bars = STARS if (scale or rating_scale(summary.by_rating)) == 5 else RATINGS
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        line = painter.fontMetrics().height()
        left = painter.fontMetrics().horizontalAdvance("100%") + 6  # the widest axis label, whole, and a gap
        right, top, bottom = 4, line // 2, line + 4
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        for level in (0.0, 0.5, 1.0):
            y = plot.bottom() - level * plot.height()
            painter.setPen(QPen(self.grid, 1, Qt.PenStyle.DashLine if level else Qt.PenStyle.SolidLine))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))  # whole pixels, as Qt took them
            painter.setPen(self.muted)
            painter.drawText(QRectF(0, y - line / 2, left - 4, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{level:.0%}")
        slot = plot.width() / len(self.bars)
        for number, rating in enumerate(self.bars):
            x = plot.left() + number * slot
            share = self.shares.get(rating)
            if share is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.negative if rating <= len(self.bars) / 2 else self.positive)
                height = share * plot.height()
                painter.drawRoundedRect(QRectF(x + slot * 0.18, plot.bottom() - height, slot * 0.64, height), 2, 2)
            painter.setPen(self.text if share is not None else self.muted)
            painter.drawText(QRectF(x, plot.bottom() + 2, slot, line), Qt.AlignmentFlag.AlignHCenter, str(rating))
        painter.end()


class LibrarySummary(QWidget):
    """Verdict counts; with labels, the agreement, the confusion table and the chart."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts = QLabel(wordWrap=True, objectName="summaryCounts")
        self.agreement = QLabel(wordWrap=True, objectName="muted")
        self.chart = AgreementChart()
        self.confusion = QGridLayout()
        self.confusion.setHorizontalSpacing(10)
        self.confusion.setVerticalSpacing(2)
        self.cells: dict[tuple[Label, Label], QLabel] = {}
        corner = QLabel("label ╲ verdict", objectName="muted")
        self.confusion.addWidget(corner, 0, 0)
        for column, verdict in enumerate(LABELS, start=1):
            self.confusion.addWidget(QLabel(verdict, objectName="muted"), 0, column, Qt.AlignmentFlag.AlignRight)
        for row, expected in enumerate(LABELLED, start=1):
            self.confusion.addWidget(QLabel(expected, objectName="muted"), row, 0)
            for column, verdict in enumerate(LABELS, start=1):
                cell = QLabel("0", alignment=Qt.AlignmentFlag.AlignRight)
                self.cells[(expected, verdict)] = cell
                self.confusion.addWidget(cell, row, column)
        self.labelled = QWidget()
        labelled_layout = QHBoxLayout(self.labelled)
        labelled_layout.setContentsMargins(0, 0, 0, 0)
        labelled_layout.setSpacing(LABELLED_SPACING)
        self.expects_labels = False
        """The library's listing carries labels: the width of the table and chart is kept from the start."""
        table_box = QVBoxLayout()
        table_box.addLayout(self.confusion)
        table_box.addStretch()
        labelled_layout.addLayout(table_box)
        chart_box = QVBoxLayout()
        self.caption = QLabel("Agreement with the labels by the reviewer's star rating (1–10)", objectName="muted",
                              wordWrap=True)
        chart_box.addWidget(self.caption)
        chart_box.addWidget(self.chart, 1)
        labelled_layout.addLayout(chart_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.counts)
        layout.addWidget(self.agreement)
        layout.addWidget(self.labelled)
        self.set_summary(Summary(), 0)

    def set_summary(self, summary: Summary, total: int, labelled: int = 0, scale: int | None = None) -> None:
        """Show ``summary`` of a library of ``total`` files, ``labelled`` of them carrying labels, their
        ratings out of ``scale``."""
        if self.expects_labels != (labelled > 0):
            self.expects_labels = labelled > 0
            self.updateGeometry()
        self.counts.setText(counts_text(summary, total))
        self.agreement.setText(agreement_text(summary, labelled))
        self.labelled.setVisible(summary.agreement is not None)
        rated = any(counts["labelled"] for counts in summary.by_rating.values())
        self.caption.setVisible(rated)  # labels without ratings (pos/neg folders, a label column): no chart
        self.chart.setVisible(rated)
        for (expected, verdict), cell in self.cells.items():
            cell.setText(f"{summary.confusion.get(expected, {}).get(verdict, 0):,}")
            cell.setStyleSheet("font-weight: 600;" if expected == verdict else "")
        self.chart.set_summary(summary, scale)
        self.caption.setText(f"Agreement with the labels by the reviewer's star rating (1–{len(self.chart.bars)})")

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self.chart.set_colours(theme, scale)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._kept(super().minimumSizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._kept(super().sizeHint())

    def _kept(self, hint: QSize) -> QSize:
        """``hint``, as wide as the confusion table and the chart beside it when the library carries labels,
        whether or not they show yet: the pane (and the text being read beside it) keeps its width as the
        library fills."""
        if self.expects_labels:
            width = self.confusion.minimumSize().width() + LABELLED_SPACING + self.chart.minimumWidth()
            hint.setWidth(max(hint.width(), width))
        return hint
