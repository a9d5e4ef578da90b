"""The overall verdict of a review from its sentence scores.

How the verdict is reached: if the reviewers write their own rating into the
review ("7/10", "3 out of 10", "two stars", "Grade: B+"), that rating decides:
6.5 out of 10 or more (or the same share of another scale, such as 4/5) is
positive, 5.5 out of 10 or less is negative, and 6/10 is mixed, with the text
deciding which way it leans. Otherwise each sentence starts from TextBlob's
polarity; a short hand-written list of review phrases TextBlob misses
("waste of time", "avoid", "masterpiece", "fell asleep") nudges its sentence
(after "not" or "never" a phrase counts the other way, at half strength), and
in a sentence like "the cast is fine, but the script is awful" what follows
"but" counts most. The verdict then weighs six things: the average sentence,
the closing paragraph (reviewers sum up at the end), how many more sentences
are positive than negative, how strongly negative the negative sentences are
(TextBlob is too kind, so they count extra), the balance of listed phrases, and
the sentences that talk about the film itself (its acting, story, directing)
rather than retell the plot. The result is a score from -1 to +1 whose sign is
the leaning. A review is mixed when its score is within 0.15 of 0, or within
0.4 of 0 while it has both a strongly positive and a strongly negative sentence.

The weights are tuned on the labelled IMDB train reviews (see
build/eval_verdict.py, which also measures the rule); the phrase list lives in
resources/verdict_phrases.txt and is read once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.analysis.errors import CancelEvent, check_cancel
from desktop.analysis.once import once
from desktop.analysis.ratings import Rating, explicit_rating
from desktop.analysis.result import NEUTRAL_BAND, Sentence, Span, Verdict
from desktop.paths import resources_dir

PHRASES_FILE = "verdict_phrases.txt"

# How much one unit of phrase weight moves the polarity of its sentence.
PHRASE_STEP = 0.15
# How much of a "X, but Y" sentence's polarity comes from Y.
AFTER_BUT = 0.7
# Weights of the evidence (see Evidence.features), tuned on the IMDB train split.
WEIGHTS = (1.858, 0.635, 1.357, 0.680, 1.678, 1.470)
BIAS = -0.290
# Explicit ratings: at or above POSITIVE_RATING of the scale decides positive,
# at or below NEGATIVE_RATING decides negative, in between is mixed.
POSITIVE_RATING = 0.65
NEGATIVE_RATING = 0.55
MIDDLE_RATING = 0.6
# A middle rating keeps the text's leaning but pulls its score towards 0.
MIDDLE_SHRINK = 0.5
# Scores this close to 0 are mixed; so are balanced reviews with strong parts on
# both sides whose score stays under MIXED_BALANCED.
MIXED_NEAR_ZERO = 0.15
MIXED_BALANCED = 0.4
STRONG = 0.7
# Wording: a score this far from 0 is "Positive" rather than "Leans positive";
# a closing part this far from 0 is mentioned, and "strongly" beyond CLOSING_STRONG.
CLEAR = 0.5
CLOSING_NOTABLE = 0.15
CLOSING_STRONG = 0.4

# Words of a sentence that judges the film rather than retelling its plot.
FILM_WORDS = (
    "film", "movie", "acting", "actor", "actors", "actress", "performance", "performances", "cast",
    "director", "directed", "script", "screenplay", "plot", "story", "dialogue", "cinematography",
    "music", "score", "effects", "ending", "character", "characters", "writing", "watch", "watching",
    "watched", "seen", "see", "recommend", "episode", "series", "show",
)

# A negation up to three words before a listed phrase, in the same sentence.
_NEGATOR = re.compile(r"(?:\b(?:not|never|no|hardly|nothing|without|nor)|n't)[^\w.!?]+(?:[\w'-]+[^\w.!?]+){0,2}$")
_BUT = re.compile(r"[,;]?\s+(?:but|however)\b")
_APOSTROPHES = ("\u2019", "\u2018", "\u00b4")
CANCEL_EVERY = 2048
"""How many listed phrases gather() weighs between looks at the cancel switch."""


@dataclass(frozen=True, slots=True)
class Phrases:
    """The hand-written phrase list: one regex and each phrase's weight."""

    pattern: re.Pattern
    weights: dict[str, float]
    stems: tuple[tuple[str, float], ...]

    def weight(self, found: str) -> float:
        """The weight of a matched phrase (exact, else by its wildcard stem)."""
        if found in self.weights:
            return self.weights[found]
        return next(weight for stem, weight in self.stems if found.startswith(stem))


@once
def phrases() -> Phrases:
    """The phrase list from resources/, loaded once."""
    weights: dict[str, float] = {}
    stems: list[tuple[str, float]] = []
    path = resources_dir() / PHRASES_FILE
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        weight, phrase = line.split(maxsplit=1)
        phrase = phrase.lower()
        if phrase.endswith("*"):
            stems.append((phrase[:-1], float(weight)))
        else:
            weights[phrase] = float(weight)
    pattern = re.compile(r"(?<![\w'-])(?:" + _alternatives([*weights, *(s + "*" for s, _ in stems)]) + r")(?![\w'-])")
    stems.sort(key=lambda item: len(item[0]), reverse=True)
    return Phrases(pattern, weights, tuple(stems))


def _alternatives(listed: list[str]) -> str:
    """One regex alternation, grouped by first letter (fast), longest phrase first."""
    groups: dict[str, list[str]] = {}
    for phrase in sorted(listed, key=len, reverse=True):
        rest = re.escape(phrase[1:-1]) + r"[\w'-]*" if phrase.endswith("*") else re.escape(phrase[1:])
        groups.setdefault(phrase[0], []).append(rest)
    return "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())


@once
def _film_talk() -> re.Pattern:
    return re.compile(r"(?<![\w'-])(?:" + _alternatives(list(FILM_WORDS)) + r")(?![\w-])")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the verdict weighs, read off the scored sentences of one review."""

    polarities: tuple[float, ...]
    """Each sentence's polarity after the phrase list and "but" are taken into account."""
    closing: float
    """Mean polarity of the closing part (last paragraph, at most its last 3 sentences)."""
    closing_is_paragraph: bool
    about_film: float
    """Mean polarity of the sentences that talk about the film (its acting, story, ...)."""
    hits: tuple[tuple[str, float], ...]
    """The listed phrases found ("not boring" when negated), with their weights."""
    rating: Rating | None
    shown: tuple[int, int, int]
    """Positive, negative and neutral sentences by TextBlob's polarity: what the reader sees as colours."""

    @property
    def counts(self) -> tuple[int, int, int]:
        """Positive, negative and neutral sentences by adjusted polarity (a feature of the score)."""
        positive = sum(1 for p in self.polarities if p > NEUTRAL_BAND)
        negative = sum(1 for p in self.polarities if p < -NEUTRAL_BAND)
        return positive, negative, len(self.polarities) - positive - negative

    @property
    def features(self) -> tuple[float, ...]:
        """Mean polarity, closing polarity, positive-minus-negative share,
        mean negative polarity, phrase balance, polarity of the film talk."""
        n = len(self.polarities) or 1
        positive, negative, _ = self.counts
        mean = sum(self.polarities) / n
        negative_mass = sum(p for p in self.polarities if p < 0) / n
        phrase_balance = sum(weight for _, weight in self.hits) / math.sqrt(n)
        return (mean, self.closing, (positive - negative) / n, negative_mass, phrase_balance, self.about_film)


def gather(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[Span],
    phrase_step: float = PHRASE_STEP,
    after_but: float = AFTER_BUT,
    cancel: CancelEvent | None = None,
) -> Evidence:
    """The evidence for the verdict of one review (raises Cancelled soon after ``cancel`` is set)."""
    lowered = _lower(text)
    listed = phrases()
    starts = [s.start for s in sentences]
    adjust = [0.0] * len(sentences)
    hits = []
    for count, match in enumerate(listed.pattern.finditer(lowered)):
        if count % CANCEL_EVERY == 0:
            check_cancel(cancel)
        weight = listed.weight(match.group())
        if not weight:
            continue
        phrase = match.group()
        negator = _NEGATOR.search(lowered, max(0, match.start() - 30), match.start())
        if negator:
            weight, phrase = -weight / 2, lowered[negator.start():match.end()]
        hits.append((phrase, weight))
        index = bisect_right(starts, match.start()) - 1
        if index >= 0:
            adjust[index] += weight
    check_cancel(cancel)
    polarities = tuple(
        max(-1.0, min(1.0, _contrasted(lowered, sentence, after_but) + phrase_step * extra))
        for sentence, extra in zip(sentences, adjust)
    )
    check_cancel(cancel)
    closing, is_paragraph = _closing(polarities, starts, paragraphs)
    film_talk = {bisect_right(starts, match.start()) - 1 for match in _film_talk().finditer(lowered)}
    about_film = [polarities[i] for i in film_talk if i >= 0]
    return Evidence(
        polarities,
        closing,
        is_paragraph,
        sum(about_film) / len(about_film) if about_film else 0.0,
        tuple(hits),
        explicit_rating(text),
        _tones(sentences),
    )


def _tones(sentences: Sequence[Sentence]) -> tuple[int, int, int]:
    tones = [sentence.tone for sentence in sentences]
    return tones.count(1), tones.count(-1), tones.count(0)


def _lower(text: str) -> str:
    """Lower case with straight apostrophes, keeping every character's offset."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for apostrophe in _APOSTROPHES:
        lowered = lowered.replace(apostrophe, "'")
    return lowered


def _contrasted(lowered: str, sentence: Sentence, after_but: float) -> float:
    """The sentence polarity, leaning towards what follows its last "but"/"however"."""
    body = lowered[sentence.start:sentence.end]
    cut = None
    for cut in _BUT.finditer(body):
        pass
    if cut is None or not sentence.drivers:
        return sentence.polarity
    after = []
    cursor = 0
    for words, score in sentence.drivers:
        found = body.find(words.rsplit(" ", 1)[-1].lower(), cursor)
        if found >= 0:
            cursor = found + 1
        if cursor > cut.end():
            after.append(score)
    if not after:
        return sentence.polarity
    return (1 - after_but) * sentence.polarity + after_but * sum(after) / len(after)


def _closing(polarities: Sequence[float], starts: Sequence[int], paragraphs: Sequence[Span]) -> tuple[float, bool]:
    """Mean polarity of the last paragraph (at most 3 sentences), else of the last 2 sentences."""
    if not polarities:
        return 0.0, False
    if len(paragraphs) >= 2:
        first = bisect_right(starts, paragraphs[-1].start - 1)
        tail = polarities[max(first, len(polarities) - 3):]
        if tail and first > 0:
            return sum(tail) / len(tail), True
    tail = polarities[-2:]
    return sum(tail) / len(tail), False


def text_score(evidence: Evidence, weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> float:
    """The leaning of the text alone, in [-1, 1] (2 x the odds-model's chance of positive - 1)."""
    z = bias + sum(w * f for w, f in zip(weights, evidence.features))
    return math.tanh(z / 2)


def rating_score(rating: Rating | None) -> float | None:
    """The score an explicit rating decides, or None when there is none or it sits in the middle."""
    if rating is None or NEGATIVE_RATING < rating.fraction < POSITIVE_RATING:
        return None
    return max(-1.0, min(1.0, (rating.fraction - MIDDLE_RATING) / (1 - MIDDLE_RATING)))


def decide(
    text: str, sentences: Sequence[Sentence], paragraphs: Sequence[Span], cancel: CancelEvent | None = None
) -> Verdict:
    """Label, score and one-sentence reason for a review (``cancel`` as in :func:`gather`)."""
    evidence = gather(text, sentences, paragraphs, cancel=cancel)
    positive, negative, neutral = evidence.shown
    score = text_score(evidence)
    decided = rating_score(evidence.rating)
    if decided is None:
        label = _label(score, evidence)
        if evidence.rating is not None:
            score *= MIDDLE_SHRINK
        reason = _reason(label, score, evidence)
    else:
        label = "positive" if decided > 0 else "negative"
        reason = f"{label.capitalize()}: the reviewer rates it {evidence.rating}"
        if (score > 0) != (decided > 0):
            reason += f" (the text alone leans {'positive' if score > 0 else 'negative'})"
        reason += "."
        score = decided
    return Verdict(label, round(score, 4), positive, negative, neutral, reason)


def _label(score: float, evidence: Evidence) -> str:
    if evidence.rating is not None or abs(score) < MIXED_NEAR_ZERO:
        return "mixed"
    if abs(score) < MIXED_BALANCED and _strong_both(evidence):
        return "mixed"
    return "positive" if score > 0 else "negative"


def _strong_both(evidence: Evidence) -> bool:
    polarities = evidence.polarities
    return bool(polarities) and max(polarities) >= STRONG and min(polarities) <= -STRONG


def _reason(label: str, score: float, evidence: Evidence) -> str:
    """One sentence: the label, then the evidence that points the way of the score."""
    leaning = "positive" if score > 0 else "negative"
    rating = evidence.rating
    if label == "mixed":
        head = f"Mixed, leaning {leaning}"
    else:
        head = f"{label.capitalize()}" if abs(score) >= CLEAR else f"Leans {label}"
    clauses = []
    if rating is not None:
        clauses.append(f"the reviewer rates it {rating}, in the middle of the scale")
    elif label == "mixed" and _strong_both(evidence):
        clauses.append("it has both strong praise and strong criticism")
    part = _leaning_part(evidence, score)
    if part:
        clauses.append(part)
    quoted = list(dict.fromkeys(phrase for phrase, weight in evidence.hits if (weight > 0) == (score > 0)))
    if quoted:
        clauses.append("it says " + " and ".join(f'"{phrase}"' for phrase in quoted[:2]))
    clauses.append(_counts(evidence, leaning))
    if len(clauses) == 1:
        body = clauses[0]
    else:
        body = ", ".join(clauses[:-1]) + ("," if len(clauses) > 2 else "") + " and " + clauses[-1]
    return f"{head}: {body}."


def _leaning_part(evidence: Evidence, score: float) -> str:
    """The closing part, else the film talk, when it clearly leans the way of the score."""
    leaning = "positive" if score > 0 else "negative"
    parts = [(evidence.about_film, "what it says about the film itself is")]
    if evidence.closing_is_paragraph:
        parts.insert(0, (evidence.closing, "the closing paragraph is"))
    elif len(evidence.polarities) > 3:
        parts.insert(0, (evidence.closing, "the closing sentences are"))
    for value, words in parts:
        if abs(value) >= CLOSING_NOTABLE and (value > 0) == (score > 0):
            strength = "strongly " if abs(value) >= CLOSING_STRONG else ""
            return f"{words} {strength}{leaning}"
    return ""


def _counts(evidence: Evidence, leaning: str) -> str:
    """How many sentences lean each way (as coloured), the way of the score first."""
    positive, negative, _ = evidence.shown
    total = len(evidence.polarities)
    if total == 0:
        return "no sentence could be scored"
    if total == 1:
        return f"its one sentence is {'positive' if positive else 'negative' if negative else 'neutral'}"
    if leaning == "positive":
        return f"{positive} of {total} sentences are positive ({negative} negative)"
    return f"{negative} of {total} sentences are negative ({positive} positive)"
