"""Python's cyclic garbage collector, run on the UI thread only.

Automatic collection runs in whichever thread happens to allocate. When that
is an analysis thread and the garbage holds Qt wrappers (a closed window's
widgets, a finished QRunnable), Qt objects are destroyed off their thread and
PySide can crash. :func:`install` turns automatic collection off and collects
from a timer on the UI thread instead, with the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250


class UiThreadCollector(QObject):
    """Collects garbage from a UI-thread timer while automatic collection is off."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds; return objects freed."""
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if count <= threshold:
                break
            generation = level
        return gc.collect(generation) if generation >= 0 else 0


def freeze_loaded_models() -> None:
    """Exempt everything alive now (the loaded language models) from future collections.

    The models hold a few hundred thousand objects; without this, each full
    collection walks them all and stalls the window for about 100 ms.
    """
    gc.freeze()


def install(app: QCoreApplication) -> UiThreadCollector:
    """Collect garbage only on ``app``'s thread (once per application)."""
    existing = app.findChild(UiThreadCollector)
    return existing if existing is not None else UiThreadCollector(app)
