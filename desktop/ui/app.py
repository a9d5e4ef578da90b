"""Starting the reader: the QApplication, crash handling and the main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

import desktop
from desktop.logs import start_logging
from desktop.ui import gc_guard
from desktop.ui.crash import CrashHandler
from desktop.ui.icons import app_icon
from desktop.ui.settings import APPLICATION, ORGANIZATION

SIGNAL_CHECK_MS = 200


def create_application() -> QApplication:
    """The QApplication with the app's names, style and icon."""
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(desktop.__version__)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "review-reader"])
    app.setStyle("Fusion")
    app.setDesktopFileName("review-reader")
    app.setWindowIcon(app_icon())
    gc_guard.install(app)
    return app


def close_on_termination(window: QWidget) -> None:
    """SIGTERM or Ctrl+C closes the window (saving settings) instead of killing the app."""
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes: wake it up regularly.
    heartbeat = QTimer(window, interval=SIGNAL_CHECK_MS)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()


def run(files: Sequence[str]) -> int:
    """Show the reader window, open the files given, and run until it closes (0 on a normal close)."""
    app = create_application()
    log_path = start_logging()
    CrashHandler(log_path).install()
    logging.getLogger("desktop").info("Review Reader %s started; log at %s", desktop.__version__, log_path)
    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    close_on_termination(window)
    window.show()
    window.open_files(files)
    status = app.exec()
    if not window.finished_cleanly:
        # An analysis of a huge file is still running and cannot be interrupted:
        # leave now rather than keep a closed app alive until it ends.
        logging.shutdown()
        os._exit(status)
    return status
