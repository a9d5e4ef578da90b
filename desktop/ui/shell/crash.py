"""A dialog instead of a silent crash; the details go to the log (``desktop.logs``)."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("desktop")


def show_crash_dialog(summary: str, log_path: Path) -> None:
    """Tell the reader something went wrong and where the details are."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Review Reader ran into a problem", summary)
    box.setInformativeText(
        f"Review Reader keeps running, but it may not behave as expected.\n\nThe details were written to:\n{log_path}"
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class _MainThreadRelay(QObject):
    """Carries exceptions from worker threads to the UI thread."""

    raised = Signal(object, object, object)


class CrashHandler:
    """Installs ``sys.excepthook`` and ``threading.excepthook``."""

    def __init__(self, log_path: Path, dialog: Callable[[str, Path], None] = show_crash_dialog):
        self.log_path = log_path
        self.dialog = dialog
        self._relay = _MainThreadRelay()
        self._relay.raised.connect(self.handle)
        self._showing = False

    def install(self) -> None:
        """Route every unhandled exception to :meth:`handle`."""
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], error: BaseException | None, trace: TracebackType | None) -> None:
        """Log the exception and show the crash dialog on the UI thread (one at a time).

        Qt reports an exception raised in a thread-pool job from that thread: it is
        carried to the UI thread first, as widgets may only be touched there.
        """
        if threading.current_thread() is not threading.main_thread():
            self._relay.raised.emit(kind, error, trace)
            return
        log.error("Unhandled exception:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if self._showing:
            return
        self._showing = True
        try:
            self.dialog(f"{kind.__name__}: {error}"[:300], self.log_path)
        finally:
            self._showing = False
