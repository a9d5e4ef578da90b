"""The open review: which file is on screen, which request is newest, and which results still count.

Opening runs in the background in two steps, the cleaned text and then the
analysis, and the reader may ask for another file at any moment. Each request
gets a number (a token); only the newest request's text may replace the review
on screen, and only the analysis of the text on screen may colour it. The
window calls these methods from its signal handlers and shows what they accept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.app.files import neighbour
from desktop.app.records import ReviewFile
from desktop.app.tables import is_collection
from desktop.engine import Analysis, Prepared

Source = str | Path | ReviewFile
"""A review to open: a file's path, or a listed review (a collection's row, a pasted review)."""


def sort_opened(paths: Sequence[str | Path]) -> tuple[Path | None, list[Path]]:
    """What the reader opened: the first folder (or else collection) for the library, or None and the review
    files to read, in their order."""
    files = [Path(p).absolute() for p in paths]
    shelves = [path for path in files if path.is_dir()] or [path for path in files if is_collection(path)]
    return (shelves[0], []) if shelves else (None, files)


class ReviewSession:
    """One review at a time: open, reload, step, close, and accept or drop background results."""

    def __init__(self, start: Callable[[int, ReviewFile], None], cancel: Callable[[], None]) -> None:
        """``start(token, review)`` begins opening a review in the background; ``cancel()`` stops the work."""
        self._start, self._cancel = start, cancel
        self.review: ReviewFile | None = None
        """The review whose text is on screen."""
        self.prepared: Prepared | None = None
        self.analysis: Analysis | None = None
        self.files: list[Path] = []
        """An explicit list to step through (several files opened at once), else empty: the folder decides."""
        self._asked: ReviewFile | None = None
        self._newest = 0
        self._shown = 0
        self._colouring: ReviewFile | None = None

    @property
    def path(self) -> Path | None:
        """The file of the review on screen (a collection's file for one of its rows)."""
        return self.review.path if self.review is not None else None

    @property
    def current(self) -> ReviewFile | None:
        """The review last asked for, else the one on screen: steps go from here, so a file that
        cannot be opened is skipped rather than a dead end."""
        return self._asked or self.review

    def open(self, source: Source) -> ReviewFile:
        """Ask for a review; the review on screen stays until its text is ready."""
        review = source if isinstance(source, ReviewFile) else ReviewFile.at(Path(source).absolute())
        self._newest += 1
        self._asked = review
        self._start(self._newest, review)
        return review

    def open_list(self, paths: Sequence[str | Path]) -> ReviewFile | None:
        """Open the first of several files; stepping then goes through them in this order."""
        files = [Path(p).absolute() for p in paths]
        if not files:
            return None
        self.files = files if len(files) > 1 else []
        return self.open(files[0])

    def reload(self) -> ReviewFile | None:
        """Read the review on screen again."""
        return self.open(self.review) if self.review else None

    def neighbour(self, direction: int) -> Path | None:
        """The file after (1) or before (-1) the current review file, in the explicit list or its folder
        (None for a collection's row or a pasted review: those step in the library, or not at all)."""
        current = self.current
        if current is None or current.text is not None or current.row is not None:
            return None
        return neighbour(current.path, direction, self.files)

    def step(self, direction: int, in_library: Callable[[ReviewFile, int], bool | None] | None,
             open_review: Callable[[Path], object]) -> str | None:
        """Open the review after (1) or before (-1) the current one: in the library's order when the library
        shows it (``in_library(review, direction)`` opens the next row and says whether there was one, or
        None when it does not show the review), else in the list or folder (``open_review``). Steps go from
        the review last asked for, so one that cannot be opened is skipped. The message to show when there
        is nothing that way, else None."""
        current = self.current
        if current is None:
            return None
        stepped = in_library(current, direction) if in_library is not None else None
        if stepped is None:
            following = self.neighbour(direction)
            if following is not None:
                open_review(following)
            stepped = following is not None
        if stepped:
            return None
        return "This is the last review." if direction > 0 else "This is the first review."

    def close(self) -> None:
        """Nothing on screen; results still on their way are dropped and the work is cancelled."""
        self.forget_pending()
        self._cancel()
        self.review = self.prepared = self.analysis = self._asked = None
        self._colouring = None

    def forget_pending(self) -> None:
        """Drop every result still on its way (the window is closing, or nothing is on screen)."""
        self._newest += 1
        self._shown = 0

    def show_prepared(self, token: int, review: ReviewFile, prepared: Prepared) -> bool:
        """A review's cleaned text is ready: True when it is the newest request, which it now shows."""
        if token != self._newest:
            return False
        self._shown = token
        self.review, self.prepared, self.analysis, self._colouring = review, prepared, None, None
        return True

    def show_analysis(self, token: int, analysis: Analysis) -> bool:
        """An analysis is ready: True when it belongs to the text on screen, which it then colours."""
        if token != self._shown:
            return False
        self.analysis = analysis
        self._colouring = self.review
        return True

    def shows_progress(self, token: int) -> bool:
        """Whether progress reported for ``token`` is about the review on screen, still unanalysed."""
        return token == self._shown and self.analysis is None

    def coloured(self) -> ReviewFile | None:
        """The colouring of an analysis finished: the review now complete, or None if none was pending."""
        review, self._colouring = self._colouring, None
        return review if review is not None and self.analysis is not None else None

    def concerns(self, token: int) -> bool:
        """Whether a failure of request ``token`` matters: the newest request or the text on screen."""
        return token in (self._newest, self._shown)

    def awaits_analysis(self, review: ReviewFile) -> bool:
        """Whether ``review`` is on screen with its text but no analysis yet."""
        return self.prepared is not None and self.review == review and self.analysis is None
