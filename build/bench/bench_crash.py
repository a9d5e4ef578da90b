"""Crash benchmark: kill -9 a library fill half way through, reopen the library, and count what was redone.

    .venv/bin/python build/bench/bench_crash.py [--files N] [--jobs 2] [--at 0.5]

A child process fills a library of N train reviews (a seeded sample; all 25,000 by default) as the window
does (``LibraryRun``: list, then fill with the library index and the result cache), and is killed with
SIGKILL, workers and all, once the share ``--at`` of the reviews is done. The library is then reopened as
the window reopens it: the rows the index holds are filled at once, those the result cache holds are read
from it, and only the rest are analysed again. Prints those counts, the index's integrity check, and whether
every reopened row equals the row a clean run gives (no corrupt rows); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

from bench_batch import sample_folder

from desktop.app.batch import SUMMARY, analyze_files, list_reviews
from desktop.app.cache import ResultCache
from desktop.app.index import INDEX_NAME
from desktop.app.library import LibraryRun
from desktop.paths import CACHE_ENV

ROOT = Path(__file__).resolve().parents[2]

FILL = textwrap.dedent("""
    import sys, threading
    from desktop.app.cache import ResultCache
    from desktop.app.library import LibraryRun
    run = LibraryRun(sys.argv[1], ResultCache(), int(sys.argv[2]))
    listing = run.list_reviews()
    run.fill(listing.reviews, threading.Event(), lambda rows, state: print(state.done, flush=True))
""")


def killed_fill(folder: Path, jobs: int, at: int) -> int:
    """Fill the library in a child process and kill it (and its workers) once ``at`` reviews are done; how many
    it had reported done."""
    child = subprocess.Popen([sys.executable, "-c", FILL, str(folder), str(jobs)], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, start_new_session=True)
    done = 0
    assert child.stdout is not None
    for line in child.stdout:
        done = int(line)
        if done >= at:
            os.killpg(child.pid, signal.SIGKILL)
            break
    child.wait()
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="a seeded sample of N reviews (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--at", type=float, default=0.5, help="the share of reviews done when it is killed")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as scratch:
        os.environ[CACHE_ENV] = str(Path(scratch) / "cache")
        (Path(scratch) / "reviews").mkdir()
        folder = sample_folder(options.files, Path(scratch) / "reviews") if options.files else \
            ROOT.parent / "shared" / "reviews" / "aclImdb_train"
        total = len(list_reviews([folder]))
        started = time.monotonic()
        done = killed_fill(folder, options.jobs, int(total * options.at))
        print(f"{total:,} reviews; killed with SIGKILL after {done:,} were reported done "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        cache = ResultCache()
        run = LibraryRun(folder, cache, options.jobs)
        listing = run.list_reviews()
        rows = []
        started = time.monotonic()
        run.fill(listing.reviews, threading.Event(), lambda got, _state: rows.extend(got))
        state, known = run.progress, run.from_index
        cached = state.cached - known
        print(f"reopened in {time.monotonic() - started:.1f} s: {known:,} rows from the library index "
              f"(committed), {cached:,} from the result cache (done, not yet committed), "
              f"{state.done - state.cached:,} analysed (in flight or not reached), {state.failed:,} failed; "
              f"of the {done:,} reported done, {max(0, done - known - cached):,} were analysed again", flush=True)
        with sqlite3.connect(cache.root / INDEX_NAME) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        clean = {row.key: row for row in analyze_files(listing.reviews, detail=SUMMARY, jobs=options.jobs)}  # no cache
        wrong = sum(row != clean[row.key] for row in rows)
        print(f"index integrity check: {integrity}; rows unlike a clean run's: {wrong:,} of {len(rows):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
