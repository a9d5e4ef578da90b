"""The reading page's typography: a serif font scaled by the zoom, airy lines and paragraphs, and side
margins that keep a line near ``MAX_LINE_CHARACTERS`` characters however wide the pane is."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QTextBlockFormat, QTextDocument

READING_FONTS = ["Charter", "Iowan Old Style", "Georgia", "Palatino Linotype", "P052", "DejaVu Serif", "serif"]
BASE_POINT_SIZE = 13.0
LINE_HEIGHT_PERCENT = 150
MAX_LINE_CHARACTERS = 70
MIN_SIDE_MARGIN = 28
SIDE_MARGIN_LINES = 1.5
"""In a narrow pane the side margins are at least this many line heights of the text (so they grow with
the zoom)."""
# Sets the average character width that MAX_LINE_CHARACTERS is measured in.
_TYPICAL_LINE = "The quick brown fox jumps over the lazy dog, and reads a review."


def reading_font(zoom: int) -> QFont:
    """The reading font at ``zoom`` percent of its normal size."""
    font = QFont()
    font.setFamilies(READING_FONTS)
    font.setPointSizeF(BASE_POINT_SIZE * zoom / 100)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def block_format(document: QTextDocument) -> QTextBlockFormat:
    """A paragraph's line height and the space below it, in the document's font."""
    metrics = QFontMetricsF(document.defaultFont())
    block = QTextBlockFormat()
    block.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(round(metrics.height() * 0.9))
    return block


def side_margin(document: QTextDocument, width: int) -> int:
    """The side margin that keeps the document's lines near MAX_LINE_CHARACTERS on a page ``width`` wide."""
    metrics = QFontMetricsF(document.defaultFont())
    line_width = metrics.horizontalAdvance(_TYPICAL_LINE) / len(_TYPICAL_LINE) * MAX_LINE_CHARACTERS
    least = max(MIN_SIDE_MARGIN, round(metrics.height() * SIDE_MARGIN_LINES))  # grows with the zoom
    return max(least, int((width - line_width) / 2))


def set_margins(document: QTextDocument, side: int) -> None:
    """Give the document ``side`` margins left and right, and room in its font's lines above and below."""
    metrics = QFontMetricsF(document.defaultFont())
    frame = document.rootFrame()
    frame_format = frame.frameFormat()
    frame_format.setLeftMargin(side)
    frame_format.setRightMargin(side)
    frame_format.setTopMargin(max(24, metrics.height() * 2))
    frame_format.setBottomMargin(max(48, metrics.height() * 4))
    frame.setFrameFormat(frame_format)
