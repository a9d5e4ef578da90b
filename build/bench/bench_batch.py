"""Batch benchmark: listing a folder, full analysis with --jobs 2, and reopening from the cache.

    .venv/bin/python build/bench/bench_batch.py [--files N] [--jobs 2] [--profile N]

Uses ../shared/reviews/aclImdb_train (all 25,000 reviews unless --files picks a
seeded sample) and a fresh cache in a temporary folder, so the user's cache is
never touched. The runs use a snapshot of desktop/ and the word lists, so edits
made in the working tree meanwhile cannot change the engine version between the
first run and the reopening. Prints numbers; asserts nothing. Other work on the
machine makes them noisy: the CPU seconds the workers used are printed beside
the wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.app.batch import list_reviews
from desktop.paths import CACHE_ENV

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"

REOPEN = """
import sys, time
from desktop.app.batch import analyze_files, list_reviews
from desktop.app.cache import ResultCache
start = time.perf_counter()
rows = list(analyze_files(list_reviews([sys.argv[1]]), cache=ResultCache(), jobs=int(sys.argv[2]), ordered=False))
print(len(rows), time.perf_counter() - start)
"""


def listing(folder: Path, runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        count = len(list_reviews([folder]))
        times.append(time.perf_counter() - start)
    print(f"list_reviews: {count} files in {statistics.median(times):.2f} s (median of {runs})")


def snapshot(into: Path) -> Path:
    """A copy of the code and word lists (the NLTK data linked) to run the benchmark from."""
    shutil.copytree(ROOT / "desktop", into / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", into / "resources", ignore=shutil.ignore_patterns("nltk_data"))
    (into / "resources" / "nltk_data").symlink_to(ROOT / "resources" / "nltk_data")
    return into


def run(code: Path, cache: Path, command: list[str]) -> tuple[float, float, str]:
    """Wall and child CPU seconds and the output of ``python <command>`` run in ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *command], check=True, cwd=code, stdout=subprocess.PIPE, text=True,
                          env={**os.environ, CACHE_ENV: str(cache)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def throughput(code: Path, folder: Path, count: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        cli = ["-m", "desktop.cli", "analyze", "--jobs", str(jobs)]
        wall, cpu, _ = run(code, Path(cache), [*cli, "--format", "jsonl", str(folder)])
        print(f"review-reader-cli analyze --jobs {jobs} --format jsonl, {count} reviews, empty cache: {wall:.1f} s, "
              f"{count / wall:.1f} reviews/s; CPU {cpu:.0f} s = {cpu / count * 1000:.1f} ms per review "
              f"(an idle {jobs}-core machine: about {count / (cpu / jobs):.0f} reviews/s)")
        for args, how in ((["--format", "jsonl"], "from the cache"), (["--summary"], "indexed from the cache"),
                          (["--summary"], "from the library index")):
            wall, _, _ = run(code, Path(cache), [*cli, *args, str(folder)])
            print(f"  again, {' '.join(args)}, {how}: {wall:.1f} s (process start included)")
        _, _, out = run(code, Path(cache), ["-c", REOPEN, str(folder), str(jobs)])
        rows, seconds = out.split()
        print(f"  reopened from the cache, analyze_files(summary rows, jobs={jobs}): {rows} rows in "
              f"{float(seconds):.1f} s")


def sample_folder(count: int, into: Path) -> Path:
    """A folder of links to a seeded sample of ``count`` reviews, in pos/ and neg/."""
    files = sorted(TRAIN.glob("*/*.txt"))
    for path in random.Random(2).sample(files, min(count, len(files))):
        link = into / path.parent.name / path.name
        link.parent.mkdir(exist_ok=True)
        link.symlink_to(path)
    return into


def profile(count: int) -> None:
    from desktop.app.files import read_review
    from desktop.engine import analyze, models

    models()
    files = random.Random(3).sample(sorted(TRAIN.glob("*/*.txt")), count)
    raws = [read_review(path) for path in files]
    for raw in raws[:20]:
        analyze(raw)
    profiler = cProfile.Profile()
    profiler.enable()
    for raw in raws:
        analyze(raw)
    profiler.disable()
    print(f"\nProfile of {count} reviews in one process (cumulative time):")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"desktop/engine|textblob/en|textblob/_text", 25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=0, help="a seeded sample of N reviews (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile N reviews in one process")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"benchmark needs {TRAIN}")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    listing(TRAIN)
    with tempfile.TemporaryDirectory() as links, tempfile.TemporaryDirectory() as code:
        folder = sample_folder(args.files, Path(links)) if args.files else TRAIN
        throughput(snapshot(Path(code)), folder, len(list_reviews([folder])), args.jobs)
    if args.profile:
        profile(args.profile)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
