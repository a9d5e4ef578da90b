"""Analysis on a Dask cluster (the optional extra ``review-reader[cluster]``): the reviews go out in parts, the
rows come back as a partitioned Parquet dataset.

This process lists the reviews as they stream (a table's rows are never all held), reads each one's content
(so the workers need no access to the files), sends them out ``PART_SIZE`` at a time, at most ``PARTS_IN_FLIGHT`` per worker thread queued, and writes each
part's rows to ``part-NNNNN.parquet`` in the output folder as it comes back, in one step (``atomic.replacing``).
The workers run ``batch.analyze_path``, the function ``--jobs`` runs, so the rows are those of
``--format parquet``; each worker process loads the models once, on its first review. A review that cannot be
analysed is a row with its error; a worker that is lost has its parts run again elsewhere (Dask reschedules
them). ``local:N`` starts a ``LocalCluster`` of N single-threaded worker processes on this machine.
"""

from __future__ import annotations

import itertools
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from desktop.app import parquet
from desktop.app.batch import FULL, BatchProgress, Found, analyze_path, record_of
from desktop.app.records import Outcome, ReviewFile
from desktop.atomic import replacing
from desktop.engine.errors import ReviewError

PART_SIZE = 100
"""Reviews sent to a worker at a time, and so the rows of one part file."""
PARTS_IN_FLIGHT = 2
"""Parts queued per worker thread: enough to keep every worker busy, few enough to hold little in memory."""
WAIT_FOR_WORKERS = 60
"""Seconds to wait for a scheduler's first worker before giving up."""
CONNECT_SECONDS = 10
"""Seconds to try to reach a scheduler."""
NEEDS_DASK = ("--cluster needs the optional Dask packages (pip install 'review-reader[cluster]', on this machine "
              "and on every worker).")
PROFILER = "distributed.worker.profile.enabled"
"""Dask's sampling profiler, which a LocalCluster's workers run without (it took about 10% of the analysis)."""
MESSAGE_LOG = "distributed.admin.low-level-log-length"
"""How many sent messages Dask keeps for debugging, part contents included (by default 1,000: 130 MB of reviews
in this process, as much again in a local scheduler); ours keep ``KEPT_MESSAGES``."""
KEPT_MESSAGES = 20
_LOCAL = re.compile(r"local:(\d+)")

Item = tuple[ReviewFile, bytes | str | None, str | None]
"""A review to analyse: the review, its content, or (content None) why it could not be read."""


class ClusterError(Exception):
    """The cluster could not be reached or used; the message is for the reader."""


@dataclass(frozen=True)
class Part:
    """One part of the reviews, numbered in the order of the listing."""

    number: int
    items: tuple[Item, ...]


def analyse_part(part: Part, sentences: bool) -> tuple[int, Any]:
    """The part's number and the Arrow table of its rows; runs on a worker."""
    outcomes = []
    for review, raw, error in part.items:
        found = error if raw is None else analyze_path(review, FULL, raw=raw)[0]
        outcomes.append(cast(Outcome, record_of(review, cast(Found, found), FULL)))  # no content: its error
    return part.number, parquet.table(outcomes, sentences)


def parts(reviews: Iterable[ReviewFile], size: int = PART_SIZE) -> Iterator[Part]:
    """The reviews in parts of ``size``, taken from ``reviews`` and read here part by part, as the parts are
    sent (so a listing that streams is never held whole)."""
    listed = iter(reviews)
    for number in itertools.count():
        items: list[Item] = []
        for review in itertools.islice(listed, size):
            try:
                items.append((review, review.raw(), None))
            except ReviewError as error:
                items.append((review, None, str(error)))
        if not items:
            return
        yield Part(number, tuple(items))


@contextmanager
def connected(address: str) -> Iterator[Any]:
    """A Dask client of the scheduler at ``address``, or of a new LocalCluster for ``local:N``."""
    try:
        import dask
        import distributed
    except ImportError:
        raise ClusterError(NEEDS_DASK) from None
    local = _LOCAL.fullmatch(address)
    settings = {MESSAGE_LOG: KEPT_MESSAGES, **({PROFILER: False} if local else {})}
    try:
        with dask.config.set(settings):
            if local:
                with distributed.LocalCluster(
                        n_workers=max(1, int(local.group(1))), threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                        distributed.Client(cluster) as client:
                    yield client
            else:
                with distributed.Client(address, timeout=f"{CONNECT_SECONDS}s") as client:
                    yield client
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"The Dask scheduler at {address} could not be reached ({error}).") from None


def analyse_on_cluster(reviews: Iterable[ReviewFile], total: int, client: Any, output: Path, sentences: bool = False,
                       progress: Callable[[BatchProgress], None] | None = None,
                       part_size: int = PART_SIZE) -> BatchProgress:
    """Analyse the ``total`` reviews on the client's cluster into ``output`` (a new or empty folder) as part
    files, taking them from ``reviews`` as parts go out; the progress at the end."""
    import distributed

    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except TimeoutError:
        raise ClusterError(f"No worker joined the Dask scheduler within {WAIT_FOR_WORKERS} s.") from None
    output.mkdir(parents=True, exist_ok=True)
    run = secrets.token_hex(4)
    waiting = parts(reviews, part_size)
    threads = sum(client.nthreads().values())
    state = BatchProgress(0, total)
    if progress:
        progress(state)

    def send(part: Part) -> Any:
        return client.submit(analyse_part, part, sentences, key=f"review-reader-{run}-{part.number}")

    running = distributed.as_completed([send(part) for part in _take(waiting, max(2, PARTS_IN_FLIGHT * threads))])
    for future in running:
        try:
            number, rows = future.result()
        except Exception as error:  # noqa: BLE001 - a part that fails on every try stops the run, in words
            raise ClusterError(f"A part of the reviews could not be analysed on the cluster ({error}).") from None
        future.release()
        with replacing(output / f"part-{number:05d}.parquet") as temporary:
            parquet.pyarrow().parquet.write_table(rows, temporary, compression=parquet.COMPRESSION)
        failed = rows.num_rows - sum(rows.column("ok").to_pylist())
        state = BatchProgress(state.done + rows.num_rows, state.total, failed=state.failed + failed)
        if progress:
            progress(state)
        for part in _take(waiting, 1):
            running.add(send(part))
    return state


def _take(waiting: Iterator[Part], count: int) -> list[Part]:
    return [part for _, part in zip(range(count), waiting)]
