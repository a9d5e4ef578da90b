#!/usr/bin/env python3
"""Time each input of the hostile corpus (``build/devkit/hostile.py``) alone through the command line, as a
reader's run meets it: seconds and peak memory of ``review-reader-cli analyze --no-cache --format csv INPUT``
(its worker processes included), the median of several runs, and the reason it gave.

    python3 build/tasks.py bench hostile                every input, median of 3
    python3 build/tasks.py bench hostile --runs 5 --only deep

Target (issue 28): every input refused or analysed within 30 s and 600 MB peak, with a one-line reason.
Each run starts a fresh process, so its times include loading the models (about 2 s) when a row is analysed.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))  # build/, for the devkit the tests share

from devkit.hostile import CORPUS, Hostile, cli_measured, write_corpus  # noqa: E402 - after the devkit's path

SECONDS, PEAK_MB = 30.0, 600.0


def run_once(folder: Path, name: str) -> tuple[float, float, str]:
    """(seconds, peak MB, the first reason given) of one CLI run on ``name`` in ``folder``."""
    started = time.perf_counter()
    _status, table, _said, peak = cli_measured([name], folder, "--no-cache", "--format", "csv")
    seconds = time.perf_counter() - started
    reasons = [row["error"] for row in csv.DictReader(io.StringIO(table.decode(), newline="")) if row["error"]]
    return seconds, peak, reasons[0] if reasons else "(analysed)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="inputs whose name holds this")
    args = parser.parse_args()
    inputs: tuple[Hostile, ...] = tuple(hostile for hostile in CORPUS if args.only in hostile.name)
    worst_seconds = worst_peak = 0.0
    with tempfile.TemporaryDirectory(prefix="review-reader-hostile-") as folder:
        write_corpus(Path(folder), inputs)
        print(f"{'input':<28}{'seconds':>9}{'peak MB':>9}  reason")
        for hostile in inputs:
            runs = [run_once(Path(folder), hostile.name) for _ in range(args.runs)]
            seconds = statistics.median(run[0] for run in runs)
            peak = max(run[1] for run in runs)
            worst_seconds, worst_peak = max(worst_seconds, seconds), max(worst_peak, peak)
            print(f"{hostile.name[:27]!r:<28}{seconds:>9.2f}{peak:>9.0f}  {runs[0][2][:80]}")
    verdict = "within" if worst_seconds <= SECONDS and worst_peak <= PEAK_MB else "OVER"
    print(f"slowest input {worst_seconds:.2f} s (median of {args.runs}), highest peak {worst_peak:.0f} MB: {verdict} "
          f"the targets of {SECONDS:.0f} s and {PEAK_MB:.0f} MB")


if __name__ == "__main__":
    main()
