"""Errors the engine reports to readers in plain language, and cancelling an analysis."""

from __future__ import annotations

from typing import Protocol


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
