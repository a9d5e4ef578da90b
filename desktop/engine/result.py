"""Immutable results of analysing one review.

Every span is a pair of Python ``str`` indices ``(start, end)`` into
``Analysis.text``; views render from these spans and never re-tokenise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, get_args

Label = Literal["positive", "negative", "mixed"]
"""A verdict the engine gives a review in English."""
VerdictLabel = Literal[Label, "unknown"]
"""Any verdict: a Label, or "unknown" for a review in another language."""
Tone = Literal["praised", "criticised", "neutral"]
"""How a review speaks of a person."""

LABELS: tuple[Label, ...] = get_args(Label)
UNKNOWN: VerdictLabel = "unknown"
"""The verdict of a review in another language: the sentiment models are made for English."""
VERDICTS: tuple[VerdictLabel, ...] = get_args(VerdictLabel)

GIVEN_AS_TEXT = "text"
"""The encoding of a review given as text rather than bytes (a table's row, a pasted review): none was decoded."""
NEUTRAL_BAND = 0.05
"""A sentence whose |polarity| is at most this is neutral: left uncoloured and counted neutral."""



class Span(NamedTuple):
    """A half-open character range ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and its TextBlob sentiment."""

    start: int
    end: int
    polarity: float
    subjectivity: float
    drivers: tuple[tuple[str, float], ...] = ()
    """The words TextBlob scored in this sentence, each with its polarity."""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def sign(self) -> int:
        """+1 positive, -1 negative, 0 neutral (within NEUTRAL_BAND of 0)."""
        if self.polarity > NEUTRAL_BAND:
            return 1
        return -1 if self.polarity < -NEUTRAL_BAND else 0


@dataclass(frozen=True, slots=True)
class Person:
    """A named person: the fullest display name, every mention, and how the review speaks of them."""

    name: str
    mentions: tuple[Span, ...]
    polarity: float = 0.0
    """What the review says of them, from -1 to 1 (see :mod:`desktop.engine.people.tone`)."""

    @property
    def tone(self) -> Tone:
        """ "praised", "criticised" or "neutral" (see :func:`tone_of`)."""
        return tone_of(self.polarity)


def mentions_of(people: Sequence[Person]) -> tuple[Span, ...]:
    """Every mention of every person, in text order."""
    return tuple(sorted(mention for person in people for mention in person.mentions))


def sentence_at(sentences: Sequence[Sentence], offset: int) -> int | None:
    """Index of the sentence (of ``sentences``, in text order) containing character ``offset``, if any."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        sentence = sentences[mid]
        if offset < sentence.start:
            hi = mid
        elif offset >= sentence.end:
            lo = mid + 1
        else:
            return mid
    return None


def tone_of(polarity: float) -> Tone:
    """How a person's polarity reads: "praised", "criticised", or within NEUTRAL_BAND of 0 "neutral"."""
    if polarity > NEUTRAL_BAND:
        return "praised"
    return "criticised" if polarity < -NEUTRAL_BAND else "neutral"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A word or phrase that pushed the verdict, with the log-odds it added (negative: towards negative)."""

    text: str
    start: int
    end: int
    weight: float

    @property
    def phrase(self) -> str:
        """The text on one line, its white space collapsed (for quoting)."""
        return " ".join(self.text.split())


@dataclass(frozen=True, slots=True)
class Verdict:
    """The overall leaning of a review and why."""

    label: VerdictLabel
    score: float
    positive: int
    negative: int
    neutral: int
    reason: str
    evidence: tuple[Evidence, ...] = ()
    """The words and phrases that pushed the verdict most, each way, in text order."""
    confidence: float = 0.5
    """The calibrated probability, from 0.5 to 1, that the leaning (the sign of ``score``) is right."""


def sureness(verdict: Verdict) -> str:
    """ "96% sure · score +0.62" ("leans positive, 58% sure · …" when mixed; "" with no leaning to show)."""
    return sureness_of(verdict.label, verdict.score, verdict.confidence)


def sureness_of(label: str, score: float, confidence: float) -> str:
    """:func:`sureness` of a verdict known by its label, score and confidence (a library index's row)."""
    if label not in LABELS:
        return ""
    percent = "over 99%" if confidence >= 0.995 else f"{round(confidence * 100)}%"
    lean = f"leans {'positive' if score > 0 else 'negative'}, " if label == "mixed" else ""
    return f"{lean}{percent} sure · score {score:+.2f}"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the reader shows for one review."""

    name: str
    encoding: str
    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    people: tuple[Person, ...]
    verdict: Verdict
    size: int = 0
    """Size of the raw input in bytes."""
    language: str = "en"
    """The ISO 639-1 code of the language it seems to be written in, or "und" (``language.detect``)."""

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, if any."""
        return sentence_at(self.sentences, offset)
