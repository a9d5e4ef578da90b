"""Read-only: analysing with the engine and every CLI format leaves the review files as they were."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

from desktop.analysis import analyze, read_review

REVIEWS = {
    "pos/1_9.txt": "Tom Hanks is superb. A wonderful film.<br /><br />Highly recommended.".encode(),
    "pos/2_8.txt": codecs.BOM_UTF16_LE + "Meryl Streep shines in a moving story.".encode("utf-16-le"),
    "neg/3_2.txt": "The plot was dull \u2013 awful, a \u201cwaste\u201d of time.".encode("cp1252"),
    "neg/4_1.txt": b"Terrible.\r\nBoring and far too long.\r\n",
    "neg/empty.txt": b"",
}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every entry below ``folder``: bytes (files), mtime in nanoseconds and mode."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root, name)
            info = path.stat()
            found[path.relative_to(folder).as_posix()] = (
                path.read_bytes() if path.is_file() else b"", info.st_mtime_ns, info.st_mode)
    return found


def test_analysing_and_every_cli_format_leave_the_reviews_untouched(tmp_path):
    library = tmp_path / "library"
    for name, raw in REVIEWS.items():
        (library / name).parent.mkdir(parents=True, exist_ok=True)
        (library / name).write_bytes(raw)
    os.utime(library / "pos" / "1_9.txt", ns=(1_000_000_000, 1_000_000_000))  # an old file stays old
    before = snapshot(library)

    for name in REVIEWS:
        if REVIEWS[name]:
            analyze(read_review(library / name), name=name)
    env = {**os.environ, "REVIEW_READER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [["--format", fmt, str(library)] for fmt in ("jsonl", "csv", "text")]
    runs += [["--summary", str(library)], ["--summary", "--format", "jsonl", "--jobs", "2", str(library)],
             ["--format", "html", str(library / "pos" / "1_9.txt")], ["--no-cache", str(library)]]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", *args], capture_output=True,
                              text=True, env=env, timeout=180)
        assert done.returncode in (0, 1), done.stderr  # 1: the empty file
        assert done.stdout

    assert snapshot(library) == before
    assert (tmp_path / "cache").is_dir()  # the cache was written, and only where it was told to be
