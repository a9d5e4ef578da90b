"""The learned person tagger: an averaged perceptron that marks the tokens of people's names.

Each token is tagged ``O`` (outside a name), ``B`` (a name begins) or ``I``
(a name goes on), greedily left to right. Its features are the word, its shape,
prefix and suffix, its neighbours and their shapes, NLTK's part-of-speech tags,
the word lists of ``names.Lexicon`` (given names, common words, places,
honorifics, roles, context words), the two mined word lists of the model file
(how often a word is capitalised mid-sentence in 25,000 reviews; words that
follow a given name there) and the previous tag. ``build/train_people.py``
trains it on CoNLL-2003 ``eng.train`` into ``resources/models/people.tsv``
(plain text, no pickle); it is read once. The person finder adds a
mention's ``evidence`` to its rule scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.analysis.names import Lexicon, lexicon
from desktop.analysis.once import once
from desktop.paths import resources_dir

MODEL_FILE = "models/people.tsv"
TAGS = ("O", "B", "I")
CAPITAL_BANDS = ((0.95, "always"), (0.7, "mostly"), (0.3, "often"), (0.0, "rarely"))
"""Mined capitalisation ratios become these words (a ratio of at least the number)."""
_SHAPE_RUNS = re.compile(r"(.)\1+")


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
    word = words[index]
    lower = word.lower()
    proper = word[:1].upper() + word[1:].lower()
    previous = words[index - 1] if index else "<s>"
    following = words[index + 1] if index + 1 < len(words) else "</s>"
    features = [
        "b", "w=" + lower, "s=" + shape(word), "p=" + lower[:3], "x=" + lower[-3:],
        "t=" + tags[index], "pw=" + previous.lower(), "nw=" + following.lower(),
        "ps=" + shape(previous), "ns=" + shape(following),
        "pt=" + (tags[index - 1] if index else "<s>"),
        "nt=" + (tags[index + 1] if index + 1 < len(words) else "</s>"),
        "pw2=" + (words[index - 2].lower() if index > 1 else "<s>"),
        "nw2=" + (words[index + 2].lower() if index + 2 < len(words) else "</s>"),
        "cap=" + model.capitals.get(lower, "unseen"),
    ]
    if index == 0:
        features.append("first")
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
    previous_proper = previous.rstrip(".").capitalize()
    if previous_proper in lists.honorifics:
        features.append("after-honorific")
    if previous_proper in lists.roles:
        features.append("after-role")
    if previous.lower() in lists.person_nouns:
        features.append("after-person-noun")
    if following.lower() in lists.person_verbs:
        features.append("before-person-verb")
    if following[:1].upper() + following[1:].lower() in lists.first_names and index + 1 < len(words):
        features.append("before-given")
    if following.lower() in model.surnames:
        features.append("before-known-surname")
    return features


def tag_features(previous_tag: str, word_shape: str) -> tuple[str, str]:
    """The features that depend on the previous tag."""
    return "T=" + previous_tag, f"T={previous_tag},s={word_shape}"


class Tagger:
    """Greedy decoding with a trained model."""

    def __init__(self, model: Model, lists: Lexicon) -> None:
        self.model = model
        self.lists = lists

    def margins(self, words: Sequence[str], tags: Sequence[str]) -> list[float]:
        """For each token, how much more a name tag scores than ``O`` (positive: a name)."""
        weights = self.model.weights
        previous = "O"
        margins = []
        for index in range(len(words)):
            found = token_features(words, tags, index, self.model, self.lists)
            found += tag_features(previous, shape(words[index]))
            totals = [0.0, 0.0, 0.0]
            for name in found:
                row = weights.get(name)
                if row is not None:
                    totals[0] += row[0]
                    totals[1] += row[1]
                    totals[2] += row[2]
            best = max(range(3), key=totals.__getitem__)
            if previous == "O" and best == 2:  # I never follows O
                best = 1 if totals[1] >= totals[0] else 0
            margins.append(max(totals[1], totals[2]) - totals[0])
            previous = TAGS[best]
        return margins


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
