"""The side panel: verdict, sentiment arc with the colour legend, people and file facts."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import colours
from desktop.app.records import ReviewFile
from desktop.engine import Analysis, Prepared
from desktop.engine.result import UNKNOWN
from desktop.ui.panel.arc_chart import ArcChart
from desktop.ui.panel.file_info import FileInfo
from desktop.ui.panel.legend import ScaleLegend
from desktop.ui.panel.people_list import PeopleList
from desktop.ui.panel.verdict_card import VerdictCard


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
        self.arc_note = QLabel("No sentiment arc: the review is not in English.", wordWrap=True)
        self.arc_note.hide()
        self.people = PeopleList()
        self.file_info = FileInfo()
        content = QWidget(objectName="panel")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        layout.addWidget(_section("Verdict", self.verdict))
        layout.addWidget(_section("Sentiment arc", self.arc, self.legend, self.arc_note))
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

    def show_prepared(self, name: str, prepared: Prepared, waiting: str) -> None:
        """A new review's text is on screen: its file facts, and ``waiting`` until the analysis comes;
        scrolled to the top, so each review starts with its verdict in view."""
        self.file_info.show_prepared(name, prepared)
        self.verticalScrollBar().setValue(0)
        self.verdict.show_waiting(waiting)
        self._show_arc(True)
        self.arc.set_polarities([])
        self.people.set_people((), placeholder="Finding people…")

    def show_analysis(self, analysis: Analysis, review: ReviewFile, scale: int = 10) -> None:
        """Fill every section from the analysis of ``review`` (its rating out of ``scale``)."""
        self.verdict.show_verdict(analysis.verdict)
        read = analysis.verdict.label != UNKNOWN  # a review in another language has no sentiment to show
        self._show_arc(read)
        self.arc.set_polarities([s.polarity for s in analysis.sentences] if read else [])
        self.people.set_people(analysis.people, judged=read)
        self.file_info.show_analysis(analysis, review, scale)

    def _show_arc(self, shown: bool) -> None:
        """The arc and its legend, or the note that a review in another language has none."""
        self.arc.setVisible(shown)
        self.legend.setVisible(shown)
        self.arc_note.setVisible(not shown)

    def show_progress(self, percent: int) -> None:
        """A long review's analysis is ``percent`` done."""
        self.verdict.show_waiting(f"Analysing this long review… {percent}%")
        self.people.set_people((), placeholder=f"Finding people… {percent}%")

    def show_unanalyzed(self) -> None:
        """The analysis failed: the message above the review says why."""
        self.verdict.show_waiting("No analysis: see the message above the review.")
        self.people.set_people((), placeholder="")

    def clear(self) -> None:
        """No review."""
        self.verdict.show_waiting("Open a review to see its verdict.")
        self._show_arc(True)
        self.arc.set_polarities([])
        self.people.set_people((), placeholder="")
        self.file_info.clear()
