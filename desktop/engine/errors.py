"""Errors the engine reports to readers in plain language, and cancelling an analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

StepReport = Callable[[int, int], None]
"""Called with (done, total) as a stage of an analysis goes on."""


MESSAGE_LIMIT = 300
"""The most characters of a message for the reader; a longer one ends in "…"."""


class ReviewError(ValueError):
    """A file that cannot be read as a review; the message is for the reader, at most MESSAGE_LIMIT characters
    (whatever the file's names hold)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message if len(message) <= MESSAGE_LIMIT else message[:MESSAGE_LIMIT - 1] + "…")


class Cancelled(Exception):
    """An analysis stopped because its cancel event was set."""


class CancelEvent(Protocol):
    """Anything with ``is_set()``, such as a ``threading.Event``."""

    def is_set(self) -> bool: ...


def check_cancel(cancel: CancelEvent | None) -> None:
    """Raise Cancelled when ``cancel`` is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled("The analysis was cancelled.")


def unexpected(what: str, error: BaseException) -> str:
    """The reader's message for an internal failure: ``what`` failed, and the details (logged) stay in the log."""
    return f"{what} because of an unexpected problem ({type(error).__name__}); the details are in the log."
