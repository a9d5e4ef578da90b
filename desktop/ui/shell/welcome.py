"""The welcome screen, shown when no review is open."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.paths import place_label
from desktop.ui.shell.icons import app_icon

WELCOME_RECENT = 5


class Welcome(QWidget):
    """What the app does, how to open a review, and the recent files."""

    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)
    paste_requested = Signal()
    """The reader pasted (Ctrl+V) on the welcome screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="welcome")
        card = QFrame(objectName="welcomeCard")
        card.setMaximumWidth(620)
        icon = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        icon.setPixmap(app_icon().pixmap(84, 84))
        title = QLabel("Review Reader", objectName="welcomeTitle", alignment=Qt.AlignmentFlag.AlignHCenter)
        line = QLabel(
            "Read a movie review with every sentence coloured by its sentiment, "
            "the people it names, and an overall verdict.",
            objectName="welcomeLine",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignHCenter,
        )
        self.open_button = QPushButton("Open review…", objectName="primary")
        self.sample_button = QPushButton("Open sample review", objectName="secondary")
        for button in (self.open_button, self.sample_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        hint = QLabel(
            "…or drop a review file (.txt) or a table of reviews (.csv, .tsv, .jsonl, .json) anywhere on this "
            "window, or paste a review here (Ctrl+V).\nCtrl+O opens a review · F1 lists every shortcut.",
            objectName="welcomeHint",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignHCenter,
        )
        self.recent_title = QLabel("RECENT", objectName="sectionTitle")
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(0)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 32, 40, 28)
        inner.setSpacing(14)
        for widget in (icon, title, line):
            inner.addWidget(widget)
        inner.addSpacing(6)
        inner.addLayout(buttons)
        inner.addWidget(hint)
        inner.addSpacing(8)
        inner.addWidget(self.recent_title)
        inner.addLayout(self.recent_box)

        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(card, 10)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch(3)
        self.set_recent(())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
        else:
            super().keyPressEvent(event)

    def set_recent(self, paths: Sequence[str]) -> None:
        """Offer the most recent files (at most WELCOME_RECENT)."""
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item is not None and (button := item.widget()) is not None:  # the box holds only buttons
                button.deleteLater()
        shown = list(paths)[:WELCOME_RECENT]
        self.recent_title.setVisible(bool(shown))
        for path in shown:
            button = QPushButton(place_label(path), objectName="link")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(path)
            button.clicked.connect(lambda _checked=False, chosen=path: self.recent_requested.emit(chosen))
            self.recent_box.addWidget(button)
