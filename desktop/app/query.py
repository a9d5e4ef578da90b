"""The library's query language: words, "phrases" and fields, combined with and, or, not and brackets. No Qt.

    soundtrack                 reviews that use the word, in any case and with or without accents
    sound*                     a word that starts so
    "special effects"          the words one after the other
    verdict:negative           label:positive    language:es    (a field's value, in any case)
    person:Kubrick             a person the review names ("Kubrick" or "Stanley Kubrick"; person:"Tom Hanks";
                               person:=Kubrick only a person named just "Kubrick")
    praised:Hanks              criticised:Hanks   a person the review speaks of so
    rating:>=8   score:<0   confidence:<0.7   words:>500   people:>=3   (>, >=, <, <=, = or a plain number)
    disagrees                  the verdict differs from the review's label
    a b   a and b              both;   a or b: either;   not a, -a: not a;   ( … ) groups

``and`` binds tighter than ``or``; words are whole words. ``parse`` turns a query into a
``Query`` (a QueryError, said for a reader, when it cannot); ``Query.matches`` tells
whether an ``Entry`` (one analysed review) answers it, and ``Query.highlights`` where
its words and phrases are in a text.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from desktop.app.records import LibraryRow, Outcome
from desktop.engine.result import VERDICTS, Span, sureness_of
from desktop.engine.text.language import LANGUAGES


class QueryError(ValueError):
    """A query that cannot be read, in words for the reader."""


def fold(text: str) -> str:
    """Text as words are compared: case folded, accents dropped ("Café" and "cafe" are one word)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)) if not decomposed.isascii() else decomposed


_WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits, as SQLite's FTS5 tokenizer (unicode61) reads them, so "don't" is "don" "t"."""


def words_of(text: str) -> list[str]:
    """The words of ``text``, folded."""
    return _WORD.findall(fold(text))


class Entry:
    """One analysed review as a query sees it: its library row, its verdict's confidence, its text and people
    (its words are found when first asked)."""

    def __init__(self, outcome: Outcome) -> None:
        analysis = outcome.analysis
        if analysis is None:
            raise ValueError("only an analysed review can be searched")
        self.row = LibraryRow(outcome.source).analyzed(analysis)
        self.confidence = analysis.verdict.confidence
        self.text = analysis.text
        self.people = tuple((tuple(words_of(person.name)), person.tone) for person in analysis.people)

    def number(self, name: str) -> float | None:
        """A number field: rating, score, confidence, words or people."""
        return self.confidence if name == "confidence" else getattr(self.row, name)

    @cached_property
    def words(self) -> list[str]:
        return words_of(self.text)

    @cached_property
    def word_set(self) -> set[str]:
        return set(self.words)


class Query:
    """A parsed query: a test of an Entry."""

    def matches(self, entry: Entry) -> bool:
        raise NotImplementedError

    def terms(self) -> Iterator[tuple[str, ...]]:
        """The words and phrases it looks for in the text (not those under ``not``), each a tuple of folded
        words; a word ending in ``*`` is a prefix."""
        return iter(())

    def highlights(self, text: str) -> list[Span]:
        """Where its words and phrases are in ``text``, in order."""
        terms = list(self.terms())
        if not terms:
            return []
        spans = [match.span() for match in _WORD.finditer(text)]
        lowered = text.casefold() if text.isascii() else None  # ASCII folds in place: one call for the text
        folded = [lowered[start:end] if lowered is not None else fold(text[start:end]) for start, end in spans]
        at: dict[str, list[int]] = {}
        for index, word in enumerate(folded):
            at.setdefault(word, []).append(index)
        found = set()
        for term in terms:
            first, size = term[0], len(term)
            starts = ([index for word, indices in at.items() if word.startswith(first[:-1]) for index in indices]
                      if first.endswith("*") else at.get(first, []))
            for index in starts:
                if index + size <= len(folded) and all(
                        _word_matches(want, folded[index + n]) for n, want in enumerate(term[1:], 1)):
                    found.add(Span(spans[index][0], spans[index + size - 1][1]))
        return sorted(found)


def _word_matches(want: str, word: str) -> bool:
    return word.startswith(want[:-1]) if want.endswith("*") else word == want


@dataclass(frozen=True)
class Phrase(Query):
    """Words one after the other in the text (one word is a phrase of one)."""

    words: tuple[str, ...]

    def matches(self, entry: Entry) -> bool:
        first = self.words[0]
        if len(self.words) == 1 and not first.endswith("*"):
            return first in entry.word_set
        text = entry.words
        return any(all(_word_matches(want, text[index + n]) for n, want in enumerate(self.words))
                   for index in range(len(text) - len(self.words) + 1))

    def terms(self) -> Iterator[tuple[str, ...]]:
        yield self.words


@dataclass(frozen=True)
class Is(Query):
    """A field with one of a few values: verdict, label, language."""

    name: str
    value: str

    def matches(self, entry: Entry) -> bool:
        return (getattr(entry.row, self.name) or "none") == self.value


@dataclass(frozen=True)
class Compare(Query):
    """A number field compared with a number; a review without the number never matches."""

    name: str
    sign: str
    """One of >=, <=, >, < and =."""
    value: float

    def matches(self, entry: Entry) -> bool:
        number = entry.number(self.name)
        return number is not None and _COMPARISONS[self.sign](number, self.value)


@dataclass(frozen=True)
class Names(Query):
    """A person whose name holds these words in order (is exactly these words, when ``exact``), spoken of in any
    way or only as ``tone``."""

    words: tuple[str, ...]
    tone: str | None = None
    exact: bool = False

    def terms(self) -> Iterator[tuple[str, ...]]:
        yield self.words

    def matches(self, entry: Entry) -> bool:
        size = len(self.words)
        return any((self.tone is None or tone == self.tone)
                   and (name == self.words if self.exact else
                        any(name[index:index + size] == self.words for index in range(len(name) - size + 1)))
                   for name, tone in entry.people)


@dataclass(frozen=True)
class Disagrees(Query):
    """The verdict (positive or negative) differs from the label."""

    def matches(self, entry: Entry) -> bool:
        return entry.row.disagrees


@dataclass(frozen=True)
class _Group(Query):
    """Queries joined: their words and phrases are all looked for."""

    parts: tuple[Query, ...]

    def terms(self) -> Iterator[tuple[str, ...]]:
        for part in self.parts:
            yield from part.terms()


class AllOf(_Group):
    def matches(self, entry: Entry) -> bool:
        return all(part.matches(entry) for part in self.parts)


class AnyOf(_Group):
    def matches(self, entry: Entry) -> bool:
        return any(part.matches(entry) for part in self.parts)


@dataclass(frozen=True)
class Not(Query):
    part: Query

    def matches(self, entry: Entry) -> bool:
        return not self.part.matches(entry)


# Reading a query

CHOICES = {"verdict": VERDICTS, "label": ("positive", "negative", "none")}
NUMBERS = ("rating", "score", "confidence", "words", "people")
TONES = {"praised": "praised", "criticised": "criticised", "criticized": "criticised"}
FIELDS = ("verdict", "label", "language", "person", "praised", "criticised", *NUMBERS)
"""The fields a reader is told of (criticized is read as criticised)."""
_COMPARISONS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "=": operator.eq}
_TOKEN = re.compile(r'\s*(?:(?P<bracket>[()])|(?P<negation>-(?=\S))|(?P<field>\w+):(?P<quoted>=?"[^"]*"?)'
                    r'|(?P<phrase>"[^"]*"?)|(?P<word>[^\s()"]+))')


def parse(text: str) -> Query:
    """The Query ``text`` stands for; QueryError when it cannot be read. An empty query matches every review."""
    tokens = list(_tokens(text))
    if not tokens:
        return AllOf(())
    reader = _Reader(tokens)
    query = reader.either()
    if reader.position < len(tokens):
        raise QueryError("A closing bracket has no opening one.")
    return query


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) pairs: bracket, negation (a leading "-"), phrase ("…"), field (its name; its quoted value
    follows as a phrase), word."""
    position = 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None:  # only a stray quote is left unmatched by the pattern
            raise QueryError("A quote is not closed.")
        position = match.end()
        kind = match.lastgroup or "word"
        if kind == "quoted":
            yield "field", match["field"]
            yield "phrase", match["quoted"]
        else:
            yield kind, match[kind]


class _Reader:
    """A recursive-descent reader over the tokens: either → both → one."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.position = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def either(self) -> Query:
        parts = [self.both()]
        while _is_word(self.peek(), "or"):
            self.take()
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def both(self) -> Query:
        parts = [self.one()]
        while (token := self.peek()) is not None and token != ("bracket", ")") and not _is_word(token, "or"):
            if _is_word(token, "and"):
                self.take()
            parts.append(self.one())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def one(self) -> Query:
        if self.peek() is None:
            raise QueryError("The query ends where a word was expected (after “and”, “or” or “not”).")
        kind, text = self.take()
        if kind == "bracket":
            if text == ")":
                raise QueryError("A closing bracket has no opening one.")
            inner = self.either()
            if self.peek() != ("bracket", ")"):
                raise QueryError("A bracket is not closed.")
            self.take()
            return inner
        if kind == "negation" or _is_word((kind, text), "not"):
            return Not(self.one())
        if kind == "field":
            return _field(text, self.take()[1])
        if kind == "word" and ":" in text and text.split(":", 1)[0].isalpha():  # "10:30" is text
            name, value = text.split(":", 1)
            return _field(name, value)
        return _text(text, kind)


def _is_word(token: tuple[str, str] | None, word: str) -> bool:
    """Whether ``token`` is the plain word ``word`` (and, or, not), in any case."""
    return token is not None and token[0] == "word" and token[1].lower() == word


def _text(text: str, kind: str) -> Query:
    if kind == "phrase" and not text.endswith('"') or text == '"':
        raise QueryError("A quote is not closed.")
    if kind == "word" and text.lower() == "disagrees":
        return Disagrees()
    words = tuple(words_of(text.strip('"')))
    if not words:
        raise QueryError(f"“{text}” has no word to look for.")
    if kind == "word" and text.endswith("*") and len(words) == 1:
        words = (words[0] + "*",)
    return Phrase(words)


def _field(name: str, value: str) -> Query:
    key = name.lower()
    value = value.strip('"').strip()
    if value.startswith('="'):  # person:="Tom Hanks"
        value = "=" + value[2:].strip()
    if key not in FIELDS and key not in TONES:
        raise QueryError(f"There is no field “{name[:40]}”; the fields are {', '.join(FIELDS[:-1])} and {FIELDS[-1]}.")
    if not value:
        raise QueryError(f"{key}: needs a value, as in {_EXAMPLES[key]}.")
    if key in CHOICES:
        if value.lower() not in CHOICES[key]:
            raise QueryError(f"{key}: is {', '.join(CHOICES[key][:-1])} or {CHOICES[key][-1]}, as in {_EXAMPLES[key]}.")
        return Is(key, value.lower())
    if key == "language":
        return _language(value)
    if key in NUMBERS:
        return _compare(key, value)
    exact = value.startswith("=")
    words = tuple(words_of(value.lstrip("=")))
    if not words:
        raise QueryError(f"{key}: needs a name, as in {_EXAMPLES[key]}.")
    return Names(words, TONES.get(key), exact)


_EXAMPLES = {"verdict": "verdict:negative", "label": "label:positive", "language": "language:es",
             "person": 'person:"Tom Hanks"', "praised": "praised:Hanks", "criticised": "criticised:Hanks",
             "criticized": "criticized:Hanks", "rating": "rating:>=8", "score": "score:<0",
             "confidence": "confidence:<0.7", "words": "words:>500", "people": "people:>=3"}


def _compare(name: str, value: str) -> Compare:
    sign = next((sign for sign in _COMPARISONS if value.startswith(sign)), "=")
    number = value[len(sign):] if value.startswith(sign) else value
    try:
        limit = float(number)
    except ValueError:
        raise QueryError(f"{name}: needs a number, as in {_EXAMPLES[name]}.") from None
    return Compare(name, sign, limit)


def _language(value: str) -> Is:
    """language:es, or language:spanish (a name the app shows)."""
    wanted = value.lower()
    if len(wanted) <= 3:
        return Is("language", wanted)
    for code, name in LANGUAGES.items():
        if name.lower() == wanted:
            return Is("language", code)
    raise QueryError(f"language: takes a code such as es or de, or a name such as Spanish, not “{value[:40]}”.")


# Searching

@dataclass(frozen=True)
class Match:
    """A review that answers a query: its library row, its verdict's confidence, its cleaned text, and the query
    (which finds where its words are in that text when asked)."""

    row: LibraryRow
    confidence: float
    text: str
    query: Query = field(repr=False)

    @property
    def spans(self) -> list[Span]:
        """Where the query's words and phrases (and people's names) are in the text."""
        return self.query.highlights(self.text)

    def snippet(self, width: int = 60) -> str:
        """The text around the first word found (its start when none), on one line, "…" where cut."""
        text, spans = self.text, self.spans
        start, end = spans[0] if spans else (0, 0)
        left, right = max(0, start - width), min(len(text), end + width)
        if left:  # whole words only
            left = next((n + 1 for n in range(left, start) if text[n].isspace()), start)
        if right < len(text):
            right = next((n for n in range(right, end, -1) if text[n].isspace()), end)
        body = " ".join(text[left:right].split())
        return ("…" if left else "") + body + ("…" if right < len(text) else "")

    def sureness(self) -> str:
        """ "96% sure · score +0.62", as the verdict card says it."""
        return sureness_of(self.row.verdict or "", self.row.score or 0.0, self.confidence)


def matching(outcomes: Iterable[Outcome], query: Query) -> Iterator[Match]:
    """The analysed outcomes that answer ``query``, in order (the index's answer, worked out in Python)."""
    for outcome in outcomes:
        if outcome.analysis is not None and query.matches(entry := Entry(outcome)):
            yield Match(entry.row, entry.confidence, entry.text, query)
