"""Per-sentence TextBlob sentiment, with one documented normalisation.

TextBlob's PatternAnalyzer reads "not" as a negation but not "n't", so
"This isn't good." would score +0.7. Before scoring, curly apostrophes become
straight ones and a contraction's "n't" is read as " not" ("isn't" -> "is not",
"can't" -> "can not", "won't" -> "will not"). Otherwise the score is exactly
TextBlob's for the sentence text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from desktop.engine.result import Sentence, Span

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'"})
_NOT = re.compile(r"\b(\w+?)n't\b", re.IGNORECASE)
_IRREGULAR = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}


def normalise(sentence: str) -> str:
    """The sentence text as it is scored (see the module docstring)."""
    sentence = sentence.translate(_APOSTROPHES)
    if "n't" not in sentence and "N'T" not in sentence:
        return sentence
    return _NOT.sub(_expand, sentence)


def _expand(match: re.Match) -> str:
    stem = match.group(1)
    word = _IRREGULAR.get(stem.lower(), stem)
    if stem[0].isupper():
        word = word[0].upper() + word[1:]
    return word + " not"


def score_sentence(text: str, span: Span, analyzer: Any) -> Sentence:
    """The TextBlob sentiment of ``text[span]`` and the words that drove it."""
    polarity, subjectivity, assessments = _assess(analyzer, normalise(text[span.start:span.end]))
    drivers = tuple(_driver(" ".join(words), float(score)) for words, score, _subjectivity, _label in assessments)
    return Sentence(span.start, span.end, float(polarity), float(subjectivity), drivers)


def _assess(analyzer: Any, sentence: str) -> tuple[float, float, list]:
    """``analyzer.analyze(sentence, keep_assessments=True)``; for TextBlob's PatternAnalyzer
    the same numbers from one scoring instead of its two (and no new named-tuple class per call)."""
    from textblob.en.sentiments import PatternAnalyzer, pattern_sentiment

    if type(analyzer) is PatternAnalyzer:
        score = pattern_sentiment(sentence)
        return score[0], score[1], score.assessments
    return analyzer.analyze(sentence, keep_assessments=True)


def _driver(words: str, score: float) -> tuple[str, float]:
    """One shared tuple per scored word and score, as long reviews repeat the same few hundred
    (zero scores are not shared, so a -0.0 stays -0.0)."""
    return _shared_driver(words, score) if score else (words, score)


@functools.lru_cache(maxsize=4096)
def _shared_driver(words: str, score: float) -> tuple[str, float]:
    return words, score
