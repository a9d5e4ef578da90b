#!/usr/bin/env python3
"""Cluster benchmark: the same reviews through --jobs 2 and through a Dask LocalCluster of 1 and 2 workers.

    python3 build/tasks.py bench cluster                   20,000 train reviews, 3 runs of each, in turn
    python3 build/tasks.py bench cluster --reviews 3000 --runs 2

The reviews (a seeded sample of ../shared/reviews/aclImdb_train) are written as one JSON Lines table in a
temporary folder; each run is a fresh ``review-reader-cli analyze`` process writing Parquet, with no cache:

- ``--jobs 2 --format parquet --output FILE --no-cache``
- ``--cluster local:2 --output FOLDER`` and ``--cluster local:1 --output FOLDER``

Prints each run's wall time, the medians, the overhead of local:2 over --jobs 2, and the scaling from one
worker to two (2.0 is linear). Asserts nothing; the machine's other work makes the numbers noisy, so the
commands take turns.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"


def write_table(path: Path, count: int) -> None:
    files = random.Random(27).sample(sorted(TRAIN.glob("*/*.txt")), count)
    with path.open("w", encoding="utf-8") as out:
        for file in files:
            out.write(json.dumps({"review": file.read_text(encoding="utf-8"), "sentiment": file.parent.name}) + "\n")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", *command], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"{TRAIN} is absent: the benchmark needs ../shared")
    with tempfile.TemporaryDirectory(prefix="review-reader-cluster-") as folder:
        table = Path(folder) / "reviews.jsonl"
        write_table(table, args.reviews)
        commands = {
            "--jobs 2": lambda run: [str(table), "--jobs", "2", "--format", "parquet", "--no-cache",
                                     "--output", f"{folder}/jobs-{run}.parquet"],
            "local:2": lambda run: [str(table), "--cluster", "local:2", "--output", f"{folder}/two-{run}"],
            "local:1": lambda run: [str(table), "--cluster", "local:1", "--output", f"{folder}/one-{run}"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command(run)))
                print(f"run {run + 1}, {name}: {times[name][-1]:.1f} s", flush=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.reviews:,} reviews, median of {args.runs}: " + ", ".join(
        f"{name} {value:.1f} s ({args.reviews / value:.0f} reviews/s)" for name, value in median.items()))
    print(f"local:2 over --jobs 2: {median['local:2'] / median['--jobs 2'] - 1:+.1%}; "
          f"scaling from one worker to two: {median['local:1'] / median['local:2']:.2f}x (2.00 is linear)")


if __name__ == "__main__":
    main()
