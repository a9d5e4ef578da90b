"""Starting the reader: the QApplication, crash handling and the main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

import desktop
from desktop.logs import start_logging
from desktop.ui.shell import gc_guard
from desktop.ui.shell.crash import CrashHandler
from desktop.ui.shell.icons import app_icon
from desktop.ui.shell.settings import APPLICATION, ORGANIZATION

SIGNAL_CHECK_MS = 200


def use_a_utf8_locale() -> None:
    """A C or POSIX locale (``env -i``, a bare service) becomes C.UTF-8 before Qt starts, as Python does for
    itself (PEP 538) but a packaged app's Python does not: Qt needs UTF-8 and would print a three-line warning."""
    if os.environ.get("LC_ALL") in ("C", "POSIX"):
        os.environ["LC_ALL"] = "C.UTF-8"
    elif not os.environ.get("LC_ALL") and (os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C") in ("C", "POSIX"):
        os.environ["LC_CTYPE"] = "C.UTF-8"


def create_application() -> QApplication:
    """The QApplication with the app's names, style and icon."""
    use_a_utf8_locale()
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(desktop.__version__)
    existing = cast("QApplication | None", QApplication.instance())  # only ever a QApplication here (or pytest-qt's)
    app = existing or QApplication([sys.argv[0] if sys.argv else "review-reader"])
    app.setStyle("Fusion")
    app.setDesktopFileName("review-reader")
    app.setWindowIcon(app_icon())
    gc_guard.install(app)
    return app


class Termination:
    """SIGTERM or Ctrl+C closes the window (saving settings) instead of killing the app, from the moment
    the app starts: a signal that comes before the window is shown closes it once it is."""

    def __init__(self) -> None:
        self.window: QWidget | None = None
        self.requested = False
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, self._on_signal)

    def _on_signal(self, *_args) -> None:
        self.requested = True
        if self.window is not None:
            self.window.close()

    def attach(self, window: QWidget) -> None:
        """Close ``window`` on a termination signal (now, if one came while it was being made)."""
        self.window = window
        # Python runs signal handlers only between bytecodes: wake it up regularly.
        heartbeat = QTimer(window, interval=SIGNAL_CHECK_MS)
        heartbeat.timeout.connect(lambda: None)
        heartbeat.start()
        if self.requested:
            QTimer.singleShot(0, window.close)


def run(files: Sequence[str]) -> int:
    """Show the reader window, open the files given, and run until it closes (0 on a normal close)."""
    app = create_application()
    termination = Termination()
    log_path = start_logging()
    CrashHandler(log_path).install()
    logging.getLogger("desktop").info("Review Reader %s started; log at %s", desktop.__version__, log_path)
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow()
    termination.attach(window)
    window.show()
    window.open_files(files)
    status = app.exec()
    if not window.finished_cleanly:
        # An analysis of a huge file is still running and cannot be interrupted:
        # leave now rather than keep a closed app alive until it ends.
        logging.shutdown()
        os._exit(status)
    return status
