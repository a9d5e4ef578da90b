"""The people the engine found, with their mention counts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from desktop.analysis import Person

NOBODY = "No people named in this review."


class PeopleList(QTreeWidget):
    """Click (or Enter) a person to highlight their mentions; again to step through them."""

    person_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Person", "Mentions"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName("People named in the review")
        self.people: tuple[Person, ...] = ()
        self.placeholder = ""
        self.itemClicked.connect(lambda item: self.person_activated.emit(self.indexOfTopLevelItem(item)))
        self.itemActivated.connect(lambda item: self.person_activated.emit(self.indexOfTopLevelItem(item)))

    def set_people(self, people: Sequence[Person], placeholder: str = NOBODY) -> None:
        """List these people in the engine's order; show ``placeholder`` when there are none."""
        self.people = tuple(people)
        self.placeholder = placeholder
        self.clear()
        self.viewport().update()
        for person in self.people:
            item = QTreeWidgetItem([person.name, str(len(person.mentions))])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f"{person.name}: {len(person.mentions)} mention(s). Enter or F3 steps through them.")
            self.addTopLevelItem(item)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.people and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8), flags, self.placeholder)

    def rows(self) -> list[tuple[str, int]]:
        """(name, mention count) as displayed."""
        return [
            (self.topLevelItem(i).text(0), int(self.topLevelItem(i).text(1))) for i in range(self.topLevelItemCount())
        ]
