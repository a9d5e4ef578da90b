"""Reading and analysing reviews off the UI thread.

Each request carries a token; the window keeps only results whose token is
still current, so a slow analysis of a file opened earlier is ignored.
Signals emitted from the pool's threads reach the window through queued
connections, so every slot runs on the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.analysis import (
    Analysis,
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

log = logging.getLogger(__name__)

# Analysed once after the models load, so the first real review opens as fast as later ones.
WARM_UP_TEXT = "Anna Berg was wonderful in this film, but the plot was dull. Ms. Berg deserves better."


class _Job(QRunnable):
    """A Python callable run by a QThreadPool."""

    def __init__(self, work: Callable[[], None]):
        super().__init__()
        self.work = work

    def run(self) -> None:
        self.work()


class Analyst(QObject):
    """Runs review reading, analysis and model loading in a thread pool."""

    prepared = Signal(int, object, object)
    """(token, path, Prepared): the cleaned text, before any model runs."""
    analysed = Signal(int, object, object)
    """(token, path, Analysis): the full result."""
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

    def load_models(self) -> None:
        """Start loading the shared language models in the background."""
        self.pool.start(_Job(self._load_models))

    def open(self, token: int, path: Path) -> None:
        """Read, prepare and analyse ``path`` in the background."""
        self.pool.start(_Job(lambda: self._open(token, path)))

    def shutdown(self, wait_ms: int = -1) -> bool:
        """Drop queued work and wait (at most ``wait_ms``, -1: no limit); True if none still runs."""
        self.pool.clear()
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
            self._emit("models_failed", f"The language models could not be loaded: {error}")
        else:
            self._emit("models_ready")

    def _open(self, token: int, path: Path) -> None:
        try:
            raw = read_review(path)
            ready = prepare(raw)
        except ReviewError as error:
            self._emit("failed", token, path, str(error))
            return
        except Exception as error:  # noqa: BLE001
            log.exception("Reading %s failed", path)
            self._emit("failed", token, path, f"{path.name} could not be opened: {error}")
            return
        self._emit("prepared", token, path, ready)
        try:
            result = self._analysis(raw, ready, path.name)
        except MissingDataError as error:
            self._emit("failed", token, path, str(error))
        except Exception as error:  # noqa: BLE001
            log.exception("Analysing %s failed", path)
            self._emit("failed", token, path, f"{path.name} could not be analysed: {error}")
        else:
            self._emit("analysed", token, path, result)

    def _analysis(self, raw: bytes, ready: Prepared, name: str) -> Analysis:
        """The cached result for these bytes, else a new analysis (then cached)."""
        if self.cache is None:
            return analyze_prepared(ready, name)
        key = content_key(raw)
        stored = self.cache.load(key)
        if stored is not None:
            return analysis_from_record(stored, name=name, size=len(raw))
        result = analyze_prepared(ready, name)
        self.cache.store(key, result.to_dict())
        return result
