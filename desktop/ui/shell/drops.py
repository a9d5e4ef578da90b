"""Files dropped on the window: local files and folders only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def dropped_files(event) -> list[Path]:
    """The local files a drag carries (none for text, web links and the like)."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class FileDrops(QObject):
    """Lets ``widget`` take dropped files and hands them to ``open_files``."""

    def __init__(self, widget: QWidget, open_files: Callable[[list[Path]], None]):
        super().__init__(widget)
        self._open_files = open_files
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            files = dropped_files(event)
            if not files:
                event.ignore()
                return True
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self._open_files(files)
            return True
        return False
