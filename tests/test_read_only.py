"""Read-only: analysing with the engine and every CLI format leaves the review files as they were."""

from __future__ import annotations

import os

from cli_helpers import run_cli
from review_inputs import LIBRARY, snapshot, write_files

from desktop.app.files import read_review
from desktop.engine import analyze


def test_analysing_and_every_cli_format_leave_the_reviews_untouched(tmp_path):
    library = write_files(tmp_path / "library", LIBRARY)
    os.utime(library / "pos" / "1_9.txt", ns=(1_000_000_000, 1_000_000_000))  # an old file stays old
    before = snapshot(library)

    for name, raw in LIBRARY.items():
        if raw:
            analyze(read_review(library / name), name=name)
    runs = [["--format", fmt, str(library)] for fmt in ("jsonl", "csv", "text")]
    runs += [["--summary", str(library)], ["--summary", "--format", "jsonl", "--jobs", "2", str(library)],
             ["--format", "html", str(library / "pos" / "1_9.txt")], ["--no-cache", str(library)]]
    for args in runs:
        done = run_cli("analyze", *args, cache=tmp_path / "cache")
        assert done.returncode in (0, 1), done.stderr  # 1: the empty file
        assert done.stdout

    assert snapshot(library) == before
    assert (tmp_path / "cache").is_dir()  # the cache was written, and only where it was told to be
