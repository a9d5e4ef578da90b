"""The side panel: verdict, sentiment arc with the colour legend, people and file facts."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import colours
from desktop.ui.arc_chart import ArcChart
from desktop.ui.file_info import FileInfo
from desktop.ui.legend import ScaleLegend
from desktop.ui.people_list import PeopleList
from desktop.ui.verdict_card import VerdictCard


def _section(title: str, *parts: QWidget) -> QFrame:
    frame = QFrame(objectName="card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    layout.addWidget(QLabel(title.upper(), objectName="sectionTitle"))
    for part in parts:
        layout.addWidget(part)
    return frame


class SidePanel(QScrollArea):
    """The panel's sections, stacked and scrollable."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.verdict = VerdictCard()
        self.legend = ScaleLegend()
        self.arc = ArcChart()
        self.people = PeopleList()
        self.file_info = FileInfo()
        content = QWidget(objectName="panel")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        layout.addWidget(_section("Verdict", self.verdict))
        layout.addWidget(_section("Sentiment arc", self.arc, self.legend))
        layout.addWidget(_section("People", self.people))
        layout.addWidget(_section("File", self.file_info))
        layout.addStretch(1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(260)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale in every section."""
        for part in (self.verdict, self.legend, self.arc, self.people):
            part.set_colours(theme, scale)
