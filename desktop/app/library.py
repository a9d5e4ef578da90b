"""A library: the reviews below a folder or in a collection (a CSV, TSV, JSON Lines or JSON file), their
rows filled in as results arrive, sorted, filtered and summarised. No Qt: the window's table adapts a
:class:`Library` and only shows it, and its pane runs a :class:`LibraryRun` and shows what it says.

Listing and filling (:meth:`LibraryRun.list_reviews`, :meth:`LibraryRun.fill`) are slow and
run off the UI thread; everything else is quick and runs where it is called.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from desktop.app.batch import INDEXED, SUMMARY, BatchProgress, analyze_files, list_reviews
from desktop.app.cache import ResultCache
from desktop.app.files import path_key
from desktop.app.index import LibraryIndex
from desktop.app.query import parse
from desktop.app.records import LibraryRow, PersonTally, ReviewFile, Summary, rating_scale, summarise
from desktop.app.tables import is_collection
from desktop.engine.errors import CancelEvent, Cancelled
from desktop.engine.result import UNKNOWN

log = logging.getLogger(__name__)

FIELDS = ("name", "label", "rating", "verdict", "score", "people", "words")
"""What the rows can be sorted by."""
MISSING = -1e9
"""Sort value of a number not known (yet): before every real value."""

VERDICT_FILTERS = {
    "all": "All verdicts",
    "positive": "Positive",
    "negative": "Negative",
    "mixed": "Mixed",
    "other_language": "Other language",
    "disagrees": "Disagrees with label",
    "pending": "Not analysed",
}
"""The verdict filters, each with the words a reader sees."""

BATCH_SECONDS = 0.08
"""How long :func:`fill` gathers rows before handing them over: 25,000 results arrive as a few hundred calls."""


OPENING = 70
"""How many characters of a table row's review its name in the table shows (then "…")."""
_MARKUP = re.compile(r"<[^>]*>")


def shown_name(review: ReviewFile) -> str:
    """A review's name in the table, which the filter reads: a file's name; for a table's row, "Row 17: " and
    its review's first words (every row of a table would otherwise read "reviews.csv, row N")."""
    if review.row is None:
        return display_name(review.title)
    number = f"Row {review.row:,}"
    if not review.text:
        return number
    opening = review.text[:2 * OPENING]
    if "<" in opening:
        opening = _MARKUP.sub(" ", opening)
    opening = " ".join(opening.split())
    if "&" in opening:
        opening = html.unescape(opening)
    if len(opening) > OPENING:
        opening = opening[:OPENING].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return display_name(f"{number}: {opening}")


def display_name(name: str) -> str:
    """``name`` as it can be shown: bytes that are not UTF-8 (surrogate escapes in Python) become U+FFFD.

    Qt drops such characters silently: the table would show bad\\xff.txt as another file's name, bad.txt.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Listing:
    """Empty library rows and shown names for reviews, in natural folder order (a collection's rows in
    their order)."""

    def __init__(self, reviews: Sequence[ReviewFile], ordered: bool = False):
        """``ordered``: the reviews are in that order already (as ``list_reviews`` lists one folder or table)."""
        if not ordered:
            reviews = sorted(reviews, key=lambda review: path_key(review.path))  # stable: rows keep their order
        self.rows = [LibraryRow.listed(review) for review in reviews]
        self.names = [shown_name(review) for review in reviews]
        self.labelled = sum(review.label is not None for review in reviews)
        """How many reviews carry a label (a pos/neg folder, a label column, or a rating)."""

    @property
    def reviews(self) -> list[ReviewFile]:
        """The reviews, in the rows' order."""
        return [row.review for row in self.rows]

    @classmethod
    def of(cls, source: str | os.PathLike, text_column: str | None = None,
           label_column: str | None = None) -> Listing:
        """Every review below a folder (names only: 25,000 files list in a fraction of a second), or every
        row of a collection (its columns sniffed unless named)."""
        return cls(list_reviews([source], text_column=text_column, label_column=label_column), ordered=True)


class Library:
    """The rows of one folder: filled in as results arrive, sorted, filtered and summarised."""

    def __init__(self) -> None:
        self.rows: list[LibraryRow] = []
        self.names: list[str] = []
        self.labelled = 0
        """How many of the files carry a label."""
        self.ranks: list[int] = []
        """Each row's place in natural file order, for sorting by name."""
        self.scale = 10
        """The scale the listed files' ratings are out of (5 or 10), known before any is analysed."""
        self._index: dict[tuple[str, int | None], int] = {}
        self._keys: list[tuple[str, int | None]] = []
        """Each row's review key, in the rows' order (what a search's filter asks about, 25,000 times)."""
        self.matched: set[tuple[str, int | None]] | None = None
        """The keys of the reviews a search found (None: no search; every row passes)."""

    def show(self, listing: Listing | Sequence[ReviewFile]) -> None:
        """Hold these files (or a listing made of them), in natural order, with no results yet."""
        listing = listing if isinstance(listing, Listing) else Listing(listing)
        self.rows, self.names, self.labelled = list(listing.rows), list(listing.names), listing.labelled
        self.scale = rating_scale(row.rating for row in self.rows if row.rating is not None)
        self.ranks = list(range(len(self.rows)))
        self._reindex()

    def add_results(self, rows: Iterable[LibraryRow]) -> list[int]:
        """Fill in the rows a batch reported (matched by their review's key); the numbers of the rows changed,
        in order."""
        changed = []
        for row in rows:
            number = self._index.get(row.key)
            if number is not None:
                self.rows[number] = row
                changed.append(number)
        return sorted(changed)

    def analysed(self) -> list[ReviewFile]:
        """The reviews with a result (a search looks among these)."""
        return [row.review for row in self.rows if row.has_result]

    def pending(self) -> list[ReviewFile]:
        """The reviews no batch has reported on yet, in the rows' order."""
        return [row.review for row in self.rows if not row.has_result]

    def results(self) -> list[LibraryRow]:
        """The rows the batch has reported on, in the rows' order."""
        return [row for row in self.rows if row.has_result]

    def summary(self) -> Summary:
        """The counts over the rows reported on."""
        return summarise(self.results())

    def review(self, number: int) -> ReviewFile:
        """The review of row ``number``."""
        return self.rows[number].review

    def scale_of(self, review: ReviewFile) -> int:
        """What ``review``'s rating is out of: the listing's scale for a review listed here, else 10 (a
        rating in a file's name)."""
        return self.scale if self.row_of(review) >= 0 else 10

    def row_of(self, review: ReviewFile | str | os.PathLike) -> int:
        """The number of the row of a review, or of a review file's path (-1: not listed)."""
        key = review.key if isinstance(review, ReviewFile) else (str(review), None)
        return self._index.get(key, -1)

    def sort(self, by: str, descending: bool = False) -> list[int]:
        """Reorder the rows by a field of FIELDS (equal rows keep their order); each new row's old number."""
        order = sorted(range(len(self.rows)), key=self._sort_key(by), reverse=descending)
        self.rows = [self.rows[old] for old in order]
        self.names = [self.names[old] for old in order]
        self.ranks = [self.ranks[old] for old in order]
        self._reindex()
        return order

    def accepts(self, number: int, text: str, verdict: str) -> bool:
        """Whether row ``number`` passes the filters: its name holds ``text`` (lower case), its verdict
        matches ``verdict`` (a key of VERDICT_FILTERS) and a search, if any, found it."""
        if text and text not in self.names[number].lower():
            return False
        if self.matched is not None and self._keys[number] not in self.matched:
            return False
        row = self.rows[number]
        if verdict == "all":
            return True
        if verdict == "other_language":
            return row.verdict == UNKNOWN
        if verdict == "pending":
            return not row.has_result
        if verdict == "disagrees":
            return row.disagrees
        return row.verdict == verdict

    def _sort_key(self, by: str) -> Callable[[int], Any]:
        rows = self.rows
        if by == "name":
            return lambda number: self.ranks[number]
        if by == "label":
            return lambda number: rows[number].label or ""
        if by == "verdict":
            return lambda number: rows[number].verdict or ("~error" if rows[number].error else "~")
        if by not in FIELDS:
            raise ValueError(f"cannot sort by {by!r}")
        return lambda number: MISSING if getattr(rows[number], by) is None else getattr(rows[number], by)

    def _reindex(self) -> None:
        self._keys = [row.key for row in self.rows]
        self._index = {key: number for number, key in enumerate(self._keys)}


def duration_text(seconds: float) -> str:
    """ "0.4 s", "12 s" or "3 min 05 s"."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def indexing_text(state: BatchProgress) -> str:
    """How far indexing a library (before a search or a count of its people) is."""
    return f"Indexing the library: {state.done:,} of {state.total:,} reviews…"


def progress_text(state: BatchProgress) -> str:
    """How far a filling library is, for its progress bar."""
    cached = f" · {state.cached:,} from cache" if state.cached else ""
    return f"Analysing {state.done:,} of {state.total:,}{cached}"


class LibraryRun:
    """One library's work: list its source, then fill the rows from the result cache and worker processes
    until done or stopped, and resume the rows a stop left; with the words that say how it went.

    The window calls :meth:`list` and :meth:`fill` on worker threads (one at a time) and
    reads :attr:`progress` and the wording on its own thread once they report.
    """

    def __init__(self, source: str | os.PathLike, cache: ResultCache | None = None, jobs: int = 1,
                 columns: tuple[str, str | None] | None = None) -> None:
        self.source = Path(source)
        self.cache, self.jobs = cache, jobs
        self.columns = columns
        """The collection's text and label columns the reader chose (None: found by sniffing)."""
        self.progress = BatchProgress(0, 0)
        """Reviews done of the listed total, over every fill of this run."""
        self.listing_seconds = 0.0
        self.fill_seconds = 0.0
        """How long the listing, and the last fill, took."""
        self.from_index = 0
        """How many rows the fills took from the library index (``progress.cached`` counts them too)."""
        self._index: LibraryIndex | None = None
        self._index_lock = threading.Lock()
        """Searches run one at a time, on whichever worker thread."""
        self._in_step: set[tuple[str, int | None]] = set()
        """The keys of the reviews the library index holds as the fills found them (a search need not check
        their files again: 25,000 take a second)."""

    def search(self, text: str, reviews: Sequence[ReviewFile], cancel: CancelEvent,
               progress: Callable[[BatchProgress], None] | None = None) -> set[tuple[str, int | None]]:
        """The keys of the ``reviews`` (analysed ones: the index reads their results from the cache) that answer
        the query ``text``; the library index is brought up to date with them first. QueryError for a query
        that cannot be read, Cancelled when ``cancel`` is set meanwhile."""
        query = parse(text)
        with self._indexed(reviews, cancel, progress) as index:
            return index.keys(query, reviews)

    def people(self, reviews: Sequence[ReviewFile], cancel: CancelEvent,
               progress: Callable[[BatchProgress], None] | None = None) -> list[PersonTally]:
        """Every person the analysed ``reviews`` name, merged across them (``index.tally_people``), the most
        often named first; Cancelled when ``cancel`` is set meanwhile."""
        with self._indexed(reviews, cancel, progress) as index:
            return index.people(reviews)

    @contextmanager
    def _indexed(self, reviews: Sequence[ReviewFile], cancel: CancelEvent,
                 progress: Callable[[BatchProgress], None] | None) -> Iterator[LibraryIndex]:
        """The library index, up to date with ``reviews``, for one question at a time."""
        with self._index_lock:
            if self._index is None:
                self._index = LibraryIndex.beside(self.cache, shared=True)
            unsure = [review for review in reviews if review.key not in self._in_step]
            todo = self._index.stale(unsure) if unsure else []
            if todo:
                self._index.add(todo, self.cache, self.jobs, progress, cancel)
            if cancel.is_set():
                raise Cancelled
            if self._index.storing:
                self._in_step.update(review.key for review in unsure)
            yield self._index

    def list_reviews(self) -> Listing:
        """Every review of the source (names only for a folder; a collection is read through once)."""
        started = time.monotonic()
        listing = Listing.of(self.source, *(self.columns or (None, None)))
        self.listing_seconds = time.monotonic() - started
        self.progress, self.from_index = BatchProgress(0, len(listing.rows)), 0
        return listing

    def fill(self, reviews: Sequence[ReviewFile], cancel: CancelEvent,
             deliver: Callable[[list[LibraryRow], BatchProgress], None]) -> None:
        """Analyse ``reviews`` (the listing's, or the rows a stop left) until done or ``cancel`` is set, handing
        the rows over in completion order to ``deliver`` with the run's progress, at most every BATCH_SECONDS
        and once at the end. Raises MissingDataError when the language data is missing.

        With a result cache, the library index fills the rows it holds up to date at once (a reopened library
        reads nothing else), and keeps what the workers find of the others."""
        started = time.monotonic()
        index = LibraryIndex.beside(self.cache) if self.cache is not None else None
        try:
            known: list[LibraryRow] = []
            todo = list(reviews)
            if index is not None:
                try:
                    known, todo = index.known(reviews, [self.source])
                except sqlite3.Error as error:  # a locked or broken index: the rows come from the cache
                    log.warning("The library index cannot be read (%s); filling without it", error)
                    index = None
            self.from_index += len(known)
            self._in_step.update(row.key for row in known)
            before = self.progress  # the index holds no failed review (they are tried again)
            before = BatchProgress(before.done + len(known), before.done + len(reviews),
                                   before.cached + len(known), before.failed, before.unsaved)
            self.progress = before
            if known:
                deliver(known, self.progress)
            self._fill(todo, cancel, deliver, before, index)
        finally:
            self.fill_seconds = time.monotonic() - started
            if index is not None:
                if not index.storing:  # what it holds is not known: searches check every review
                    self._in_step.clear()
                index.close()

    def _fill(self, reviews: list[ReviewFile], cancel: CancelEvent,
              deliver: Callable[[list[LibraryRow], BatchProgress], None], before: BatchProgress,
              index: LibraryIndex | None) -> None:
        """Analyse ``reviews`` in worker processes (storing what they find in ``index``), as :meth:`fill` says."""
        if not reviews:  # a reopened library the index holds whole: no batch (nor its cache pruning) to run
            return
        pending: list[LibraryRow] = []
        last = time.monotonic()

        def note(state: BatchProgress) -> None:
            self.progress = BatchProgress(before.done + state.done, before.total, before.cached + state.cached,
                                          before.failed + state.failed, before.unsaved + state.unsaved)

        rows = cast(Iterator[LibraryRow], analyze_files(  # summaries or indexed detail: LibraryRows
            reviews, detail=INDEXED if index else SUMMARY, cache=self.cache, jobs=self.jobs, ordered=False,
            progress=note, cancel=cancel))
        try:
            for row in index.store(rows) if index else rows:
                if index:
                    self._in_step.add(row.key)
                pending.append(replace(row, indexed=None) if row.indexed else row)  # the text stays in the index
                if time.monotonic() - last >= BATCH_SECONDS:
                    deliver(pending, self.progress)
                    pending, last = [], time.monotonic()
        finally:
            deliver(pending, self.progress)

    @property
    def complete(self) -> bool:
        """Whether every listed review has been analysed (or failed)."""
        return self.progress.done >= self.progress.total

    def finished_text(self, stopped: bool) -> str:
        """What a fill that ended says: how many were done, how fast, from the library index and the cache, and
        failed."""
        state = self.progress
        done = "Stopped" if stopped else "Analysed"
        from_cache = state.cached - self.from_index
        cached = (f", {self.from_index:,} from the library index" if self.from_index else "") + (
            f", {from_cache:,} from the cache" if from_cache else "")
        failed = f", {state.failed:,} could not be analysed" if state.failed else ""
        rest = f"; Resume analyses the {state.total - state.done:,} left" if stopped and not self.complete else ""
        return (f"{done}: {state.done:,} of {state.total:,} reviews in {duration_text(self.fill_seconds)}"
                f"{cached}{failed}{rest}.")

    def empty_text(self) -> str:
        """What an empty listing says."""
        if is_collection(self.source):
            return f"No reviews in {self.source}."
        return f"No review files (.txt) in {self.source}."

    def listing_stopped_text(self) -> str:
        """What a listing stopped before its end says."""
        return f"Stopped listing {self.source}."
