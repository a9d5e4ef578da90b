"""What a review says of each person: the judgement words attached to their name, not the mood of
the sentences around it.

In each sentence that names a person, every opinion word goes to the nearest thing it can be about:
this person, another person, or a thing a review judges ("the film", "the plot", "it"; a thing wins
only words within THING_REACH of it, or a run of them right before it: "a dull and lifeless film",
and none before a preposition in front of it: "dreadful in it"). Distance counts words other than "a",
"an" and "the"; a clause break (";", "(", "but", "than", ...) counts CLAUSE_BREAK words more and a comma
COMMA more. People listed with the person ("X, Y and Z"), an actor and the character named after "as"
("X is superb as the boss, Y"), and a craft credited to the person ("the cinematography by X", "X's
score") count as the person. A word the person wins adds its leaning (the other way after "not",
"never", ...) times ``exp(-distance / REACH)``; the rule's reading is the tanh of the sum. A "he" or
"she" among the first words of the next sentence stands for the person when nobody else was named in
between. Reported speech judges nobody, and in "made X look good" the words after "look" judge someone
else.

The opinion words are the verdict's (see :mod:`desktop.engine.verdict.opinion`), with
``resources/people/tone_words.txt``: words that judge a performer ("hammy", "miscast") added, and
words that describe a character or a person's looks ("evil", "blind", "beautiful") taken out, as a
villain or a victim is not criticised by the plot.

A learned model then decides (``resources/models/tone.tsv``, trained by ``build/train/train_tone.py``
on hand-checked judgements of train reviews). It reads :func:`features`: the rule's reading, whether
the person is named for their work (a word of ``resources/people/work_words.txt`` within WORK_REACH
words of the name, or "X as Y") and the polarity of their sentences if so, the polarity of the
sentences that speak of the acting without naming anyone, and the words around each mention (by side
and distance, up to WINDOW[-1] tokens) with the leaning of the opinion words among them that no thing
or other person wins. It gives each tone a probability; the person's polarity is the probability of the
likeliest, + for praise and - for criticism, 0 when "neutral" is likeliest. Someone no opinion word
may be about (:func:`may_be_judged`) is neutral without the model: plot retelling, passing mentions
and credits ("directed by X", "X plays the mother in this wonderful film") judge nobody.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice

from desktop.engine.once import once
from desktop.engine.people.names import lexicon, own_lines
from desktop.engine.result import NEUTRAL_BAND, Person, Sentence, Span, sentence_at
from desktop.engine.text.reported import inside
from desktop.engine.verdict.model import NEGATORS
from desktop.engine.verdict.opinion import opinion_words, read_leanings
from desktop.paths import resources_dir

REACH = 4.0
"""How fast a word's weight fades with its distance from the name (in words)."""
CLAUSE_BREAK = 3.0
"""The extra distance across a clause break."""
COMMA = 1.0
"""The extra distance across a comma."""
WORK_REACH = 5
"""How near a work word must be to the name (in words, either side)."""
THING_REACH = 2
"""A thing wins only words this near it ("a dull film", "the plot is thin"); a person wins words at any distance."""
NEGATION_REACH = 3
"""A negator this many words before an opinion word turns it round."""
PRONOUN_REACH = 4
"""A "he" or "she" must be among this many first words of the next sentence to stand for the person."""
ROLE_REACH = 5
"""An actor this many words before "as", and the character this many after it, share their words."""
WINDOW = (1, 2, 4, 7)
"""The distances (in tokens) that start each band of the words around a name the model reads, and the last read."""
MODEL_FILE = "models/tone.tsv"

_TOKEN = re.compile(r"[^\W\d_][\w'\u2019-]*|\d+|--|[;:()!?,\u2014\u2013]")
_BREAKS = frozenset({";", ":", "(", ")", "--", "\u2014", "\u2013", "!", "?",
                     "but", "yet", "although", "though", "while", "whereas", "however", "except", "unlike", "than"})
_LIST = frozenset({",", "and", "&", "or"})
_PRONOUNS = frozenset({"he", "she", "his", "her"})
_PREPOSITIONS = frozenset({"in", "of", "on", "to", "with", "from", "for", "by", "at", "into"})
_MAKE = frozenset({"make", "makes", "made", "making"})
_LOOK = frozenset({"look", "looks", "looked", "seem", "seems", "seemed", "appear", "appears", "appeared"})
_MODIFIER_GLUE = frozenset({"and", "or", ",", "very", "so", "too", "quite", "really", "rather", "most", "more"})
_ARTICLES = frozenset({"a", "an", "the"})
_CAST = re.compile(r"\b(?:acting|acted|cast|performances?|actors?|actress(?:es)?|performers)\b", re.IGNORECASE)
_ME, _OTHER, _THING = 1, 2, 3


@dataclass(frozen=True)
class _Words:
    """The word lists the Tone column reads."""

    leanings: dict[str, int]
    things: frozenset[str]
    work: frozenset[str]


@once
def words() -> _Words:
    """The word lists the Tone column reads, read on first use."""
    leanings = dict(opinion_words())
    leanings.update(read_leanings(resources_dir() / "people" / "tone_words.txt"))
    return _Words({word: sign for word, sign in leanings.items() if sign},
                  frozenset(own_lines("judged_things.txt")), frozenset(own_lines("work_words.txt")))


TONES = ("praised", "neutral", "criticised")
"""The tone model's classes, in the order of its weights."""


@dataclass(frozen=True)
class ToneModel:
    """Multinomial logistic regression over :func:`features`: one weight per feature and tone."""

    weights: dict[str, tuple[float, float, float]]

    def probabilities(self, found: dict[str, float]) -> tuple[float, float, float]:
        """The probability of each tone (in the order of TONES)."""
        sums = [0.0, 0.0, 0.0]
        for name, value in found.items():
            weight = self.weights.get(name)
            if weight is not None:
                for tone in range(3):
                    sums[tone] += weight[tone] * value
        top = max(sums)
        odds = [math.exp(total - top) for total in sums]
        whole = sum(odds)
        return odds[0] / whole, odds[1] / whole, odds[2] / whole

    def polarity(self, found: dict[str, float]) -> float:
        """The probability of the likeliest tone: + for praise, - for criticism, 0 when it is neutral
        (as it is for anyone no judgement may be about: see :func:`may_be_judged`)."""
        if not may_be_judged(found):
            return 0.0
        praised, neutral, criticised = self.probabilities(found)
        if neutral >= max(praised, criticised):
            return 0.0
        return round(praised, 4) if praised >= criticised else -round(criticised, 4)


def may_be_judged(found: dict[str, float]) -> bool:
    """Whether anything may judge the person: an opinion word the rules give them, one among the words
    around their name that no thing or other person wins, or talk of the acting when they are named for
    their work."""
    return bool(found["rule"]) or "cast_work" in found or any(name.endswith((":op+", ":op-")) for name in found)


@once
def model() -> ToneModel:
    """The trained tone model from resources/, loaded once."""
    return read_model((resources_dir() / MODEL_FILE).read_text(encoding="utf-8"))


def read_model(text: str) -> ToneModel:
    """A model from its text form: ``#`` comments, then ``feature<TAB>praised<TAB>neutral<TAB>criticised`` lines."""
    weights = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, praised, neutral, criticised = line.rsplit("\t", 3)
            weights[name] = (float(praised), float(neutral), float(criticised))
    return ToneModel(weights)


def judged(people: Sequence[Person], text: str, sentences: Sequence[Sentence],
           reported: Sequence[Span]) -> tuple[Person, ...]:
    """The people, each with the polarity of what the review says of them (see the module docstring)."""
    weights = model()
    toned = []
    for person, found in zip(people, features(people, text, sentences, reported)):
        toned.append(replace(person, polarity=weights.polarity(found)))
    return tuple(toned)


def features(people: Sequence[Person], text: str, sentences: Sequence[Sentence],
             reported: Sequence[Span]) -> list[dict[str, float]]:
    """What the tone model reads of each person (see the module docstring); the build script trains on it."""
    lists = words()
    named = _Named(people)
    reported = tuple(reported)
    cast = _cast_talk(named, text, sentences)
    tokenised: dict[int, list[tuple[str, int, int]]] = {}  # sentence index -> its tokens
    found = []
    for who, person in enumerate(people):
        read: dict[str, float] = {"bias": 1.0}
        attached, work, around = 0.0, False, []
        for index, mine in _anchors(who, person, named, text, sentences).items():
            sentence = sentences[index]
            if index not in tokenised:
                tokenised[index] = _tokens(text, sentence.start, sentence.end)
            tokens = tokenised[index]
            said, for_work = _said_of(tokens, mine, named.others(who, sentence.start, sentence.end),
                                      reported, lists, read)
            attached += said
            work = work or for_work
            around.append(sentence.polarity)
        rule = math.tanh(attached)
        read["rule"] = rule
        if abs(rule) > NEUTRAL_BAND:
            read["rule+" if rule > 0 else "rule-"] = 1.0
        if work:
            read["work"] = 1.0
            read["work_around"] = sum(around) / len(around)  # named for their work in these sentences
            if cast is not None:
                read["cast_work"] = cast
        if cast is not None:
            read["cast"] = cast
        found.append(read)
    return found


def _cast_talk(named: _Named, text: str, sentences: Sequence[Sentence]) -> float | None:
    """The mean polarity of the sentences that speak of the acting without naming anyone ("the acting
    is superb"), or None when there are none."""
    polarities = []
    for sentence in sentences:
        if not named.anyone(sentence.start, sentence.end) and _CAST.search(text, sentence.start, sentence.end):
            polarities.append(sentence.polarity)
    return sum(polarities) / len(polarities) if polarities else None


class _Named:
    """Every mention of every person, in text order, to find who else is named between two offsets."""

    def __init__(self, people: Sequence[Person]) -> None:
        ordered = sorted((mention, who) for who, person in enumerate(people) for mention in person.mentions)
        self.starts = [mention.start for mention, _who in ordered]
        self.ordered = ordered

    def anyone(self, start: int, end: int) -> bool:
        """Whether a mention of anyone starts in ``[start, end)``."""
        lo = bisect_left(self.starts, start)
        return lo < len(self.starts) and self.starts[lo] < end

    def others(self, who: int, start: int, end: int) -> list[Span]:
        """The mentions of people other than ``who`` that start in ``[start, end)``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [mention for mention, owner in self.ordered[lo:hi] if owner != who]


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text, start, end)]


def _anchors(who: int, person: Person, named: _Named, text: str,
             sentences: Sequence[Sentence]) -> dict[int, list[Span]]:
    """The sentences that speak of the person (by index), each with the spans that name them: their
    mentions, and a "he" or "she" opening the next sentence when nobody else was named in between."""
    anchors: dict[int, list[Span]] = {}
    for mention in person.mentions:
        index = sentence_at(sentences, mention.start)
        if index is not None:
            anchors.setdefault(index, []).append(mention)
    for index in sorted(anchors):
        following = index + 1
        if following >= len(sentences) or following in anchors:
            continue
        last = max(mention.start for mention in anchors[index])
        if named.others(who, last + 1, sentences[following].end):
            continue
        opening = islice(_TOKEN.finditer(text, sentences[following].start, sentences[following].end), PRONOUN_REACH)
        pronoun = next((Span(*word.span()) for word in opening if word.group().lower() in _PRONOUNS), None)
        if pronoun:
            anchors[following] = [pronoun]
    return anchors


def _said_of(tokens: list[tuple[str, int, int]], mine: list[Span], others: list[Span],
             reported: tuple[Span, ...], words: _Words, read: dict[str, float]) -> tuple[float, bool]:
    """What one sentence says of the person (the weighted leanings of the words they win), and whether
    it names them for their work; the words around them go into ``read``."""
    kinds = [_kind(word, start, mine, others, words) for word, start, _end in tokens]
    lowered = [word.lower() for word, _start, _end in tokens]
    _join_lists(tokens, kinds)
    _join_roles(lowered, kinds)
    _join_crafts(lowered, kinds)
    named = [k for k, kind in enumerate(kinds) if kind == _ME]
    work = any(lowered[k + 1:k + 2] == ["as"]
               or any(word in words.work for word in lowered[max(0, k - WORK_REACH):k + WORK_REACH])
               for k in named)
    distance, total = [], 0.0
    for word in lowered:
        total += 0 if word in _ARTICLES else 1 + (CLAUSE_BREAK if word in _BREAKS else COMMA if word == "," else 0)
        distance.append(total)
    signs = [words.leanings.get(word.replace("\u2019", "'"), 0) for word in lowered]
    targets = [k for k, kind in enumerate(kinds) if kind]
    skipped = _made_to_look(lowered, kinds) | _modifying_things(lowered, kinds, signs)
    signs = [-sign if sign and _negated(lowered, k) else sign for k, sign in enumerate(signs)]
    signs = [0 if sign and inside(reported, tokens[k][1], tokens[k][2]) else sign for k, sign in enumerate(signs)]
    said = 0.0
    free = [0] * len(signs)  # the leaning of each opinion word no thing or other person wins
    for k, sign in enumerate(signs):
        if not sign or kinds[k] or k in skipped:
            continue
        nearest = min((j for j in targets if kinds[j] != _THING or _thing_wins(lowered, distance, j, k)),
                      key=lambda j: (abs(distance[k] - distance[j]), kinds[j] != _ME), default=None)
        if nearest is None:
            free[k] = sign
        elif kinds[nearest] == _ME:
            free[k] = sign
            said += sign * math.exp(-abs(distance[k] - distance[nearest]) / REACH)
    if named:
        _window(lowered, kinds, free, read)
    return said, work


def _negated(lowered: list[str], k: int) -> bool:
    return any(before in NEGATORS or before.endswith("n't") for before in lowered[max(0, k - NEGATION_REACH):k])


def _window(lowered: list[str], kinds: list[int], signs: list[int], read: dict[str, float]) -> None:
    """The words around each naming of the person, by side and distance from the nearest ("R1:is",
    "L2:superb", another person as "<P>"), and the leaning of the opinion words among them."""
    runs = _runs_of(kinds, _ME)
    if runs[0][0] == 0:
        read["subject"] = 1.0
    if _OTHER in kinds:
        read["others_here"] = 1.0
    reach = WINDOW[-1]
    nearest: dict[int, tuple[int, str]] = {}  # token index -> (gap to the nearest naming, side)
    for first, last in runs:
        for k in range(max(0, first - reach), min(len(kinds), last + reach + 1)):
            if kinds[k] != _ME:
                nearest[k] = min(nearest.get(k, (reach + 1, "")), (first - k, "L") if k < first else (k - last, "R"))
    for k, (gap, side) in nearest.items():
        word = lowered[k]
        where = side + str(next(start for start in reversed(WINDOW[:-1]) if gap >= start))
        read[f"{where}:{'<P>' if kinds[k] == _OTHER else word}"] = 1.0
        if signs[k]:
            read[f"{where}:op{'+' if signs[k] > 0 else '-'}"] = 1.0


def _thing_wins(lowered: list[str], distance: list[float], thing: int, word: int) -> bool:
    """Whether a thing is near enough to win a word, and not after a preposition the word comes before."""
    return (abs(distance[word] - distance[thing]) <= THING_REACH
            and not (thing > word and lowered[thing - 1] in _PREPOSITIONS))


def _modifying_things(lowered: list[str], kinds: list[int], signs: list[int]) -> set[int]:
    """The opinion words in a run that ends at a thing ("a dull and lifeless film"): they judge the thing."""
    modifying: set[int] = set()
    for j, kind in enumerate(kinds):
        k = j - 1
        while kind == _THING and k >= 0 and not kinds[k] and (signs[k] or lowered[k] in _MODIFIER_GLUE):
            modifying.add(k)
            k -= 1
    return modifying


def _kind(word: str, start: int, mine: list[Span], others: list[Span], words: _Words) -> int:
    if any(span.start <= start < span.end for span in mine):
        return _ME
    if any(span.start <= start < span.end for span in others):
        return _OTHER
    return _THING if word.lower() in words.things else 0


def _join_lists(tokens: list, kinds: list[int]) -> None:
    """Another person's words become the person's when a list joins them ("X, Y and Z")."""
    changed = True
    while changed:
        changed = False
        for first, last in _runs_of(kinds, _OTHER):
            if any(_joined(tokens, kinds, end, step) for end, step in ((first - 1, -1), (last + 1, 1))):
                _make_mine(kinds, first)
                changed = True


def _join_roles(lowered: list[str], kinds: list[int]) -> None:
    """An actor and the character named after "as" share their words ("X is wonderful as the boss, Y")."""
    for k, word in enumerate(lowered):
        if word != "as":
            continue
        actor = next((j for j in range(k - 1, max(-1, k - 1 - ROLE_REACH), -1)
                      if kinds[j] in (_ME, _OTHER) or lowered[j] in _BREAKS), None)
        role = next((j for j in range(k + 1, min(len(kinds), k + 1 + ROLE_REACH))
                     if (kinds[j] in (_ME, _OTHER) and not lowered[j].endswith(("'s", "\u2019s")))
                     or lowered[j] in _BREAKS), None)
        if actor is None or role is None or lowered[actor] in _BREAKS or lowered[role] in _BREAKS:
            continue
        if {kinds[actor], kinds[role]} == {_ME, _OTHER}:
            _make_mine(kinds, actor if kinds[actor] == _OTHER else role)


def _join_crafts(lowered: list[str], kinds: list[int]) -> None:
    """A craft credited to the person ("the cinematography by X", "X's score") is judged as the person is."""
    crafts = lexicon().craft_nouns
    for k, word in enumerate(lowered):
        if word in crafts and ((lowered[k + 1:k + 2] == ["by"] and kinds[k + 2:k + 3] == [_ME])
                               or (k and kinds[k - 1] == _ME and lowered[k - 1].endswith(("'s", "\u2019s", "s'")))):
            kinds[k] = _ME


def _make_mine(kinds: list[int], k: int) -> None:
    """The other person's name that token ``k`` is part of becomes the person's."""
    first, last = k, k
    while first > 0 and kinds[first - 1] == _OTHER:
        first -= 1
    while last + 1 < len(kinds) and kinds[last + 1] == _OTHER:
        last += 1
    kinds[first:last + 1] = [_ME] * (last + 1 - first)


def _runs_of(kinds: list[int], kind: int) -> list[tuple[int, int]]:
    """The first and last index of each run of tokens of ``kind``."""
    runs: list[tuple[int, int]] = []
    for k, this in enumerate(kinds):
        if this == kind:
            runs.append((runs.pop()[0], k) if runs and runs[-1][1] == k - 1 else (k, k))
    return runs


def _joined(tokens: list, kinds: list[int], j: int, step: int) -> bool:
    """Whether one or two list words from ``j`` on (going ``step``) lead to the person."""
    joins = 0
    while 0 <= j < len(kinds) and tokens[j][0].lower() in _LIST and joins < 2:
        j += step
        joins += 1
    return bool(joins) and 0 <= j < len(kinds) and kinds[j] == _ME


def _made_to_look(lowered: list[str], kinds: list[int]) -> set[int]:
    """The words after "made X look" (up to the next clause break): they judge what makes X look so."""
    skipped: set[int] = set()
    for k in range(1, len(lowered)):
        if kinds[k] and not kinds[k - 1] and lowered[k - 1] in _MAKE:
            end = k
            while end < len(kinds) and kinds[end] == kinds[k]:
                end += 1
            if end < len(lowered) and lowered[end] in _LOOK:
                after = end + 1
                while after < len(lowered) and lowered[after] not in _BREAKS:
                    skipped.add(after)
                    after += 1
    return skipped
