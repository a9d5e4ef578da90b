"""Quoted and reported speech: the words that are someone else's, not the reviewer's."""

from __future__ import annotations

import pytest

from desktop.engine.result import Span
from desktop.engine.text.reported import inside, merge_spans, reported_spans


def reported(text: str) -> list[str]:
    return [text[start:end] for start, end in reported_spans(text)]


@pytest.mark.parametrize(("text", "theirs"), [
    ("Critics called it 'the worst film of the year', but I loved it.", "the worst film of the year"),
    ('The poster billed it as "a triumph of the human spirit". It is not.', "a triumph of the human spirit"),
    ("Some say it is a masterpiece. I disagree.", "it is a masterpiece"),
    ("My brother thought it was brilliant, but he likes anything with explosions.", "it was brilliant"),
    ("According to the blurb it is unmissable; it is very missable.", "it is unmissable"),
    ('He shouts "You will never take me alive, you fools!" and jumps.', "You will never take me alive"),
])
def test_someone_elses_words_are_reported(text, theirs):
    assert any(theirs in span for span in reported(text)), reported(text)


@pytest.mark.parametrize("text", [
    "I'd say it is great.",
    "I think it is a masterpiece.",
    'This "comedy" made nobody laugh.',  # a short quote nobody says: the reviewer's own scare quotes
    "The kids' toys are great, and the parents' jokes are better.",
    "It is the best film I have seen this year.",
])
def test_the_reviewers_own_words_are_not_reported(text):
    assert reported(text) == []


def test_a_reported_clause_ends_at_but():
    text = "My friend said it was great, but it was boring."
    (span,) = reported_spans(text)
    assert "boring" not in text[span.start:span.end]


def test_spans_merge_and_overlap():
    spans = merge_spans([Span(10, 20), Span(0, 5), Span(15, 30), Span(30, 31)])
    assert spans == (Span(0, 5), Span(10, 31))
    assert inside(spans, 4, 6) and inside(spans, 30, 40) and not inside(spans, 5, 10) and not inside(spans, 31, 50)
