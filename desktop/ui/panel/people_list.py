"""The people the engine found: their mention counts and how the review speaks of each, sortable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from desktop import colours
from desktop.engine import Person

NOBODY = "No people named in this review."
UNJUDGED = "—"
"""The Tone of a person in a review the engine does not read (not in English)."""
NAME, MENTIONS, TONE = range(3)
ROW_PADDING = 4
"""Pixels a row adds around its text."""
ENGINE_ORDER = Qt.ItemDataRole.UserRole
"""Item data: the person's index in the engine's list (first mention first)."""


class PersonItem(QTreeWidgetItem):
    """A row that sorts by name, by mentions, or by polarity (the Tone column)."""

    def __init__(self, index: int, person: Person, judged: bool = True) -> None:
        super().__init__([person.name, str(len(person.mentions)), person.tone if judged else UNJUDGED])
        self.person = person
        self.setData(NAME, ENGINE_ORDER, index)
        self.setTextAlignment(MENTIONS, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip(NAME, f"{person.name}: {len(person.mentions)} mention(s). Enter or F3 steps through them.")
        self.setToolTip(TONE, f"What the review says of {person.name}, judged from the words next to the name "
                              f"(not the mood of the whole sentence): {person.polarity:+.2f}, {person.tone}."
                        if judged else "Not judged: the review is not in English.")

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().header().sortIndicatorSection() if self.treeWidget() else NAME
        theirs = cast(PersonItem, other).person  # a PeopleList holds only PersonItems
        if column == MENTIONS:
            return len(self.person.mentions) < len(theirs.mentions)
        if column == TONE:
            return self.person.polarity < theirs.polarity
        return self.person.name.casefold() < theirs.name.casefold()


class PeopleList(QTreeWidget):
    """Click (or Enter) a person to highlight their mentions; again to step through them.

    Rows come in the engine's order; a click on a column header sorts by it.
    """

    person_activated = Signal(int)
    """The person's index in the engine's list."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["Person", "#", "Tone"])  # a narrow count column leaves the names room
        header_item = self.headerItem()
        header_item.setToolTip(MENTIONS, "Mentions: how often the review names each person (click to sort)")
        header_item.setData(MENTIONS, Qt.ItemDataRole.AccessibleTextRole, "Mentions")
        header_item.setToolTip(TONE, "What the review says of each person, from the words next to their name (click to sort)")
        self.setRootIsDecorated(False)
        self.setWordWrap(True)  # a long name takes two lines rather than losing its end
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MENTIONS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TONE, QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_by)
        header.sectionResized.connect(self._on_section_resized)
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        """The column and order the reader sorted by (None: the engine's order)."""
        self.setAccessibleName("People named in the review")
        self.people: tuple[Person, ...] = ()
        self.placeholder = ""
        self.judged = True
        """Whether the Tone column says how the review speaks of each (not for a review in another language)."""
        self._theme, self._scale = colours.LIGHT, colours.RED_GREEN
        self.itemClicked.connect(self._activate)
        self.itemActivated.connect(self._activate)

    def _item(self, row: int) -> PersonItem:
        """The item of a displayed row."""
        return cast(PersonItem, self.topLevelItem(row))  # set_people adds only PersonItems

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.person_activated.emit(item.data(NAME, ENGINE_ORDER))

    def set_people(self, people: Sequence[Person], placeholder: str = NOBODY, judged: bool = True) -> None:
        """List these people (in the engine's order, or the order the reader sorted by); show
        ``placeholder`` when there are none; ``judged=False``: a review the engine does not read, no tones."""
        self.people = tuple(people)
        self.placeholder = placeholder
        self.judged = judged
        self.clear()
        self.viewport().update()
        self.addTopLevelItems([PersonItem(index, person, judged) for index, person in enumerate(self.people)])
        if self._sorted is not None:
            self.sortItems(*self._sorted)
        self._tint()
        self._fit_height()

    def _fit_height(self) -> None:
        """Each row as tall as its name wrapped to the column, and the list as tall as its rows (at least
        three rows' room, for the placeholder): the panel scrolls, not this list."""
        metrics = self.fontMetrics()
        line = metrics.height() + ROW_PADDING
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        room = QRect(0, 0, max(40, self.columnWidth(NAME) - 2 * margin), 10_000)  # as the item delegate lays text
        heights = []
        for row in range(self.topLevelItemCount()):
            item = self._item(row)
            wrapped = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, item.text(NAME)).height()
            heights.append(max(line, wrapped + ROW_PADDING))
            item.setSizeHint(NAME, QSize(1, heights[-1]))  # the height counts; the column stretches
        rows = sum(heights) + max(0, 3 - len(heights)) * line
        self.setFixedHeight(self.header().sizeHint().height() + rows + 2 * self.frameWidth() + 2)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == NAME:
            QTimer.singleShot(0, self, self._fit_height)  # names wrap anew at the new width

    def sort_by(self, column: int) -> None:
        """Sort by ``column``; the same column again reverses the order."""
        ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
        order = descending if self._sorted == (column, ascending) else ascending
        self._sorted = (column, order)
        self.header().setSortIndicatorShown(True)
        self.header().setSortIndicator(column, order)
        self.sortItems(column, order)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Tint the Tone column with the text's scale."""
        self._theme, self._scale = theme, scale
        self._tint()

    def _tint(self) -> None:
        for row in range(self.topLevelItemCount()):
            item = self._item(row)
            tint = colours.step_colour(colours.step(item.person.polarity), self._scale, self._theme) if self.judged else None
            item.setBackground(TONE, QBrush(QColor(tint)) if tint else QBrush())

    def tone_colour(self, row: int) -> QColor | None:
        """The tint behind the Tone cell of a displayed row (None: neutral, untinted)."""
        brush = self._item(row).background(TONE)
        return brush.color() if brush.style() != Qt.BrushStyle.NoBrush else None

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
            (self._item(i).text(NAME), int(self._item(i).text(MENTIONS)))
            for i in range(self.topLevelItemCount())
        ]

    def tones(self) -> list[str]:
        """The Tone column as displayed."""
        return [self._item(i).text(TONE) for i in range(self.topLevelItemCount())]
