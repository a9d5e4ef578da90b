"""What the Finder uses of the window it serves (the shell's MainWindow), as types only: the reading room
never imports the shell or the panel, so the panel's people list and arc are described by what is called."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStatusBar

    from desktop.engine import Analysis
    from desktop.ui.reading.find_bar import FindBar
    from desktop.ui.reading.reader_view import ReaderView


class People(Protocol):
    """The panel's list of people."""

    @property
    def person_activated(self) -> SignalInstance: ...

    def clearSelection(self) -> None: ...  # noqa: N802 - Qt's name


class Arc(Protocol):
    """The panel's sentiment arc."""

    def set_current(self, index: int) -> None: ...


class Panel(Protocol):
    """The side panel."""

    @property
    def people(self) -> People: ...

    @property
    def arc(self) -> Arc: ...


class FinderWindow(Protocol):
    """The window a Finder finds in."""

    @property
    def reader(self) -> ReaderView: ...

    @property
    def find_bar(self) -> FindBar: ...

    @property
    def panel(self) -> Panel: ...

    @property
    def analysis(self) -> Analysis | None: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name
