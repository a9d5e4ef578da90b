"""Soak: 1,000 different reviews opened one after another in the window; nothing piles up.

Run with ``-s`` to see the numbers. The reviews are generated (devkit.write_soak_reviews), so each is
new to the result cache and really analysed.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from pathlib import Path

import pytest
from devkit import write_soak_reviews
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable
from PySide6.QtWidgets import QApplication

from desktop.engine import Analysis

pytestmark = pytest.mark.slow

WARM_UP = 50
SOAK = 1000
RSS_GROWTH_LIMIT_MB = 50
OPEN_TIMEOUT_MS = 30_000


def thread_handles() -> tuple[int, int]:
    """(threads, their wake-up eventfds) of this process: Qt gives every thread it starts one eventfd."""
    fds = _fd_targets()
    return len(os.listdir("/proc/self/task")), fds.count("anon_inode:[eventfd]")


def _fd_targets() -> list[str]:
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except FileNotFoundError:  # the descriptor listdir itself used, closed by now
            pass
    return targets


def resources(window) -> dict[str, float]:
    """What the process holds now, once pending deletions ran and garbage was collected."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Listed first: listing Qt objects gives them Python wrappers, which stay (one each) from then on.
    held = {
        "window_objects": len(window.findChildren(QObject)),
        "widgets": len(QApplication.allWidgets()),
        "top_level_widgets": len(QApplication.topLevelWidgets()),
    }
    gc.collect()
    fds = _fd_targets()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            held["rss_mb"] = int(line.split()[1]) / 1024
    held["threads"] = len(os.listdir("/proc/self/task"))
    held["eventfds"] = fds.count("anon_inode:[eventfd]")
    held["other_fds"] = len(fds) - held["eventfds"]
    held["analyses"] = sum(type(item) is Analysis for item in gc.get_objects())
    return held


def python_types() -> Counter:
    """Live Python objects the garbage collector tracks, counted by type."""
    gc.collect()
    return Counter(f"{type(item).__module__}.{type(item).__qualname__}" for item in gc.get_objects())


def read_through(window, qtbot, paths: list[Path]) -> list[tuple[int, int]]:
    """Open ``paths`` in order as a reader would; return (threads, eventfds) after each.

    Odd-numbered reviews come by Next, the others by File ▸ Open. Now and then the reader goes
    back and forward again (both from the result cache), highlights a person's mentions, finds a
    word for a few reviews, and zooms in or out.
    """
    handles = []

    def wait_for(path: Path, action) -> None:
        with qtbot.waitSignal(window.review_ready, timeout=OPEN_TIMEOUT_MS) as ready:
            action()
        assert ready.args == [path]

    for number, path in enumerate(paths):
        if number % 2:
            wait_for(path, lambda: window.step_file(1))
        else:
            wait_for(path, lambda path=path: window.open_file(path))
        if number % 100 == 51:
            wait_for(paths[number - 1], lambda: window.step_file(-1))
            wait_for(path, lambda: window.step_file(1))
        if number % 40 == 0 and window.analysis.people:
            window.finder.show_person(0)
            assert len(window.reader.highlights.hits) >= 1
        if number % 50 == 10:
            window.finder.open()
            window.find_bar.field.setText("festival")
        if number % 50 in range(10, 20):
            assert len(window.reader.highlights.hits) == 1
        if number % 50 == 20:
            window.find_bar.close_bar()
        if number % 100 in (30, 80):
            window.appearance.step_zoom(1 if number % 100 == 30 else -1)
        handles.append(thread_handles())
    return handles


def test_opening_a_thousand_reviews_leaks_nothing(window, qtbot, tmp_path):
    folder = tmp_path / "reviews"
    warm_up = write_soak_reviews(folder, 0, WARM_UP)
    soak = write_soak_reviews(folder, WARM_UP, SOAK)

    # Opening a review and pressing Next at once: the second analysis starts while the first runs,
    # so the window's pool starts its second thread during the warm-up, as a reader's would.
    window.open_file(warm_up[0])
    with qtbot.waitSignal(window.review_ready, timeout=OPEN_TIMEOUT_MS):
        window.step_file(1)
    warm_up_handles = read_through(window, qtbot, warm_up)
    before, before_types = resources(window), python_types()
    read_through(window, qtbot, soak)
    after, after_types = resources(window), python_types()
    grown = (after_types - before_types).most_common()

    print(f"\nsoak: {SOAK:,} reviews opened after a warm-up of {WARM_UP}")
    for name in before:
        print(f"  {name:18} {before[name]:10,.1f} -> {after[name]:10,.1f}  ({after[name] - before[name]:+,.1f})")
    most_threads = max(threads for threads, _ in warm_up_handles)
    most_eventfds = max(eventfds for _, eventfds in warm_up_handles)
    print(f"  most threads while warming up: {most_threads}, eventfds: {most_eventfds}")
    print(f"  Python objects {before_types.total():,} -> {after_types.total():,}; grew most: {grown[:5]}")

    assert window.path == soak[-1]
    assert after["rss_mb"] - before["rss_mb"] < RSS_GROWTH_LIMIT_MB
    # Thread-pool threads (the window's analyses, Qt's raster painting) start when work arrives and
    # end after 30 s idle, so the counts are held to the most seen while warming up.
    assert after["threads"] <= most_threads
    assert after["eventfds"] <= most_eventfds
    for name in ("other_fds", "window_objects", "widgets", "top_level_widgets"):
        assert after[name] == before[name], name
    assert after["analyses"] == 1  # the open review's: no analysis outlives its review
    # One object left behind per review makes its type grow by 1,000; caches and the open review stay far below.
    assert [(name, count) for name, count in grown if count >= SOAK // 10] == []
    assert not any(isinstance(item, QRunnable) for item in gc.get_objects())  # no finished job outlives its run
