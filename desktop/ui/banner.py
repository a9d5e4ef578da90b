"""A dismissible message banner above the review, for files that cannot be opened."""

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
        layout.addWidget(QLabel("⚠", textFormat=Qt.TextFormat.PlainText))
        layout.addWidget(self.message, 1)
        layout.addWidget(dismiss)
        self.setAccessibleName("Problem")
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` (as plain text, never markup)."""
        self.message.setText(text)
        self.show()

    def text(self) -> str:
        """The message shown, or "" when hidden."""
        return self.message.text() if not self.isHidden() else ""
