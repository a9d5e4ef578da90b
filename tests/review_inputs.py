"""Review files shared by the engine, command-line and window tests.

Hostile and odd inputs (``REFUSED`` with the reason each must give, ``ANALYZED``),
one-paragraph reviews of many megabytes (``repeated_sentences``, ``prose_paragraph``),
``unmarked`` (an HTML report without its evidence marks, to find the review's text in it),
a small labelled library (``LIBRARY``), a folder ``snapshot`` for read-only
checks, ``deny_reading`` (an unreadable file, for a root user too), and two
fixtures: ``deep_folder`` (folders nested deeper than the recursion limit) and
``pipe_swap`` (a file that turns into a named pipe right after the reader
checked it).
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import re
import stat
import sys
from pathlib import Path

import pytest

from desktop.app import files

GOOD = "Tom Hanks is superb in this film. The script is awful, though."

REFUSED = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \r\n\t \n ", "no review text"),
    "breaks.txt": (b"<br /><br /><br />", "no review text"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
    "archive.txt": (gzip.compress(GOOD.encode()), "gzip archive"),
    "zeros.txt": (b"\x00" * 8192, "zero bytes"),
}
"""Files refused with a plain reason: name -> (bytes, words the reason contains)."""

ANALYZED = {
    "utf16.txt": codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
    "latin1.txt": "Caf\u00e9 scenes with Jos\u00e9 Garc\u00eda are superb. Na\u00efve but fun.".encode("latin-1"),
    "cp1252.txt": "\u201cSuperb\u201d \u2013 it\u2019s the best film \u2014 I loved it.".encode("cp1252"),
    "broken-utf8.txt": "Caf\u00e9 \u2014 a superb film ".encode() + b"\xff\xfe" + " with na\u00efve charm.".encode(),
    "crlf.txt": b"Tom Hanks is superb.\r\n\r\nThe script is awful.\r\nIt drags.",
    "nul.txt": b"Tom Hanks is\x00 superb.\x00 The script is awful.",
    "emoji.txt": "I loved it \U0001f600\U0001f3ac! Tom Hanks \U0001f44d is superb.".encode(),
    "cyrillic.txt": "\u042d\u0442\u043e \u0445\u043e\u0440\u043e\u0448\u0438\u0439 \u0444\u0438\u043b\u044c\u043c. Tom Hanks is superb.".encode(),
    "cjk.txt": "\u8fd9\u90e8\u7535\u5f71\u5f88\u597d\u770b\u3002Tom Hanks is superb.".encode(),
    "one-word.txt": b"Superb" * 350_000,
}
"""Odd files that are analysed: name -> bytes. All but one-word.txt have a positive sentence."""
NAMING_HANKS = {"utf16.txt", "crlf.txt", "nul.txt", "emoji.txt", "cyrillic.txt", "cjk.txt"}

LIBRARY = {
    "pos/1_9.txt": b"Tom Hanks is superb. A wonderful film.<br /><br />Highly recommended.",
    "pos/2_8.txt": codecs.BOM_UTF16_LE + "Meryl Streep shines in a moving story.".encode("utf-16-le"),
    "neg/3_2.txt": "The plot was dull \u2013 awful, a \u201cwaste\u201d of time.".encode("cp1252"),
    "neg/4_1.txt": b"Terrible.\r\nBoring and far too long.\r\n",
    "neg/empty.txt": b"",
}
"""A labelled folder (pos/ and neg/, ID_RATING.txt names) in UTF-8, UTF-16, cp1252 and CRLF, and one empty file."""

REPEATED = "The film was good. Robert De Niro was terrible in it. "
SAMPLE_SENTENCES = (
    "Ines Duarte is wonderful as Clara, the daughter who has spent ten years avoiding home.",
    "Her scenes with Tomas Lindqvist, who plays the gruff harbour master Anton, are the best thing in the picture.",
    "Lindqvist says very little, but every look carries real weight.",
    "The middle hour drags, and a subplot about a Lisbon property developer feels forced and predictable.",
    "The villain, played by Mark Ellison, is a cardboard cut-out with clumsy dialogue.",
    "Still, these are small complaints.",
    "Mrs. Duarte deserves every award she gets for this.",
    "I saw it at the Venice festival, and the audience stood and applauded for five minutes!",
    "Did the ending earn its tears, as Dr. Moreno says it does?",
    "\u201cStay,\u201d Anton tells her, and she does.",
    "A lovely, warm and wise film about grief and coming home.",
)
"""Sentences in the style of the project's sample review, each one sentence to punkt."""


def repeated_sentences(megabytes: float) -> tuple[bytes, int]:
    """One paragraph of two short sentences repeated to ``megabytes`` MB, and its sentence count."""
    times = int(megabytes * 1_000_000) // len(REPEATED)
    return (REPEATED * times).encode(), 2 * times


def prose_paragraph(megabytes: float) -> tuple[bytes, int]:
    """One paragraph of ``SAMPLE_SENTENCES`` in a seeded random order to ``megabytes`` MB, and its sentence count."""
    rng = random.Random(12)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        parts.append(rng.choice(SAMPLE_SENTENCES))
        size += len(parts[-1].encode()) + 1
    return " ".join(parts).encode(), len(parts)


def write_files(folder: Path, contents: dict[str, bytes]) -> Path:
    """Write ``contents`` (relative name -> bytes) below ``folder``; return ``folder``."""
    for name, raw in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(raw)
    return folder


@pytest.fixture
def deep_folder(tmp_path):
    """``tmp_path/deep`` holding folders nested deeper than Python's recursion limit (a/a/a/…).

    Yields the innermost folder, and at teardown removes them all from the inside out,
    because pytest's own recursive clean-up would fail on them.
    """
    depth = sys.getrecursionlimit() + 100
    root = tmp_path / "deep"
    root.mkdir()
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):  # each folder is made from its parent's descriptor: paths stay short
            os.mkdir("a", dir_fd=handle)
            inner = os.open("a", os.O_RDONLY | os.O_DIRECTORY, dir_fd=handle)
            os.close(handle)
            handle = inner
    finally:
        os.close(handle)
    deepest = root.joinpath(*["a"] * depth)
    yield deepest
    for folder in [deepest, *deepest.parents[:depth]]:
        for entry in os.scandir(folder):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        os.rmdir(folder)


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


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Opening ``path`` as a review fails with "Permission denied".

    Root reads any file whatever its mode, so the refusal is simulated where review
    files are opened (in this process: the window's threads and one-job batches).
    """
    real_open = open

    def guarded_open(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(files, "open", guarded_open, raising=False)


@pytest.fixture
def pipe_swap(monkeypatch):
    """``pipe_swap(path)``: ``path`` becomes a named pipe right after the reader's first stat() of it.

    This makes certain the race of a file replaced between the check and the
    open. A reader left waiting on the pipe is released at teardown, so a
    regression fails its test instead of hanging the run.
    """
    real_stat = Path.stat
    swapped: list[Path] = []

    def swap(path: Path) -> None:
        def stat_then_swap(self, *args, **kwargs):
            info = real_stat(self, *args, **kwargs)
            if self == path and stat.S_ISREG(info.st_mode):
                path.unlink()
                os.mkfifo(path)
                swapped.append(path)
            return info

        monkeypatch.setattr(Path, "stat", stat_then_swap)

    yield swap
    for path in swapped:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # ends a reader's wait, if any
        except OSError:
            pass  # nobody is waiting


def unmarked(page: str) -> str:
    """An HTML report without the marks of the verdict's evidence in the text."""
    return re.sub(r'<span class="evidence">(.*?)</span>', r"\1", page)
