"""Filling the reading view between events, so a long review keeps the window responsive: the text goes in
``CHUNK_PARAGRAPHS`` blocks at a time, then the sentences are tinted by polarity ``CHUNK_SENTENCES`` at a time.

Each new text, and each new tinting, starts a generation: a chunk queued for an older one does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from desktop import colours
from desktop.engine import Sentence, Span
from desktop.ui.reading import page

CHUNK_PARAGRAPHS = 300
CHUNK_SENTENCES = 1500


class Painter(QObject):
    """Puts a review's text into a document and tints its sentences, a chunk at a time."""

    loaded = Signal()
    """The last block of the text is in the document."""
    painted = Signal()
    """Every sentence is tinted."""

    def __init__(self, document: QTextDocument, to_document: Callable[[Sentence], tuple[int, int]], parent: QObject):
        super().__init__(parent)
        self._document = document
        self._to_document = to_document
        self._generation = 0
        self._paint_generation = 0
        self._formats: dict[int, QTextCharFormat] = {}
        self._coloured = False
        self.complete = True
        """All of the text is in the document."""

    def clear(self) -> None:
        """Empty the document and forget the chunks still queued.

        The root frame stays, with its margins: ``QTextDocument.clear()`` would replace it, and PySide
        keeps the Python wrapper of every root frame the margins are set on, so each review would leave one.
        """
        self._generation += 1
        self._paint_generation += 1
        self._coloured = False
        self.complete = False
        cursor = QTextCursor(self._document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setBlockCharFormat(QTextCharFormat())

    def append(self, text: str, blocks: Sequence[Span]) -> None:
        """Put ``blocks`` of ``text`` into the emptied document, one text block each; ``loaded`` tells when
        the last is in."""
        self._append(self._generation, text, blocks, 0)

    def _append(self, generation: int, text: str, blocks: Sequence[Span], first: int) -> None:
        if generation != self._generation:
            return
        last = min(len(blocks), first + CHUNK_PARAGRAPHS)
        cursor = QTextCursor(self._document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        for index in range(first, last):
            block = blocks[index]
            if index:
                cursor.insertBlock(page.block_format(self._document), QTextCharFormat())
            else:
                cursor.setBlockFormat(page.block_format(self._document))
            # A single line break inside a paragraph stays a line break.
            cursor.insertText(text[block.start : block.end].replace("\n", "\u2028"), QTextCharFormat())
        cursor.endEditBlock()
        if last < len(blocks):
            QTimer.singleShot(0, self, lambda: self._append(generation, text, blocks, last))
            return
        self.complete = True
        self.loaded.emit()

    def tint(self, sentences: Sequence[Sentence] | None, scale: colours.Scale, theme: colours.Theme,
             strength: float) -> None:
        """Take the tints off, then tint ``sentences`` (None: leave the text plain) in ``scale`` on ``theme``
        at ``strength`` (0: none); ``painted`` tells when all are. Before the text is complete: nothing."""
        self._paint_generation += 1
        if not self.complete:
            return
        if self._coloured:
            cursor = QTextCursor(self._document)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.setCharFormat(QTextCharFormat())
        self._coloured = sentences is not None
        self._formats = {}
        if sentences is not None:
            self._tint_from(self._paint_generation, sentences, (scale, theme, strength), 0)

    def _tint_from(self, generation: int, sentences: Sequence[Sentence],
                   palette: tuple[colours.Scale, colours.Theme, float], first: int) -> None:
        if generation != self._paint_generation:
            return
        scale, theme, strength = palette
        last = min(len(sentences), first + CHUNK_SENTENCES)
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        for sentence in sentences[first:last]:
            step = colours.step(sentence.polarity)
            if step == 0 or not strength:
                continue
            if step not in self._formats:
                self._formats[step] = QTextCharFormat()
                self._formats[step].setBackground(QColor(colours.step_colour(step, scale, theme, strength)))
            start, end = self._to_document(sentence)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(self._formats[step])
        cursor.endEditBlock()
        if last < len(sentences):
            QTimer.singleShot(0, self, lambda: self._tint_from(generation, sentences, palette, last))
        else:
            self.painted.emit()
