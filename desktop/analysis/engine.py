"""One call from raw review bytes to an immutable Analysis."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.analysis import nlp
from desktop.analysis.clean import clean, paragraphs
from desktop.analysis.decode import decode
from desktop.analysis.errors import CancelEvent, ReviewError, check_cancel
from desktop.analysis.people import find_people
from desktop.analysis.result import Analysis, Span
from desktop.analysis.sentences import sentence_spans
from desktop.analysis.sentiment import score_sentence
from desktop.analysis.verdict import decide


@dataclass(frozen=True, slots=True)
class Prepared:
    """The cleaned text of a review, available before any model runs."""

    text: str
    encoding: str
    paragraphs: tuple[Span, ...]
    size: int


def prepare(raw: bytes | str) -> Prepared:
    """Decode and clean a review; raise ReviewError when it holds no text."""
    if isinstance(raw, bytes):
        size = len(raw)
        decoded, encoding = decode(raw)
    else:
        size = len(raw.encode("utf-8", errors="replace"))
        decoded, encoding = raw, "text"
    text = clean(decoded)
    if not any(ch.isalnum() for ch in text):
        raise ReviewError("This file holds no review text." if size else "This file is empty.")
    return Prepared(text, encoding, paragraphs(text), size)


def analyze(raw: bytes | str, name: str = "", cancel: CancelEvent | None = None) -> Analysis:
    """Analyse one review: cleaned text, sentence sentiment, people and verdict.

    When ``cancel`` (a ``threading.Event`` or anything with ``is_set()``) is set
    while it runs, it raises :class:`Cancelled` soon after.
    """
    prepared = prepare(raw)
    return analyze_prepared(prepared, name, cancel)


def analyze_prepared(prepared: Prepared, name: str = "", cancel: CancelEvent | None = None) -> Analysis:
    """Finish the analysis of text that :func:`prepare` already cleaned (``cancel`` as in :func:`analyze`)."""
    check_cancel(cancel)
    models = nlp.models()
    text = prepared.text
    spans = sentence_spans(text, models.sentence_splitter, cancel)
    scored = []
    for span in spans:
        check_cancel(cancel)
        scored.append(score_sentence(text, span, models.sentiment))
    sentences = tuple(scored)
    people = find_people(text, spans, models, cancel)
    verdict = decide(text, sentences, prepared.paragraphs, cancel)
    return Analysis(
        name=name,
        encoding=prepared.encoding,
        text=text,
        paragraphs=prepared.paragraphs,
        sentences=sentences,
        people=people,
        verdict=verdict,
        size=prepared.size,
    )
