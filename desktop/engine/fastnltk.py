"""NLTK's perceptron tagger, applied faster with the same weights.

NLTK spends most of its time in pure-Python plumbing: a feature vector built per
label before it is scored, a default dict per prediction. This module computes
the same features in the same order, looks each one up once in a precomputed
weight table, and adds the weights in NLTK's order, so every decision is
bit-for-bit NLTK's (``tests/test_fastnltk.py`` checks that).
"""

from __future__ import annotations

from typing import Any


class FastTagger:
    """A drop-in for ``nltk.tag.PerceptronTagger().tag``."""

    def __init__(self, tagger: Any) -> None:
        self._classes = tuple(sorted(tagger.classes))
        index = {label: i for i, label in enumerate(self._classes)}
        self._weights = {
            feature: tuple((index[label], weight) for label, weight in weights.items())
            for feature, weights in tagger.model.weights.items()
        }
        self._tagdict = dict(tagger.tagdict)
        self._start = tuple(tagger.START)
        self._end = tuple(tagger.END)
        self._normalize = tagger.normalize

    def tag(self, tokens: list[str]) -> list[tuple[str, str]]:
        """``(word, tag)`` pairs, as ``PerceptronTagger().tag(tokens)`` gives them."""
        return list(zip(tokens, self._tags(tokens, 0, len(tokens))))

    def tag_window(self, tokens: list[str], begin: int, end: int) -> list[str]:
        """The tags of ``tokens[begin:end]``, as :meth:`tag` gives them, tagged from where no earlier
        word can change them: the sentence's start, or two words in a row (one at the end) whose tags
        the tag dictionary decides, as it decides them whatever came before."""
        start = begin
        while start > 0 and not (tokens[start] in self._tagdict
                                 and (start + 1 == len(tokens) or tokens[start + 1] in self._tagdict)):
            start -= 1
        return self._tags(tokens, start, end)[begin - start:]

    def _tags(self, tokens: list[str], start: int, end: int) -> list[str]:
        prev, prev2 = self._start  # from a later start, the first two tags come from the dictionary
        lo, hi = max(0, start - 2), min(len(tokens), end + 2)  # the words the features read
        context = [*self._start, *[""] * lo, *map(self._normalize, tokens[lo:hi]), *[""] * (len(tokens) - hi),
                   *self._end]
        output = []
        for i in range(start + len(self._start), end + len(self._start)):
            word = tokens[i - len(self._start)]
            tag = self._tagdict.get(word)
            if not tag:
                tag = self._predict(self._features(word, context, i, prev, prev2))
            output.append(tag)
            prev2, prev = prev, tag
        return output

    def _predict(self, features: tuple[str, ...]) -> str:
        scores = [0.0] * len(self._classes)
        weights = self._weights
        for feature in features:
            for label_index, weight in weights.get(feature, ()):
                scores[label_index] += weight
        return max(zip(scores, self._classes))[1]

    @staticmethod
    def _features(word: str, context: list[str], i: int, prev: str, prev2: str) -> tuple[str, ...]:
        """NLTK's ``PerceptronTagger._get_features``, as an ordered tuple."""
        return (
            "bias",
            "i suffix " + word[-3:],
            "i pref1 " + (word[0] if word else ""),
            "i-1 tag " + prev,
            "i-2 tag " + prev2,
            "i tag+i-2 tag " + prev + " " + prev2,
            "i word " + context[i],
            "i-1 tag+i word " + prev + " " + context[i],
            "i-1 word " + context[i - 1],
            "i-1 suffix " + context[i - 1][-3:],
            "i-2 word " + context[i - 2],
            "i+1 word " + context[i + 1],
            "i+1 suffix " + context[i + 1][-3:],
            "i+2 word " + context[i + 2],
        )
