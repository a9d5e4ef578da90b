#!/usr/bin/env python3
"""Time searching a library through the library index (``desktop/app/index.py``), as ``review-reader-cli search``
and ``people`` do: bringing the index up to date with the folder, then each query and the people of the whole
library, the median of several runs.

    python3 build/tasks.py bench search                 the 25,000 IMDB train reviews of ../shared
    python3 build/tasks.py bench search FOLDER --runs 9

The index and the result cache are the usual ones (``REVIEW_READER_CACHE_DIR`` moves them): the first run
analyses what the result cache lacks and stores every review (minutes for 25,000 on an empty cache, about 30 s
from a full one); later runs find nothing changed. Targets (issue 26): a query over 25,000 reviews in at most
100 ms, their people in at most 1 s, an index at most twice the reviews' text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import zlib
from pathlib import Path

from desktop.app.batch import FULL, analyze_files, default_jobs, list_reviews
from desktop.app.cache import ResultCache
from desktop.app.index import INDEX_NAME, LibraryIndex
from desktop.app.query import parse

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
QUERIES = ("soundtrack verdict:negative", '"special effects" and rating:>=8', "person:Kubrick",
           "praised:Hanks or criticised:Hanks", "disagrees and confidence:>0.9", "sound* -label:positive", "the")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=TRAIN)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reviews = list_reviews([args.folder])
    cache = ResultCache()
    with LibraryIndex(cache.root / INDEX_NAME, cache.version) as index:
        started = time.perf_counter()
        todo = index.stale(reviews, [args.folder])
        for _stored in index.store(analyze_files(todo, detail=FULL, cache=cache, jobs=default_jobs())):
            pass
        print(f"{len(reviews):,} reviews; brought the index up to date in {time.perf_counter() - started:.2f} s "
              f"({len(todo):,} stored)")
        started = time.perf_counter()
        list(index.search(parse("x"), reviews))
        print(f"first query (the library's reviews noted) {1000 * (time.perf_counter() - started):.0f} ms")
        for query in QUERIES:
            times, found = [], 0
            for _ in range(args.runs):
                started = time.perf_counter()
                found = len(list(index.search(parse(query), reviews)))
                times.append(1000 * (time.perf_counter() - started))
            print(f"{query!r:<40} {found:>7,} matches  median {statistics.median(times):6.0f} ms  "
                  f"({', '.join(f'{t:.0f}' for t in times)})")
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            tallies = index.people(reviews)
            times.append(1000 * (time.perf_counter() - started))
        print(f"{'people of every review':<40} {len(tallies):>7,} people   median {statistics.median(times):6.0f} ms  "
              f"({', '.join(f'{t:.0f}' for t in times)})")
        text = sum(len(zlib.decompress(packed)) for (packed,) in index.db.execute("SELECT packed FROM texts"))
    size = os.path.getsize(cache.root / INDEX_NAME)
    print(f"index {size / 1e6:.1f} MB for {text / 1e6:.1f} MB of cleaned text ({size / text:.2f}x)")


if __name__ == "__main__":
    main()
