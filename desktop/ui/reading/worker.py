"""Reading and analysing reviews off the UI thread.

Each request carries a token that grows with every request; the window keeps
only results whose token is still current (``desktop.app.session``). Once a file
is read and cleaned, the requests made before it are cancelled: the window is
about to show the newer file, so stepping quickly through a folder never waits
for work nobody wants. A file that cannot be read cancels nothing, so the review
on screen still gets its colours. Shutting down cancels all. The work runs as
:class:`~desktop.ui.tasks.Tasks`, so every signal is emitted on the UI thread.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from desktop.app.cache import ResultCache
from desktop.app.records import ReviewFile
from desktop.app.review import open_review
from desktop.engine import Cancelled, MissingDataError, Prepared, ReviewError, analyze, models
from desktop.engine.errors import unexpected
from desktop.ui.tasks import Task, Tasks

log = logging.getLogger(__name__)

LONG_TEXT = 100_000
"""Reviews with more characters than this report their progress (shorter ones take well under a second)."""
# Analysed once after the models load, so the first real review opens as fast as later ones.
WARM_UP_TEXT = "Anna Berg was wonderful in this film, but the plot was dull. Ms. Berg deserves better."


class Analyst(QObject):
    """Runs review reading, analysis and model loading in the background."""

    prepared = Signal(int, object, object)
    """(token, ReviewFile, Prepared): the cleaned text, before any model runs."""
    analyzed = Signal(int, object, object)
    """(token, ReviewFile, Analysis): the full result."""
    progressed = Signal(int, int)
    """(token, percent): how far the analysis of a long review has got."""
    failed = Signal(int, object, str)
    """(token, ReviewFile, message): the review could not be opened or analysed."""
    models_ready = Signal()
    models_failed = Signal(str)

    def __init__(self, parent: QObject | None = None, cache: ResultCache | None = None):
        super().__init__(parent)
        self.cache = cache
        """Results of reviews analysed before (None: always analyse)."""
        self.as_english = False
        """Read reviews in other languages with the English models all the same."""
        self.tasks = Tasks(2, self)
        self._lock = threading.Lock()
        self._requests: dict[int, Task] = {}
        """Every request not yet finished, by token."""

    def load_models(self) -> None:
        """Start loading the shared language models in the background."""
        self.tasks.start(self._load_models)

    def open(self, token: int, review: ReviewFile) -> None:
        """Read, prepare and analyse a review in the background (``token`` greater than any before)."""
        as_english = self.as_english
        with self._lock:  # registered before the work can finish and forget it
            self._requests[token] = self.tasks.start(lambda task: self._open(task, token, review, as_english))

    def cancel(self, before: int | None = None) -> None:
        """Abandon the requests with a token below ``before`` (None: all of them)."""
        with self._lock:
            for token in [t for t in self._requests if before is None or t < before]:
                self._requests.pop(token).cancel()

    def shutdown(self, wait_ms: int = -1) -> bool:
        """Cancel and drop all work, then wait (at most ``wait_ms``, -1: no limit); True if none still runs."""
        self.cancel()
        return self.tasks.shutdown(wait_ms)

    def _load_models(self, task: Task) -> None:
        try:
            models()
            analyze(WARM_UP_TEXT, "warm-up.txt")
        except MissingDataError as error:
            task.report(self.models_failed.emit, str(error))
        except Exception as error:  # noqa: BLE001 - reported to the reader, logged in full
            log.exception("Loading the language models failed")
            task.report(self.models_failed.emit, unexpected("The language models could not be loaded", error))
        else:
            task.report(self.models_ready.emit)
        if self.cache is not None:
            self.cache.prune()  # after the models: walking a large cache must not delay the first review

    def _open(self, task: Task, token: int, review: ReviewFile, as_english: bool) -> None:
        try:
            self._read_and_analyze(task, token, review, as_english)
        finally:
            with self._lock:
                self._requests.pop(token, None)

    def _read_and_analyze(self, task: Task, token: int, review: ReviewFile, as_english: bool) -> None:
        name = review.title
        shown: list[Prepared] = []

        def show(ready: Prepared) -> None:
            shown.append(ready)
            self.cancel(before=token)
            task.report(self.prepared.emit, token, review, ready)

        def progress(percent: int) -> None:
            if len(shown[0].text) > LONG_TEXT:
                task.report(self.progressed.emit, token, percent)

        try:
            result, _ = open_review(review, self.cache, as_english=as_english, cancel=task.stop_event,
                                    progress=progress, on_prepared=show)
        except Cancelled:
            log.debug("Analysis of %s abandoned for a newer review", name)
        except (ReviewError, MissingDataError) as error:
            task.report(self.failed.emit, token, review, str(error))
        except Exception as error:  # noqa: BLE001
            doing = "analysed" if shown else "opened"
            log.exception("%s could not be %s", name, doing)
            task.report(self.failed.emit, token, review, unexpected(f"{name} could not be {doing}", error))
        else:
            task.report(self.analyzed.emit, token, review, result)
