"""Batch benchmark: listing a folder, full analysis with --jobs 2, and reopening from the cache.

    .venv/bin/python build/bench_batch.py [--files N] [--jobs 2] [--profile N]

Uses ../shared/reviews/aclImdb_train (all 25,000 reviews unless --files picks a
seeded sample) and a fresh cache in a temporary folder, so the user's cache is
never touched. Prints numbers; asserts nothing. Other work on the machine makes
them noisy: the CPU seconds the workers used are printed beside the wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
sys.path.insert(0, str(ROOT))

from desktop.analysis.batch import analyse_files, list_reviews  # noqa: E402
from desktop.analysis.cache import CACHE_ENV, ResultCache, engine_version  # noqa: E402


def listing(folder: Path, runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        count = len(list_reviews([folder]))
        times.append(time.perf_counter() - start)
    print(f"list_reviews: {count} files in {statistics.median(times):.2f} s (median of {runs})")


def cli(folder: Path, cache: Path, *args: str) -> tuple[float, float]:
    """Wall and worker CPU seconds of one ``review-reader-cli analyze`` run, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", *args, str(folder)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, env={**os.environ, CACHE_ENV: str(cache)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def throughput(folder: Path, count: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as cache:
        version = engine_version()
        wall, cpu = cli(folder, Path(cache), "--jobs", str(jobs), "--format", "jsonl")
        print(f"review-reader-cli analyze --jobs {jobs} --format jsonl, {count} reviews, empty cache: {wall:.1f} s, "
              f"{count / wall:.1f} reviews/s; CPU {cpu:.0f} s = {cpu / count * 1000:.1f} ms per review "
              f"(an idle {jobs}-core machine: about {count / (cpu / jobs):.0f} reviews/s)")
        for args in (("--format", "jsonl"), ("--summary",)):
            wall, _ = cli(folder, Path(cache), "--jobs", str(jobs), *args)
            print(f"  reopened from the cache, {' '.join(args)}: {wall:.1f} s (process start included)")
        files = list_reviews([folder])
        start = time.perf_counter()
        rows = list(analyse_files(files, cache=ResultCache(cache, version), jobs=jobs, ordered=False))
        print(f"  reopened from the cache, analyse_files(summary rows, jobs={jobs}): {len(rows)} rows in "
              f"{time.perf_counter() - start:.1f} s")
        if engine_version.__wrapped__() != version:
            print("  (the engine's sources changed during the run, so the CLI reopen above missed the cache)")


def sample_folder(count: int, into: Path) -> Path:
    """A folder of links to a seeded sample of ``count`` reviews, in pos/ and neg/."""
    files = sorted(TRAIN.glob("*/*.txt"))
    for path in random.Random(2).sample(files, min(count, len(files))):
        link = into / path.parent.name / path.name
        link.parent.mkdir(exist_ok=True)
        link.symlink_to(path)
    return into


def profile(count: int) -> None:
    from desktop.analysis import analyze, models, read_review

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
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"desktop/analysis|textblob/en|textblob/_text", 25)


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
    with tempfile.TemporaryDirectory() as links:
        folder = sample_folder(args.files, Path(links)) if args.files else TRAIN
        throughput(folder, len(list_reviews([folder])), args.jobs)
    if args.profile:
        profile(args.profile)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
