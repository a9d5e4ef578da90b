"""Library benchmark: open a folder of reviews in the real window (offscreen) and measure it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/bench/bench_library.py [FOLDER] [--jobs N] [--cache DIR]

Prints how long open_folder blocks, the listing time (on a pool thread), the time
the background analysis takes to fill the table, the longest stall of the window's
event loop meanwhile, the window process's resident memory (peak and after filling;
the worker processes are separate), and the time to reopen the folder from the
result cache, then a few searches and the People dialog (each: how long until answered, the longest stall).
With no ``--cache`` it uses an empty temporary cache, so the first
fill analyses every file (about 2.5 minutes for the 25,000 IMDB train reviews on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDER = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
QUERIES = ("soundtrack", 'person:"kubrick"', "verdict:negative and rating:>=7", '"special effects" -verdict:positive',
           "confidence:<0.7 and words:>500")
"""Searches run in the reopened library (the first may index it)."""
TICK_MS = 50
POLL_MS = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the cores)")
    parser.add_argument("--cache", help="result cache folder (default: a new empty one)")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.TemporaryDirectory(prefix="bench-library-")
    os.environ["REVIEW_READER_SETTINGS_DIR"] = str(Path(scratch.name) / "settings")
    os.environ["REVIEW_READER_CACHE_DIR"] = options.cache or str(Path(scratch.name) / "cache")

    from bench_support import memory_mb
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.ui.shell.app import create_application
    from desktop.ui.shell.main_window import MainWindow

    _app = create_application()  # kept alive while the window runs
    window = MainWindow()
    if options.jobs:
        window.library_jobs = options.jobs
    window.resize(1400, 900)
    window.show()

    def wait(condition, seconds: float) -> None:
        """Run the event loop (blocking in it, as the app does: no busy polling) until ``condition``."""
        loop = QEventLoop()
        poll = QTimer(interval=POLL_MS)
        poll.timeout.connect(lambda: condition() and loop.quit())
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        poll.start()
        if not condition():
            loop.exec()
        poll.stop()

    wait(lambda: window.models.ready, 120)
    print(f"window with models loaded: {memory_mb('VmRSS'):.0f} MB resident", flush=True)

    stalls = [0.0]
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        stalls[0] = max(stalls[0], now - last[0] - TICK_MS / 1000)
        last[0] = now

    heartbeat = QTimer(interval=TICK_MS)
    heartbeat.timeout.connect(tick)

    def fill(label: str) -> None:
        filled, listed = [], []
        window.library_filled.connect(lambda: filled.append(True))
        window.library.listed.connect(lambda _count: listed.append(time.monotonic()))
        stalls[0], last[0] = 0.0, time.monotonic()
        heartbeat.start()
        started = time.monotonic()
        window.open_folder(options.folder)  # lists on a pool thread: returns at once
        returned = time.monotonic() - started
        wait(lambda: filled, 3600)
        heartbeat.stop()
        library = window.library
        state = library.progress
        print(f"{label}: open_folder returned in {returned * 1000:.0f} ms; {state.total:,} files listed in "
              f"{library.listing_seconds:.2f} s (rows in the table {listed[0] - started:.2f} s after the call); "
              f"filled in {library.fill_seconds:.1f} s ({state.done:,} done, {state.cached:,} from cache, "
              f"{state.failed:,} failed); longest event-loop stall while listing and filling "
              f"{stalls[0] * 1000:.0f} ms", flush=True)
        print(f"  window process: {memory_mb('VmRSS'):.0f} MB resident now, peak {memory_mb('VmHWM'):.0f} MB",
              flush=True)

    fill("first open (empty cache)" if not options.cache else "first open")
    summary = window.library.summary
    if summary.agreement is not None:
        print(f"  summary: {summary.verdicts}, agreement {summary.agreement:.1%}", flush=True)
    fill("reopen (from cache)")

    def asked(label: str, start, done) -> None:
        """Time ``start()`` until ``done()``, and the event loop's longest stall meanwhile."""
        stalls[0], last[0] = 0.0, time.monotonic()
        heartbeat.start()
        started = time.monotonic()
        start()
        wait(done, 600)
        heartbeat.stop()
        print(f"  {label} in {(time.monotonic() - started) * 1000:.0f} ms; longest event-loop stall "
              f"{stalls[0] * 1000:.0f} ms", flush=True)

    view = window.library.view
    for query in QUERIES:
        def search(query=query) -> None:
            view.query.setText(query)
            window.library.searching.again()  # now, not after the pause in typing

        asked(f"search {query!r}", search, lambda: view.note.text().endswith("match"))
        print(f"    {view.note.text()}; the table shows {view.count.text()}", flush=True)
    asked("search cleared", view.query.clear, lambda: view.note.isHidden() and window.library.searching.task is None)
    window.actions["library_people"].trigger()
    dialog = window.library_questions.people_dialog
    asked("People in the Library", lambda: None, lambda: dialog.note.text().split()[1:2] == ["people"])
    print(f"    {dialog.note.text()}", flush=True)
    window.close()
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
