"""The overall verdict of a review: a learned model and a hand-made rule, and the evidence for it.

If the reviewers write their own rating into the review ("7/10", "3 out of 10",
"two stars", "Grade: B+"), that rating decides: 6.5 out of 10 or more (or the
same share of another scale, such as 4/5) is positive, 5.5 out of 10 or less is
negative, and 6/10 is mixed, with the text deciding which way it leans.

Otherwise two judges combine. The learned model (``verdict_model``: words and
word pairs with negation marked, weighted by logistic regression over the IMDB
train reviews) gives log-odds of positive, and its strongest features are the
evidence the reader sees. The rule reads the TextBlob-scored sentences: a short
hand-written list of review phrases TextBlob misses ("waste of time", "avoid",
"masterpiece") nudges its sentence (after "not" or "never" the other way, at
half strength), in "the cast is fine, but the script is awful" what follows
"but" counts most, and six signals are weighed: the average sentence, the
closing paragraph, how many more sentences are positive than negative, how
strongly negative the negative ones are, the balance of listed phrases, and the
sentences about the film itself. The combined log-odds weigh the model less in
a very short review (where it has few words to go on) and give a score from -1
to +1 whose sign is the leaning. A review is mixed when its score is near 0, or
fairly near 0 while it has both a strongly positive and a strongly negative
sentence.

The rule's weights and the blend are fitted on the labelled IMDB train reviews
(build/eval_verdict.py, which also measures them); the phrase list lives in
resources/verdict_phrases.txt and is read once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.analysis import verdict_model
from desktop.analysis.errors import CancelEvent, check_cancel
from desktop.analysis.once import once
from desktop.analysis.ratings import Rating, explicit_rating
from desktop.analysis.result import NEUTRAL_BAND, Evidence, Sentence, Span, Verdict
from desktop.analysis.verdict_model import lower
from desktop.paths import resources_dir

PHRASES_FILE = "verdict_phrases.txt"

# How much one unit of phrase weight moves the polarity of its sentence.
PHRASE_STEP = 0.15
# How much of a "X, but Y" sentence's polarity comes from Y.
AFTER_BUT = 0.7
# Weights of the signals (see Signals.features), tuned on the IMDB train split.
WEIGHTS = (1.858, 0.635, 1.357, 0.680, 1.678, 1.470)
BIAS = -0.290
# How the learned model's log-odds and the rule's combine (fitted on out-of-fold scores of the train
# reviews by build/eval_verdict.py --blend); SHORT_WORDS: the length in words at which the model counts half.
MODEL_WEIGHT = 0.678
RULE_WEIGHT = 0.242
BLEND_BIAS = -0.056
SHORT_WORDS = 10
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
class Signals:
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
) -> Signals:
    """The signals the rule weighs for one review (raises Cancelled soon after ``cancel`` is set)."""
    lowered = lower(text)
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
    return Signals(
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


def _contrasted(lowered: str, sentence: Sentence, after_but: float) -> float:
    """The sentence polarity, leaning towards what follows its last "but"/"however"."""
    body = lowered[sentence.start:sentence.end]
    cut = None
    for cut in _BUT.finditer(body):  # noqa: B007 - the last match is the one wanted
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


def rule_log_odds(signals: Signals, weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> float:
    """The hand-made rule's log-odds that the review is positive."""
    return bias + sum(w * f for w, f in zip(weights, signals.features))


def text_score(signals: Signals, weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> float:
    """The leaning of the rule alone, in [-1, 1] (2 x the odds-model's chance of positive - 1)."""
    return math.tanh(rule_log_odds(signals, weights, bias) / 2)


def blended_log_odds(model_log_odds: float, rule: float, words: int) -> float:
    """The learned model's and the rule's log-odds combined; the model counts for less in a short review."""
    share = words / (words + SHORT_WORDS)
    return BLEND_BIAS + MODEL_WEIGHT * share * model_log_odds + RULE_WEIGHT * rule


def rating_score(rating: Rating | None) -> float | None:
    """The score an explicit rating decides, or None when there is none or it sits in the middle."""
    if rating is None or NEGATIVE_RATING < rating.fraction < POSITIVE_RATING:
        return None
    return max(-1.0, min(1.0, (rating.fraction - MIDDLE_RATING) / (1 - MIDDLE_RATING)))


def decide(
    text: str, sentences: Sequence[Sentence], paragraphs: Sequence[Span], cancel: CancelEvent | None = None
) -> Verdict:
    """Label, score, one-sentence reason and evidence for a review (``cancel`` as in :func:`gather`)."""
    signals = gather(text, sentences, paragraphs, cancel=cancel)
    positive, negative, neutral = signals.shown
    found = verdict_model.features(text)
    learned = verdict_model.model()
    log_odds = blended_log_odds(learned.score(found), rule_log_odds(signals), len(text.split()))
    score = math.tanh(log_odds / 2)
    cues = verdict_model.evidence(text, found, learned.weights, score)
    decided = rating_score(signals.rating)
    if decided is None:
        label = _label(score, signals)
        if signals.rating is not None:
            score *= MIDDLE_SHRINK
        reason = _reason(label, score, signals, cues)
    else:
        label = "positive" if decided > 0 else "negative"
        reason = f"{label.capitalize()}: the reviewer rates it {signals.rating}"
        if (score > 0) != (decided > 0):
            reason += f" (the text alone leans {'positive' if score > 0 else 'negative'})"
        pushed = _pushed(cues, decided)
        reason += f"; {pushed}." if pushed else "."
        score = decided
    return Verdict(label, round(score, 4), positive, negative, neutral, reason, cues)


def _label(score: float, signals: Signals) -> str:
    if signals.rating is not None or abs(score) < MIXED_NEAR_ZERO:
        return "mixed"
    if abs(score) < MIXED_BALANCED and _strong_both(signals):
        return "mixed"
    return "positive" if score > 0 else "negative"


def _strong_both(signals: Signals) -> bool:
    polarities = signals.polarities
    return bool(polarities) and max(polarities) >= STRONG and min(polarities) <= -STRONG


def _reason(label: str, score: float, signals: Signals, cues: Sequence[Evidence] = ()) -> str:
    """One sentence: the label, then the words that pushed it (else the rule's signals), then the counts."""
    leaning = "positive" if score > 0 else "negative"
    rating = signals.rating
    if label == "mixed":
        head = f"Mixed, leaning {leaning}"
    else:
        head = f"{label.capitalize()}" if abs(score) >= CLEAR else f"Leans {label}"
    clauses = []
    if rating is not None:
        clauses.append(f"the reviewer rates it {rating}, in the middle of the scale")
    elif label == "mixed" and _strong_both(signals):
        clauses.append("it has both strong praise and strong criticism")
    pushed = _pushed(cues, score)
    if pushed:
        clauses.append(pushed)
    else:
        part = _leaning_part(signals, score)
        if part:
            clauses.append(part)
        quoted = list(dict.fromkeys(phrase for phrase, weight in signals.hits if (weight > 0) == (score > 0)))
        if quoted:
            clauses.append("it says " + _quoted(quoted[:2]))
    return f"{head}: {'; '.join([*clauses, _counts(signals, leaning)])}."


def _pushed(cues: Sequence[Evidence], score: float) -> str:
    """'"a", "b" and "c" outweigh "d"': the strongest evidence each way, the way of ``score`` first."""
    def strongest(positive: bool, count: int) -> list[str]:
        ranked = sorted((cue for cue in cues if (cue.weight > 0) == positive), key=lambda cue: -abs(cue.weight))
        return list(dict.fromkeys(cue.phrase for cue in ranked))[:count]

    for_it, against = strongest(score > 0, 3), strongest(score <= 0, 2)
    if not for_it:
        return ""
    if not against:
        return "it says " + _quoted(for_it)
    return f"{_quoted(for_it)} {'outweighs' if len(for_it) == 1 else 'outweigh'} {_quoted(against)}"


def _quoted(phrases: Sequence[str]) -> str:
    """'"a", "b" and "c"'."""
    quoted = [f'"{phrase}"' for phrase in phrases]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _leaning_part(signals: Signals, score: float) -> str:
    """The closing part, else the film talk, when it clearly leans the way of the score."""
    leaning = "positive" if score > 0 else "negative"
    parts = [(signals.about_film, "what it says about the film itself is")]
    if signals.closing_is_paragraph:
        parts.insert(0, (signals.closing, "the closing paragraph is"))
    elif len(signals.polarities) > 3:
        parts.insert(0, (signals.closing, "the closing sentences are"))
    for value, words in parts:
        if abs(value) >= CLOSING_NOTABLE and (value > 0) == (score > 0):
            strength = "strongly " if abs(value) >= CLOSING_STRONG else ""
            return f"{words} {strength}{leaning}"
    return ""


def _counts(signals: Signals, leaning: str) -> str:
    """How many sentences lean each way (as coloured), the way of the score first."""
    positive, negative, _ = signals.shown
    total = len(signals.polarities)
    if total == 0:
        return "no sentence could be scored"
    if total == 1:
        return f"its one sentence is {'positive' if positive else 'negative' if negative else 'neutral'}"
    if leaning == "positive":
        return f"{positive} of {total} sentences are positive ({negative} negative)"
    return f"{negative} of {total} sentences are negative ({positive} positive)"
