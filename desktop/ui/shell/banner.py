"""A dismissible message banner above the review: a problem (a file that cannot be opened) or a calm note
(a review in another language)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """One plain-text message with a Dismiss button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="banner")
        self.message = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
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
        self.message.setText(text)
        self.icon.setText("⚠" if kind == "problem" else "ℹ")
        self.setAccessibleName("Problem" if kind == "problem" else "Note")
        self.setProperty("kind", kind)
        for widget in (self, self.icon, self.message):  # the style sheet picks its colours by the kind
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.show()

    def text(self) -> str:
        """The message shown, or "" when hidden."""
        return self.message.text() if not self.isHidden() else ""
