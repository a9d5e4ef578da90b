"""The log file shared by the window, the command line and their worker processes (no Qt).

Tracebacks go here, never to a reader: the log is ``review-reader.log`` in
``desktop.paths.log_dir()``, kept under about 3 MB in all.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop.paths import log_dir

LOG_NAME = "review-reader.log"
LOG_BYTES = 1_000_000
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("desktop")


def start_logging() -> Path:
    """Log the app's messages to the log file (rotated) from now on; return the file's path."""
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=2, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.StreamHandler()
    _use(handler)
    return path


def log_file() -> Path | None:
    """The file this process logs to, if logging was started."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def join_log(path: str | None) -> None:
    """In a worker process: log to the parent's log file ``path`` too (appending; the parent rotates it)."""
    if path is None or log_file() is not None:
        return
    try:
        _use(logging.FileHandler(path, encoding="utf-8", delay=True))
    except OSError:
        pass


def _use(handler: logging.Handler) -> None:
    """Make ``handler`` the app's one log handler."""
    for old in list(log.handlers):
        log.removeHandler(old)
        old.close()
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
