"""Opinion words: the words that carry a reviewer's judgement, and which way each one leans.

The verdict's evidence is made only of features that hold an opinion word leaning the way the
feature pushes, so a reader never sees "only if", a name or a plot noun as a reason. The words
come from TextBlob's sentiment lexicon (hand-made, mostly adjectives: the entries with
|polarity| >= MIN_POLARITY and subjectivity >= MIN_SUBJECTIVITY) and from
resources/opinion_words.txt, written by hand, which adds the review verbs and nouns the lexicon
lacks ("recommend", "waste") and takes out the entries that are not judgements in a review
("many", "late"). Both are read once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from desktop.engine.once import once
from desktop.paths import resources_dir

OPINION_FILE = "opinion_words.txt"
MIN_POLARITY = 0.25
MIN_SUBJECTIVITY = 0.4
_SIGNS = {"+": 1, "-": -1, "0": 0}


@once
def opinion_words() -> dict[str, int]:
    """Each opinion word (lower case) and its leaning: +1 praise, -1 criticism."""
    import textblob.en

    leanings: dict[str, int] = {}
    for word, senses in textblob.en.sentiment.items():
        polarity, subjectivity, _intensity = senses[None]
        if " " not in word and abs(polarity) >= MIN_POLARITY and subjectivity >= MIN_SUBJECTIVITY:
            leanings[word] = 1 if polarity > 0 else -1
    leanings.update(read_leanings(resources_dir() / OPINION_FILE))
    return {word: sign for word, sign in leanings.items() if sign}


def read_leanings(path: Path) -> dict[str, int]:
    """A hand-written word list: each line "+", "-" or "0" and a word (``#`` lines are comments)."""
    leanings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sign, word = line.split()
            leanings[word] = _SIGNS[sign]
    return leanings


def leaning(feature: str) -> int:
    """Which way a model feature ("waste of", "not_good", "great") judges: the sum of its opinion
    words' leanings (a ``not_`` word the other way), as -1, 0 or +1."""
    words = opinion_words()
    total = sum(_word_leaning(word, words) for word in feature.split(" "))
    return (total > 0) - (total < 0)


def _word_leaning(word: str, words: dict[str, int]) -> int:
    """The leaning of one feature word: its opinion word's, the other way when it is ``not_`` marked."""
    return -words.get(word[4:], 0) if word.startswith("not_") else words.get(word, 0)


def opinion_leanings(features: Iterable[str]) -> tuple[dict[str, int], float]:
    """The review's own opinion words among its features, each with its leaning (a ``not_`` word the other
    way), and what each counts in their balance: one over the root of the number of distinct words."""
    words = opinion_words()
    leanings: dict[str, int] = {}
    distinct = 0
    for name in features:
        if " " in name:
            continue
        distinct += 1
        sign = _word_leaning(name, words)
        if sign:
            leanings[name] = sign
    return leanings, (1 / math.sqrt(distinct) if distinct else 0.0)


def balance(features: Iterable[str]) -> float:
    """How far a review's opinion words lean, a judge that knows no domain ("broke", "returned",
    "recommend"): the sum of their leanings over the root of the number of distinct words."""
    leanings, each = opinion_leanings(features)
    return each * sum(leanings.values())
