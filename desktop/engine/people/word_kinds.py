"""What kind of word a token is, for the person finder's candidates, scoring and grouping alike.

A capital that may belong to a name, a common English word, a surname the mined lists know; a word
in name case ("BRAD" -> "Brad") and name words folded for comparison.
"""

from __future__ import annotations

import re

from desktop.engine.people import tagger as person_tagger
from desktop.engine.people.names import Lexicon

INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_INFLECTIONS = (("s", ("",)), ("es", ("",)), ("ies", ("y",)), ("ied", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")))
_NOT_NAMES = frozenset({"I", "OK", "TV", "Jr", "Sr"})


def proper(word: str) -> str:
    """A word in ordinary name case ("BRAD" and "brad" -> "Brad")."""
    if INITIALS.fullmatch(word):
        return word
    return word.capitalize() if word.isupper() or word.islower() else word


def folded(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Name words compared without case ("Van der Westhuizen" is "van der Westhuizen")."""
    return tuple(part.lower() for part in parts)


def is_capitalised(word: str) -> bool:
    """Whether a token starts with a capital and may belong to a name ("Kate", "O'Brien", "P.")."""
    return word[0].isupper() and any(ch.isalpha() for ch in word) and word.rstrip(".") not in _NOT_NAMES


def is_common(word: str, words: Lexicon) -> bool:
    """Whether a word (or its stem: "takes", "moved", "controlled", "cities") is a common English word."""
    lower = word.lower()
    common = words.common_words
    if lower in common:
        return True
    for suffix, replacements in _INFLECTIONS:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            if any(stem + extra in common for extra in replacements):
                return True
            if stem[-1] == stem[-2] and stem[:-1] in common:  # "controll|ed"
                return True
    return False


def is_known_surname(word: str) -> bool:
    """Whether reviews write ``word`` after given names and always with a capital ("Kubrick")."""
    model = person_tagger.tagger().model
    lower = word.lower()
    return lower in model.surnames and model.capitals.get(lower) == "always"


def opens_name(word: str, following: str, words: Lexicon) -> bool:
    """Whether ``word``, which may name a thing, is a given name before ``following``: a surname the mined
    lists know ("Oscar Wilde", "Christian Clavier"; not "Oscar Academy", "Warner Bros")."""
    return word in words.first_names and is_known_surname(following)
