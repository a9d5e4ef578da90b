"""The records results travel as, and their one JSON form.

- :class:`ReviewFile`: a listed review and the labels its folder and name carry;
- :class:`~desktop.analysis.result.Analysis`: everything shown for one review;
- :class:`Outcome`: one review's Analysis, or the reason there is none;
- :class:`LibraryRow`: one review's line in a library;
- :class:`Summary`: counts over library rows.

:func:`to_json` gives the JSON-ready dict of any of them, stamped with
``SCHEMA``; :func:`analysis_from_json` reads an Analysis back and trusts
nothing. The cache, the CLI, every export and the library use these and
nothing else, so a field is added in one place.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from desktop.analysis.result import LABELS, Analysis, Evidence, Person, Sentence, Span, Verdict, imdb_rating

SCHEMA = 2
"""The version of the JSON form; every record carries it as ``"schema"`` (records before 2 had none)."""

FOLDER_LABELS = {"pos": "positive", "neg": "negative"}
"""Folder names that label the reviews below them, and the label each gives."""


def folder_label(path: str | os.PathLike) -> str | None:
    """"positive" or "negative" when the file's folder is named ``pos`` or ``neg``, else None."""
    return FOLDER_LABELS.get(Path(path).parent.name.lower())


def expected_verdict(label: str | None, rating: int | None) -> str | None:
    """The verdict a review's labels call for: its label, else a rating of 7+ or 4-; else None."""
    if label is not None:
        return label
    if rating is None or 4 < rating < 7:
        return None
    return "positive" if rating >= 7 else "negative"


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """One listed review: its path and the labels its folder and name carry."""

    path: Path
    label: str | None
    """"positive" or "negative" (from a ``pos``/``neg`` folder), else None."""
    rating: int | None
    """The reviewer's 1-10 rating from an ``ID_RATING.txt`` name, else None."""

    @classmethod
    def at(cls, path: str | os.PathLike) -> ReviewFile:
        """The review at ``path`` with the labels its folder and name carry."""
        path = Path(path)
        return cls(path, folder_label(path), imdb_rating(path.name))

    @property
    def expected(self) -> str | None:
        """The verdict its labels call for (see :func:`expected_verdict`)."""
        return expected_verdict(self.label, self.rating)


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
    """One review in a library: its file and labels, then its verdict and counts once analysed, or its error."""

    file: str
    label: str | None = None
    rating: int | None = None
    verdict: str | None = None
    score: float | None = None
    people: int | None = None
    words: int | None = None
    error: str | None = None

    @classmethod
    def listed(cls, review: ReviewFile) -> LibraryRow:
        """The row of a listed review with no result yet."""
        return cls(str(review.path), review.label, review.rating)

    def analysed(self, analysis: Analysis) -> LibraryRow:
        """This row with the numbers of ``analysis``."""
        return replace(self, **numbers(analysis), error=None)

    def failed(self, error: str) -> LibraryRow:
        """This row with an error instead of numbers."""
        return replace(self, verdict=None, score=None, people=None, words=None, error=error)

    @property
    def has_result(self) -> bool:
        """Whether it was analysed, or failed with an error."""
        return self.verdict is not None or self.error is not None

    @property
    def expected(self) -> str | None:
        """The verdict its labels call for (see :func:`expected_verdict`)."""
        return expected_verdict(self.label, self.rating)

    @property
    def disagrees(self) -> bool:
        """Whether it was analysed and its verdict differs from the one its labels call for."""
        return self.verdict is not None and self.expected is not None and self.verdict != self.expected


ROW_FIELDS = tuple(item.name for item in fields(LibraryRow))
"""A library row's columns in the CSV and JSON exports."""
NUMBER_FIELDS = ("verdict", "score", "people", "words")
"""The fields an analysis fills in a row (the cache keeps them beside each result)."""


def numbers(analysis: Analysis) -> dict:
    """The library numbers of an analysis: verdict, score, people and words."""
    return {"verdict": analysis.verdict.label, "score": analysis.verdict.score,
            "people": len(analysis.people), "words": analysis.word_count}


@dataclass(frozen=True)
class Summary:
    """Counts over library rows: verdicts, and agreement with the rows' labels."""

    reviews: int = 0
    failed: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    """Expected verdict (from the labels) -> engine verdict -> files, over analysed labelled files."""
    by_rating: dict[int, dict[str, int]] = field(default_factory=dict)
    """Rating -> {"reviews", "labelled", "agreed", and one count per verdict}, over analysed files."""

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


def summarise(rows: Iterable[LibraryRow]) -> Summary:
    """The Summary of library rows."""
    reviews = failed = 0
    verdicts = dict.fromkeys(LABELS, 0)
    confusion: dict[str, dict[str, int]] = {}
    by_rating: dict[int, dict[str, int]] = {}
    for row in rows:
        reviews += 1
        verdict = row.verdict
        if row.error is not None or verdict is None:
            failed += 1
            continue
        verdicts[verdict] += 1
        expected = row.expected
        if expected is not None:
            confusion.setdefault(expected, dict.fromkeys(LABELS, 0))[verdict] += 1
        if row.rating is not None:
            counts = by_rating.setdefault(
                row.rating, {"reviews": 0, "labelled": 0, "agreed": 0, **dict.fromkeys(LABELS, 0)})
            counts["reviews"] += 1
            counts[verdict] += 1
            counts["labelled"] += expected is not None
            counts["agreed"] += verdict == expected
    return Summary(reviews, failed, verdicts, dict(sorted(confusion.items(), reverse=True)),
                   dict(sorted(by_rating.items())))


# --- the JSON form -----------------------------------------------------------------------------

def to_json(record: Analysis | Outcome | LibraryRow | Summary) -> dict:
    """The JSON-ready form of a record, with ``"schema"`` first.

    An Analysis (or a successful Outcome) is the CLI's jsonl record: file, labels,
    text, spans, sentences, people and verdict. A failed Outcome is its file, labels
    and error; a LibraryRow its fields; a Summary its counts and agreement.
    """
    if isinstance(record, Analysis):
        return to_json(Outcome(ReviewFile.at(record.name), record))
    if isinstance(record, Outcome):
        head = {"schema": SCHEMA, "file": str(record.source.path), "ok": record.ok,
                "label": record.source.label, "rating": record.source.rating}
        if record.analysis is None:
            return {**head, "error": record.error}
        return {**head, **_analysis_body(record.analysis)}
    if isinstance(record, LibraryRow):
        return {"schema": SCHEMA, **asdict(record)}
    if isinstance(record, Summary):
        return {"schema": SCHEMA, **asdict(record), "labelled": record.labelled, "agreed": record.agreed,
                "agreement": record.agreement}
    raise TypeError(f"not a record: {type(record).__name__}")


BODY_KEYS = ("encoding", "text", "paragraphs", "sentences", "people", "verdict")
"""The keys of an analysis in its JSON form (after the file and its labels)."""
ANALYSIS_KEYS = {"schema", *BODY_KEYS}
SOURCE_KEYS = {"file", "ok", "label", "rating"}
"""The keys a record of a file adds to its analysis."""
SENTENCE_KEYS = {"start", "end", "polarity", "subjectivity", "drivers"}
PERSON_KEYS = {"name", "mentions", "polarity"}
VERDICT_KEYS = {"label", "score", "positive", "negative", "neutral", "reason", "evidence"}
EVIDENCE_KEYS = {"text", "start", "end", "weight"}


def _analysis_body(analysis: Analysis) -> dict:
    verdict = analysis.verdict
    return {
        "encoding": analysis.encoding,
        "text": analysis.text,
        "paragraphs": [list(p) for p in analysis.paragraphs],
        "sentences": [
            {"start": s.start, "end": s.end, "polarity": s.polarity, "subjectivity": s.subjectivity,
             "drivers": [[w, p] for w, p in s.drivers]}
            for s in analysis.sentences
        ],
        "people": [{"name": p.name, "mentions": [list(m) for m in p.mentions], "polarity": p.polarity}
                   for p in analysis.people],
        "verdict": {
            "label": verdict.label, "score": verdict.score, "positive": verdict.positive,
            "negative": verdict.negative, "neutral": verdict.neutral, "reason": verdict.reason,
            "evidence": [{"text": e.text, "start": e.start, "end": e.end, "weight": e.weight}
                         for e in verdict.evidence],
        },
    }


def analysis_json(analysis: Analysis) -> dict:
    """The JSON form of an analysis alone (no file or labels): what the cache keeps."""
    return {"schema": SCHEMA, **_analysis_body(analysis)}


def analysis_from_json(data: object, name: str = "", size: int = 0) -> Analysis | None:
    """The Analysis a JSON form (from :func:`to_json` or :func:`analysis_json`) stands for, or None when
    its schema or any part of its shape does not check out."""
    if not _valid_analysis(data):
        return None
    verdict = data["verdict"]
    return Analysis(
        name=name,
        encoding=data["encoding"],
        text=data["text"],
        paragraphs=tuple(Span(*span) for span in data["paragraphs"]),
        sentences=tuple(
            Sentence(s["start"], s["end"], s["polarity"], s["subjectivity"],
                     tuple((word, score) for word, score in s["drivers"]))
            for s in data["sentences"]
        ),
        people=tuple(Person(p["name"], tuple(Span(*m) for m in p["mentions"]), p["polarity"])
                     for p in data["people"]),
        verdict=Verdict(verdict["label"], verdict["score"], verdict["positive"], verdict["negative"],
                        verdict["neutral"], verdict["reason"],
                        tuple(Evidence(c["text"], c["start"], c["end"], c["weight"]) for c in verdict["evidence"])),
        size=size,
    )


def valid_numbers(data: object) -> bool:
    """Whether ``data`` is exactly a row's analysis numbers (see :func:`numbers`)."""
    return (
        isinstance(data, dict)
        and set(data) == set(NUMBER_FIELDS)
        and data["verdict"] in LABELS
        and _number(data["score"])
        and _count(data["people"])
        and _count(data["words"])
    )


def _valid_analysis(data: object) -> bool:
    try:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or set(data) - SOURCE_KEYS != ANALYSIS_KEYS:
            return False
        text, encoding = data["text"], data["encoding"]
        if not (isinstance(text, str) and isinstance(encoding, str)):
            return False
        size = len(text)
        if not all(_span(span, size) for span in data["paragraphs"]):
            return False
        for sentence in data["sentences"]:
            if not (
                set(sentence) == SENTENCE_KEYS
                and _span((sentence["start"], sentence["end"]), size)
                and _number(sentence["polarity"])
                and _number(sentence["subjectivity"])
                and all(len(d) == 2 and isinstance(d[0], str) and _number(d[1]) for d in sentence["drivers"])
            ):
                return False
        for person in data["people"]:
            if not (set(person) == PERSON_KEYS and isinstance(person["name"], str)
                    and _number(person["polarity"]) and all(_span(span, size) for span in person["mentions"])):
                return False
        verdict = data["verdict"]
        return (
            set(verdict) == VERDICT_KEYS
            and verdict["label"] in LABELS
            and _number(verdict["score"])
            and all(_count(verdict[name]) for name in ("positive", "negative", "neutral"))
            and isinstance(verdict["reason"], str)
            and all(set(cue) == EVIDENCE_KEYS and isinstance(cue["text"], str) and _number(cue["weight"])
                    and _span((cue["start"], cue["end"]), size) for cue in verdict["evidence"])
        )
    except (TypeError, KeyError):
        return False


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _span(span: object, size: int) -> bool:
    return (
        isinstance(span, (list, tuple)) and len(span) == 2
        and all(isinstance(i, int) and not isinstance(i, bool) for i in span)
        and 0 <= span[0] <= span[1] <= size
    )
