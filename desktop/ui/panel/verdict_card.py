"""The verdict card: the engine's label in its colour, its confidence and score, counts and reason."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop import colours
from desktop.engine import Verdict
from desktop.engine.result import UNKNOWN, sureness

UNREAD = "Not analysed"
"""The verdict card's label for a review in a language the engine does not read."""


def counts_line(verdict: Verdict) -> str:
    """ "Sentences: 12 positive · 4 negative · 11 neutral"."""
    return f"Sentences: {verdict.positive} positive · {verdict.negative} negative · {verdict.neutral} neutral"


class VerdictCard(QWidget):
    """Shows one Verdict as the engine gave it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(objectName="verdictLabel")
        self.score = QLabel(objectName="verdictScore")
        self.counts = QLabel(wordWrap=True)
        self.reason = QLabel(wordWrap=True, objectName="verdictReason")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.label, self.score, self.counts, self.reason):
            layout.addWidget(widget)
        self.verdict: Verdict | None = None
        self._theme, self._scale = colours.LIGHT, colours.RED_GREEN
        self.show_waiting("Open a review to see its verdict.")

    def show_waiting(self, message: str) -> None:
        """No verdict yet: say why."""
        self.verdict = None
        self.label.setText("—")
        self.score.clear()
        self.score.show()
        self.counts.setText(message)
        self.counts.show()
        self.reason.clear()
        self._paint()

    def show_verdict(self, verdict: Verdict) -> None:
        """Show the engine's verdict; for a review it does not read (not English), no counts: the reason says why."""
        self.verdict = verdict
        unread = verdict.label == UNKNOWN
        self.label.setText(UNREAD if unread else verdict.label.capitalize())
        self.score.setText(sureness(verdict))
        self.score.setVisible(not unread)
        self.counts.setText("" if unread else counts_line(verdict))
        self.counts.setVisible(not unread)
        self.reason.setText(verdict.reason)
        self._paint()

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self._theme, self._scale = theme, scale
        self._paint()

    def label_colour(self) -> str:
        """The colour the label is drawn in."""
        sign = colours.label_sign(self.verdict.label) if self.verdict else 0
        return colours.ink(sign, self._scale, self._theme)

    def _paint(self) -> None:
        self.label.setStyleSheet(f"color: {self.label_colour()};")
