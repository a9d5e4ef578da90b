"""The library table: Qt's view of a :class:`desktop.app.library.Library`.

:class:`LibraryModel` shows the library's rows and tells the view what changed;
:class:`LibraryFilter` asks the library which rows pass the filters. The library
sorts itself with one Python ``sorted`` (the proxy hands sorting down), so 25,000
rows sort in milliseconds instead of a Python ``data()`` call per comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor

from desktop import colours
from desktop.app.library import FIELDS, Library, Listing
from desktop.app.records import LibraryRow, ReviewFile
from desktop.engine.result import Label, VerdictLabel

COLUMNS = ("Name", "Label", "Rating", "Verdict", "Score", "People", "Words")
NAME, LABEL, RATING, VERDICT, SCORE, PEOPLE, WORDS = range(len(COLUMNS))
SHORT_LABELS: dict[Label | None, str] = {"positive": "pos", "negative": "neg"}
"""The Label column is narrow: a label as its folder names it."""
_NO_PARENT = QModelIndex()
"""The parent Qt passes for a table's rows and columns (a default argument made once)."""


class LibraryModel(QAbstractTableModel):
    """The rows of one folder, in natural file order."""

    restyled = Signal()
    """The verdict column reads or looks different (waiting, colours), its rows' results unchanged: views repaint
    (a dataChanged of 25,000 rows took a tenth of a second through the filter, which none of it changes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.library = Library()
        self._ink: dict[VerdictLabel | None, QColor] = {"positive": QColor(), "negative": QColor(), "mixed": QColor()}
        self._muted = QColor()
        self.waiting = False
        """Whether an analysis is under way: rows without a result show "…" then, "—" after a cancel."""

    # --- content ----------------------------------------------------------
    @property
    def rows(self) -> list[LibraryRow]:
        return self.library.rows

    def set_reviews(self, reviews: Sequence[ReviewFile] | Listing) -> None:
        """Show these files (or a listing made from them), in natural order, with no results yet."""
        self.beginResetModel()
        self.library.show(reviews)
        self.endResetModel()

    def add_results(self, rows: Iterable[LibraryRow]) -> None:
        """Fill in the rows a batch reported."""
        changed = self.library.add_results(rows)
        first = 0
        for end in range(1, len(changed) + 1):
            if end == len(changed) or changed[end] != changed[end - 1] + 1:
                self.dataChanged.emit(self.index(changed[first], 0), self.index(changed[end - 1], len(COLUMNS) - 1))
                first = end

    def set_waiting(self, waiting: bool) -> None:
        """Say whether the rows without a result are being analysed."""
        if waiting != self.waiting:
            self.waiting = waiting
            self._restyle_verdicts()

    def _restyle_verdicts(self) -> None:
        if self.rows:
            self.restyled.emit()

    def review(self, row: int) -> ReviewFile:
        """The review of a source row."""
        return self.library.review(row)

    def path(self, row: int) -> Path:
        """The file of a source row."""
        return self.library.review(row).path

    def row_of(self, review: ReviewFile | Path) -> int:
        """The source row of a review, or of a review file's path (-1: not listed)."""
        return self.library.row_of(review)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Colour the verdicts in the scale's ink for the theme."""
        negative, positive = scale.ink[theme.name]
        self._ink = {"positive": QColor(positive), "negative": QColor(negative), "mixed": QColor(theme.text)}
        self._muted = QColor(theme.muted)
        self._restyle_verdicts()

    # --- QAbstractTableModel ------------------------------------------------
    def rowCount(self, parent=_NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section >= RATING and section != VERDICT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self.library.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == VERDICT:
            return self._ink.get(row.verdict, self._muted)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= RATING and column != VERDICT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.has_result and not self.waiting:
                return f"{row.file}\nNot analysed: the analysis was cancelled (Resume analyses it)"
            return row.error or row.file
        return None

    def _display(self, number: int, row: LibraryRow, column: int) -> str:
        if column == NAME:
            return self.library.names[number]
        if column == LABEL:
            return SHORT_LABELS.get(row.label, "")
        if column == RATING:
            return "" if row.rating is None else str(row.rating)
        if column == VERDICT:
            if row.error is not None:
                return "error"
            return row.verdict or ("…" if self.waiting else "—")
        value = getattr(row, FIELDS[column])
        if value is None:
            return ""
        return f"{value:+.2f}" if column == SCORE else f"{value:,}"

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by a column; equal rows keep their order, selections follow their rows."""
        if not 0 <= column < len(COLUMNS) or not self.rows:
            return
        self.layoutAboutToBeChanged.emit()
        order_of = self.library.sort(FIELDS[column], descending=order == Qt.SortOrder.DescendingOrder)
        new_row = {old: new for new, old in enumerate(order_of)}
        previous = self.persistentIndexList()
        self.changePersistentIndexList(previous, [self.index(new_row[i.row()], i.column()) for i in previous])
        self.layoutChanged.emit()


class LibraryFilter(QSortFilterProxyModel):
    """Sorts the library and keeps the rows whose name holds the text, whose verdict matches, and that a search
    found (when there is one)."""

    def __init__(self, model: LibraryModel, parent=None):
        super().__init__(parent)
        self.library_model = model  # kept: filterAcceptsRow runs once a row, 25,000 times a search
        self.setSourceModel(model)
        self.text = ""
        self.verdict = "all"

    def set_text(self, text: str) -> None:
        """Keep rows whose file name contains ``text`` (case-insensitive)."""
        self.beginFilterChange()
        self.text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_verdict(self, verdict: str) -> None:
        """Keep rows with this verdict: a key of VERDICT_FILTERS."""
        self.beginFilterChange()
        self.verdict = verdict
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_matched(self, keys: set | None) -> None:
        """Keep only the rows of these review keys (what a search found; None: every row)."""
        self.beginFilterChange()
        self.library_model.library.matched = keys
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (one Python sort, not a comparison callback per pair)."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt override
        return self.library_model.library.accepts(source_row, self.text, self.verdict)
