"""What the window remembers between sessions, and when: the recent files and the reader's place in each
review. No Qt: the window's settings keep the lists (:class:`Remembers`); the rules live here."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from desktop.app.records import ReviewFile


class Remembers(Protocol):
    """Where the recent files and reading places are kept (the window's settings)."""

    @property
    def recent_files(self) -> list[str]: ...
    def add_recent(self, path: str) -> None: ...
    def remove_recent(self, path: str) -> None: ...
    def reading_place(self, path: str) -> int: ...
    def set_reading_place(self, path: str, offset: int) -> None: ...


def place_key(review: ReviewFile) -> str:
    """Where the reading place of a review is remembered: its file, and its row in a collection."""
    return str(review.path) if review.row is None else f"{review.path}#row{review.row}"


class ReadingMemory:
    """The recent files and reading places.

    A file the reader opened (File ▸ Open, dropped, named on the command line,
    reopened from the list) joins the recent files once its text shows; a table
    opened as a library joins at once; library rows, pasted reviews and the sample
    never do. A file that has vanished leaves the list when it fails to open.
    """

    def __init__(self, store: Remembers) -> None:
        self.store = store
        self._awaited: Path | None = None

    @property
    def recent(self) -> list[str]:
        """The recent files, newest first."""
        return self.store.recent_files

    def opened_by_reader(self, path: Path) -> None:
        """The reader asked for ``path``: it joins the recent files once it shows."""
        self._awaited = path

    def opened_table(self, path: Path) -> None:
        """The reader opened a table of reviews as a library."""
        if path.is_file():
            self.store.add_recent(str(path))

    def shown(self, review: ReviewFile) -> bool:
        """``review``'s text is on screen; True when that changed the recent files."""
        if review.path != self._awaited:
            return False
        self._awaited = None
        self.store.add_recent(str(review.path))
        return True

    def failed(self, review: ReviewFile) -> bool:
        """``review`` could not be opened; True when its vanished file left the recent files."""
        if review.text is not None or review.path.exists() or str(review.path) not in self.store.recent_files:
            return False
        self.store.remove_recent(str(review.path))
        return True

    def place(self, review: ReviewFile) -> int:
        """The text offset the reader left ``review`` at (0: its start)."""
        return self.store.reading_place(place_key(review))

    def leave(self, review: ReviewFile, offset: int) -> None:
        """The reader leaves ``review`` at ``offset``; a review with no file of its own (pasted) is not
        remembered."""
        if not review.unsaved:
            self.store.set_reading_place(place_key(review), offset)
