"""A read-only view that is safe for any text a review holds.

The document is built from plain text with QTextCursor and QTextCharFormat,
never from HTML, and its ``loadResource`` refuses everything, so review text
can neither inject markup nor make the view load anything. The view takes no
drops or pastes, and copies the text's own characters, as plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import QFrame, QMenu, QTextEdit

from desktop.engine import Evidence, Sentence, Span
from desktop.ui.reading.offsets import OffsetMap


class SafeDocument(QTextDocument):
    """A document that never loads a resource (image, style sheet, file or URL)."""

    def loadResource(self, kind: int, name):  # noqa: N802 - Qt override
        return None


class SafeView(QTextEdit):
    """Read-only ``text``, selectable and copied as plain text; a subclass shows it and sets ``_map``, the
    OffsetMap from its offsets to document positions."""

    zoom_requested = Signal(int)
    """Ctrl+wheel asked for one zoom step bigger (1) or smaller (-1)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDocument(SafeDocument(self))
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.setCursorWidth(0)  # read-only text: no blinking caret (selection still works)
        self.document().setUndoRedoEnabled(False)
        self.text = ""
        self._map = OffsetMap("", ())

    def document_range(self, span: Span | Sentence | Evidence) -> tuple[int, int]:
        """The document positions of a text span."""
        return self._map.to_document(span.start), self._map.to_document(span.end)

    def selected_text(self) -> str:
        """The selection as the text's own characters."""
        cursor = self.textCursor()
        return self.text[self._map.to_text(cursor.selectionStart()) : self._map.to_text(cursor.selectionEnd())]

    def copy_plain(self) -> None:
        """Copy the selection to the clipboard as plain text only."""
        if self.textCursor().hasSelection():
            QGuiApplication.clipboard().setText(self.selected_text())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_plain()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps:
                self.zoom_requested.emit(1 if steps > 0 else -1)
            event.accept()
        else:
            super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        copy = menu.addAction("Copy", self.copy_plain)
        copy.setEnabled(self.textCursor().hasSelection())
        menu.addAction("Select All", self.selectAll)
        menu.exec(event.globalPos())

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 - Qt override
        return False
