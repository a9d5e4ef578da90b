"""A dismissible message banner above the review: a problem (a file that cannot be opened) or a calm note
(a review in another language), in at most three lines at any width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

MOST_LINES = 3


class FittedLabel(QLabel):
    """Plain text wrapped to the label's width, anywhere a word is longer than a line (so a long file name
    never widens the window), and cut to MOST_LINES lines ending in "…", the whole text in its tooltip."""

    def __init__(self) -> None:
        super().__init__(textFormat=Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.whole = ""

    def show_text(self, text: str) -> None:
        self.whole = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(self.contentsRect().width(), 80)
        lines = self._lines(width)
        if len(lines) > MOST_LINES:
            rest = " ".join(lines[MOST_LINES - 1:])
            lines = [*lines[:MOST_LINES - 1],
                     self.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        shown = "\n".join(lines)
        self.setToolTip(self.whole if shown != self.whole else "")
        if shown != self.text():
            self.setText(shown)

    def _lines(self, width: int) -> list[str]:
        """The whole text's lines at ``width`` pixels, as Qt lays them out."""
        layout = QTextLayout(self.whole, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(self.whole[line.textStart():line.textStart() + line.textLength()].strip())
        layout.endLayout()
        return lines


class Banner(QFrame):
    """One plain-text message with a Dismiss button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="banner")
        self.message = FittedLabel()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss", objectName="secondary")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        self.icon = QLabel("⚠", textFormat=Qt.TextFormat.PlainText)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(dismiss)
        self.setAccessibleName("Problem")
        self.hide()

    def show_message(self, text: str) -> None:
        """Show a problem: ``text`` (as plain text, never markup)."""
        self._show(text, "problem")

    def show_note(self, text: str) -> None:
        """Show a calm note: ``text`` (as plain text, never markup)."""
        self._show(text, "note")

    def _show(self, text: str, kind: str) -> None:
        self.message.show_text(text)
        self.icon.setText("⚠" if kind == "problem" else "ℹ")
        self.setAccessibleName("Problem" if kind == "problem" else "Note")
        self.setProperty("kind", kind)
        for widget in (self, self.icon, self.message):  # the style sheet picks its colours by the kind
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.show()

    def text(self) -> str:
        """The message shown (whole, though the banner may show only its start), or "" when hidden."""
        return self.message.whole if not self.isHidden() else ""
