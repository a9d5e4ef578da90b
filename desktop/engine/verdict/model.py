"""The learned verdict model: NB-weighted logistic regression over words and word pairs (NBSVM).

A review's features are its lower-cased words (and "!" and "?"), each marked
``not_`` inside the scope of a negation (after "not", "never", "n't" and the like,
up to the next punctuation mark), and each pair of neighbouring words within a
sentence; each feature counts once. The model holds one weight per feature and a
bias; their sum is the log-odds that the review is positive, and each feature's
weight is its share of that, so the features that weigh most are the verdict's
evidence. ``build/train/train_verdict.py`` trains it from the IMDB train reviews into
``resources/models/verdict.tsv`` (plain text: no pickle, no numpy at run time);
it is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from desktop.engine.once import once
from desktop.engine.result import Evidence, Span
from desktop.engine.text.reported import merge_spans, reported_spans
from desktop.engine.verdict import opinion
from desktop.paths import resources_dir

MODEL_FILE = "models/verdict.tsv"
NEGATORS = frozenset({
    "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "cannot", "without",
    "hardly", "barely", "scarcely",
})
EVIDENCE_LIMIT = 8
"""The most evidence spans a verdict shows."""
MIN_EVIDENCE = 0.05
"""Features that add less log-odds than this are never shown as evidence."""
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[!?]")
_SCOPE_END = re.compile(r"[.,;:!?()\"\n]")
_SENTENCE_END = re.compile(r"[.;:!?\n]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'"})
EDGE_WORDS = frozenset({
    "a", "an", "the", "i", "he", "she", "it", "we", "they", "who", "his", "her", "its", "their", "is",
    "was", "are", "were", "be", "has", "have", "and", "this", "that", "as", "to", "for", "in",
})
"""Words trimmed from either end of an evidence phrase ("the worst I" shows as "worst")."""


def lower(text: str) -> str:
    """Lower case with straight apostrophes, keeping every character's offset."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_APOSTROPHES)


def review_features(text: str, names: Sequence[Span] = (),
                    reported: Sequence[Span] | None = None) -> dict[str, tuple[int, int]]:
    """The features of a review as the verdict reads it: people's ``names`` (their mentions) and
    reported speech (``reported_spans``, unless given) are not the reviewer's judgement and are muted."""
    return features(text, merge_spans([*(reported_spans(text) if reported is None else reported), *names]))


def features(text: str, muted: Sequence[Span] = ()) -> dict[str, tuple[int, int]]:
    """Each feature of ``text`` with the span of its first occurrence (for a negated word, from its
    negator: "hardly the worst"); words inside ``muted`` spans (sorted, apart) make none."""
    found: dict[str, tuple[int, int]] = {}
    for name, start, end in _occurrences(lower(text), tuple(muted)):
        found.setdefault(name, (start, end))
    return found


def _occurrences(lowered: str, muted: tuple[Span, ...]) -> Iterator[tuple[str, int, int]]:
    """(feature, start, end) for every word and word pair, in order."""
    previous: tuple[str, int] | None = None
    negator = -1
    last_end = 0
    muting = 0  # the first of ``muted`` that does not end before the current word
    for match in _WORD.finditer(lowered):
        word, start, end = match.group(), match.start(), match.end()
        gap = lowered[last_end:start]
        if _SCOPE_END.search(gap):
            negator = -1
        if _SENTENCE_END.search(gap):
            previous = None
        last_end = end
        while muting < len(muted) and muted[muting].end <= start:
            muting += 1
        if muting < len(muted) and muted[muting].start < end:
            previous = None
            if negator >= 0:
                negator = end  # a negated word after a name shows from itself, without the name
            continue
        negated = negator >= 0 and word.isalnum()
        name, shown = ("not_" + word, negator) if negated else (word, start)
        yield name, shown, end
        if previous is not None:
            yield f"{previous[0]} {name}", previous[1], end
        previous = (name, shown)
        if word in NEGATORS or word.endswith("n't"):
            negator = start
        elif word in "!?":
            negator = -1


@dataclass(frozen=True, slots=True)
class Model:
    """A bias and one weight per feature."""

    bias: float
    weights: dict[str, float]

    def score(self, found: Iterable[str]) -> float:
        """The log-odds that a review with these features (their names) is positive."""
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) for name in found)


@once
def model() -> Model:
    """The trained model from resources/, loaded once."""
    return read_model((resources_dir() / MODEL_FILE).read_text(encoding="utf-8"))


def read_model(text: str) -> Model:
    """A model from its text form: ``#`` comments, ``bias<TAB>value``, then ``feature<TAB>weight`` lines."""
    bias = 0.0
    weights: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, value = line.rpartition("\t")
        if name == "bias":
            bias = float(value)
        else:
            weights[name] = float(value)
    return Model(bias, weights)


def evidence(text: str, found: dict[str, tuple[int, int]], weights: dict[str, float],
             leaning: float, limit: int = EVIDENCE_LIMIT) -> tuple[Evidence, ...]:
    """The opinions that pushed most, each way: up to ``limit`` spans, about two thirds of them the
    way of ``leaning`` (a positive or negative number). A span starts from a feature holding an
    opinion word that leans the way the feature pushes (``opinion.leaning``); overlapping features
    that push the same way join it ("waste of" and "of time": "waste of time"). In text order."""
    ranked = sorted(((weights[name], name, span) for name, span in found.items()
                     if abs(weights.get(name, 0.0)) >= MIN_EVIDENCE),
                    key=lambda item: (-abs(item[0]), item[2]))
    quotas = {True: limit - limit // 3, False: limit // 3}
    chosen: list[list] = []  # [start, end, weight]
    for weight, name, (start, end) in ranked:
        overlapping = [item for item in chosen if item[0] < end and start < item[1]]
        if overlapping:
            item = overlapping[0]
            if len(overlapping) == 1 and (item[2] > 0) == (weight > 0):
                item[0], item[1], item[2] = min(item[0], start), max(item[1], end), item[2] + weight
            continue
        with_leaning = (weight > 0) == (leaning > 0)
        if quotas[with_leaning] > 0 and opinion.leaning(name) == (1 if weight > 0 else -1):
            quotas[with_leaning] -= 1
            chosen.append([start, end, weight])
    chosen.sort()
    trimmed = (_trim(text, start, end) + (weight,) for start, end, weight in chosen)
    return tuple(Evidence(text[start:end], start, end, round(weight, 4)) for start, end, weight in trimmed)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without EDGE_WORDS at either end, keeping at least one word."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(lower(text[start:end]))]
    while len(words) > 1 and lower(text[words[0][0]:words[0][1]]) in EDGE_WORDS:
        words.pop(0)
    while len(words) > 1 and lower(text[words[-1][0]:words[-1][1]]) in EDGE_WORDS:
        words.pop()
    return (words[0][0], words[-1][1]) if words else (start, end)
