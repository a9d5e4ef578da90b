"""Mapping engine offsets (Python str indices) to QTextDocument positions and back.

The reader puts each engine paragraph in its own text block, so the blank
line between paragraphs becomes one block separator, and QTextDocument counts
UTF-16 code units, so a character outside the BMP (an emoji) takes two.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from desktop.analysis import Span

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


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
