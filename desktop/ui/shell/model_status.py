"""The status bar's word on the language models: loading (with a busy bar), ready, or missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from desktop.ui.reading.worker import Analyst
from desktop.ui.shell import gc_guard

READY_SHOWN_MS = 4000
"""How long "Models ready" stays before it goes."""


class ModelStatus:
    """Loads the language models once (:meth:`start`) and shows in ``bar`` how it goes; ``state`` is
    "loading", "ready" or "failed". A failure is also told to ``warn`` (the banner)."""

    def __init__(self, bar: QStatusBar, analyst: Analyst, warn: Callable[[str], None]):
        self.analyst, self.warn = analyst, warn
        analyst.models_ready.connect(self.show_ready)
        analyst.models_failed.connect(self.show_failed)
        self.state = "loading"
        self.started = False
        self.busy = QProgressBar(maximumWidth=80, maximumHeight=10, textVisible=False)
        self.busy.setRange(0, 0)
        self.label = QLabel("Loading language models…")
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.label)

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def start(self) -> bool:
        """Load the models in the background; True the first time (later calls do nothing)."""
        if self.started:
            return False
        self.started = True
        self.analyst.load_models()
        return True

    def show_ready(self) -> None:
        gc_guard.freeze_loaded_models()
        self.state = "ready"
        self.busy.hide()
        self.label.setText("Models ready")
        QTimer.singleShot(READY_SHOWN_MS, self.label, self.label.hide)

    def show_failed(self, message: str) -> None:
        self.state = "failed"
        self.busy.hide()
        self.label.setText("Language data missing")
        self.label.setToolTip(message)
        self.warn(message)
