#!/usr/bin/env python3
"""Time listing a large collection as the library does: sniff() and reading every row of a 50,000-review
CSV into library rows (``desktop.app.library.Listing.of``), which keep every review's text.

    python3 build/tasks.py bench collection             50,000 rows (about 65 MB), median of 3
    python3 build/tasks.py bench collection --rows 5000
    python3 build/tasks.py bench collection --parquet   the same rows as a Parquet file (row groups of 10,000)

The CSV is written to a temporary folder (and deleted) in the layout of the Kaggle
IMDB 50k file: header ``review,sentiment``, every review quoted, ``<br />`` breaks,
and every fifth review's paragraph breaks turned into real line breaks, so
quoted fields span lines. The reviews are those of ../shared/reviews/aclImdb_train,
each used twice. Reading runs in a fresh process, so its peak RSS is its own.
Targets: 3 s at most, and well under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"


def write_csv(path: Path, rows: int) -> None:
    """``rows`` IMDB train reviews (round and round) as a review,sentiment CSV."""
    reviews = sorted(TRAIN.glob("pos/*.txt")) + sorted(TRAIN.glob("neg/*.txt"))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(["review", "sentiment"])
        for number in range(rows):
            review = reviews[number % len(reviews)]
            text = review.read_text(encoding="utf-8")
            if number % 5 == 0:
                text = text.replace("<br /><br />", "\r\n\r\n")
            writer.writerow([text, "positive" if review.parent.name == "pos" else "negative"])


def write_parquet(source: Path, path: Path) -> None:
    """The CSV's rows as a Parquet file (zstd, row groups of 10,000), as pandas or DuckDB would write it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=10_000, compression="zstd")


def measure(path: Path, runs: int) -> None:
    """Print the median time of listing the collection as the library does, and this process's peak RSS."""
    from desktop.app.library import Library, Listing
    from desktop.app.tables import sniff

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        library = Library()
        library.show(Listing.of(path))
        times.append(time.perf_counter() - start)
    columns = sniff(path)
    rows = library.rows
    failed = sum(row.error is not None for row in rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"columns: text {columns.text!r}, label {columns.label!r}; {len(rows):,} rows, {library.labelled:,} "
          f"labelled, {failed} failed")
    print(f"listing (sniff, every row read, library rows made): median {statistics.median(times):.2f} s of {runs} "
          f"({', '.join(f'{t:.2f}' for t in times)}); peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parquet", action="store_true", help="list the rows as a Parquet file instead")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the fresh process's part
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.runs)
        return
    if not TRAIN.is_dir():
        sys.exit(f"{TRAIN} is absent: the benchmark needs ../shared")
    with tempfile.TemporaryDirectory(prefix="review-reader-bench-") as folder:
        path = Path(folder) / "imdb_50k.csv"
        write_csv(path, args.rows)
        print(f"wrote {path.name}: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        if args.parquet:
            path, source = path.with_suffix(".parquet"), path
            write_parquet(source, path)
            source.unlink()
            print(f"wrote {path.name}: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        subprocess.run([sys.executable, __file__, "--measure", str(path), "--runs", str(args.runs)], check=True)


if __name__ == "__main__":
    main()
