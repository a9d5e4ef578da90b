"""Batch analysis of review folders: a fast listing, worker processes, the result cache, progress and cancel.

No Qt. The window lists a folder with :func:`list_reviews` (fast: names only, no
reading), then iterates :func:`analyze_files` on a worker thread, which yields
one record per file as results arrive, calls ``progress`` after each, and stops
promptly once ``cancel`` is set; each file is opened by ``review.open_review``,
the path the window opens a review by.

Records are those of ``desktop.app.records``: ``detail="full"`` gives an
Outcome per file (its Analysis or its error), ``detail="summary"`` a LibraryRow,
``detail="indexed"`` a LibraryRow carrying what the library index keeps.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, cast

from desktop.app.cache import ResultCache
from desktop.app.files import review_files
from desktop.app.records import Indexed, LibraryRow, Outcome, ReviewFile, numbers
from desktop.app.review import ANALYZED, CACHED, UNSAVED, Origin, cache_key, open_review
from desktop.app.tables import is_collection, read_rows
from desktop.engine.errors import CancelEvent, Cancelled, ReviewError, unexpected
from desktop.engine.nlp import MissingDataError
from desktop.engine.result import Analysis
from desktop.logs import join_log, log_file

log = logging.getLogger(__name__)

FULL, SUMMARY, INDEXED = "full", "summary", "indexed"
POLL_SECONDS = 0.05
"""How often a waiting batch looks at its cancel flag."""


Found = Analysis | Indexed | dict[str, Any] | str
"""What the work on one review gives: its Analysis (full detail), what the library index keeps of it (indexed),
its library numbers (summary; see ``records.numbers``) or why it has none. Workers send this back, never the
review they were given."""


class Work(Protocol):
    """What analyses one review: analyze_path with its detail and cache bound."""

    def __call__(self, review: ReviewFile, *, cancel: CancelEvent | None = None) -> tuple[Found, Origin]:
        ...


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """How far a batch is: files done of total, how many came from the cache, how many failed, and how
    many results the cache could not keep."""

    done: int
    total: int
    cached: int = 0
    failed: int = 0
    unsaved: int = 0


def list_reviews(paths: Iterable[str | os.PathLike], skipped: list[Path] | None = None,
                 text_column: str | None = None, label_column: str | None = None) -> list[ReviewFile]:
    """Every review named or below the folders named (see ``review_files``), with its labels; a collection
    (``tables``) gives one review a row, its columns sniffed unless named.

    Review files are listed by name alone, so 25,000 list in a fraction of a second;
    a collection is read through once (a 65 MB CSV in about half a second). Folders
    that cannot be read are added to ``skipped`` when it is given.
    """
    return list(reviews_in(review_files(paths, skipped), text_column, label_column))


def reviews_in(files: Iterable[Path], text_column: str | None = None,
               label_column: str | None = None) -> Iterator[ReviewFile]:
    """The reviews of listed files (see :func:`list_files`): a file's, or a table's rows as they stream."""
    for path in files:
        if is_collection(path):
            yield from collection_rows(path, text_column, label_column)
        else:
            yield ReviewFile.at(path)


def list_files(paths: Iterable[str | os.PathLike], skipped: list[Path] | None = None) -> list[Path]:
    """The review files and tables ``paths`` name, by name alone (see ``review_files``); :func:`reviews_in`
    reads their reviews, as often as needed, a file that has gone since included (its record says so)."""
    return list(review_files(paths, skipped))


def collection_rows(path: Path, text_column: str | None = None,
                    label_column: str | None = None) -> Iterator[ReviewFile]:
    """The rows of a collection as reviews; one review with the reason when it cannot be read as one."""
    try:
        rows = read_rows(path, text_column, label_column)
    except ReviewError as error:
        yield ReviewFile(path, error=str(error))
        return
    yield from rows


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


def analyze_files(
    files: Iterable[str | os.PathLike | ReviewFile],
    *,
    total: int | None = None,
    detail: str = SUMMARY,
    cache: ResultCache | None = None,
    jobs: int = 1,
    ordered: bool = True,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: CancelEvent | None = None,
    start_method: str | None = None,
) -> Iterator[Outcome | LibraryRow]:
    """One record per file (an Outcome for ``detail="full"``, a LibraryRow for ``"summary"``), yielded as
    each is ready.

    ``files`` is a sequence, or an iterable of ``total`` files taken as the work
    goes (a table's rows as they stream: a few chunks a worker are held at a
    time, ``IN_FLIGHT``). With ``jobs`` > 1 and enough files, ``jobs`` worker
    processes read, look up, analyse and cache the files; ``ordered=False`` yields
    in completion order. ``progress`` is called with a BatchProgress once at the
    start and after every record, on the thread iterating. When ``cancel.is_set()``
    the batch stops within about POLL_SECONDS and the workers are ended. Closing
    the iterator early ends them too. A file that cannot be analysed gives a
    record with its error; missing language data raises MissingDataError.
    ``cache`` is pruned first, and again when the batch ends unstopped
    (``ResultCache.prune``).
    """
    if detail not in (FULL, SUMMARY, INDEXED):
        raise ValueError(f"detail must be {FULL!r}, {SUMMARY!r} or {INDEXED!r}, not {detail!r}")
    total = len(cast(Sequence, files)) if total is None else total
    reviews = (item if isinstance(item, ReviewFile) else ReviewFile.at(item) for item in files)
    if cache is not None:
        cache.prune()
    work = functools.partial(analyze_path, detail=detail, cache=cache)
    state = BatchProgress(0, total)
    if progress:
        progress(state)
    for review, (found, origin) in _results(work, reviews, total, jobs, ordered, cancel, start_method):
        record = record_of(review, found, detail)
        failed = record.error is not None
        state = BatchProgress(state.done + 1, state.total, state.cached + (origin == CACHED),
                              state.failed + failed, state.unsaved + (origin == UNSAVED))
        if progress:
            progress(state)
        yield record
    if cache is not None and not (cancel is not None and cancel.is_set()):
        cache.prune()  # what this batch wrote may have taken the cache over its limit (a stopped one: next time)


IN_FLIGHT = 4
"""Chunks sent to each worker ahead of the results taken: enough to keep it busy, few enough to hold little."""


def _results(
    work: Work,
    reviews: Iterator[ReviewFile],
    total: int,
    jobs: int,
    ordered: bool,
    cancel: CancelEvent | None,
    start_method: str | None,
) -> Iterator[tuple[ReviewFile, tuple[Found, Origin]]]:
    """Each review with what its work found and where that came from, in this process or from a pool, until
    done or cancelled; ``reviews`` is taken as the work goes."""

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    if jobs <= 1 or total < 2 * jobs:
        for review in reviews:
            try:
                yield review, work(review, cancel=cancel)  # in this process a long analysis stops mid-file
            except Cancelled:
                return
        return
    yield from _from_pool(work, reviews, total, jobs, ordered, cancelled, start_method)


def _from_pool(
    work: Work,
    reviews: Iterator[ReviewFile],
    total: int,
    jobs: int,
    ordered: bool,
    cancelled: Callable[[], bool],
    start_method: str | None,
) -> Iterator[tuple[ReviewFile, tuple[Found, Origin]]]:
    """:func:`_results` from ``jobs`` worker processes, sent ``IN_FLIGHT`` chunks a worker ahead."""
    context = multiprocessing.get_context(start_method or default_start_method())
    size = max(1, min(16, total // (jobs * 64)))
    chunks = enumerate(iter(lambda: list(itertools.islice(reviews, size)), []))
    done: queue.SimpleQueue = queue.SimpleQueue()  # (number, what each review's work found), or its exception
    sent: dict[int, list[ReviewFile]] = {}  # the chunks out and not yet yielded, by number
    arrived: dict[int, list[tuple[Found, Origin]]] = {}
    log_path = log_file()
    with context.Pool(jobs, initializer=_start_worker, initargs=(log_path and str(log_path), os.getpid())) as pool:

        def send() -> None:
            for number, chunk in itertools.islice(chunks, jobs * IN_FLIGHT - len(sent)):
                sent[number] = chunk
                pool.apply_async(_analyze_chunk, (work, (number, chunk)), callback=done.put,
                                 error_callback=done.put)

        send()
        following = 0  # the chunk to yield next when ordered
        while sent:
            if cancelled():
                return  # leaving the with-block terminates the workers
            try:
                result = done.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if isinstance(result, BaseException):
                raise result
            number, found_in_chunk = result
            arrived[number] = found_in_chunk
            if ordered:
                ready = list(itertools.takewhile(arrived.__contains__, itertools.count(following)))
                following += len(ready)
            else:
                ready = [number]
            for each in ready:
                for review, found in zip(sent.pop(each), arrived.pop(each), strict=True):
                    if cancelled():
                        return
                    yield review, found
            send()


def _analyze_chunk(work: Work, numbered: tuple[int, list[ReviewFile]]) -> tuple[int, list[tuple[Found, Origin]]]:
    number, reviews = numbered
    return number, [work(review) for review in reviews]


def record_of(review: ReviewFile, found: Found, detail: str) -> Outcome | LibraryRow:
    """The record of ``review`` with what its work found: an Outcome for full detail, else a LibraryRow."""
    if detail == FULL:
        return Outcome(review, found) if isinstance(found, Analysis) else Outcome(review, error=str(found))
    row = LibraryRow(review)
    if isinstance(found, str):
        return row.failed(found)
    if isinstance(found, Indexed):
        return replace(row.with_numbers(found.numbers), indexed=found)
    return row.with_numbers(cast(dict, found))


def _start_worker(log_path: str | None, parent: int) -> None:
    """Workers log to the parent's log file, leave Ctrl+C to the parent, which ends them, and end with it."""
    join_log(log_path)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # a forked worker must not keep a handler the parent set for itself
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    end_with_parent(parent)


PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when its parent ends."""


def end_with_parent(parent: int) -> None:
    """On Linux, have the kernel end this process (SIGTERM) when ``parent`` ends, even by ``kill -9``, so no
    worker runs on, orphaned, or prints a traceback into a broken pipe; exit at once if it already has."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: workers then end on their own once the pipe breaks
            pass
    if os.getppid() != parent:
        os._exit(0)


def analyze_path(
    review: ReviewFile, detail: str = FULL, cache: ResultCache | None = None, cancel: CancelEvent | None = None,
    raw: bytes | str | None = None,
) -> tuple[Found, Origin]:
    """What the work on one review found (see ``Found``) and where it came from (``review.Origin``); runs in
    the workers, on the review's ``raw`` content when it is given (a cluster's workers may not see its file).

    A summary is served from the cache's numbers alone when it has them. Raises
    Cancelled when ``cancel`` is set during the analysis.
    """
    name = str(review.path) if review.row is None else review.title
    try:
        raw = review.raw() if raw is None else raw
        if detail == SUMMARY and cache is not None:
            stored = cache.load_numbers(cache_key(raw))
            if stored is not None:
                return stored, CACHED
        analysis, origin = open_review(review, cache, raw=raw, name=name, cancel=cancel)
        if detail == SUMMARY:
            return numbers(analysis), origin
        return (Indexed.of(analysis) if detail == INDEXED else analysis), origin
    except (MissingDataError, Cancelled):
        raise
    except ReviewError as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - one bad file must not end a 25,000-file batch
        log.exception("Analysing %s failed", name)
        message = unexpected(f"{review.title} could not be analysed", error)
    return message, ANALYZED
