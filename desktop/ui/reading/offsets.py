"""Mapping engine offsets (Python str indices) to QTextDocument positions and back.

The reader puts each engine paragraph in its own text block, so the blank
line between paragraphs becomes one block separator, and QTextDocument counts
UTF-16 code units, so a character outside the BMP (an emoji) takes two. Qt lays
a block out whole after every change to it, so a paragraph longer than
``BLOCK_LIMIT`` is shown as several blocks (``display_blocks``), cut at spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from desktop.engine import Span

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(\s+)")
_SPACE = re.compile(r"(\s+)")
BLOCK_LIMIT = 10_000
"""The longest text block shown, in characters (paragraphs of ordinary reviews are shorter)."""


def display_blocks(text: str, paragraphs: Sequence[Span], limit: int = BLOCK_LIMIT) -> tuple[Span, ...]:
    """The paragraphs as text blocks: one longer than ``limit`` is cut at spaces, where it can be after a
    sentence end in the second half of each ``limit`` characters; a run with no space is never cut."""
    blocks = []
    for paragraph in paragraphs:
        start = paragraph.start
        while paragraph.end - start > limit:
            window = (start + limit // 2, start + limit)
            cut = _last_gap(_SENTENCE_END, text, *window) or _last_gap(_SPACE, text, *window)
            cut = cut or _SPACE.search(text, start + limit, paragraph.end)
            if cut is None or cut.end(1) >= paragraph.end:
                break
            blocks.append(Span(start, cut.start(1)))
            start = cut.end(1)
        blocks.append(Span(start, paragraph.end))
    return tuple(blocks)


def _last_gap(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of ``pattern`` in ``text[start:end]``."""
    matches = list(pattern.finditer(text, start, end))
    return matches[-1] if matches else None


class OffsetMap:
    """Converts between ``text`` offsets and document positions."""

    def __init__(self, text: str, paragraphs: Sequence[Span]):
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        # UTF-16 positions of the astral characters, for the reverse mapping.
        self._astral_units = [index + count for count, index in enumerate(self._astral)]
        self._starts = [p.start for p in paragraphs]
        self._paragraphs = list(paragraphs)
        self._block_starts = []
        position = 0
        for paragraph in paragraphs:
            self._block_starts.append(position)
            position += self._units(paragraph.start, paragraph.end) + 1

    def to_document(self, offset: int) -> int:
        """The document position of text offset ``offset`` (clamped into a block)."""
        if not self._paragraphs:
            return 0
        index = max(0, bisect_right(self._starts, offset) - 1)
        paragraph = self._paragraphs[index]
        offset = min(max(offset, paragraph.start), paragraph.end)
        return self._block_starts[index] + self._units(paragraph.start, offset)

    def to_text(self, position: int) -> int:
        """The text offset at document position ``position``."""
        if not self._paragraphs:
            return 0
        index = max(0, bisect_right(self._block_starts, position) - 1)
        paragraph = self._paragraphs[index]
        units = self._utf16(paragraph.start) + position - self._block_starts[index]
        # A position inside a surrogate pair rounds down to its character.
        offset = units - bisect_left(self._astral_units, units)
        return min(max(offset, paragraph.start), paragraph.end)

    def _utf16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def _units(self, start: int, end: int) -> int:
        return self._utf16(end) - self._utf16(start)
