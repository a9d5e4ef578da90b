"""The reading view: the cleaned review, each sentence tinted by its polarity.

It shows and takes the reader's events on a ``SafeView`` (safe_view.py); beside
it ``painter`` fills and tints its document, ``highlights`` builds the marks
laid over the text, ``page`` sets the typography and ``wording`` words the tooltips.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QToolTip

from desktop import colours
from desktop.engine import Analysis, Span
from desktop.ui.reading import page
from desktop.ui.reading.highlights import Highlights
from desktop.ui.reading.offsets import OffsetMap, display_blocks
from desktop.ui.reading.painter import Painter
from desktop.ui.reading.safe_view import SafeView
from desktop.ui.reading.wording import sentence_tooltip

LONG_RUN = re.compile(r"\S{1000}")
"""A run this long without a space: Qt's word-boundary wrapping takes time in its length squared."""


class ReaderView(SafeView):
    """Read-only view of one review with sentiment colours and highlights."""

    sentence_selected = Signal(int)
    painted = Signal()
    """Every sentence of the current analysis is coloured."""
    hits_changed = Signal(int, int)
    """(current hit index or -1, number of hits)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self._theme = colours.LIGHT
        self._scale = colours.RED_GREEN
        self._tint = 1.0
        """How far sentence tints go (View ▸ Tint Strength); 0: only the spotlit sentence is tinted."""
        self._zoom = 100
        self._side_margin = -1
        self._place = 0
        self._painter = Painter(self.document(), self.document_range, self)
        self._painter.loaded.connect(self._on_loaded)
        self._painter.painted.connect(self._show_highlights)  # the evidence marks, now the analysis is shown
        self._painter.painted.connect(self.painted)
        self.highlights = Highlights(self.document(), self.document_range)
        self._apply_font()

    # --- content -------------------------------------------------------
    def show_text(self, text: str, paragraphs: Sequence[Span]) -> None:
        """Show cleaned text, one block per paragraph, without colours yet.

        A long review is added in chunks between events, so the window stays
        responsive; ``text_complete`` tells when the last chunk is in.
        """
        self.highlights.spotlit = None
        self.text = text
        self.analysis = None
        blocks = display_blocks(text, paragraphs)
        self._map = OffsetMap(text, blocks)
        wrap = QTextOption.WrapMode
        self.setWordWrapMode(wrap.WrapAnywhere if LONG_RUN.search(text) else wrap.WrapAtWordBoundaryOrAnywhere)
        self.highlights.set_hits((), "")
        self._place = 0
        self._painter.clear()
        self._update_margins()
        self.setExtraSelections([])
        self._painter.append(text, blocks)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.hits_changed.emit(-1, 0)

    @property
    def text_complete(self) -> bool:
        """All of the text shown is in the document (a long review goes in a chunk at a time)."""
        return self._painter.complete

    def _on_loaded(self) -> None:
        self._scroll_to_place()
        if self.analysis is not None:
            self._paint_sentences()

    def _paint_sentences(self) -> None:
        sentences = self.analysis.sentences if self.analysis is not None else None
        self._painter.tint(sentences, self._scale, self._theme, self._tint)

    def show_analysis(self, analysis: Analysis) -> None:
        """Colour the sentences of the analysis; ``painted`` tells when all are coloured."""
        self.highlights.spotlit = None
        if analysis.text != self.text:
            self.show_text(analysis.text, analysis.paragraphs)
        self.analysis = analysis
        if self.text_complete:
            self._paint_sentences()

    def clear_review(self) -> None:
        """Show nothing."""
        self.show_text("", ())

    # --- the reader's place --------------------------------------------
    def top_offset(self) -> int:
        """The text offset of the line at the top of the page: the reader's place."""
        if self.verticalScrollBar().value() == 0:
            return 0
        cursor = self.cursorForPosition(QPoint(self.viewport().width() // 2, 1))
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        return self._map.to_text(cursor.position())

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding text ``offset`` at the top of the page (once its text is loaded)."""
        self._place = max(0, min(offset, len(self.text)))
        if self.text_complete:
            self._scroll_to_place()

    def _scroll_to_place(self) -> None:
        if not self._place:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_document(self._place))
        block = cursor.block()
        line = block.layout().lineForTextPosition(cursor.positionInBlock())
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(int(top + (line.y() if line.isValid() else 0)))

    def _centre_on(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    # --- appearance ----------------------------------------------------
    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None:
        """Use a theme and a colour scale."""
        self._theme, self._scale = theme, scale
        self.highlights.set_colours(theme, scale)
        # A style sheet, unlike a palette, survives the application's style sheet being re-applied.
        self.setStyleSheet(
            f"QTextEdit {{ background: {theme.page}; color: {theme.text}; border: none;"
            f" selection-background-color: {colours.marks(theme, scale).selection}; selection-color: {theme.text}; }}"
        )
        self._paint_sentences()
        self._show_highlights()

    def set_zoom(self, percent: int) -> None:
        """Scale the reading font to ``percent`` of its normal size."""
        self._zoom = percent
        self._apply_font()

    @property
    def zoom(self) -> int:
        return self._zoom

    def _apply_font(self) -> None:
        self.document().setDefaultFont(page.reading_font(self._zoom))
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(page.block_format(self.document()))
        self._side_margin = -1
        self._update_margins()

    def _update_margins(self) -> None:
        side = page.side_margin(self.document(), self.viewport().width())
        if side != self._side_margin:
            self._side_margin = side
            page.set_margins(self.document(), side)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_margins()

    # --- sentences -----------------------------------------------------
    def sentence_at_point(self, point: QPoint) -> int | None:
        """The sentence under a viewport point, if the point is on text."""
        if self.analysis is None:
            return None
        content = point + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        position = self.document().documentLayout().hitTest(content, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        return self.analysis.sentence_at(self._map.to_text(position))

    def select_sentence(self, index: int) -> None:
        """Select sentence ``index``, scroll to it and announce it (once its text is loaded)."""
        if self.analysis is None:
            return
        start, end = self.document_range(self.analysis.sentences[index])
        if end > self.document().characterCount() - 1:
            return
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._centre_on(start)
        self._spotlight(index)
        self.sentence_selected.emit(index)

    def selected_sentence(self) -> int | None:
        """The sentence at the cursor, if a review is analysed."""
        if self.analysis is None:
            return None
        cursor = self.textCursor()
        return self.analysis.sentence_at(self._map.to_text(cursor.selectionStart()))

    def step_sentence(self, direction: int) -> None:
        """Select the next (1) or previous (-1) sentence."""
        if self.analysis is None or not self.analysis.sentences:
            return
        current = self.selected_sentence()
        if current is None or not self.textCursor().hasSelection():
            target = 0 if direction > 0 else len(self.analysis.sentences) - 1
        else:
            target = (current + direction) % len(self.analysis.sentences)
        self.select_sentence(target)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            index = self.sentence_at_point(self.viewport().mapFromGlobal(event.globalPos()))
            if index is None or self.analysis is None:  # no analysis: no sentence under the pointer
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), sentence_tooltip(
                    self.analysis.sentences[index], self.analysis.verdict.evidence), self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            index = self.sentence_at_point(event.position().toPoint())
            if index is not None:
                self.select_sentence(index)

    # --- hits: find results or a person's mentions ----------------------
    def find(self, query: str) -> int:  # type: ignore[override]  # counts hits; QTextEdit.find(text, flags) unused
        """Highlight every case-insensitive occurrence of ``query``; return the count."""
        spans = []
        if query:
            spans = [Span(m.start(), m.end()) for m in re.finditer(re.escape(query), self.text, re.IGNORECASE)]
        self.set_hits(spans, "find")
        return len(spans)

    def set_hits(self, spans: Sequence[Span], kind: str) -> None:
        """Highlight ``spans`` (kind "find", "search" or "mention"); none is current yet."""
        self.highlights.set_hits(spans, kind)
        self._show_highlights()
        self.hits_changed.emit(-1, len(self.highlights.hits))

    @property
    def hit_kind(self) -> str:
        """What the highlights are: "find", "search", "mention" or "" for none (the finder asks)."""
        return self.highlights.kind

    def next_hit(self, direction: int = 1) -> None:
        """Make the next (1) or previous (-1) highlight current and show it."""
        start = self.highlights.step(direction)
        if start is None:
            return
        # The cursor moves there without selecting, so the current-hit colour stays visible.
        cursor = self.textCursor()
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        self._centre_on(start)
        self._show_highlights()
        self.hits_changed.emit(self.highlights.current, len(self.highlights.hits))

    # --- the verdict's evidence and the spotlight ------------------------
    def set_evidence_shown(self, shown: bool) -> None:
        """Underline the verdict's evidence (in the theme's evidence colour) or not."""
        self.highlights.evidence_shown = shown
        self._show_highlights()

    def set_tint(self, strength: float) -> None:
        """Tint sentences at this strength (1: full, 0.5: soft, 0: only the spotlit sentence)."""
        self._tint = strength
        self.highlights.spotlit = None
        self._paint_sentences()
        self._show_highlights()

    def _spotlight(self, index: int | None) -> None:
        if self._tint or index == self.highlights.spotlit:
            return
        self.highlights.spotlit = index
        self._show_highlights()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        self._spotlight(self.sentence_at_point(event.position().toPoint()))

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().leaveEvent(event)
        self._spotlight(self.selected_sentence() if self.textCursor().hasSelection() else None)

    def _show_highlights(self) -> None:
        self.setExtraSelections(self.highlights.selections(self.analysis if self.text_complete else None))
