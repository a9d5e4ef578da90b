"""Sentence spans: NLTK's punkt (english, with the abbreviations reviews use), never across a line or paragraph
break.

Punkt reads at most ``MAX_PIECE`` characters at a time. From each window of a long
paragraph it keeps every sentence but the last, which it reads again at the start
of the next window, so the spans are punkt's own, the work stays linear in the
text's length, and NLTK's time guard on its regular expressions (nltk 3.10.4 and
later) never trips, however long a paragraph is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from desktop.engine.errors import CancelEvent, StepReport, check_cancel
from desktop.engine.people.names import lexicon
from desktop.engine.result import Span

ABBREVIATIONS = frozenset({
    "appx", "approx", "ca", "capt", "cf", "dept", "dir", "e.g", "esp", "est", "etc", "feat", "govt", "hrs", "i.e",
    "incl", "mins", "orig", "pp", "prod", "sgt", "viz", "vol", "yrs"})
"""Abbreviations punkt's English model lacks, which reviews use mid-sentence ("the cast (esp. the lead)", "approx.
two hours", "songs, dances etc. and more"); punkt still ends a sentence after one when the next word is one
that opens sentences ("… etc. The plot …")."""

MAX_PIECE = 20_000
"""The most characters punkt reads at once; ordinary paragraphs are far shorter."""
_SPACE = re.compile(r"\s+")
_ENDS_WITH_INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,3}$")
_OPENING_WORD = re.compile(r"[A-Z][a-z]+")


def english_splitter() -> Any:
    """NLTK's punkt for English (``punkt_tab``), knowing ``ABBREVIATIONS`` too."""
    from nltk.data import find
    from nltk.tokenize.punkt import PunktSentenceTokenizer, load_punkt_params

    params = load_punkt_params(find("tokenizers/punkt_tab/english/"))
    params.abbrev_types.update(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(
    text: str, splitter: Any, cancel: CancelEvent | None = None, step: StepReport | None = None
) -> tuple[Span, ...]:
    """Spans of the sentences of cleaned ``text``, in order; raises Cancelled once ``cancel`` is set.

    ``step(characters done, characters in all)`` is called as it goes.
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for start, end in _join_initials(line, line_sentences(line, splitter)):
                check_cancel(cancel)
                if step is not None:
                    step(offset + start, len(text))
                spans.append(Span(offset + start, offset + end))
        offset += len(line) + 1
    return tuple(spans)


def _join_initials(line: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Punkt's spans, without its cuts after a person's initials ("L.Q. | Jones"): a sentence
    ending in initials joins the next when that opens with a capitalised word that is not a
    common English word."""
    common = lexicon().common_words
    pending = None
    for start, end in spans:
        if pending is not None:
            opening = _OPENING_WORD.match(line, start)
            if opening and opening.group().lower() not in common and _ENDS_WITH_INITIALS.search(line, pending[0], pending[1]):
                pending = (pending[0], end)
                continue
            yield pending
        pending = (start, end)
    if pending is not None:
        yield pending


def line_sentences(line: str, splitter: Any, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """Punkt's ``(start, end)`` sentence spans of one line, read at most ``limit`` characters at a time.

    A window punkt finds no sentence end in is cut after its last run of spaces (its
    text becomes a sentence), or, holding no space in its second half, inside a word
    that stays one sentence.
    """
    start = 0
    word_start = None  # where a word cut at a window's end began
    while len(line) - start > limit:
        found = list(splitter.span_tokenize(line[start:start + limit]))
        if not found:  # only spaces
            start, word_start = start + limit, None
        elif len(found) > 1:
            first, last = found[0]
            yield (start + first if word_start is None else word_start), start + last
            for first, last in found[1:-1]:
                yield start + first, start + last
            start, word_start = start + found[-1][0], None
        elif spaces := [match.span() for match in _SPACE.finditer(line, start + limit // 2, start + limit)
                        if match.start() > start + found[0][0]]:
            yield (start + found[0][0] if word_start is None else word_start), spaces[-1][0]
            start, word_start = spaces[-1][1], None
        else:
            word_start = start + found[0][0] if word_start is None else word_start
            start += limit
    for index, (first, last) in enumerate(splitter.span_tokenize(line[start:])):
        yield (start + first if index or word_start is None else word_start), start + last
