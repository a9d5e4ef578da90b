"""What the reading view lays over its text as extra selections: find hits or a person's mentions (one of
them current), the verdict's evidence underlined and, with tints off, the spotlit sentence's tint."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from desktop import colours
from desktop.engine import Analysis, Evidence, Sentence, Span


class Highlights:
    """One view's highlights, kept in document positions; ``selections`` builds what it lays over the text."""

    def __init__(self, document: QTextDocument, to_document: Callable[[Span | Sentence | Evidence], tuple[int, int]]):
        self._document = document
        self._to_document = to_document
        self._theme, self._scale = colours.LIGHT, colours.RED_GREEN
        self._marks = colours.marks(self._theme, self._scale)
        self.hits: list[tuple[int, int]] = []
        """The document ranges of the find hits or mentions."""
        self.current = -1
        """The index of the current hit, or -1."""
        self.kind = ""
        """What the hits are: "find", "mention" or "" for none."""
        self.evidence_shown = False
        self.spotlit: int | None = None
        """With tints off, the sentence under the pointer (else the one at the cursor) that is tinted."""

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Draw in the colours of a theme and a scale."""
        self._theme, self._scale = theme, scale
        self._marks = colours.marks(theme, scale)

    def set_hits(self, spans: Sequence[Span], kind: str) -> None:
        """Highlight those of ``spans`` already in the document (kind "find", "search" or "mention"); none is
        current."""
        loaded = self._document.characterCount() - 1
        self.hits = [r for r in map(self._to_document, spans) if r[1] <= loaded]
        self.current = -1
        self.kind = kind if spans else ""

    def step(self, direction: int) -> int | None:
        """Make the next (1) or previous (-1) hit current; its document position (None: there are no hits)."""
        if not self.hits:
            return None
        if self.current < 0:
            self.current = 0 if direction > 0 else len(self.hits) - 1
        else:
            self.current = (self.current + direction) % len(self.hits)
        return self.hits[self.current][0]

    def selections(self, analysis: Analysis | None) -> list[QTextEdit.ExtraSelection]:
        """The extra selections to lay over the text; the spotlight and evidence need the ``analysis`` shown
        (None while its text is still loading)."""
        colour = self._marks.find if self.kind in ("find", "search") else self._marks.mention
        selections = self._spotlight(analysis) + self._evidence(analysis)
        for index, (start, end) in enumerate(self.hits):
            selection = self._over(start, end)
            selection.format.setBackground(QColor(self._marks.find_current if index == self.current else colour))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(selection)
        return selections

    def _spotlight(self, analysis: Analysis | None) -> list[QTextEdit.ExtraSelection]:
        if self.spotlit is None or analysis is None:
            return []
        sentence = analysis.sentences[self.spotlit]
        tint = colours.step_colour(colours.step(sentence.polarity), self._scale, self._theme)
        if tint is None:
            return []
        selection = self._over(*self._to_document(sentence))
        selection.format.setBackground(QColor(tint))
        return [selection]

    def _evidence(self, analysis: Analysis | None) -> list[QTextEdit.ExtraSelection]:
        if not self.evidence_shown or analysis is None:
            return []
        selections = []
        for cue in analysis.verdict.evidence:
            selection = self._over(*self._to_document(cue))
            selection.format.setFontUnderline(True)
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            selection.format.setUnderlineColor(QColor(self._theme.evidence))
            selections.append(selection)
        return selections

    def _over(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        """An extra selection over document positions ``start``..``end`` with an empty format to fill in."""
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self._document)
        selection.cursor.setPosition(start)
        selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.format = QTextCharFormat()
        return selection
