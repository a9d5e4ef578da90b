"""Read-only through the window: the library, reading, every export, reloading and closing leave the reviews alone.

The engine and CLI half is tests/test_read_only.py, with the same labelled
folder and snapshot (tests/review_inputs.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from review_inputs import LIBRARY, snapshot, write_files

from desktop.paths import CACHE_ENV

TIMEOUT_MS = 60_000
REVIEW_EXPORTS = ("html", "pdf")
LIBRARY_EXPORTS = ("csv", "json")


def test_the_window_and_its_library_never_write_the_reviews(make_window, qtbot, tmp_path):
    folder = write_files(tmp_path / "reviews", LIBRARY)
    os.utime(folder / "pos" / "1_9.txt", ns=(1_000_000_000, 1_000_000_000))  # an old file stays old
    before = snapshot(folder)
    exports = tmp_path / "exports"
    exports.mkdir()
    window = make_window((1400, 860))
    window.library_jobs = 2  # worker processes, as on a reader's machine

    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(folder)
    library = window.library
    assert library.progress.done == len(LIBRARY) and library.progress.failed == 1  # the empty file
    first = library.view.current_path()
    qtbot.waitUntil(lambda: window.path == first and window.analysis is not None, timeout=TIMEOUT_MS)
    for row in range(1, library.proxy.rowCount()):  # every other review, opened from its row
        path = library.model.path(library.proxy.mapToSource(library.proxy.index(row, 0)).row())
        refused = not LIBRARY[path.relative_to(folder).as_posix()]
        with qtbot.waitSignal(window.open_failed if refused else window.review_ready, timeout=TIMEOUT_MS):
            library.view.select_row(row)
    assert window.path == folder / "pos" / "2_8.txt"  # the UTF-16 review, the last row

    for kind in REVIEW_EXPORTS:
        assert window.exports.review(exports / f"review.{kind}", kind)
    for kind in LIBRARY_EXPORTS:
        assert window.exports.library(exports / f"library.{kind}", kind)
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.reload()
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(folder)  # again: from the cache
    assert library.progress.cached == len(LIBRARY) - 1
    window.close()

    assert snapshot(folder) == before
    assert sorted(path.name for path in exports.iterdir()) == sorted(
        [f"review.{kind}" for kind in REVIEW_EXPORTS] + [f"library.{kind}" for kind in LIBRARY_EXPORTS])
    assert list(Path(os.environ[CACHE_ENV]).iterdir())  # the results went to the cache, away from the reviews
