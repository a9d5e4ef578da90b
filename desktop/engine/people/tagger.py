"""The learned person tagger: an averaged perceptron that marks the tokens of people's names.

Each token is tagged ``O`` (outside a name), ``B`` (a name begins) or ``I``
(a name goes on), greedily left to right. Its features are the word, its shape,
prefix and suffix, its neighbours and their shapes, NLTK's part-of-speech tags,
the word lists of ``names.Lexicon`` (given names, common words, places,
honorifics, roles, context words), the two mined word lists of the model file
(how often a word is capitalised mid-sentence in 25,000 reviews; words that
follow a given name there) and the previous tag. ``build/train/train_people.py``
trains it on CoNLL-2003 ``eng.train`` into ``resources/models/people.tsv``
(plain text, no pickle); it is read once. The person finder adds a
mention's ``evidence`` to its rule scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.engine.once import once
from desktop.engine.people.names import Lexicon, lexicon
from desktop.paths import resources_dir

MODEL_FILE = "models/people.tsv"
TAGS = ("O", "B", "I")
CAPITAL_BANDS = ((0.95, "always"), (0.7, "mostly"), (0.3, "often"), (0.0, "rarely"))
"""Mined capitalisation ratios become these words (a ratio of at least the number)."""
_SHAPE_RUNS = re.compile(r"(.)\1+")
_CACHE_LIMIT = 30_000
"""The most sums a tagger remembers per feature group before it forgets them all and starts again (about 8 MB
a group), so a worker's memory stays flat through millions of reviews; a library's first few thousand reviews
fill the largest group to about 30,000."""


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights per tag and the mined word lists."""

    weights: dict[str, tuple[float, float, float]]
    capitals: dict[str, str]
    """A word (lower case) -> its capitalisation band in reviews."""
    surnames: frozenset[str]
    """Words (lower case) that follow a given name in reviews."""


def shape(word: str) -> str:
    """The word's shape with runs collapsed: "Kubrick" -> "Xx", "U.S." -> "X.X.", "1990s" -> "dx"."""
    mapped = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    return _SHAPE_RUNS.sub(r"\1", mapped)


def token_features(words: Sequence[str], tags: Sequence[str], index: int, model: Model,
                   lists: Lexicon) -> list[str]:
    """The features of token ``index`` that do not depend on the previous tag."""
    size = len(words)
    features = ["b", "first"] if index == 0 else ["b"]
    features += word_features(words[index], model, lists)
    features += previous_features(words[index - 1] if index else "<s>", lists)
    features += next_features(words[index + 1] if index + 1 < size else "</s>", model, lists)
    features += ["pw2=" + (words[index - 2].lower() if index > 1 else "<s>"),
                 "nw2=" + (words[index + 2].lower() if index + 2 < size else "</s>")]
    features += tag_context(tags[index], tags[index - 1] if index else "<s>",
                            tags[index + 1] if index + 1 < size else "</s>")
    return features


def word_features(word: str, model: Model, lists: Lexicon) -> list[str]:
    """The features of the word itself: form, shape, affixes, mined band and word lists."""
    lower = word.lower()
    proper = word[:1].upper() + word[1:].lower()
    features = ["w=" + lower, "s=" + shape(word), "p=" + lower[:3], "x=" + lower[-3:],
                "cap=" + model.capitals.get(lower, "unseen")]
    if proper in lists.first_names:
        features.append("given")
    if lower in lists.common_words:
        features.append("common")
    if lower in model.surnames:
        features.append("known-surname")
    if proper in lists.places or proper in lists.nationalities:
        features.append("place")
    if proper in lists.non_person_words:
        features.append("thing")
    return features


def previous_features(previous: str, lists: Lexicon) -> list[str]:
    """The features of the word before ("<s>" at the start)."""
    features = ["pw=" + previous.lower(), "ps=" + shape(previous)]
    previous_proper = previous.rstrip(".").capitalize()
    if previous_proper in lists.honorifics:
        features.append("after-honorific")
    if previous_proper in lists.roles:
        features.append("after-role")
    if previous.lower() in lists.person_nouns:
        features.append("after-person-noun")
    return features


def next_features(following: str, model: Model, lists: Lexicon) -> list[str]:
    """The features of the word after ("</s>" at the end)."""
    features = ["nw=" + following.lower(), "ns=" + shape(following)]
    if following.lower() in lists.person_verbs:
        features.append("before-person-verb")
    if following[:1].upper() + following[1:].lower() in lists.first_names:
        features.append("before-given")
    if following.lower() in model.surnames:
        features.append("before-known-surname")
    return features


def tag_context(tag: str, previous: str, following: str) -> list[str]:
    """The part-of-speech features: the token's tag and its neighbours'."""
    return ["t=" + tag, "pt=" + previous, "nt=" + following]


def tag_features(previous_tag: str, word_shape: str) -> tuple[str, str]:
    """The features that depend on the previous tag."""
    return "T=" + previous_tag, f"T={previous_tag},s={word_shape}"


class Tagger:
    """Greedy decoding with a trained model.

    Features come in groups that each depend on one input (the word, the word
    before, the tags...); each group's summed weights are remembered per input,
    so a word seen before costs a few dictionary look-ups.
    """

    def __init__(self, model: Model, lists: Lexicon) -> None:
        self.model = model
        self.lists = lists
        self._groups: dict[str, dict] = {name: {} for name in ("b", "w", "p", "n", "p2", "n2", "t", "T")}

    def _vector(self, group: str, key: Any, features: Iterable[str]) -> tuple[float, float, float]:
        o = b = i = 0.0
        for name in features:
            row = self.model.weights.get(name)
            if row is not None:
                o, b, i = o + row[0], b + row[1], i + row[2]
        found = self._groups[group]
        if len(found) >= _CACHE_LIMIT:
            found.clear()  # the words that come often are back after a few reviews
        found[key] = (o, b, i)
        return o, b, i

    def margins(self, words: Sequence[str], tags: Sequence[str]) -> list[float]:
        """For each token, how much more a name tag scores than ``O`` (positive: a name)."""
        return self.margins_window(words, tags, 0, len(words), 0) or []

    def margins_window(self, words: Sequence[str], tags: Sequence[str], begin: int, end: int,
                       lowest: int) -> list[float] | None:
        """The margins of ``words[begin:end]``, as :meth:`margins` gives them, tagged from where the
        tag before cannot matter: a token (after ``lowest``) whose best tag is the same whatever the tag
        before it, or the sentence's start when ``lowest`` is 0. ``tags`` must hold the part-of-speech
        tags from ``lowest`` to ``end`` (and the one after). None when no such token is found."""
        padded = ["<s>", "<s>", *words, "</s>", "</s>"]
        padded_tags = ["<s>", *tags, "</s>"]
        start, previous_tag = 0, "O"
        for sure in range(begin - 1, lowest if lowest else -1, -1):
            found = {self._best(self._scores(sure, before, padded, padded_tags), before) for before in TAGS}
            if len(found) == 1:
                start, previous_tag = sure + 1, TAGS[found.pop()]
                break
        else:
            if lowest:
                return None
        margins = []
        for index in range(start, end):
            o, b, i = self._scores(index, previous_tag, padded, padded_tags)
            margins.append(max(b, i) - o)
            previous_tag = TAGS[self._best((o, b, i), previous_tag)]
        return margins[begin - start:]

    @staticmethod
    def _best(scores: tuple[float, float, float], previous_tag: str) -> int:
        o, b, i = scores
        best = 0 if o >= b and o >= i else 1 if b >= i else 2
        if previous_tag == "O" and best == 2:  # I never follows O
            best = 1 if b >= o else 0
        return best

    def _scores(self, index: int, previous_tag: str, padded: list[str],
                padded_tags: list[str]) -> tuple[float, float, float]:
        """Token ``index``'s scores for O, B and I after ``previous_tag``."""
        model, lists, vector, groups = self.model, self.lists, self._vector, self._groups
        word, before, after = padded[index + 2], padded[index + 1], padded[index + 3]
        before2, after2 = padded[index], padded[index + 4]
        tag_key = (padded_tags[index + 1], padded_tags[index], padded_tags[index + 2])
        first = index == 0
        parts = (
            groups["b"].get(first) or vector("b", first, ["b", "first"] if first else ["b"]),
            groups["w"].get(word) or vector("w", word, word_features(word, model, lists)),
            groups["p"].get(before) or vector("p", before, previous_features(before, lists)),
            groups["n"].get(after) or vector("n", after, next_features(after, model, lists)),
            groups["p2"].get(before2) or vector("p2", before2, ["pw2=" + before2.lower()]),
            groups["n2"].get(after2) or vector("n2", after2, ["nw2=" + after2.lower()]),
            groups["t"].get(tag_key) or vector("t", tag_key, tag_context(*tag_key)),
            groups["T"].get((previous_tag, word))
            or vector("T", (previous_tag, word), tag_features(previous_tag, shape(word))),
        )
        o = b = i = 0.0
        for part in parts:
            o, b, i = o + part[0], b + part[1], i + part[2]
        return o, b, i


@once
def tagger() -> Tagger:
    """The trained tagger from resources/, loaded once."""
    return Tagger(read_model((resources_dir() / MODEL_FILE).read_text(encoding="utf-8")), lexicon())


def read_model(text: str) -> Model:
    """A model from its text form: ``#`` comments, ``capital<TAB>word<TAB>band``,
    ``surname<TAB>word`` and ``feature<TAB>O<TAB>B<TAB>I`` lines."""
    weights: dict[str, tuple[float, float, float]] = {}
    capitals: dict[str, str] = {}
    surnames: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "capital":
            capitals[fields[1]] = fields[2]
        elif fields[0] == "surname":
            surnames.add(fields[1])
        else:
            weights[fields[0]] = (float(fields[1]), float(fields[2]), float(fields[3]))
    return Model(weights, capitals, frozenset(surnames))
