"""Batch analysis of review folders: a fast listing, worker processes, the result cache, progress and cancel.

No Qt. The window lists a folder with :func:`list_reviews` (fast: names only, no
reading), then iterates :func:`analyse_files` on a worker thread, which yields
one record per file as results arrive, calls ``progress`` after each, and stops
promptly once ``cancel`` is set; :func:`analysis_for` opens one review through
the same cache. :func:`summarise` counts verdicts and the
agreement with the labels the files carry.

Records come in two shapes: ``detail="full"`` gives the CLI's jsonl record;
``detail="summary"`` gives a library row (``SUMMARY_FIELDS``).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.analysis.cache import ResultCache, analysis_from_record, content_key, record_summary
from desktop.analysis.engine import analyze
from desktop.analysis.errors import CancelEvent, Cancelled, ReviewError, unexpected
from desktop.analysis.files import read_review, review_files
from desktop.analysis.nlp import MissingDataError
from desktop.analysis.result import LABELS, Analysis, imdb_rating
from desktop.logs import join_log, log_file

log = logging.getLogger(__name__)

FULL, SUMMARY = "full", "summary"
SUMMARY_FIELDS = ("file", "label", "rating", "verdict", "score", "people", "words", "error")
"""A library row: file path, folder label (``pos``/``neg`` or None), rating from an ``ID_RATING.txt``
name (or None), verdict label, score, people count, word count, and the error (None when analysed)."""

FOLDER_LABELS = {"pos": "positive", "neg": "negative"}
"""Folder names that label the reviews below them, and the verdict each label expects."""

POLL_SECONDS = 0.05
"""How often a waiting batch looks at its cancel flag."""


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """One listed review: its path and the labels its folder and name carry."""

    path: Path
    label: str | None
    rating: int | None


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """How far a batch is: files done of total, how many came from the cache, how many failed, and how
    many results the cache could not keep."""

    done: int
    total: int
    cached: int = 0
    failed: int = 0
    unsaved: int = 0


CACHED, ANALYSED, UNSAVED = "cached", "analysed", "unsaved"
"""Where a record came from: the cache, a new analysis, or a new analysis the cache could not keep."""


def list_reviews(paths: Iterable[str | os.PathLike]) -> list[ReviewFile]:
    """Every review file named or below the folders named (see ``review_files``), with its labels.

    Only names are looked at, so 25,000 files list in a fraction of a second.
    """
    return [ReviewFile(path, folder_label(path), imdb_rating(path.name)) for path in review_files(paths)]


def folder_label(path: str | os.PathLike) -> str | None:
    """``pos`` or ``neg`` when the file's folder is named so, else None."""
    name = Path(path).parent.name.lower()
    return name if name in FOLDER_LABELS else None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_start_method() -> str:
    """``fork`` for a single-threaded source run on Linux (fast); ``spawn`` everywhere else.

    A frozen app must spawn, and forking a process that runs other threads (the
    window does) can copy a lock another thread holds, so those spawn too.
    """
    if (
        sys.platform.startswith("linux")
        and not getattr(sys, "frozen", False)
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    ):
        return "fork"
    return "spawn"


def analyse_files(
    files: Sequence[str | os.PathLike | ReviewFile],
    *,
    detail: str = SUMMARY,
    cache: ResultCache | None = None,
    jobs: int = 1,
    ordered: bool = True,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: CancelEvent | None = None,
    start_method: str | None = None,
) -> Iterator[dict]:
    """One record per file (``detail`` ``"full"`` or ``"summary"``), yielded as each is ready.

    With ``jobs`` > 1 and enough files, ``jobs`` worker processes read, look up,
    analyse and cache the files; ``ordered=False`` yields in completion order.
    ``progress`` is called with a BatchProgress once at the start and after every
    record, on the thread iterating. When ``cancel.is_set()`` the batch stops
    within about POLL_SECONDS and the workers are ended. Closing the iterator
    early ends them too. A file that cannot be analysed gives a record with its
    error; missing language data raises MissingDataError. ``cache`` is pruned
    first (``ResultCache.prune``).
    """
    if detail not in (FULL, SUMMARY):
        raise ValueError(f"detail must be {FULL!r} or {SUMMARY!r}, not {detail!r}")
    paths = [str(item.path if isinstance(item, ReviewFile) else item) for item in files]
    if cache is not None:
        cache.prune()
    work = functools.partial(analyse_path, detail=detail, cache=cache)
    state = BatchProgress(0, len(paths))
    if progress:
        progress(state)
    for record, origin in _results(work, paths, jobs, ordered, cancel, start_method):
        failed = record.get("error") is not None
        state = BatchProgress(state.done + 1, state.total, state.cached + (origin == CACHED),
                              state.failed + failed, state.unsaved + (origin == UNSAVED))
        if progress:
            progress(state)
        yield record


def _results(
    work: Callable[[str], tuple[dict, str]],
    paths: list[str],
    jobs: int,
    ordered: bool,
    cancel: CancelEvent | None,
    start_method: str | None,
) -> Iterator[tuple[dict, str]]:
    """(record, from_cache) pairs, in this process or from a pool, until done or cancelled."""

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    if jobs <= 1 or len(paths) < 2 * jobs:
        for path in paths:
            try:
                yield work(path, cancel=cancel)  # in this process a long analysis stops mid-file
            except Cancelled:
                return
        return
    context = multiprocessing.get_context(start_method or default_start_method())
    size = max(1, min(16, len(paths) // (jobs * 64)))
    chunks = [paths[start:start + size] for start in range(0, len(paths), size)]
    log_path = log_file()
    with context.Pool(jobs, initializer=_start_worker, initargs=(log_path and str(log_path),)) as pool:
        mapper = pool.imap if ordered else pool.imap_unordered
        results = mapper(functools.partial(_analyse_chunk, work), chunks)
        for _ in chunks:
            while True:
                if cancelled():
                    return  # leaving the with-block terminates the workers
                try:
                    chunk = results.next(timeout=POLL_SECONDS)
                    break
                except multiprocessing.TimeoutError:
                    continue
            for result in chunk:
                if cancelled():
                    return
                yield result


def _analyse_chunk(work: Callable[[str], tuple[dict, str]], paths: list[str]) -> list[tuple[dict, str]]:
    return [work(path) for path in paths]


def _start_worker(log_path: str | None) -> None:
    """Workers log to the parent's log file and leave Ctrl+C to the parent, which ends them."""
    join_log(log_path)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def analyse_path(
    path: str, detail: str = FULL, cache: ResultCache | None = None, cancel: CancelEvent | None = None
) -> tuple[dict, str]:
    """The record for one file and where it came from (CACHED, ANALYSED or UNSAVED); runs in the workers.

    Raises Cancelled when ``cancel`` is set during the analysis.
    """
    try:
        raw = read_review(path)
        key = content_key(raw) if cache is not None else ""
        if cache is not None:
            if detail == SUMMARY:
                numbers = cache.load_summary(key)
                if numbers is not None:
                    return _row(path, numbers), CACHED
            else:
                stored = cache.load(key)
                if stored is not None:
                    return {"file": path, **stored}, CACHED
        record = analyze(raw, name=path, cancel=cancel).to_dict()
        origin = ANALYSED if cache is None or cache.store(key, record) else UNSAVED
        return (_row(path, record_summary(record)) if detail == SUMMARY else record), origin
    except (MissingDataError, Cancelled):
        raise
    except ReviewError as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - one bad file must not end a 25,000-file batch
        log.exception("Analysing %s failed", path)
        message = unexpected(f"{Path(path).name} could not be analysed", error)
    if detail == SUMMARY:
        return {**_row(path, {"verdict": None, "score": None, "people": None, "words": None}), "error": message}, ANALYSED
    return {"file": path, "ok": False, "error": message}, ANALYSED


def analysis_for(raw: bytes, name: str, cache: ResultCache | None) -> Analysis:
    """The Analysis of one review's bytes: from ``cache`` when it holds them, else analysed and stored.

    For the reading view: a review already analysed in the library opens at once.
    """
    if cache is None:
        return analyze(raw, name=name)
    key = content_key(raw)
    stored = cache.load(key)
    if stored is not None:
        return analysis_from_record(stored, name=name, size=len(raw))
    analysis = analyze(raw, name=name)
    cache.store(key, analysis.to_dict())
    return analysis


def _row(path: str, numbers: dict) -> dict:
    return {"file": path, "label": folder_label(path), "rating": imdb_rating(path), **numbers, "error": None}


def expected_verdict(label: str | None, rating: int | None) -> str | None:
    """The verdict a file's labels call for: its pos/neg folder, else a rating of 7+ or 4-; else None."""
    if label in FOLDER_LABELS:
        return FOLDER_LABELS[label]
    if rating is None or 4 < rating < 7:
        return None
    return "positive" if rating >= 7 else "negative"


@dataclass(frozen=True)
class Summary:
    """Counts over library rows: verdicts, and agreement with the files' labels."""

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

    def to_dict(self) -> dict:
        """The JSON-ready form."""
        return {**asdict(self), "labelled": self.labelled, "agreed": self.agreed, "agreement": self.agreement}


def summarise(rows: Iterable[dict]) -> Summary:
    """The Summary of library rows (``detail="summary"`` records)."""
    reviews = failed = 0
    verdicts = dict.fromkeys(LABELS, 0)
    confusion: dict[str, dict[str, int]] = {}
    by_rating: dict[int, dict[str, int]] = {}
    for row in rows:
        reviews += 1
        verdict = row["verdict"]
        if row["error"] is not None or verdict is None:
            failed += 1
            continue
        verdicts[verdict] += 1
        expected = expected_verdict(row["label"], row["rating"])
        if expected is not None:
            confusion.setdefault(expected, dict.fromkeys(LABELS, 0))[verdict] += 1
        if row["rating"] is not None:
            counts = by_rating.setdefault(
                row["rating"], {"reviews": 0, "labelled": 0, "agreed": 0, **dict.fromkeys(LABELS, 0)})
            counts["reviews"] += 1
            counts[verdict] += 1
            counts["labelled"] += expected is not None
            counts["agreed"] += verdict == expected
    return Summary(reviews, failed, verdicts, dict(sorted(confusion.items(), reverse=True)),
                   dict(sorted(by_rating.items())))
