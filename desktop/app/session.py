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

from desktop.analysis import Analysis, Prepared
from desktop.analysis.files import neighbour


class ReviewSession:
    """One review at a time: open, reload, step, close, and accept or drop background results."""

    def __init__(self, start: Callable[[int, Path], None], cancel: Callable[[], None]) -> None:
        """``start(token, path)`` begins opening a file in the background; ``cancel()`` stops the work."""
        self._start, self._cancel = start, cancel
        self.path: Path | None = None
        """The review whose text is on screen."""
        self.prepared: Prepared | None = None
        self.analysis: Analysis | None = None
        self.files: list[Path] = []
        """An explicit list to step through (several files opened at once), else empty: the folder decides."""
        self._asked: Path | None = None
        self._newest = 0
        self._shown = 0
        self._colouring: Path | None = None

    @property
    def current(self) -> Path | None:
        """The file last asked for, else the one on screen: steps go from here, so a file that
        cannot be opened is skipped rather than a dead end."""
        return self._asked or self.path

    def open(self, path: str | Path) -> Path:
        """Ask for ``path``; the review on screen stays until its text is ready."""
        path = Path(path).absolute()
        self._newest += 1
        self._asked = path
        self._start(self._newest, path)
        return path

    def open_list(self, paths: Sequence[str | Path]) -> Path | None:
        """Open the first of several files; stepping then goes through them in this order."""
        files = [Path(p).absolute() for p in paths]
        if not files:
            return None
        self.files = files if len(files) > 1 else []
        return self.open(files[0])

    def reload(self) -> Path | None:
        """Read the review on screen again."""
        return self.open(self.path) if self.path else None

    def neighbour(self, direction: int) -> Path | None:
        """The file after (1) or before (-1) the current one, in the explicit list or its folder."""
        current = self.current
        return neighbour(current, direction, self.files) if current is not None else None

    def close(self) -> None:
        """Nothing on screen; results still on their way are dropped and the work is cancelled."""
        self.forget_pending()
        self._cancel()
        self.path = self.prepared = self.analysis = self._asked = None
        self._colouring = None

    def forget_pending(self) -> None:
        """Drop every result still on its way (the window is closing, or nothing is on screen)."""
        self._newest += 1
        self._shown = 0

    def is_newest(self, token: int) -> bool:
        """Whether ``token`` is the newest request (whose text may replace the review on screen)."""
        return token == self._newest

    def show_prepared(self, token: int, path: Path, prepared: Prepared) -> bool:
        """A file's cleaned text is ready: True when it is the newest request, which it now shows."""
        if not self.is_newest(token):
            return False
        self._shown = token
        self.path, self.prepared, self.analysis, self._colouring = path, prepared, None, None
        return True

    def show_analysis(self, token: int, analysis: Analysis) -> bool:
        """An analysis is ready: True when it belongs to the text on screen, which it then colours."""
        if token != self._shown:
            return False
        self.analysis = analysis
        self._colouring = self.path
        return True

    def shows_progress(self, token: int) -> bool:
        """Whether progress reported for ``token`` is about the review on screen, still unanalysed."""
        return token == self._shown and self.analysis is None

    def coloured(self) -> Path | None:
        """The colouring of an analysis finished: the review now complete, or None if none was pending."""
        path, self._colouring = self._colouring, None
        return path if path is not None and self.analysis is not None else None

    def concerns(self, token: int) -> bool:
        """Whether a failure of request ``token`` matters: the newest request or the text on screen."""
        return token in (self._newest, self._shown)

    def awaits_analysis(self, path: Path) -> bool:
        """Whether ``path`` is on screen with its text but no analysis yet."""
        return self.prepared is not None and self.path == path and self.analysis is None
