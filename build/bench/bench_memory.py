#!/usr/bin/env python3
"""Memory benchmark: a large Parquet table through ``review-reader-cli analyze``, the memory of every process.

    python3 build/tasks.py bench memory                       a 1 GB table, --jobs 2, for 10 minutes
    python3 build/tasks.py bench memory --size-mb 200 --seconds 120 --cluster local:2

The table (IMDB train reviews from ../shared, cycled; written as pandas writes Parquet: snappy, a row group of
10,000 rows) is made in a temporary folder. One ``analyze TABLE --format parquet --output FILE --no-cache``
process runs (``--cluster``: into a folder), for ``--seconds`` or to its end, and every half second this sums
the resident memory (RSS) and the proportional share (PSS: a page shared by n processes counts 1/n) of it and
every process below it. Prints each minute's peak and the run's peaks. A 1 GB table takes hours to analyse on
two cores; memory that stays flat once the first reviews are analysed is what the run shows.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
ROW_GROUP = 10_000


def write_table(path: Path, size_mb: int) -> int:
    """A Parquet table of train reviews of at least ``size_mb`` MB, written a row group at a time; its rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted(TRAIN.glob("*/*.txt"))
    texts = [(file.read_text(encoding="utf-8"), file.parent.name) for file in files]
    schema = pa.schema([("review", pa.string()), ("sentiment", pa.string())])
    rows = 0
    with pq.ParquetWriter(path, schema, compression="snappy") as writer:
        cycled = itertools.cycle(texts)
        while path.stat().st_size < size_mb * 1_000_000:
            group = list(itertools.islice(cycled, ROW_GROUP))
            writer.write_table(pa.table({"review": [text for text, _ in group],
                                         "sentiment": [label for _, label in group]}, schema=schema))
            rows += len(group)
    return rows


def tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """(summed RSS, summed PSS) of the processes, in MB."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:  # ended meanwhile
            continue
    return rss / 1024, pss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cluster", metavar="ADDRESS", help="run with --cluster ADDRESS (local:2) instead")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"{TRAIN} is absent: the benchmark needs ../shared")
    with tempfile.TemporaryDirectory(prefix="review-reader-memory-") as folder:
        table = Path(folder) / "reviews.parquet"
        rows = write_table(table, args.size_mb)
        print(f"table: {table.stat().st_size / 1e6:,.0f} MB, {rows:,} reviews", flush=True)
        where = ["--cluster", args.cluster, "--output", f"{folder}/out"] if args.cluster else [
            "--jobs", str(args.jobs), "--format", "parquet", "--no-cache", "--output", f"{folder}/out.parquet"]
        process = subprocess.Popen([sys.executable, "-m", "desktop.cli", "analyze", str(table), *where],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        start = time.perf_counter()
        peak = minute_peak = (0.0, 0.0)
        minute = 0
        while process.poll() is None and time.perf_counter() - start < args.seconds:
            now = memory_mb(tree(process.pid))
            peak, minute_peak = (max(peak[0], now[0]), max(peak[1], now[1])), (
                max(minute_peak[0], now[0]), max(minute_peak[1], now[1]))
            if time.perf_counter() - start >= 60 * (minute + 1):
                minute += 1
                print(f"minute {minute}: peak RSS {minute_peak[0]:,.0f} MB, PSS {minute_peak[1]:,.0f} MB",
                      flush=True)
                minute_peak = (0.0, 0.0)
            time.sleep(0.5)
        finished = process.poll() is not None
        if not finished:
            process.terminate()
        errors = process.communicate()[1]
        if finished and process.returncode not in (0, 1):
            sys.exit(f"the run failed:\n{errors}")
        print(f"{'finished' if finished else 'stopped'} after {time.perf_counter() - start:,.0f} s; "
              f"peak of all processes: RSS {peak[0]:,.0f} MB, PSS {peak[1]:,.0f} MB")


if __name__ == "__main__":
    main()
