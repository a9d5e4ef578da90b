"""Soak benchmark: open N generated reviews one after another in the window and watch what the process holds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/bench/bench_soak.py [--reviews 1000] [--warm-up 50]

The reviews are the soak test's (devkit.write_soak_reviews): each is different, so each is
really analysed; settings and the result cache live in a new temporary folder. Odd-numbered
reviews are opened by Next, the others by File ▸ Open. Prints the time from the request to
a fully coloured review (median, p95, max), resident memory (before the window, after the warm-up,
at the end, peak) and the threads, file descriptors and widgets before and after.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def handles() -> str:
    """Threads and open file descriptors of this process."""
    return f"{len(os.listdir('/proc/self/task'))} threads, {len(os.listdir('/proc/self/fd')) - 1} fds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--warm-up", type=int, default=50)
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.TemporaryDirectory(prefix="bench-soak-")
    for variable, folder in (("SETTINGS", "settings"), ("CACHE", "cache"), ("LOG", "logs")):
        os.environ[f"REVIEW_READER_{variable}_DIR"] = str(Path(scratch.name) / folder)

    from bench_support import memory_mb, wait_for
    from devkit import write_soak_reviews
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell.app import create_application
    from desktop.ui.shell.main_window import MainWindow

    folder = Path(scratch.name) / "reviews"
    paths = write_soak_reviews(folder, 0, options.warm_up + options.reviews)
    start_mb = memory_mb("VmRSS")
    app = create_application()
    window = MainWindow()
    window.resize(1100, 760)
    window.show()

    def settle() -> None:
        """Run pending deletions and collect garbage, so the counts show what is really held."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()

    def read(batch: list[Path]) -> list[float]:
        """Open ``batch`` in order (odd ones by Next); the milliseconds each took to be fully coloured."""
        times = []
        for number, path in enumerate(batch):
            started = time.perf_counter()
            if number % 2:
                window.step_file(1)
            else:
                window.open_file(path)
            wait_for(window.review_ready)
            times.append((time.perf_counter() - started) * 1000)
            if window.path != path:
                raise SystemExit(f"expected {path.name} to open, the window shows {window.path}")
        return times

    wait_for(window.analyst.models_ready)
    print(f"before the window {start_mb:.0f} MB resident; window with models loaded {memory_mb('VmRSS'):.0f} MB",
          flush=True)
    read(paths[: options.warm_up])
    settle()
    warm_mb, before, widgets = memory_mb("VmRSS"), handles(), len(QApplication.allWidgets())
    print(f"after {options.warm_up} warm-up opens: {warm_mb:.1f} MB resident, {before}, {widgets} widgets",
          flush=True)
    started = time.perf_counter()
    times = read(paths[options.warm_up :])
    elapsed = time.perf_counter() - started
    settle()
    end_mb = memory_mb("VmRSS")
    print(f"{options.reviews:,} reviews opened in {elapsed:.1f} s; request to fully coloured: "
          f"median {statistics.median(times):.1f} ms, p95 {statistics.quantiles(times, n=20)[-1]:.1f} ms, "
          f"max {max(times):.1f} ms (median by Open {statistics.median(times[::2]):.1f} ms, "
          f"by Next {statistics.median(times[1::2]):.1f} ms)")
    print(f"resident memory: before the window {start_mb:.0f} MB, after warm-up {warm_mb:.1f} MB, end {end_mb:.1f} MB "
          f"(growth {end_mb - warm_mb:+.1f} MB), peak {memory_mb('VmHWM'):.1f} MB")
    print(f"threads and fds: {before} -> {handles()}")
    print(f"widgets: {widgets} -> {len(QApplication.allWidgets())}")
    window.close()
    app.processEvents()
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
