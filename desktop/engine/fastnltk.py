"""NLTK's perceptron tagger and binary maxent NE chunker, applied faster with the same weights.

NLTK spends most of its time in pure-Python plumbing: a regex guard around each
shape test, a feature vector built per label before it is scored, a default
dict per prediction. This module computes the same features in the same order,
looks each one up once in a precomputed weight table, and adds the weights in
NLTK's order, so every decision is bit-for-bit NLTK's (``tests/test_fastnltk.py``
checks that).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import regex
from nltk.chunk.named_entity import simplify_pos
from nltk.probability import _NINF, sum_logs
from nltk.tree import Tree

# NLTK's ``shape()``, with the same patterns and engine (the ``regex`` module).
_NUMBER = regex.compile(r"[0-9]+(\.[0-9]*)?|[0-9]*\.[0-9]+$", regex.UNICODE)
_PUNCT = regex.compile(r"\W+$", regex.UNICODE)
_WORD = regex.compile(r"\w+$", regex.UNICODE)


@functools.lru_cache(maxsize=1 << 16)
def shape(word: str) -> str:
    """The word-shape feature of NLTK's NE chunker."""
    if _NUMBER.match(word):
        return "number"
    if _PUNCT.match(word):
        return "punct"
    if _WORD.match(word):
        if word.istitle():
            return "upcase"
        if word.islower():
            return "downcase"
        return "mixedcase"
    return "other"


CHUNKER_DATA = "chunkers/maxent_ne_chunker_tab/english_ace_binary/"


class FastNEChunker:
    """A drop-in for ``nltk.chunk.ne_chunker(fmt="binary")``: ``tag()`` and ``parse()``.

    It reads the model's tab files itself, so loading needs neither NLTK's
    maxent classes nor numpy.
    """

    def __init__(self, labels: list[str], table: dict[tuple, list[tuple[int, float]]],
                 alwayson: tuple[tuple[int, float], ...], english_words: set[str]) -> None:
        """``table`` maps each feature ``(name, value)`` to its ``(label index, weight)`` pairs, ``alwayson``
        holds the pairs every decision adds."""
        self._labels = tuple(labels)
        self._table = table
        self._alwayson = alwayson
        self._english_words = english_words

    @classmethod
    def load(cls) -> FastNEChunker:
        """The binary ACE model from NLTK's data path, decoded as NLTK's ``MaxentDecoder`` decodes it."""
        from nltk.corpus import words

        labels = _lines("labels.txt")
        index = {label: i for i, label in enumerate(labels)}
        weights = [float(value) for value in _lines("weights.txt")]
        alwayson = tuple((index[label], weights[int(feature_id)])
                         for label, feature_id in map(_fields, _lines("alwayson.tab")) if label in index)
        return cls(labels, _weight_table(index, weights), alwayson, set(words.words("en-basic")))

    def tag(self, tokens: list[tuple[str, str]]) -> list[tuple[tuple[str, str], str]]:
        """IOB tags for POS-tagged tokens, as ``chunker._tagger.tag(tokens)`` gives them."""
        history: list[str] = []
        for index in range(len(tokens)):
            history.append(self._classify(self._features(tokens, index, history)))
        return list(zip(tokens, history))

    def tag_window(self, tokens: list[tuple[str, str]], begin: int, end: int, lowest: int) -> list[str] | None:
        """The IOB tags of ``tokens[begin:end]``, as :meth:`tag` gives them, tagged from where the tag
        before cannot matter: a token (after ``lowest``) that gets the same IOB tag whatever the tag
        before it, or the sentence's start when ``lowest`` is 0. ``tokens`` needs POS tags from
        ``lowest`` to ``end`` (and the one after). None when no such token is found."""
        history: list[str | None] = [None] * len(tokens)
        start = 0
        for sure in range(begin, max(lowest + 1, 2) - 1, -1):
            found = set()
            for before in self._labels:
                history[sure - 1] = before
                found.add(self._classify(self._features(tokens, sure, history)))
            if len(found) == 1:
                history[sure], start = found.pop(), sure + 1
                break
        else:
            if lowest > 0:
                return None
        for index in range(start, end):
            history[index] = self._classify(self._features(tokens, index, history))
        return [label or "" for label in history[begin:end]]

    def parse(self, tokens: list[tuple[str, str]]) -> Tree:
        """The chunk tree, as ``chunker.parse(tokens)`` gives it."""
        sentence = Tree("S", [])
        for token, tag in self.tag(tokens):
            if tag == "O":
                sentence.append(token)
            elif tag.startswith("B-"):
                sentence.append(Tree(tag[2:], [token]))
            elif sentence and isinstance(sentence[-1], Tree) and sentence[-1].label() == tag[2:]:
                sentence[-1].append(token)
            else:
                sentence.append(Tree(tag[2:], [token]))
        return sentence

    def _classify(self, features: dict) -> str:
        totals = [0.0] * len(self._labels)
        table = self._table
        for item in features.items():
            for label_index, weight in table.get(item, ()):
                totals[label_index] += weight
        for label_index, weight in self._alwayson:
            totals[label_index] += weight
        ranked = sorted(zip(totals, self._labels), reverse=True)
        if ranked[0][0] - ranked[1][0] > 1e-9 * max(1.0, abs(ranked[0][0])):
            return ranked[0][1]
        # A near tie: normalise the log scores as NLTK does, so ties break alike.
        value_sum = sum_logs(totals)
        if value_sum <= _NINF:
            scores = [math.log(1.0 / len(totals), 2)] * len(totals)
        else:
            scores = [total - value_sum for total in totals]
        return max(zip(scores, self._labels))[1]

    def _features(self, tokens: list[tuple[str, str]], index: int, history: list) -> dict:
        """NLTK's ``NEChunkParserTagger._feature_detector``, quirks included."""
        word, tag = tokens[index]
        pos = simplify_pos(tag)
        if index == 0:
            prevword = prevpos = prevshape = prevtag = None
        elif index == 1:
            prevword = tokens[0][0].lower()
            prevpos = simplify_pos(tokens[0][1])
            prevtag = history[0][0]  # NLTK takes the first letter of the tag here
            prevshape = None
        else:
            prevword = tokens[index - 1][0].lower()
            prevpos = simplify_pos(tokens[index - 1][1])
            prevtag = history[index - 1]
            prevshape = shape(prevword)
        if index == len(tokens) - 1:
            nextword = nextpos = None
        else:
            nextword = tokens[index + 1][0].lower()
            nextpos = tokens[index + 1][1].lower()
        lower = word.lower()
        return {
            "bias": True,
            "shape": shape(word),
            "wordlen": len(word),
            "prefix3": word[:3].lower(),
            "suffix3": word[-3:].lower(),
            "pos": pos,
            "word": word,
            "en-wordlist": word in self._english_words,
            "prevtag": prevtag,
            "prevpos": prevpos,
            "nextpos": nextpos,
            "prevword": prevword,
            "nextword": nextword,
            "word+nextpos": f"{lower}+{nextpos}",
            "pos+prevtag": f"{pos}+{prevtag}",
            "shape+prevtag": f"{prevshape}+{prevtag}",
        }


def _lines(name: str) -> list[str]:
    """The lines of a file of the chunker model, as iterating over it gives them (less their newline).

    Read whole and split: NLTK's line-by-line decoding (and its seekable reader) took a second and a half."""
    from nltk.data import find

    pointer = find(CHUNKER_DATA + name)
    path = getattr(pointer, "path", None)
    with open(path, encoding="utf-8") if path else pointer.open(encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def _weight_table(index: dict[str, int], weights: list[float]) -> dict[tuple, list[tuple[int, float]]]:
    """The mapping file's features, each with its ``(label index, weight)`` pairs in the file's order."""
    table: dict[tuple, list[tuple[int, float]]] = {}
    fields = "\t".join(_lines("mapping.tab")).split("\t")
    for name, value, label, feature_id in zip(*[iter(fields)] * 4, strict=True):
        key = (name, _feature_value(name, value))
        entry = (index[label], weights[int(feature_id)])
        row = table.get(key)
        if row is None:
            table[key] = [entry]
        else:
            row.append(entry)
    return table


def _fields(line: str) -> list[str]:
    return line.split("\t")


_VALUES: dict[str, Any] = {"repr-None": None, "repr-True": True, "repr-False": False}


def _feature_value(name: str, value: str) -> Any:
    """A feature value as ``MaxentDecoder.tupkey2dict`` restores it: an int, None, a bool or the text."""
    if name == "wordlen":
        return int(value)
    if not value.startswith("repr-"):
        return value
    if value in _VALUES:
        return _VALUES[value]
    tail = value[5:]
    digits = tail[1:] if tail.startswith("-") else tail
    return int(tail) if digits.isascii() and digits.isdigit() else value


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
