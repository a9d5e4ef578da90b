"""Batch analysis of a library on one worker thread, reported to the window in batches.

The thread iterates ``analyse_files`` (worker processes, the result cache) and
emits the rows it collected at most every BATCH_SECONDS, so 25,000 results reach
the UI thread as a few hundred signals, not 25,000. Cancel is a
``threading.Event`` set from the UI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from PySide6.QtCore import QThread, Signal

from desktop.analysis import MissingDataError
from desktop.analysis.batch import BatchProgress, ReviewFile, analyse_files
from desktop.analysis.cache import ResultCache
from desktop.analysis.errors import unexpected

log = logging.getLogger(__name__)

BATCH_SECONDS = 0.08


class LibraryRunner(QThread):
    """Analyses a list of review files once; signals reach the UI thread queued."""

    rows_ready = Signal(object)
    """A batch of library rows (a list of dicts), in completion order; as Python objects, so a file name
    that is not valid UTF-8 (kept by Python as surrogate escapes) arrives intact rather than mangled by Qt."""
    progressed = Signal(object)
    """The latest BatchProgress."""
    failed = Signal(str)
    """The batch could not run (missing language data, or an unexpected error)."""

    def __init__(self, files: Sequence[ReviewFile], cache: ResultCache, jobs: int, parent=None):
        super().__init__(parent)
        self.files = list(files)
        self.cache = cache
        self.jobs = jobs
        self.cancel_event = threading.Event()
        self.progress = BatchProgress(0, len(self.files))

    def cancel(self) -> None:
        """Stop soon (the workers are ended); ``finished`` follows."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _note_progress(self, state: BatchProgress) -> None:
        self.progress = state

    def run(self) -> None:
        pending: list[dict] = []
        last = time.monotonic()
        try:
            for record in analyse_files(self.files, cache=self.cache, jobs=self.jobs, ordered=False,
                                        progress=self._note_progress, cancel=self.cancel_event):
                pending.append(record)
                if time.monotonic() - last >= BATCH_SECONDS:
                    self._flush(pending)
                    pending, last = [], time.monotonic()
        except MissingDataError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - reported to the reader, logged in full
            log.exception("The library analysis failed")
            self.failed.emit(unexpected("The library could not be analysed", error))
        self._flush(pending)

    def _flush(self, rows: list[dict]) -> None:
        if rows:
            self.rows_ready.emit(rows)
        self.progressed.emit(self.progress)
