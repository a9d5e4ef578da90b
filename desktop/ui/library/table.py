"""The library's table: the rows of a folder's reviews, sortable, filtered by name and verdict.

Qt's view of ``desktop.app.library.Library`` (through :class:`LibraryModel` and
:class:`LibraryFilter`), with the filter fields above it and a count for the
pane's heading. Selecting a row asks for that review; a filter change keeps the
open review's row current without reopening it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app.library import VERDICT_FILTERS
from desktop.app.records import LibraryRow, ReviewFile
from desktop.ui.library.model import (
    COLUMNS,
    LABEL,
    NAME,
    PEOPLE,
    RATING,
    SCORE,
    VERDICT,
    WORDS,
    LibraryFilter,
    LibraryModel,
)

COLUMN_WIDTHS = (150, 48, 54, 80, 60, 56, 60)
ROW_HEIGHT = 24
SORT_ARROW_ROOM = 24
"""Pixels a column needs beside its title: the section's padding and the sort arrow."""
NAME_ROOM = 150
"""The least width the names get: in a narrow library the least needed columns hide instead."""
FIXED_COLUMNS_BY_NEED = (VERDICT, SCORE, RATING, PEOPLE, LABEL, WORDS)
"""The columns beside the name, the most needed first: the last ones hide first."""


QUERY_HELP = (
    "Words (any case, accents ignored; sound* for words that start so) and \"phrases\" in the reviews,\n"
    "verdict:negative  label:positive  disagrees  language:es\n"
    "person:\"Tom Hanks\"  praised:Hanks  criticised:Hanks\n"
    "rating:>=8  score:<0  confidence:<0.7  words:>500  people:>=3\n"
    "combined with and, or, not (or -) and brackets.")
"""The search field's tooltip: the query language in brief (README has it all)."""


class LibraryTable(QWidget):
    """The filter fields and the table of one library's rows."""

    review_selected = Signal(object)
    """The reader picked a row (its ReviewFile)."""
    message = Signal(str)
    """Something for the status bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._filtering = False
        """True while a filter changes: the current row moves without opening a review."""
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self.model, self)
        self.count = QLabel(objectName="muted")
        """How many rows there are and are shown (the pane puts it in its heading)."""
        for change in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            change.connect(self.update_count)
        self.search = QLineEdit(placeholderText="Filter by name", clearButtonEnabled=True)
        self.search.textChanged.connect(self._on_filter_text)
        self.verdict = QComboBox()
        for key, text in VERDICT_FILTERS.items():
            self.verdict.addItem(text, key)
        self.verdict.currentIndexChanged.connect(self._on_verdict_filter)
        self.query = QLineEdit(placeholderText='Search the reviews: words, "phrases", verdict:negative, '
                                               "person:Kubrick, rating:>=8 …", clearButtonEnabled=True)
        self.query.setAccessibleName("Search the reviews")
        self.query.setToolTip(QUERY_HELP)
        self.note = QLabel(objectName="muted", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        """What the search says: how far indexing is, how many match, or why a query cannot be read."""
        self.note.hide()
        self.table = self._build_table()
        self.model.restyled.connect(self.table.viewport().update)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.verdict)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.query)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self.fit_columns)  # once the viewport has its new width
        return False

    def fit_columns(self) -> None:
        """Hide the least needed columns while the names would get less than NAME_ROOM pixels."""
        room = self.table.viewport().width() - NAME_ROOM
        for column in FIXED_COLUMNS_BY_NEED:
            room -= self._widths[column]
            self.table.setColumnHidden(column, room < 0)

    def _build_table(self) -> QTableView:
        table = QTableView(objectName="libraryTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):  # room for the title and the sort arrow after it
            title = header.fontMetrics().horizontalAdvance(COLUMNS[column])
            table.setColumnWidth(column, max(width, title + SORT_ARROW_ROOM))
        self._widths = [table.columnWidth(column) for column in range(len(COLUMNS))]
        table.installEventFilter(self)  # to fit the columns to each new width
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        return table

    def _on_filter_text(self, text: str) -> None:
        self._refilter(lambda: self.proxy.set_text(text))

    def _on_verdict_filter(self) -> None:
        self._refilter(lambda: self.proxy.set_verdict(self.verdict.currentData()))

    def _refilter(self, change) -> None:
        """Apply a filter change without opening another review: the open review's row stays current
        (and in view) if the filter shows it; if it hides it, no row is current and the reader is told."""
        current = self.current_review()
        self._filtering = True
        try:
            change()
            row = self.shown_row(current) if current is not None else -1
            selection = self.table.selectionModel()
            if row >= 0:
                index = self.proxy.index(row, 0)
                selection.setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
            else:
                selection.clear()
        finally:
            self._filtering = False
        if current is not None and row < 0:
            self.message.emit(f"{current.title} stays open; the filter hides its row.")

    def show_matches(self, keys: set | None, note: str) -> None:
        """Keep the rows a search found (None: every row) and say so."""
        self._refilter(lambda: self.proxy.set_matched(keys))
        self.show_note(note)

    def show_note(self, text: str, problem: bool = False) -> None:
        """Say ``text`` under the search field (a problem with a warning sign); nothing hides it."""
        self.note.setText(f"⚠ {text}" if problem and text else text)
        self.note.setVisible(bool(text))

    def set_verdict_filter(self, key: str) -> None:
        """Show only rows with this verdict filter (a key of VERDICT_FILTERS)."""
        self.verdict.setCurrentIndex(self.verdict.findData(key))

    def update_count(self) -> None:
        """Say how many rows there are, and how many the filters show."""
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total:,} reviews" if shown == total else f"{shown:,} of {total:,} shown")

    def _on_current_row(self, current, _previous) -> None:
        if current.isValid() and not self._filtering:
            self.review_selected.emit(self.model.review(self.proxy.mapToSource(current).row()))

    def select_row(self, row: int) -> None:
        """Make the shown row ``row`` current (which opens it)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def step(self, review: ReviewFile, direction: int) -> bool | None:
        """Open the row after (1) or before (-1) the one showing ``review``: True when it did, False at the
        end of the table, None when the table does not show it."""
        row = self.shown_row(review)
        if row < 0:
            return None
        if not 0 <= row + direction < self.proxy.rowCount():
            return False
        self.select_row(row + direction)  # which opens it
        return True

    def shown_row(self, review: ReviewFile | Path) -> int:
        """The table row showing a review, or a review file's path (-1: not listed, or hidden by the filters)."""
        number = self.model.row_of(review)
        if number < 0:
            return -1
        return self.proxy.mapFromSource(self.model.index(number, 0)).row()

    def current_review(self) -> ReviewFile | None:
        """The review of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.review(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def current_path(self) -> Path | None:
        """The file of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.path(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def shown_results(self) -> list[LibraryRow]:
        """The rows the table shows, top to bottom, that the batch has reported on."""
        rows = (self.model.rows[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
                for row in range(self.proxy.rowCount()))
        return [row for row in rows if row.has_result]

    def shown_names(self) -> list[str]:
        """The names in the table, top to bottom (for tests and exports)."""
        return [self.proxy.index(row, NAME).data() for row in range(self.proxy.rowCount())]


    def resort(self) -> None:
        """Sort again by the column the header shows, when it is not the natural name order (rows that were
        still empty when sorted now have their values)."""
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() != NAME:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def reset_sort(self) -> None:
        """Back to natural name order."""
        self.table.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
