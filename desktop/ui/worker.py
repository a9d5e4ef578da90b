"""Reading and analysing reviews off the UI thread.

Each request carries a token that grows with every request; the window keeps
only results whose token is still current. Once a file is read and cleaned,
the analyses still running for files requested before it are cancelled: the
window is about to show the newer file, so stepping quickly through a folder
never waits for work nobody wants. A file that cannot be read cancels nothing,
so the review on screen still gets its colours. Shutting down cancels all.
Signals emitted from the pool's threads reach the window through queued
connections, so every slot runs on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.analysis import (
    Analysis,
    Cancelled,
    MissingDataError,
    Prepared,
    ReviewError,
    analyze,
    analyze_prepared,
    models,
    prepare,
    read_review,
)
from desktop.analysis.cache import ResultCache, analysis_from_record, content_key
from desktop.analysis.errors import unexpected

log = logging.getLogger(__name__)

LONG_TEXT = 100_000
"""Reviews with more characters than this report their progress (shorter ones take well under a second)."""
# Analysed once after the models load, so the first real review opens as fast as later ones.
WARM_UP_TEXT = "Anna Berg was wonderful in this film, but the plot was dull. Ms. Berg deserves better."


class Analyst(QObject):
    """Runs review reading, analysis and model loading in a thread pool."""

    prepared = Signal(int, object, object)
    """(token, path, Prepared): the cleaned text, before any model runs."""
    analysed = Signal(int, object, object)
    """(token, path, Analysis): the full result."""
    progressed = Signal(int, int)
    """(token, percent): how far the analysis of a long review has got."""
    failed = Signal(int, object, str)
    """(token, path, message): the file could not be opened or analysed."""
    models_ready = Signal()
    models_failed = Signal(str)

    def __init__(self, parent: QObject | None = None, cache: ResultCache | None = None):
        super().__init__(parent)
        self.cache = cache
        """Results of reviews analysed before (None: always analyse)."""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._lock = threading.Lock()
        self._running: dict[int, threading.Event] = {}
        """The cancel switch of every request not yet finished, by token."""

    # The pool runs plain callables, not QRunnable subclasses: PySide keeps some finished
    # QRunnable wrappers alive after Qt deletes them (tests/ui/test_ui_soak.py counts them).
    def load_models(self) -> None:
        """Start loading the shared language models in the background."""
        self.pool.start(self._load_models)

    def open(self, token: int, path: Path) -> None:
        """Read, prepare and analyse ``path`` in the background (``token`` greater than any before)."""
        cancel = threading.Event()
        with self._lock:
            self._running[token] = cancel
        self.pool.start(lambda: self._open(token, path, cancel))

    def cancel(self, before: int | None = None) -> None:
        """Abandon the requests with a token below ``before`` (None: all of them)."""
        with self._lock:
            for token in [t for t in self._running if before is None or t < before]:
                self._running.pop(token).set()

    def shutdown(self, wait_ms: int = -1) -> bool:
        """Cancel and drop all work, then wait (at most ``wait_ms``, -1: no limit); True if none still runs."""
        self.pool.clear()
        self.cancel()
        return self.pool.waitForDone(wait_ms)

    def _emit(self, signal_name: str, *args) -> None:
        """Emit a signal from a worker, unless the window (and so this object) is gone."""
        try:
            getattr(self, signal_name).emit(*args)
        except RuntimeError:
            log.info("A result arrived after its window closed; dropped")

    def _load_models(self) -> None:
        try:
            models()
            analyze(WARM_UP_TEXT, "warm-up.txt")
        except MissingDataError as error:
            self._emit("models_failed", str(error))
        except Exception as error:  # noqa: BLE001 - reported to the reader, logged in full
            log.exception("Loading the language models failed")
            self._emit("models_failed", unexpected("The language models could not be loaded", error))
        else:
            self._emit("models_ready")
        if self.cache is not None:
            self.cache.prune()  # after the models: walking a large cache must not delay the first review

    def _open(self, token: int, path: Path, cancel: threading.Event) -> None:
        try:
            if not cancel.is_set():
                self._read_and_analyse(token, path, cancel)
        finally:
            with self._lock:
                self._running.pop(token, None)

    def _read_and_analyse(self, token: int, path: Path, cancel: threading.Event) -> None:
        try:
            raw = read_review(path)
            ready = prepare(raw)
        except ReviewError as error:
            self._emit("failed", token, path, str(error))
            return
        except Exception as error:  # noqa: BLE001
            log.exception("Reading %s failed", path)
            self._emit("failed", token, path, unexpected(f"{path.name} could not be opened", error))
            return
        self.cancel(before=token)
        self._emit("prepared", token, path, ready)
        try:
            result = self._analysis(raw, ready, path.name, cancel, self._progress_of(token, ready))
        except Cancelled:
            log.debug("Analysis of %s abandoned for a newer file", path)
        except MissingDataError as error:
            self._emit("failed", token, path, str(error))
        except Exception as error:  # noqa: BLE001
            log.exception("Analysing %s failed", path)
            self._emit("failed", token, path, unexpected(f"{path.name} could not be analysed", error))
        else:
            self._emit("analysed", token, path, result)

    def _progress_of(self, token: int, ready: Prepared):
        """The progress report for analysing ``ready`` (None for a review too short to need one)."""
        if len(ready.text) <= LONG_TEXT:
            return None
        return lambda percent: self._emit("progressed", token, percent)

    def _analysis(self, raw: bytes, ready: Prepared, name: str, cancel: threading.Event, progress) -> Analysis:
        """The cached result for these bytes, else a new analysis (then cached); raises Cancelled."""
        if self.cache is None:
            return analyze_prepared(ready, name, cancel, progress)
        key = content_key(raw)
        stored = self.cache.load(key)
        if stored is not None:
            return analysis_from_record(stored, name=name, size=len(raw))
        result = analyze_prepared(ready, name, cancel, progress)
        self.cache.store(key, result.to_dict())
        return result
