"""The library pane: every review below a folder in a sortable, filterable table, analysed in the background.

Opening a folder lists its files (names only) in the background, so even a huge
or slow folder never freezes the window; a second task then fills the verdicts
from the result cache and worker processes. The work and its wording are a
``desktop.app.library.LibraryRun``; this pane runs its steps as
:class:`~desktop.ui.tasks.Tasks` and shows a progress bar, Cancel, and Resume after
a cancel. Opening another folder cancels them, and their late reports are dropped.
Selecting a row asks the window to open that review.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import colours
from desktop.app.batch import BatchProgress
from desktop.app.cache import ResultCache
from desktop.app.library import LibraryRun, Listing, progress_text
from desktop.app.records import LibraryRow, Summary
from desktop.app.tables import is_collection, sniff
from desktop.engine import MissingDataError, ReviewError
from desktop.engine.errors import unexpected
from desktop.trace import trace
from desktop.ui.library.columns_dialog import ColumnsDialog
from desktop.ui.library.search import LibrarySearch
from desktop.ui.library.summary_chart import LibrarySummary
from desktop.ui.library.table import LibraryTable
from desktop.ui.tasks import Task, Tasks

log = logging.getLogger(__name__)

SUMMARY_DELAY_MS = 400
"""How often the summary is recounted while the table fills."""


class LibraryPane(QWidget):
    """A folder's reviews, their verdicts, the summary, and the batch that fills them."""

    review_selected = Signal(object)
    """The reader picked a row (its ReviewFile)."""
    listed = Signal(int)
    """The folder's review files are in the table (how many); their analysis has started."""
    filled = Signal()
    """The batch ended: every row analysed, or cancelled, or failed."""
    message = Signal(str)
    """Something for the status bar."""
    failed = Signal(str)
    """The batch could not run (missing language data …)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="library")
        self.run: LibraryRun | None = None
        """The listing and analysis of the folder shown."""
        self.tasks = Tasks(2, self)
        self.task: Task | None = None
        """The listing or the analysis under way (None: neither)."""
        self.listing = False
        """Whether the task under way is the listing."""
        self.progress = BatchProgress(0, 0)
        self.summary = Summary()

        self.view = LibraryTable(self)
        self.view.review_selected.connect(self.review_selected)
        self.view.message.connect(self.message)
        self.model, self.proxy, self.table = self.view.model, self.view.proxy, self.view.table
        self.searching = LibrarySearch(self.view, self.tasks)
        self.title = QLabel(objectName="libraryTitle")
        self.bar = QProgressBar(textVisible=True)
        self.cancel_button = QPushButton("Cancel", objectName="secondary")
        self.cancel_button.setToolTip("Stop analysing; the rows done so far stay (Esc in the table)")
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button = QPushButton("Resume", objectName="secondary", visible=False)
        self.resume_button.setToolTip("Analyse the reviews left when the analysis was cancelled")
        self.resume_button.clicked.connect(self.resume)
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.bar, 1)
        progress_layout.addWidget(self.cancel_button)
        progress_layout.addWidget(self.resume_button)
        self.progress_row.hide()
        self.summary_view = LibrarySummary()
        summary_card = QFrame(objectName="card")
        summary_layout = QVBoxLayout(summary_card)
        summary_layout.setContentsMargins(12, 8, 12, 10)
        summary_layout.setSpacing(4)
        summary_layout.addWidget(QLabel("SUMMARY", objectName="sectionTitle"))
        summary_layout.addWidget(self.summary_view)

        self.columns_button = QPushButton("Columns…", objectName="secondary", visible=False)
        self.columns_button.setToolTip("Choose which columns hold the review text and its label or rating")
        self.columns_button.clicked.connect(self.choose_columns)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.view.count)
        heading.addWidget(self.columns_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress_row)
        layout.addWidget(summary_card)

        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_DELAY_MS)
        self._summary_timer.timeout.connect(self._recount)

    # --- opening and analysing ----------------------------------------------
    @property
    def columns(self) -> tuple[str, str | None] | None:
        """The text and label columns the reader chose for the collection shown (None: found by sniffing)."""
        return self.run.columns if self.run else None

    @property
    def folder(self) -> Path | None:
        """The folder or collection file shown (None: none)."""
        return self.run.source if self.run else None

    @property
    def listing_seconds(self) -> float:
        return self.run.listing_seconds if self.run else 0.0

    @property
    def fill_seconds(self) -> float:
        return self.run.fill_seconds if self.run else 0.0

    def open_folder(self, folder: Path, cache: ResultCache | None, jobs: int,
                    columns: tuple[str, str | None] | None = None) -> None:
        """Show a folder (or a collection file) and list its reviews in the background; ``listed`` follows,
        then the analysis. ``columns`` names a collection's text and label columns (else they are found)."""
        self.stop()
        self.run = run = LibraryRun(folder, cache, jobs, columns)
        self.searching.attach(run)
        self.columns_button.setVisible(is_collection(folder))
        self.view.reset_sort()
        self.model.set_reviews([])
        self.title.setText(folder.name or str(folder))
        self.title.setToolTip(str(folder))
        self.view.count.setText("Listing…")
        self.summary = Summary()
        self._recount()
        self.progress = BatchProgress(0, 0)
        self.listing = True
        self.bar.setRange(0, 0)  # busy until the files are counted
        self.bar.setFormat("Listing files…")
        self._show_running(True)
        self.task = self.tasks.start(lambda task: self._list(task, run))

    def _list(self, task: Task, run: LibraryRun) -> None:
        """In the background: list the folder and hand the rows to the UI thread."""
        try:
            outcome: Listing | str = run.list_reviews()
        except Exception as error:  # noqa: BLE001 - reported to the reader, logged in full
            log.exception("Listing %s failed", run.source)
            outcome = unexpected(f"{run.source} could not be listed", error)
        task.report(self._on_listing_done, outcome)

    def _on_listing_done(self, outcome: Listing | str) -> None:
        self.listing = False
        self.task = None
        if isinstance(outcome, str):
            self.progress_row.hide()
            self.failed.emit(outcome)
            return
        self.model.set_reviews(outcome)
        self.view.update_count()
        self._recount()
        total = len(outcome.rows)
        self.progress = BatchProgress(0, total)
        if not total:
            self.progress_row.hide()
            assert self.run is not None  # reports of a run are dropped once it is cleared (ui/tasks.py)
            self.message.emit(self.run.empty_text())
            self.listed.emit(0)
            return
        self._start_fill(outcome.reviews)
        self.listed.emit(total)

    def _start_fill(self, reviews) -> None:
        run = self.run
        assert run is not None  # a fill follows a listing of this run, or resumes it
        self._show_progress(run.progress)
        self._show_running(True)
        self.model.set_waiting(True)
        self.task = self.tasks.start(lambda task: self._fill(task, run, reviews))

    def _fill(self, task: Task, run: LibraryRun, reviews) -> None:
        """In the background: analyse the rows, reporting them in batches, then that the batch ended."""
        try:
            run.fill(reviews, task.stop_event, lambda rows, state: task.report(self._on_rows, rows, state))
        except MissingDataError as error:
            task.report(self.failed.emit, str(error))
        except Exception as error:  # noqa: BLE001 - reported to the reader, logged in full
            log.exception("The library analysis failed")
            task.report(self.failed.emit, unexpected("The library could not be analysed", error))
        task.report(self._on_finished, task)

    def choose_columns(self) -> None:
        """Let the reader change the collection's text and label columns, then list it again with them."""
        if self.run is None:
            return
        try:
            found = sniff(self.run.source)
        except ReviewError as error:
            self.failed.emit(str(error))
            return
        dialog = ColumnsDialog(found.names, *(self.columns or (found.text, found.label)), parent=self)
        if dialog.exec():
            self.open_folder(self.run.source, self.run.cache, self.run.jobs, dialog.chosen())

    def cancel(self) -> None:
        """Stop listing or analysing; the rows done so far stay, and Resume analyses the rest."""
        if self.task is None:
            return
        if self.listing:
            self.stop()
            assert self.run is not None  # listing: a run is open
            self.message.emit(self.run.listing_stopped_text())
            self.filled.emit()
            return
        self.task.stop()  # the batch ends soon and says how far it got
        self.cancel_button.setEnabled(False)
        self.bar.setFormat("Cancelling…")

    def resume(self) -> None:
        """Analyse the reviews a cancel left."""
        pending = self.model.library.pending()
        if self.task is None and self.run is not None and pending:
            self._start_fill(pending)

    def stop(self, wait_ms: int = -1) -> bool:
        """Cancel the listing or analysis under way, dropping its late reports, and wait for the analysis
        (at most ``wait_ms``; not for a listing dropped earlier); True when it ended. A listing is left to
        finish on its own."""
        task, self.task = self.task, None
        listing, self.listing = self.listing, False
        self.progress_row.hide()
        self.model.set_waiting(False)
        if task is None:
            return True
        task.cancel()
        return True if listing else task.wait(wait_ms)

    def clear(self) -> None:
        """Stop any analysis and show no folder."""
        self.stop()
        self.run = None
        self.searching.attach(None)
        self.model.set_reviews([])
        self._recount()

    @property
    def running(self) -> bool:
        """Whether a listing or an analysis is under way."""
        return self.task is not None

    def _show_running(self, running: bool) -> None:
        """Cancel while work is under way; Resume once a cancel left reviews to analyse."""
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.resume_button.setVisible(not running)
        self.progress_row.show()

    def _on_rows(self, rows: list[LibraryRow], state: BatchProgress) -> None:
        if rows:
            self.model.add_results(rows)
            if not self._summary_timer.isActive():
                self._summary_timer.start()
        self.progress = state
        if self.task is not None and not self.task.stopped:
            self._show_progress(state)

    def _show_progress(self, state: BatchProgress) -> None:
        self.bar.setRange(0, max(1, state.total))
        self.bar.setValue(state.done)
        self.bar.setFormat(progress_text(state))

    def _on_finished(self, task: Task) -> None:
        stopped = task.stopped
        self.task = None
        self.model.set_waiting(False)
        self._recount()
        self.view.resort()
        run = self.run
        assert run is not None  # reports of a run are dropped once it is cleared (ui/tasks.py)
        if stopped and not run.complete:
            self._show_running(False)
            self.bar.setFormat(f"Stopped at {run.progress.done:,} of {run.progress.total:,}")
        else:
            self.progress_row.hide()
        self.message.emit(run.finished_text(stopped))
        if not stopped and not run.progress.failed and run.complete:
            trace("library-analysed")
        if self.view.query.text().strip():
            self.searching.again()  # over every review now analysed
        self.filled.emit()

    def _recount(self) -> None:
        library = self.model.library
        self.summary = library.summary()
        self.summary_view.set_summary(self.summary, len(library.rows), library.labelled, library.scale)

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self.model.set_colours(theme, scale)
        self.summary_view.set_colours(theme, scale)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.running:
            self.cancel()
        else:
            super().keyPressEvent(event)

