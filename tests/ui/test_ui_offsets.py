"""Engine offsets to QTextDocument positions, including characters outside the BMP."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.clean import paragraphs
from desktop.ui.offsets import OffsetMap


def brute_positions(text, spans):
    """Document position of every offset, by building the document string in UTF-16."""
    positions = {}
    base = 0
    for span in spans:
        for offset in range(span.start, span.end + 1):
            positions[offset] = base + len(text[span.start : offset].encode("utf-16-le")) // 2
        base += len(text[span.start : span.end].encode("utf-16-le")) // 2 + 1
    return positions


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é\n😀🎬", min_size=1, max_size=30))
def test_offsets_round_trip_against_a_utf16_model(raw):
    text = raw.strip()
    spans = paragraphs(text)
    mapping = OffsetMap(text, spans)
    for offset, position in brute_positions(text, spans).items():
        assert mapping.to_document(offset) == position
        assert mapping.to_text(position) == offset


def test_a_position_inside_an_emoji_rounds_down_to_it():
    text = "a😀b"
    mapping = OffsetMap(text, paragraphs(text))
    assert [mapping.to_document(i) for i in range(4)] == [0, 1, 3, 4]
    assert mapping.to_text(2) == 1


def test_paragraph_gap_is_one_block_separator():
    text = "one\n\ntwo"
    mapping = OffsetMap(text, paragraphs(text))
    assert mapping.to_document(5) == 4
    assert mapping.to_text(4) == 5
