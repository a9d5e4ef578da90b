"""The people the engine found, with their mention counts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from desktop.analysis import Person


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
        self.itemClicked.connect(lambda item: self.person_activated.emit(self.indexOfTopLevelItem(item)))
        self.itemActivated.connect(lambda item: self.person_activated.emit(self.indexOfTopLevelItem(item)))

    def set_people(self, people: Sequence[Person]) -> None:
        """List these people in the engine's order."""
        self.people = tuple(people)
        self.clear()
        for person in self.people:
            item = QTreeWidgetItem([person.name, str(len(person.mentions))])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, f"{person.name}: {len(person.mentions)} mention(s). Enter or F3 steps through them.")
            self.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, int]]:
        """(name, mention count) as displayed."""
        return [
            (self.topLevelItem(i).text(0), int(self.topLevelItem(i).text(1))) for i in range(self.topLevelItemCount())
        ]
