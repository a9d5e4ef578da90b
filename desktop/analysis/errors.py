"""Errors the engine reports to readers in plain language."""


class ReviewError(ValueError):
    """A file that cannot be read as a review; the message is for the reader."""
