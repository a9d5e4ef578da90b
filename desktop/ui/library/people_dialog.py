"""People in the Library: every person the library's analysed reviews name, merged across them, in a sortable
table with a name filter. Choosing one (Enter or a double click) searches the library for them, which keeps the
reviews that name them and marks their mentions in the open review; Save as CSV… keeps the people listed.

The people are counted by the library index on a worker thread (``LibraryRun.people``); the dialog shows
"Counting…" meanwhile and can be left open while the reader works.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.batch import BatchProgress
from desktop.app.library import LibraryRun, indexing_text
from desktop.app.records import PersonTally, ReviewFile
from desktop.engine.errors import Cancelled, unexpected
from desktop.ui.library.table import ROW_HEIGHT, SORT_ARROW_ROOM
from desktop.ui.tasks import Task, Tasks

log = logging.getLogger(__name__)

COLUMNS = ("Name", "Reviews", "Mentions", "Praised", "Criticised", "Neutral")
FIELDS = ("name", "reviews", "mentions", "praised", "criticised", "neutral")
Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    """The tallies as table rows; sorting is one Python sort of the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[PersonTally] = []

    def set_people(self, people: Sequence[PersonTally]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = getattr(self.people[index.row()], FIELDS[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return value if index.column() == 0 else f"{value:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = FIELDS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        if field == "name":
            self.people.sort(key=lambda person: person.name.casefold(), reverse=descending)
        else:
            self.people.sort(key=lambda person: (getattr(person, field), -person.reviews), reverse=descending)
        self.layoutChanged.emit()


class NameFilter(QSortFilterProxyModel):
    """Keeps the people whose name holds the filter's text; sorting is the model's."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class PeopleDialog(QDialog):
    """The people of one library, counted in the background."""

    person_chosen = Signal(str)
    """The reader chose a person: the search for the reviews that name them (``PersonTally.query``)."""
    save_asked = Signal(list)
    """Save as CSV…: the people the table lists (filtered, in its order)."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent, windowTitle="People in the Library")
        self.tasks = tasks
        self.task: Task | None = None
        self.model = PeopleModel(self)
        self.proxy = NameFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.note = QLabel("Counting…", objectName="muted", textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.filter = QLineEdit(placeholderText="Filter by name", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(objectName="peopleTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)  # rows as the library's table shows them
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, title in enumerate(COLUMNS[1:], start=1):  # measured once: sizing to the contents of 25,000
            width = max(header.fontMetrics().horizontalAdvance(text) for text in (title, "000,000"))  # rows stalls
            self.table.setColumnWidth(column, width + SORT_ARROW_ROOM)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self._chosen)
        self.save = QPushButton("Save as CSV…", enabled=False, autoDefault=False)
        self.save.clicked.connect(lambda: self.save_asked.emit(self.listed()))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        for widget in (self.note, self.filter, self.table):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.resize(800, 600)

    def count(self, run: LibraryRun, reviews: list[ReviewFile]) -> None:
        """Count the people of these analysed reviews of ``run`` (in the background)."""
        if self.task is not None:
            self.task.cancel()
        self.note.setText("Counting…")
        self.save.setEnabled(False)
        self.task = self.tasks.start(lambda task: self._count(task, run, reviews))

    def _count(self, task: Task, run: LibraryRun, reviews: list[ReviewFile]) -> None:
        """On a worker thread."""
        try:
            people = run.people(reviews, task.stop_event, lambda state: task.report(self._on_progress, state))
        except Cancelled:
            return
        except Exception as error:  # noqa: BLE001 - said in the dialog; the window goes on
            log.exception("Counting the people of %s failed", run.source)
            task.report(self.note.setText, unexpected("The people could not be counted", error))
            return
        task.report(self._on_counted, people, len(reviews))

    def _on_progress(self, state: BatchProgress) -> None:
        self.note.setText(indexing_text(state))

    def _on_counted(self, people: list[PersonTally], reviews: int) -> None:
        self.task = None
        self.model.set_people(people)
        self.save.setEnabled(bool(people))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.note.setText(f"{len(people):,} people in {reviews:,} analysed reviews. Choose one (Enter or a "
                          "double click) to see the reviews that name them.")

    def listed(self) -> list[PersonTally]:
        """The people the table lists, filtered and in its order."""
        proxy = self.proxy
        return [self.model.people[proxy.mapToSource(proxy.index(row, 0)).row()] for row in range(proxy.rowCount())]

    def _chosen(self, index: QModelIndex) -> None:
        self.person_chosen.emit(self.model.people[self.proxy.mapToSource(index).row()].query)

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
        super().done(result)
