"""The status bar's word on the language models: loading (with a busy bar), ready, or missing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

READY_SHOWN_MS = 4000
"""How long "Models ready" stays before it goes."""


class ModelStatus:
    """Shows in ``bar`` how the models' loading goes; ``state`` is "loading", "ready" or "failed"."""

    def __init__(self, bar: QStatusBar):
        self.state = "loading"
        self.busy = QProgressBar(maximumWidth=80, maximumHeight=10, textVisible=False)
        self.busy.setRange(0, 0)
        self.label = QLabel("Loading language models…")
        bar.addPermanentWidget(self.busy)
        bar.addPermanentWidget(self.label)

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def show_ready(self) -> None:
        self.state = "ready"
        self.busy.hide()
        self.label.setText("Models ready")
        QTimer.singleShot(READY_SHOWN_MS, self.label, self.label.hide)

    def show_failed(self, message: str) -> None:
        self.state = "failed"
        self.busy.hide()
        self.label.setText("Language data missing")
        self.label.setToolTip(message)
