"""Which language a review is written in, offline, from NLTK's stopword lists (Snowball's).

Every word that is on a language's stopword list is evidence for that language.
A word that is on the English list too (``a``, ``me``, ``no``, ``in``, ``was``…)
tells nothing about English against that language, so the two are compared on
the words only one of them has. A text is called non-English only when its best
language has at least ``MIN_EVIDENCE`` distinct such words and ``RATIO`` times
as many such words as English; otherwise a Latin-script text is English, which
is what the engine reads, so a short review ("Meh.", "10/10 would watch again")
never needs proof of being English.

Spanish, Portuguese and Catalan share many function words, as do Danish,
Norwegian and Swedish: the languages named (``LANGUAGES``) are those whose lists
tell them apart. Catalan, Danish, Norwegian and Swedish are still scored, so a
review in one of them is "und" (undetermined) rather than misnamed Spanish or
German; so is a review whose two best languages tie, one mostly in another
script, and one without letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from desktop.engine import nlp

LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French",
    "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
}
"""ISO 639-1 code -> name, for the languages ``detect`` names."""
UNDETERMINED = "und"
_LISTS = {
    "en": "english", "de": "german", "es": "spanish", "fr": "french", "it": "italian", "nl": "dutch",
    "pt": "portuguese", "ca": "catalan", "da": "danish", "no": "norwegian", "sv": "swedish",
}
"""Code -> the file in corpora/stopwords of every language scored (the named ones and their close neighbours)."""
MIN_EVIDENCE = 3
"""Distinct stopwords, not on the English list, a text needs before it is called non-English."""
RATIO = 2
"""How many times English's own stopword count a language's own count must be."""

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]+")


def detect(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in (a key of LANGUAGES), or "und"."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if not words:
        return UNDETERMINED
    index = stopword_index()
    counts = Counter(word for word in words if word in index)
    scores = {code: _own_hits(counts, index, code) for code in _LISTS if code != "en"}
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best = ranked[0]
    hits, distinct = scores[best]
    english = _own_hits(counts, index, "en", against=best)[0]
    if distinct >= MIN_EVIDENCE and hits >= RATIO * english:
        named = best in LANGUAGES and scores[best] > scores[ranked[1]]
        return best if named else UNDETERMINED
    latin = sum(1 for word in words if _LATIN.fullmatch(word))
    return "en" if latin * 2 > len(words) else UNDETERMINED


def language_name(code: str) -> str:
    """The English name of a code ``detect`` returns ("es" -> "Spanish"); "Undetermined" for anything else."""
    return LANGUAGES.get(code, "Undetermined")


def _own_hits(counts: Counter, index: dict[str, frozenset[str]], code: str, against: str = "en") -> tuple[int, int]:
    """(occurrences, distinct words) of ``code``'s stopwords in ``counts`` that ``against`` does not list."""
    own = [count for word, count in counts.items() if code in index[word] and against not in index[word]]
    return sum(own), len(own)


@cache
def stopword_index() -> dict[str, frozenset[str]]:
    """Each stopword -> the codes of the languages listing it, read once from the project's NLTK data."""
    languages: dict[str, set[str]] = {}
    for code, name in _LISTS.items():
        for word in _stopwords(name):
            languages.setdefault(word, set()).add(code)
    return {word: frozenset(codes) for word, codes in languages.items()}


def _stopwords(name: str) -> list[str]:
    """One language's stopword list, lower-cased and in NFC, or MissingDataError with the fix."""
    nlp.use_project_data()
    import nltk

    try:
        path = nltk.data.find(f"corpora/stopwords/{name}")
    except LookupError:
        raise nlp.MissingDataError(
            f"NLTK data package stopwords is not installed. Install it with: {nlp.FIX_COMMAND}") from None
    with path.open() as handle:
        return unicodedata.normalize("NFC", handle.read().decode("utf-8")).lower().split()
