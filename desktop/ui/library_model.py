"""The library table: one row per review file, filled in as the batch analysis reports.

:class:`LibraryModel` holds the library rows (``desktop.analysis.batch`` summary
records) in folder order; :class:`LibraryFilter` sorts them and filters by name
and by verdict. The source model sorts itself with one Python ``sorted`` (the
proxy hands sorting down), so 25,000 rows sort in milliseconds instead of a
Python ``data()`` call per comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktop import colours
from desktop.analysis.batch import ReviewFile, expected_verdict
from desktop.analysis.files import path_key

COLUMNS = ("Name", "Label", "Rating", "Verdict", "Score", "People", "Words")
NAME, LABEL, RATING, VERDICT, SCORE, PEOPLE, WORDS = range(len(COLUMNS))
MISSING = -1e9
"""Sort value of a number not known (yet): before every real value."""
NUMBER_FIELDS = {RATING: "rating", SCORE: "score", PEOPLE: "people", WORDS: "words"}

VERDICT_FILTERS = {
    "all": "All verdicts",
    "positive": "Positive",
    "negative": "Negative",
    "mixed": "Mixed",
    "disagrees": "Disagrees with label",
    "pending": "Not analysed",
}

ROW_FIELDS = ("file", "label", "rating", "verdict", "score", "people", "words", "error")
_NO_PARENT = QModelIndex()
"""The parent Qt passes for a table's rows and columns (a default argument made once)."""


def empty_row(review: ReviewFile) -> dict:
    """A library row for a listed file that has no result yet."""
    return {"file": str(review.path), "label": review.label, "rating": review.rating,
            "verdict": None, "score": None, "people": None, "words": None, "error": None}


def display_name(name: str) -> str:
    """``name`` as it can be shown: bytes that are not UTF-8 (surrogate escapes in Python) become U+FFFD.

    Qt drops such characters silently: the table would show bad\\xff.txt as another file's name, bad.txt.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def has_result(row: dict) -> bool:
    """Whether the batch reported on this row (analysed, or failed with an error)."""
    return row["verdict"] is not None or row["error"] is not None


def disagrees(row: dict) -> bool:
    """Whether an analysed row's verdict differs from the one its labels call for."""
    expected = expected_verdict(row["label"], row["rating"])
    return row["verdict"] is not None and expected is not None and row["verdict"] != expected


class Listing:
    """Empty library rows and shown names for review files, in natural folder order.

    Plain Python, so a large folder's rows can be built off the UI thread.
    """

    def __init__(self, reviews: Sequence[ReviewFile]):
        self.reviews = sorted(reviews, key=lambda review: path_key(review.path))
        self.rows = [empty_row(review) for review in self.reviews]
        self.names = [display_name(review.path.name) for review in self.reviews]
        self.labelled = sum(expected_verdict(review.label, review.rating) is not None for review in self.reviews)
        """How many files carry a label (a pos/neg folder or a rating in the name)."""


class LibraryModel(QAbstractTableModel):
    """The rows of one folder, in natural file order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.names: list[str] = []
        self.labelled = 0
        """How many of the files carry a label."""
        self.ranks: list[int] = []
        """Each row's place in natural file order, for sorting by name."""
        self._index: dict[str, int] = {}
        self._ink = {"positive": QColor(), "negative": QColor(), "mixed": QColor()}
        self._muted = QColor()

    # --- content ----------------------------------------------------------
    def set_reviews(self, reviews: Sequence[ReviewFile] | Listing) -> None:
        """Show these files (or a listing made from them), in natural order, with no results yet."""
        listing = reviews if isinstance(reviews, Listing) else Listing(reviews)
        self.beginResetModel()
        self.rows, self.names, self.labelled = listing.rows, listing.names, listing.labelled
        self.ranks = list(range(len(self.rows)))
        self._index = {row["file"]: number for number, row in enumerate(self.rows)}
        self.endResetModel()

    def add_results(self, records: Iterable[dict]) -> None:
        """Fill in the rows the batch reported (library rows keyed by ``file``)."""
        changed = []
        for record in records:
            number = self._index.get(record["file"])
            if number is not None:
                self.rows[number] = {name: record[name] for name in ROW_FIELDS}
                changed.append(number)
        changed.sort()
        first = 0
        for end in range(1, len(changed) + 1):
            if end == len(changed) or changed[end] != changed[end - 1] + 1:
                self.dataChanged.emit(self.index(changed[first], 0), self.index(changed[end - 1], len(COLUMNS) - 1))
                first = end

    def results(self) -> list[dict]:
        """The rows the batch has reported on, in folder order."""
        return [row for row in self.rows if has_result(row)]

    def path(self, row: int) -> Path:
        """The file of a source row."""
        return Path(self.rows[row]["file"])

    def row_of(self, path: Path) -> int:
        """The source row of ``path`` (-1: not listed)."""
        return self._index.get(str(path), -1)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Colour the verdicts in the scale's ink for the theme."""
        negative, positive = scale.ink[theme.name]
        self._ink = {"positive": QColor(positive), "negative": QColor(negative), "mixed": QColor(theme.text)}
        self._muted = QColor(theme.muted)
        if self.rows:
            self.dataChanged.emit(self.index(0, VERDICT), self.index(len(self.rows) - 1, VERDICT))

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
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == VERDICT:
            return self._ink.get(row["verdict"], self._muted)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= RATING and column != VERDICT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["error"] or row["file"]
        return None

    def _display(self, number: int, row: dict, column: int) -> str:
        if column == NAME:
            return self.names[number]
        if column == LABEL:
            return row["label"] or ""
        if column == RATING:
            return "" if row["rating"] is None else str(row["rating"])
        if column == VERDICT:
            if row["error"] is not None:
                return "error"
            return row["verdict"] or "…"
        value = row[("score", "people", "words")[column - SCORE]]
        if value is None:
            return ""
        return f"{value:+.2f}" if column == SCORE else f"{value:,}"

    def _sort_key(self, column: int):
        if column == NAME:
            return lambda number: self.ranks[number]
        if column == LABEL:
            return lambda number: self.rows[number]["label"] or ""
        if column == VERDICT:
            return lambda number: self.rows[number]["verdict"] or ("~error" if self.rows[number]["error"] else "~")
        field = NUMBER_FIELDS[column]
        return lambda number: MISSING if self.rows[number][field] is None else self.rows[number][field]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by a column; equal rows keep their order, selections follow their rows."""
        if not 0 <= column < len(COLUMNS) or not self.rows:
            return
        self.layoutAboutToBeChanged.emit()
        order_of = sorted(range(len(self.rows)), key=self._sort_key(column),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {old: new for new, old in enumerate(order_of)}
        self.rows = [self.rows[old] for old in order_of]
        self.names = [self.names[old] for old in order_of]
        self.ranks = [self.ranks[old] for old in order_of]
        self._index = {row["file"]: number for number, row in enumerate(self.rows)}
        previous = self.persistentIndexList()
        self.changePersistentIndexList(previous, [self.index(new_row[i.row()], i.column()) for i in previous])
        self.layoutChanged.emit()


class LibraryFilter(QSortFilterProxyModel):
    """Sorts the library and keeps the rows whose name holds the text and whose verdict matches."""

    def __init__(self, parent=None):
        super().__init__(parent)
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

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (one Python sort, not a comparison callback per pair)."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt override
        model: LibraryModel = self.sourceModel()
        if self.text and self.text not in model.names[source_row].lower():
            return False
        if self.verdict == "all":
            return True
        row = model.rows[source_row]
        if self.verdict == "pending":
            return not has_result(row)
        if self.verdict == "disagrees":
            return disagrees(row)
        return row["verdict"] == self.verdict
