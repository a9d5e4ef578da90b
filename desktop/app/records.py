"""The records results travel as, and their one JSON form.

- :class:`ReviewFile`: a listed review and the labels its folder and name carry;
- :class:`~desktop.engine.result.Analysis`: everything shown for one review;
- :class:`Outcome`: one review's Analysis, or the reason there is none;
- :class:`LibraryRow`: one review's line in a library;
- :class:`Summary`: counts over library rows, and a :class:`PersonTally` per person they name.

:func:`to_json` gives the JSON-ready dict of any of them, stamped with
``SCHEMA``; :func:`analysis_from_json` reads an Analysis back and trusts
nothing. An analysis's JSON form is declared once, a :class:`Form` per record
(``BODY``, ``SENTENCE``, ``PERSON``, ``VERDICT``, ``EVIDENCE``: each key in
order and its kind), and writing, reading and checking all follow it, so a
field is one line there beside its dataclass field. The cache, the CLI, every
export and the library use these and nothing else.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, cast

from desktop.app.files import imdb_rating, read_review
from desktop.engine.errors import ReviewError
from desktop.engine.result import (
    LABELS,
    UNKNOWN,
    VERDICTS,
    Analysis,
    Evidence,
    Label,
    Person,
    Sentence,
    Span,
    Verdict,
    VerdictLabel,
)

SCHEMA = 3
"""The version of the JSON form; every record carries it as ``"schema"`` (records before 2 had none)."""

FOLDER_LABELS: dict[str, Label] = {"pos": "positive", "neg": "negative"}
"""Folder names that label the reviews below them, and the label each gives."""


RATING_BOUNDS = {5: (2, 4), 10: (4, 7)}
"""Scale -> (highest negative rating, lowest positive rating)."""


def folder_label(path: str | os.PathLike) -> Label | None:
    """"positive" or "negative" when the file's folder is named ``pos`` or ``neg``, else None."""
    return FOLDER_LABELS.get(Path(path).parent.name.lower())


def rating_scale(ratings: Iterable[float]) -> int:
    """The scale ratings are out of: 5 when none is over 5, else 10."""
    return 5 if max(ratings, default=10) <= 5 else 10


def label_for_rating(rating: float | None, scale: int = 10) -> Label | None:
    """The label a star rating out of ``scale`` (5 or 10) gives: "positive", "negative" or None.

    Out of 10, 7 and up is positive and 4 and down negative, as the IMDB dataset labels
    its reviews; out of 5, 4 and up is positive and 2 and down negative. Between (5-6
    out of 10, 3 out of 5, and fractions such as 3.5) is neither.
    """
    if rating is None:
        return None
    negative, positive = RATING_BOUNDS[scale]
    if rating >= positive:
        return "positive"
    return "negative" if rating <= negative else None


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """One listed review: where it is, the label and rating it carries, and its text when that is not
    simply the file's (a row of a collection, a pasted review)."""

    path: Path
    label: Label | None = None
    """"positive" or "negative": from a ``pos``/``neg`` folder or a label column, else from the rating."""
    rating: float | None = None
    """The reviewer's rating: 1-10 from an ``ID_RATING.txt`` name, or the stars in a rating column."""
    row: int | None = None
    """The 1-based data row of a collection (``tables``); None for a review file."""
    text: str | None = field(default=None, compare=False, repr=False)
    """The review's text when it is not read from ``path``: a collection's row, a pasted review."""
    error: str | None = None
    """Why a collection's row has no review (a malformed row)."""
    encoding: str | None = field(default=None, compare=False, repr=False)
    """The encoding ``text`` was read in (a collection's), None when it was given as text (pasted)."""

    @classmethod
    def at(cls, path: str | os.PathLike) -> ReviewFile:
        """The review file at ``path`` with the label its folder, else the rating in its name, gives."""
        path = Path(path)
        rating = imdb_rating(path.name)
        return cls(path, folder_label(path) or label_for_rating(rating), rating)

    @classmethod
    def pasted(cls, text: str, number: int = 1) -> ReviewFile:
        """A review pasted from the clipboard, not saved anywhere yet."""
        return cls(Path(f"Pasted review {number}"), text=text)

    @property
    def unsaved(self) -> bool:
        """Whether it is a pasted review, in no file."""
        return self.text is not None and self.row is None

    @property
    def key(self) -> tuple[str, int | None]:
        """What tells it from every other listed review: its file and row."""
        return str(self.path), self.row

    @property
    def title(self) -> str:
        """Its name for a reader: "1_8.txt" or "reviews.csv, row 17"."""
        return self.path.name if self.row is None else f"{self.path.name}, row {self.row:,}"

    def raw(self) -> bytes | str:
        """Its review: the text it carries, else the file's bytes (ReviewError when they cannot be read)."""
        if self.error is not None:
            raise ReviewError(self.error)
        return self.text if self.text is not None else read_review(self.path)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One review's full result: where it came from, and its Analysis or the reason there is none."""

    source: ReviewFile
    analysis: Analysis | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.analysis is not None


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """One review in a library: the listed review (its file, row and labels), then its verdict and counts once
    analysed, or its error."""

    review: ReviewFile
    verdict: VerdictLabel | None = None
    score: float | None = None
    people: int | None = None
    words: int | None = None
    language: str | None = None
    error: str | None = None
    indexed: Indexed | None = field(default=None, compare=False, repr=False)
    """What the library index keeps of its analysis, while the row goes from a worker to the index."""

    @classmethod
    def listed(cls, review: ReviewFile) -> LibraryRow:
        """The row of a listed review: no result yet, or its error when it has no review."""
        return cls(review, error=review.error)

    def analyzed(self, analysis: Analysis) -> LibraryRow:
        """This row with the numbers of ``analysis``."""
        return self.with_numbers(numbers(analysis))

    def with_numbers(self, found: dict) -> LibraryRow:
        """This row with analysis numbers (:func:`numbers`, or the cache's copy of them)."""
        return replace(self, **found, error=None)

    def failed(self, error: str) -> LibraryRow:
        """This row with an error instead of numbers."""
        return LibraryRow(self.review, error=error)

    @property
    def file(self) -> str:
        return str(self.review.path)

    @property
    def row(self) -> int | None:
        return self.review.row

    @property
    def label(self) -> Label | None:
        return self.review.label

    @property
    def rating(self) -> float | None:
        return self.review.rating

    @property
    def key(self) -> tuple[str, int | None]:
        """Its review's key (``ReviewFile.key``)."""
        return self.review.key

    @property
    def has_result(self) -> bool:
        """Whether it was analysed, or failed with an error."""
        return self.verdict is not None or self.error is not None

    @property
    def disagrees(self) -> bool:
        """Whether it was analysed in English and its verdict differs from its label."""
        return self.verdict in LABELS and self.label is not None and self.verdict != self.label


@dataclass(frozen=True, slots=True)
class Indexed:
    """What the library index keeps of one analysis (``desktop.app.index``): its library numbers, its verdict's
    confidence, its cleaned text and its people (name, tone, mentions). Workers send this back for a library
    that is being indexed as it fills."""

    numbers: dict
    confidence: float
    text: str
    people: tuple[tuple[str, str, int], ...]

    @classmethod
    def of(cls, analysis: Analysis) -> Indexed:
        return cls(numbers(analysis), analysis.verdict.confidence, analysis.text,
                   tuple((person.name, person.tone, len(person.mentions)) for person in analysis.people))


def numbers(analysis: Analysis) -> dict:
    """The library numbers of an analysis: verdict, score, people, words and language."""
    return {"verdict": analysis.verdict.label, "score": analysis.verdict.score,
            "people": len(analysis.people), "words": analysis.word_count, "language": analysis.language}


@dataclass(frozen=True)
class PersonTally:
    """One person across a library: the name most often written, and in how many reviews, how many mentions, and
    how many of those reviews praise, criticise or only mention them (the three add up to the reviews)."""

    name: str
    reviews: int
    mentions: int
    praised: int
    criticised: int
    neutral: int
    names: tuple[str, ...] = ()
    """Each name merged into this person, as most often written ("Alfred Hitchcock", "Hitchcock")."""

    @property
    def query(self) -> str:
        """The search for the reviews that name this person by any of their names, and no one else."""
        return " or ".join(f'person:="{name.replace(chr(34), " ")}"' for name in self.names or (self.name,))


@dataclass(frozen=True)
class Summary:
    """Counts over library rows: verdicts, and agreement with the rows' labels (over reviews analysed in
    English: a review in another language has the verdict "unknown")."""

    reviews: int = 0
    failed: int = 0
    verdicts: dict[VerdictLabel, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    confusion: dict[Label, dict[VerdictLabel, int]] = field(default_factory=dict)
    """Expected verdict (from the labels) -> engine verdict -> files, over analysed labelled files."""
    by_rating: dict[float, dict[str, int]] = field(default_factory=dict)
    """Rating -> {"reviews", "labelled", "agreed", and one count per verdict}, over analysed files."""
    people: tuple[PersonTally, ...] = ()
    """Every person the analysed reviews name, merged across them, the most often named first (counted by the
    library index: ``LibraryIndex.people``)."""

    @property
    def labelled(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    @property
    def agreed(self) -> int:
        return sum(row.get(expected, 0) for expected, row in self.confusion.items())

    @property
    def agreement(self) -> float | None:
        """The share of analysed labelled files whose verdict matches the label, or None without labels."""
        return self.agreed / self.labelled if self.labelled else None


def summarise(rows: Iterable[LibraryRow], people: Iterable[PersonTally] = ()) -> Summary:
    """The Summary of library rows, with the people they name (their tallies, as the library index counts them)."""
    tally = Counter((row.verdict if row.error is None else None, row.review.label, row.review.rating) for row in rows)
    failed = 0  # counted by kind of row, not row by row: the window recounts 25,000 rows as they fill
    verdicts: dict[VerdictLabel, int] = dict.fromkeys(LABELS, 0)
    confusion: dict[Label, dict[VerdictLabel, int]] = {}
    by_rating: dict[float, dict[str, int]] = {}
    for (verdict, label, rating), count in tally.items():
        if verdict is None:
            failed += count
            continue
        verdicts[verdict] = verdicts.get(verdict, 0) + count
        if verdict == UNKNOWN:
            continue
        if label is not None:
            confusion.setdefault(label, dict.fromkeys(LABELS, 0))[verdict] += count
        if rating is not None:
            counts = by_rating.setdefault(
                rating, {"reviews": 0, "labelled": 0, "agreed": 0, **dict.fromkeys(LABELS, 0)})
            counts["reviews"] += count
            counts[verdict] += count
            counts["labelled"] += count if label is not None else 0
            counts["agreed"] += count if verdict == label else 0
    return Summary(sum(tally.values()), failed, verdicts, dict(sorted(confusion.items(), reverse=True)),
                   dict(sorted(by_rating.items())), tuple(people))


# --- the JSON form -----------------------------------------------------------------------------

class Kind(NamedTuple):
    """A kind of JSON value: whether a value is one (``size``: the length of the review's text, which offsets
    and spans lie in), and how it is written from its attribute and read back."""

    valid: Callable[[Any, int], bool]
    write: Callable[[Any], Any] | None = None
    """None: written as it is."""
    read: Callable[[Any], Any] | None = None
    """None: read as it is."""
    item: Kind | Form | None = None
    """What a list holds (:func:`listed`); None for any other kind."""


TEXT = Kind(lambda value, size: isinstance(value, str))
NUMBER = Kind(lambda value, size: _number(value))
"""An int or a finite float (not a bool)."""
SIGNED = Kind(lambda value, size: _number(value) and -1 <= value <= 1)
"""A number from -1 to 1: a polarity or a score."""
SHARE = Kind(lambda value, size: _number(value) and 0 <= value <= 1)
"""A number from 0 to 1: a subjectivity or a confidence."""
COUNT = Kind(lambda value, size: _count(value))
"""An int of 0 or more (not a bool)."""
OFFSET = Kind(lambda value, size: _count(value) and value <= size)
"""An offset into the text; a record's ``start`` and ``end`` offsets make a span (see :class:`Form`)."""
SPAN = Kind(lambda value, size: isinstance(value, list) and len(value) == 2 and _count(value[0])
            and _count(value[1]) and value[0] <= value[1] <= size, list, lambda value: Span(*value))
"""A :class:`Span` of the text as ``[start, end]``."""
PAIR = Kind(lambda value, size: isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and _number(value[1]), list, tuple)
"""A word and its number as ``[word, number]``: a sentence's driver."""


def one_of(choices: tuple[str, ...]) -> Kind:
    """A text that is one of ``choices``."""
    return Kind(lambda value, size: isinstance(value, str) and value in choices)


def listed(kind: Kind | Form) -> Kind:
    """A list of values of ``kind``, a tuple of them in the record."""
    return Kind(lambda value, size: isinstance(value, list) and all(map(kind.valid, value, repeat(size))),
                lambda values: list(values if kind.write is None else map(kind.write, values)),
                lambda value: tuple(value if kind.read is None else map(kind.read, value)), kind)


@dataclass(frozen=True)
class Form:
    """The JSON form of a record class: in JSON order, each key (the name of the attribute it holds) and its
    kind. A form is a kind too, a nested record; ``start`` and ``end`` keys make a span (start <= end)."""

    record: type
    kinds: dict[str, Kind | Form]

    def valid(self, data: object, size: int) -> bool:
        """Whether ``data`` has exactly these keys, each holding a value of its kind."""
        if not (isinstance(data, dict) and data.keys() == self.kinds.keys()):
            return False
        for key, kind in self.kinds.items():
            if not kind.valid(data[key], size):
                return False
        return "start" not in data or data["start"] <= data["end"]

    def write(self, record: object) -> dict:
        """The JSON form of ``record``."""
        data = {}
        for key, kind in self.kinds.items():
            value = getattr(record, key)
            data[key] = value if kind.write is None else kind.write(value)
        return data

    def read(self, data: dict, **rest: object) -> Any:
        """The record that valid ``data`` stands for, given the attributes the form leaves out as ``rest``."""
        values = {key: data[key] if kind.read is None else kind.read(data[key]) for key, kind in self.kinds.items()}
        return self.record(**values, **rest)


EVIDENCE = Form(Evidence, {"text": TEXT, "start": OFFSET, "end": OFFSET, "weight": NUMBER})
VERDICT = Form(Verdict, {"label": one_of(VERDICTS), "score": SIGNED, "confidence": SHARE, "positive": COUNT,
                         "negative": COUNT, "neutral": COUNT, "reason": TEXT, "evidence": listed(EVIDENCE)})
SENTENCE = Form(Sentence, {"start": OFFSET, "end": OFFSET, "polarity": SIGNED, "subjectivity": SHARE,
                           "drivers": listed(PAIR)})
PERSON = Form(Person, {"name": TEXT, "mentions": listed(SPAN), "polarity": SIGNED})
BODY = Form(Analysis, {"language": TEXT, "encoding": TEXT, "text": TEXT, "paragraphs": listed(SPAN),
                       "sentences": listed(SENTENCE), "people": listed(PERSON), "verdict": VERDICT})
"""An analysis in its JSON form, after ``"schema"`` and the file and its labels (``SOURCE_KEYS``)."""
SOURCE_KEYS = {"file", "row", "ok", "label", "rating"}
"""The keys a record of a file adds to its analysis."""
NUMBERS = Form(LibraryRow, {"verdict": one_of(VERDICTS), "score": SIGNED, "people": COUNT, "words": COUNT,
                            "language": TEXT})
"""The fields an analysis fills in a row (:func:`numbers`; the cache keeps them beside each result)."""
ROW_FIELDS = ("file", "row", "label", "rating", *NUMBERS.kinds, "error")
"""A library row's columns in the CSV and JSON exports: its review's file, row and labels, its numbers, its error."""


def to_json(record: Analysis | Outcome | LibraryRow | Summary) -> dict:
    """The JSON-ready form of a record, with ``"schema"`` first.

    An Analysis (or a successful Outcome) is the CLI's jsonl record: file, labels,
    text, spans, sentences, people and verdict. A failed Outcome is its file, labels
    and error; a LibraryRow its fields; a Summary its counts and agreement.
    """
    if isinstance(record, Analysis):
        return to_json(Outcome(ReviewFile.at(record.name), record))
    if isinstance(record, Outcome):
        source = record.source
        head = {"schema": SCHEMA, "file": str(source.path), "row": source.row, "ok": record.ok,
                "label": source.label, "rating": source.rating}
        if record.analysis is None:
            return {**head, "error": record.error}
        return {**head, **BODY.write(record.analysis)}
    if isinstance(record, LibraryRow):
        return {"schema": SCHEMA, **{name: getattr(record, name) for name in ROW_FIELDS}}
    if isinstance(record, Summary):
        return {"schema": SCHEMA, **asdict(record), "labelled": record.labelled, "agreed": record.agreed,
                "agreement": record.agreement}
    raise TypeError(f"not a record: {type(record).__name__}")


def analysis_json(analysis: Analysis) -> dict:
    """The JSON form of an analysis alone (no file or labels): what the cache keeps."""
    return {"schema": SCHEMA, **BODY.write(analysis)}


def analysis_from_json(data: object, name: str = "", size: int = 0) -> Analysis | None:
    """The Analysis a JSON form (from :func:`to_json` or :func:`analysis_json`) stands for, or None when
    its schema or any part of its shape does not check out."""
    if not (isinstance(data, dict) and data.get("schema") == SCHEMA and isinstance(data.get("text"), str)):
        return None
    body = {key: value for key, value in data.items() if key != "schema" and key not in SOURCE_KEYS}
    return BODY.read(body, name=name, size=size) if BODY.valid(body, len(data["text"])) else None


def valid_numbers(data: object) -> bool:
    """Whether ``data`` is exactly a row's analysis numbers (see :func:`numbers`)."""
    return NUMBERS.valid(data, 0)


def _number(value: object) -> bool:
    return type(value) in (int, float) and abs(cast(float, value)) <= sys.float_info.max  # type() admits int, float


def _count(value: object) -> bool:
    return type(value) is int and value >= 0
