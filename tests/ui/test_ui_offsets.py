"""Engine offsets to QTextDocument positions, including characters outside the BMP."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.text.clean import paragraphs
from desktop.ui.reading.offsets import OffsetMap, display_blocks


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


def test_long_paragraphs_are_shown_as_blocks_cut_after_sentence_ends():
    sentence = "The middle hour drags, but Anton is superb. "
    text = (sentence * 1_000).strip() + "\n\nShort one."
    blocks = display_blocks(text, paragraphs(text), limit=2_000)
    assert all(block.end - block.start <= 2_000 for block in blocks)
    assert all(text[block.end - 1] == "." for block in blocks)  # each long-paragraph block ends a sentence
    assert " ".join(text[block.start:block.end] for block in blocks[:-1]) == (sentence * 1_000).strip()
    assert text[blocks[-1].start:blocks[-1].end] == "Short one."


def test_a_paragraph_without_sentence_ends_is_cut_at_spaces_and_a_long_word_is_not_cut():
    words = ("word " * 1_000).strip()
    blocks = display_blocks(words, paragraphs(words), limit=300)
    assert len(blocks) > 1 and " ".join(words[b.start:b.end] for b in blocks) == words
    word = "x" * 5_000
    assert display_blocks(word, paragraphs(word), limit=300) == paragraphs(word)
