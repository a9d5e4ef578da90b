"""The overall verdict of a review: a label, a calibrated confidence, a score, a reason and its evidence.

If the reviewers write their own rating into the review ("7/10", "3 out of 10",
"two stars", "Grade: B+"), that rating decides the leaning: 6.5 out of 10 or more
(or the same share of another scale, such as 4/5) is positive, 5.5 out of 10 or
less is negative, and 6/10 is mixed, with the text deciding which way it leans.

Otherwise three judges combine into calibrated log-odds that the review is
positive. The learned model (``verdict_model``: words and word pairs with negation
marked, weighted by logistic regression over the IMDB train reviews) reads the
reviewer's own words: people's names and quoted or reported speech ("critics
called it 'the worst'") are muted. The rule reads the TextBlob-scored sentences: a
short hand-written list of review phrases TextBlob misses nudges its sentence, in
"the cast is fine, but the script is awful" what follows "but" counts most, and
six signals are weighed (the average sentence, the closing paragraph, the balance
of positive and negative sentences, how strongly negative the negative ones are,
the listed phrases, the sentences about the film itself). The opinion words'
balance (``opinion``) knows no domain. How much each counts depends on the review's
length, and the result is calibrated: ``confidence`` is the probability that the
leaning is right, on short and long reviews of films, products and books alike.

A review is mixed only when it weighs both ways: a rating in the middle of its
scale, or strong sentences on both sides and a leaning the confidence does not
trust. The score, tanh(log-odds / SPREAD), ranks reviews without saturating.

The constants are fitted by build/train/calibrate_verdict.py (the rule's inner weights by
build/eval/eval_verdict.py --fit) on the tuning parts of four kinds of review; the
phrase list lives in resources/verdict_phrases.txt and is read once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.engine.errors import CancelEvent, check_cancel
from desktop.engine.once import once
from desktop.engine.result import NEUTRAL_BAND, Evidence, Label, Sentence, Span, Verdict
from desktop.engine.text.reported import inside, reported_spans
from desktop.engine.verdict import model as verdict_model
from desktop.engine.verdict import opinion
from desktop.engine.verdict.model import lower
from desktop.engine.verdict.ratings import Rating, explicit_rating
from desktop.paths import resources_dir

PHRASES_FILE = "verdict_phrases.txt"

# How much one unit of phrase weight moves the polarity of its sentence.
PHRASE_STEP = 0.15
# How much of a "X, but Y" sentence's polarity comes from Y.
AFTER_BUT = 0.7
# Weights of the signals (see Signals.features), tuned on the IMDB train split.
WEIGHTS = (1.858, 0.635, 1.357, 0.680, 1.678, 1.470)
BIAS = -0.290
# The calibrated log-odds that a review is positive, from the learned model's and the rule's log-odds
# (see calibrated_log_odds), fitted on the tuning parts of four kinds of review by
# build/train/calibrate_verdict.py; SHORT_WORDS: the length in words at which the model counts half.
CALIBRATION = (-0.4158, 1.0802, -0.3674, 0.1339, -0.0914, 1.4152, -0.8171)
"""Bias; the model's weight and its change per unit of log length; the rule's and the opinion
words' balance's, likewise."""
SHORT_WORDS = 5
LOG_WORDS = 4.6
"""The log length (about 100 words) at which the weights are as given."""
RATED = (2.1573, 0.7064)
"""A decisive written rating's log-odds of being right, and the weight of the text agreeing with it."""
RATED_FLOOR = 0.01
"""However hard the text disagrees, a decisive rating keeps its leaning (at about even odds)."""
SPREAD = 5.0
"""The score is tanh(log-odds / SPREAD): it ranks reviews without saturating at 1.00."""
# Explicit ratings: at or above POSITIVE_RATING of the scale decides positive,
# at or below NEGATIVE_RATING decides negative, in between is mixed.
POSITIVE_RATING = 0.65
NEGATIVE_RATING = 0.55
# A middle rating keeps the text's leaning but pulls its score towards 0.
MIDDLE_SHRINK = 0.5
# A review is mixed only when it weighs both ways: strong sentences on both sides and a leaning
# the calibrated confidence puts below MIXED_CONFIDENCE.
MIXED_CONFIDENCE = 0.7
STRONG = 0.7
# Wording: a confidence this high is "Positive" rather than "Leans positive";
# a closing part this far from 0 is mentioned, and "strongly" beyond CLOSING_STRONG.
CLEAR = 0.75
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
_HEDGE = re.compile(r"\b(?:never|no|hardly|barely|scarcely|nothing|without|nor)\b")
"""Negations TextBlob does not read (it reads "not", and "n't" is read as "not")."""
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
    reported: tuple[Span, ...] = (),
) -> Signals:
    """The signals the rule weighs for one review (raises Cancelled soon after ``cancel`` is set);
    phrases and scored words inside ``reported`` spans (someone else's words) do not count."""
    lowered = lower(text)
    listed = phrases()
    starts = [s.start for s in sentences]
    adjust = [0.0] * len(sentences)
    hits = []
    for count, match in enumerate(listed.pattern.finditer(lowered)):
        if count % CANCEL_EVERY == 0:
            check_cancel(cancel)
        weight = listed.weight(match.group())
        if not weight or (reported and inside(reported, match.start(), match.end())):
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
    own = (_own_view(lowered, sentence, reported) for sentence in sentences)
    polarities = tuple(
        max(-1.0, min(1.0, _contrasted(lowered, sentence, after_but) + phrase_step * extra))
        for sentence, extra in zip(own, adjust)
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
        _sign_counts(sentences),
    )


def _sign_counts(sentences: Sequence[Sentence]) -> tuple[int, int, int]:
    signs = [sentence.sign for sentence in sentences]
    return signs.count(1), signs.count(-1), signs.count(0)


def _own_view(lowered: str, sentence: Sentence, reported: tuple[Span, ...]) -> Sentence:
    """The sentence as the reviewer's own view scores it: scored words inside ``reported`` spans do not
    count, and one after a negation TextBlob does not read ("hardly the worst", "never boring") counts
    the other way at half strength, as the listed phrases do. Its polarity is then the mean of its
    scored words (0 when none is left)."""
    hedged = _HEDGE.search(lowered, sentence.start, sentence.end)
    if not hedged and not (reported and inside(reported, sentence.start, sentence.end)):
        return sentence
    kept = []
    for (words, score), start in _located(lowered, sentence):
        if start >= 0 and reported and inside(reported, start, start + 1):
            continue
        if hedged and start >= 0 and not words.lower().startswith("not ") and _NEGATOR.search(
                lowered, max(sentence.start, start - 30), start):
            score = -score / 2
        kept.append((words, score))
    polarity = sum(score for _, score in kept) / len(kept) if kept else 0.0
    return replace(sentence, polarity=polarity, drivers=tuple(kept))


def _located(lowered: str, sentence: Sentence) -> list[tuple[tuple[str, float], int]]:
    """Each scored word of the sentence with the offset of its last word in the text (-1 if not found)."""
    located = []
    cursor = sentence.start
    for driver in sentence.drivers:
        found = lowered.find(driver[0].rsplit(" ", 1)[-1].lower(), cursor, sentence.end)
        if found >= 0:
            cursor = found + 1
        located.append((driver, found))
    return located


def _contrasted(lowered: str, sentence: Sentence, after_but: float) -> float:
    """The sentence polarity, leaning towards what follows its last "but"/"however"."""
    body = lowered[sentence.start:sentence.end]
    cut = None
    for cut in _BUT.finditer(body):  # noqa: B007 - the last match is the one wanted
        pass
    if cut is None or not sentence.drivers:
        return sentence.polarity
    after = []
    reached = 0  # just past the last scored word found, from the sentence's start
    for (_words, score), found in _located(lowered, sentence):
        if found >= 0:
            reached = found - sentence.start + 1
        if reached > cut.end():
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


def calibrated_log_odds(model_log_odds: float, rule: float, lexicon: float, words: int,
                        calibration: Sequence[float] = CALIBRATION, short_words: float = SHORT_WORDS) -> float:
    """The calibrated log-odds that a review is positive: the learned model's and the rule's log-odds
    and the balance of its opinion words, each weighed by the review's length (the model counts for
    less in a very short review)."""
    model, rule_weight, lexicon_weight = judges_weights(words, calibration, short_words)
    return calibration[0] + model * model_log_odds + rule_weight * rule + lexicon_weight * lexicon


def judges_weights(words: int, calibration: Sequence[float] = CALIBRATION,
                   short_words: float = SHORT_WORDS) -> tuple[float, float, float]:
    """How much the model's log-odds, the rule's and the opinion words' balance each count in a review of
    ``words`` words (the model's half as much at ``short_words``)."""
    _bias, model, model_per_length, rule_weight, rule_per_length, lexicon_weight, lexicon_per_length = calibration
    length = math.log(max(words, 1)) - LOG_WORDS
    return ((model + model_per_length * length) * words / (words + short_words),
            rule_weight + rule_per_length * length, lexicon_weight + lexicon_per_length * length)


def _pushes(found: dict[str, tuple[int, int]], weights: dict[str, float], leanings: dict[str, int],
            each: float, words: int) -> dict[str, float]:
    """What each feature of a review adds to its calibrated log-odds: its weight in the model and, for an
    opinion word, its share (``each`` times its leaning) of the opinion words' balance."""
    model, _rule, lexicon = judges_weights(words)
    pushes = {name: model * weight for name in found if (weight := weights.get(name))}
    for name, sign in leanings.items():
        pushes[name] = pushes.get(name, 0.0) + lexicon * each * sign
    return pushes


def rating_sign(rating: Rating | None) -> int:
    """+1 or -1 when a written rating decides the leaning, else 0 (none, or one in the middle)."""
    if rating is None or NEGATIVE_RATING < rating.fraction < POSITIVE_RATING:
        return 0
    return 1 if rating.fraction >= POSITIVE_RATING else -1


def rated_log_odds(sign: int, text_log_odds: float, rated: Sequence[float] = RATED) -> float:
    """The log-odds that a review is positive when its written rating decides (``sign``): the rating's
    own odds of being right, a little more when the text agrees and less when it does not."""
    return sign * max(RATED_FLOOR, rated[0] + rated[1] * sign * text_log_odds)


def confidence_of(log_odds: float) -> float:
    """The probability that the leaning of ``log_odds`` is right."""
    return 1 / (1 + math.exp(-abs(log_odds)))


def decide(
    text: str, sentences: Sequence[Sentence], paragraphs: Sequence[Span], cancel: CancelEvent | None = None,
    names: Sequence[Span] = (), reported: tuple[Span, ...] | None = None,
) -> Verdict:
    """Label, score, confidence, one-sentence reason and evidence for a review (``cancel`` as in
    :func:`gather`). ``names`` are the mentions of people and ``reported`` the reported speech
    (``reported_spans``, unless given), which never push the verdict."""
    reported = reported_spans(text) if reported is None else reported
    signals = gather(text, sentences, paragraphs, cancel=cancel, reported=reported)
    positive, negative, neutral = signals.shown
    found = verdict_model.review_features(text, names, reported)
    learned = verdict_model.model()
    words = len(text.split())
    leanings, each = opinion.opinion_leanings(found)
    log_odds = calibrated_log_odds(learned.score(found), rule_log_odds(signals), each * sum(leanings.values()),
                                   words)
    cues = verdict_model.evidence(text, found, _pushes(found, learned.weights, leanings, each, words), log_odds)
    sign = rating_sign(signals.rating)
    if sign:
        text_leans = log_odds
        log_odds = rated_log_odds(sign, log_odds)
        label: Label = "positive" if sign > 0 else "negative"
        reason = f"{label.capitalize()}: the reviewer rates it {signals.rating}"
        if (text_leans > 0) != (sign > 0):
            reason += f" (the text alone leans {'positive' if text_leans > 0 else 'negative'})"
        pushed = _pushed(cues, sign)
        reason += f"; {pushed}." if pushed else "."
    else:
        if signals.rating is not None:
            log_odds *= MIDDLE_SHRINK
        label = label_of(log_odds, signals.rating is not None, _strong_both(signals))
        reason = _reason(label, log_odds, signals, cues)
    score = round(math.tanh(log_odds / SPREAD), 4) or (0.0001 if log_odds > 0 else -0.0001)
    return Verdict(label, score, positive, negative, neutral, reason, cues, round(confidence_of(log_odds), 4))


def label_of(log_odds: float, middle_rating: bool, both_ways: bool, mixed_below: float = MIXED_CONFIDENCE) -> Label:
    """Positive or negative by the leaning; mixed for a rating in the middle of its scale, or for a review
    with strong sentences both ways whose leaning is less sure than ``mixed_below``."""
    if middle_rating or (both_ways and confidence_of(log_odds) < mixed_below):
        return "mixed"
    return "positive" if log_odds > 0 else "negative"


def _strong_both(signals: Signals) -> bool:
    polarities = signals.polarities
    return bool(polarities) and max(polarities) >= STRONG and min(polarities) <= -STRONG


def _reason(label: str, log_odds: float, signals: Signals, cues: Sequence[Evidence] = ()) -> str:
    """One sentence: the label, then the words that pushed it (else the rule's signals), then the counts."""
    leaning = "positive" if log_odds > 0 else "negative"
    rating = signals.rating
    if label == "mixed":
        head = f"Mixed, leaning {leaning}"
    else:
        head = label.capitalize() if confidence_of(log_odds) >= CLEAR else f"Leans {label}"
    clauses = []
    if rating is not None:
        clauses.append(f"the reviewer rates it {rating}, in the middle of the scale")
    elif label == "mixed":
        clauses.append("it has both strong praise and strong criticism")
    pushed = _pushed(cues, log_odds)
    if pushed:
        clauses.append(pushed)
    else:
        part = _leaning_part(signals, log_odds)
        if part:
            clauses.append(part)
        quoted = list(dict.fromkeys(phrase for phrase, weight in signals.hits if (weight > 0) == (log_odds > 0)))
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
    """How many sentences lean each way (as coloured), the way of the verdict first; when the
    sentences lean the other way, that the words that weigh most do not."""
    positive, negative, _ = signals.shown
    total = len(signals.polarities)
    if total == 0:
        return "no sentence could be scored"
    if total == 1:
        tone = "positive" if positive else "negative" if negative else "neutral"
        if tone not in ("neutral", leaning):
            return f"its one sentence reads {tone} to TextBlob, but its words of judgement weigh {leaning}"
        return f"its one sentence is {tone}"
    if leaning == "positive":
        own, other, other_side = positive, negative, "negative"
    else:
        own, other, other_side = negative, positive, "positive"
    if other > own:
        return (f"{other} of {total} sentences read {other_side} ({own} {leaning}), "
                f"but the words of judgement that weigh most are {leaning}")
    return f"{own} of {total} sentences are {leaning} ({other} {other_side})"
