"""Errors the engine reports to readers in plain language, and cancelling an analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

StepReport = Callable[[int, int], None]
"""Called with (done, total) as a stage of an analysis goes on."""


class ReviewError(ValueError):
    """A file that cannot be read as a review; the message is for the reader."""


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
