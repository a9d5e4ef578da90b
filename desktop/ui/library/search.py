"""Searching a library from its table: the query field's text, after a pause in typing, is answered by the
library index on a worker thread (``LibraryRun.search``), and the table keeps the reviews that answer it.

The first search of a library indexes its analysed reviews (their results come from the result cache) and
says how far it is; later ones take milliseconds. A query that cannot be read says why under the field and
leaves the table as it was.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.app.batch import BatchProgress
from desktop.app.library import LibraryRun, indexing_text
from desktop.app.query import QueryError
from desktop.app.records import ReviewFile
from desktop.engine.errors import Cancelled, unexpected
from desktop.ui.library.table import LibraryTable
from desktop.ui.tasks import Task, Tasks

log = logging.getLogger(__name__)

PAUSE_MS = 250
"""How long typing must pause before the query runs."""


class LibrarySearch(QObject):
    """Runs the table's query field against one library's run, a search at a time."""

    searched = Signal(str)
    """A query was answered ("": the search was cleared): the open review may highlight its words."""

    def __init__(self, view: LibraryTable, tasks: Tasks) -> None:
        super().__init__(view)
        self.view, self.tasks = view, tasks
        self.run: LibraryRun | None = None
        self.task: Task | None = None
        self.timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.timer.timeout.connect(self.again)
        view.query.textChanged.connect(lambda _text: self.timer.start())

    def attach(self, run: LibraryRun | None) -> None:
        """Search this library from now on (None: none); the field is cleared."""
        self._cancel()
        self.run = run
        self.view.query.blockSignals(True)
        self.view.query.clear()
        self.view.query.blockSignals(False)
        self.view.show_matches(None, "")

    def again(self) -> None:
        """Run the field's query now, over the reviews analysed so far (an empty field shows every row)."""
        self._cancel()
        text = self.view.query.text().strip()
        if not text or self.run is None:
            self.view.show_matches(None, "")
            self.searched.emit("")
            return
        run, reviews = self.run, self.view.model.library.analysed()
        self.view.show_note("Searching…")
        self.task = self.tasks.start(lambda task: self._search(task, run, text, reviews))

    def _cancel(self) -> None:
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def _search(self, task: Task, run: LibraryRun, text: str, reviews: list[ReviewFile]) -> None:
        """On a worker thread: the keys of the reviews that answer ``text``, reported to the table."""
        try:
            keys = run.search(text, reviews, task.stop_event, lambda state: task.report(self._on_progress, state))
        except QueryError as error:
            task.report(self.view.show_note, str(error), True)
            return
        except Cancelled:
            return
        except Exception as error:  # noqa: BLE001 - a failed search is said, and the library goes on
            log.exception("Searching %s failed", run.source)
            task.report(self.view.show_note, unexpected("The search failed", error), True)
            return
        task.report(self._on_found, text, keys, len(reviews))

    def _on_progress(self, state: BatchProgress) -> None:
        self.view.show_note(indexing_text(state))

    def _on_found(self, text: str, keys: set, searched: int) -> None:
        self.task = None
        self.view.show_matches(keys, f"{len(keys):,} of {searched:,} analysed reviews match")
        self.searched.emit(text)
