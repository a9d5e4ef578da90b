"""The middle of the window: the banner over either the welcome page or the reading page (the text and
its find bar)."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.reading.find_bar import FindBar
from desktop.ui.reading.reader_view import ReaderView
from desktop.ui.shell.banner import Banner
from desktop.ui.shell.welcome import Welcome


def _stacked(top: QWidget, *below: QWidget) -> QVBoxLayout:
    """A margin-less column: ``top`` takes the room the widgets ``below`` leave."""
    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top, 1)
    for widget in below:
        layout.addWidget(widget)
    return layout


class Central(QWidget):
    """The banner, and the welcome page or the reading page beneath it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = Banner()
        self.welcome = Welcome()
        self.reader = ReaderView()
        self.find_bar = FindBar()
        reading = QWidget()
        reading.setLayout(_stacked(self.reader, self.find_bar))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(reading)
        column = _stacked(self.stack)
        column.insertWidget(0, self.banner)
        self.setLayout(column)

    @property
    def reading(self) -> bool:
        """Whether the reading page shows."""
        return self.stack.currentIndex() == 1

    def show_page(self, reading: bool) -> None:
        """Show the reading page, or the welcome page."""
        self.stack.setCurrentIndex(1 if reading else 0)
