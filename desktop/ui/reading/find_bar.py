"""The find bar under the review: query, hit count, previous/next, close."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QFrame):
    """Type to highlight every match; Enter / Shift+Enter move between them; Esc closes."""

    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="findBar")
        self.field = QLineEdit(placeholderText="Find in review", clearButtonEnabled=True)
        self.field.setAccessibleName("Find in review")
        self.field.installEventFilter(self)
        self.field.textChanged.connect(self.query_changed)
        self.field.returnPressed.connect(self.next_requested)
        self.count = QLabel(objectName="muted")
        self.count.setMinimumWidth(110)
        previous = QPushButton("↑", toolTip="Previous match (Shift+F3)")
        following = QPushButton("↓", toolTip="Next match (F3)")
        done = QPushButton("Done", toolTip="Close the find bar (Esc)")
        previous.clicked.connect(self.previous_requested)
        following.clicked.connect(self.next_requested)
        done.clicked.connect(self.close_bar)
        for button in (previous, following):
            button.setFixedWidth(34)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(done)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar and put the cursor in the field."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and say so."""
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        """Show "3 of 12", "12 matches" or "No matches"."""
        if not self.field.text():
            self.count.clear()
        elif total == 0:
            self.count.setText("No matches")
        elif current < 0:
            self.count.setText(f"{total} match{'es' if total != 1 else ''}")
        else:
            self.count.setText(f"{current + 1} of {total}")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Esc closes; Shift+Enter goes to the previous match."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shifted:
                self.previous_requested.emit()
                return True
        return super().eventFilter(watched, event)
