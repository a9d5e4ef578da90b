"""Engine benchmark: cold start, warm time per review, and CLI throughput.

    python3 build/tasks.py bench [--files 1000] [--throughput-files 2000]

Uses ../shared/reviews/aclImdb_train (a fixed, seeded sample). Prints numbers;
asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"

COLD_START = """
import time
start = time.perf_counter()
from desktop.engine import analyze, models
models()
loaded = time.perf_counter()
analyze("A first review to warm up. It was fine.")
print(loaded - start, time.perf_counter() - start)
"""


def sample(count: int, seed: int = 1) -> list[Path]:
    files = sorted(TRAIN.glob("*/*.txt"))
    return random.Random(seed).sample(files, min(count, len(files)))


def cold_start(runs: int) -> None:
    loads, firsts = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True,
                             cwd=ROOT).stdout.split()
        loads.append(float(out[0]))
        firsts.append(float(out[1]))
    print(f"cold start (import + all models loaded), median of {runs}: {statistics.median(loads) * 1000:.0f} ms")
    print(f"cold start to first result, median of {runs}: {statistics.median(firsts) * 1000:.0f} ms")


def warm(files: list[Path]) -> None:
    from desktop.app.files import read_review
    from desktop.engine import analyze, models

    models()
    raws = [read_review(path) for path in files]
    for raw in raws[:20]:
        analyze(raw)
    times = []
    for path, raw in zip(files, raws):
        start = time.perf_counter()
        analyze(raw, name=path.name)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"warm analysis over {len(times)} reviews: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, mean {statistics.fmean(times) * 1000:.1f} ms")


def throughput(files: list[Path], jobs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            link = Path(folder) / path.parent.name / path.name
            link.parent.mkdir(exist_ok=True)
            link.symlink_to(path)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", "--jobs", str(jobs), "--format", "csv",
                        "--no-cache", folder], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        elapsed = time.perf_counter() - start
    print(f"review-reader-cli analyze --jobs {jobs} on {len(files)} reviews: {elapsed:.1f} s, "
          f"{len(files) / elapsed:.1f} reviews/s (process start and model loading included, no cache)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="reviews for the warm timing")
    parser.add_argument("--throughput-files", type=int, default=2000, help="reviews for the --jobs 2 run")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"benchmark needs {TRAIN}")
    cold_start(args.cold_runs)
    warm(sample(args.files))
    throughput(sample(args.throughput_files, seed=2), jobs=2)


if __name__ == "__main__":
    main()
