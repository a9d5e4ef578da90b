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
"never", ...) times ``exp(-distance / REACH)``; the person's polarity is the tanh of the sum. A "he" or
"she" among the first words of the next sentence stands for the person when nobody else was named in
between. Reported speech judges nobody, and in "made X look good" the words after "look" judge someone
else.

The opinion words are the verdict's (see :mod:`desktop.engine.verdict.opinion`), with
``resources/people/tone_words.txt``: words that judge a performer ("hammy", "miscast") added, and
words that describe a character or a person's looks ("evil", "blind", "beautiful") taken out, as a
villain or a victim is not criticised by the plot.

When no word is attached to them, a person named for their work (a word of
``resources/people/work_words.txt`` within WORK_REACH words of the name, or "X as Y") takes the
leaning around them: the mean of the mean polarity of their sentences and the verdict's score.
Anyone else is neutral: plot retelling, passing mentions and credits ("directed by X", "X plays Y") judge nobody.
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


def judged(people: Sequence[Person], text: str, sentences: Sequence[Sentence], reported: Sequence[Span],
           verdict_score: float) -> tuple[Person, ...]:
    """The people, each with the polarity of what the review says of them (see the module docstring)."""
    lists = words()
    named = _Named(people)
    reported = tuple(reported)
    spoken: dict[int, dict[int, list[Span]]] = {}  # sentence index -> person index -> the spans naming them
    for who, person in enumerate(people):
        for index, spans in _anchors(who, person, named, text, sentences).items():
            spoken.setdefault(index, {})[who] = spans
    attached = [0.0] * len(people)
    for_work = [False] * len(people)
    for index in sorted(spoken):
        sentence = sentences[index]
        found = _tokens(text, sentence.start, sentence.end)
        for who, mine in spoken[index].items():
            said, work = _said_of(found, mine, named.others(who, sentence.start, sentence.end), reported, lists)
            attached[who] += said
            for_work[who] = for_work[who] or work
    toned = []
    for who, person in enumerate(people):
        polarity = math.tanh(attached[who])
        if abs(polarity) <= NEUTRAL_BAND:
            around = [sentences[index].polarity for index, speaking in spoken.items() if who in speaking]
            polarity = (sum(around) / len(around) + verdict_score) / 2 if for_work[who] and around else 0.0
        toned.append(replace(person, polarity=round(polarity, 4)))
    return tuple(toned)


class _Named:
    """Every mention of every person, in text order, to find who else is named between two offsets."""

    def __init__(self, people: Sequence[Person]) -> None:
        ordered = sorted((mention, who) for who, person in enumerate(people) for mention in person.mentions)
        self.starts = [mention.start for mention, _who in ordered]
        self.ordered = ordered

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
             reported: tuple[Span, ...], words: _Words) -> tuple[float, bool]:
    """What one sentence says of the person (the weighted leanings of the words they win), and whether
    it names them for their work."""
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
    said = 0.0
    for k, sign in enumerate(signs):
        if not sign or kinds[k] or k in skipped or inside(reported, tokens[k][1], tokens[k][2]):
            continue
        if any(before in NEGATORS or before.endswith("n't") for before in lowered[max(0, k - NEGATION_REACH):k]):
            sign = -sign
        nearest = min((j for j in targets if kinds[j] != _THING or _thing_wins(lowered, distance, j, k)),
                      key=lambda j: (abs(distance[k] - distance[j]), kinds[j] != _ME), default=None)
        if nearest is not None and kinds[nearest] == _ME:
            said += sign * math.exp(-abs(distance[k] - distance[nearest]) / REACH)
    return said, work


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
