"""A hostile corpus: the tables and review files an attacker, a broken export or a careless user hands the reader.

Each ``Hostile`` is one input and what the reader must make of it: the rows that are
still analysed, and the words of the one-line reason given for each row (or the whole
file) that cannot be. Rows past the size limit, JSON nested 100,000 deep or holding a
5,000-digit number, tables a million columns wide, quotes left open, binary files
named as tables, empty ones, and review files whose names hold line breaks, formulas,
``%``, a leading dash or right-to-left marks. ``write_corpus`` writes them all; a new
table format gets its cases here, and the tests (``tests/test_hostile_corpus.py``)
and the benchmark (``build/bench/bench_hostile.py``) check it at once.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOOD = "A moving film, and Anna Berg is superb in it."
"""The text of every row and file that must still be analysed."""
OVERSIZED = 21 * 1_048_576
"""Characters in a row or cell past the 20 MB limit."""
DEEP = 100_000
"""Levels of nesting, far past Python's recursion limit."""
WIDE = 1_000_000
"""Columns of a table far too wide to be one of reviews."""


@dataclass(frozen=True)
class Hostile:
    """One hostile input: its file name, its bytes (made when written), the numbers of its rows that must be
    analysed, and the reason (words of it) for each row that cannot be, or for the whole file (row None)."""

    name: str
    make: Callable[[], bytes] = field(repr=False)
    analysed: tuple[int, ...] = ()
    reasons: dict[int | None, str] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        """Whether the whole file is refused (no row is read)."""
        return None in self.reasons


def _csv(*rows: str, delimiter: str = ",") -> bytes:
    return "\n".join(["review" + delimiter + "stars", *rows, ""]).encode()


def _lines(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def _object(text: str) -> str:
    return json.dumps({"review": text, "stars": 8})


_DEEP = "[" * DEEP + "]" * DEEP
_NUMBER = "9" * 5_000

TABLES = (
    Hostile("huge-cell.csv", lambda: _csv(f'"{GOOD}",8', '"' + "x" * OVERSIZED + '",2', f'"{GOOD}",9'),
            (1, 3), {2: "over 20 MB"}),
    Hostile("huge-cell.tsv", lambda: _csv(f"{GOOD}\t8", "x" * OVERSIZED + "\t2", f"{GOOD}\t9", delimiter="\t"),
            (1, 3), {2: "over 20 MB"}),
    Hostile("huge-line.jsonl", lambda: _lines(_object(GOOD), _object("x" * OVERSIZED), _object(GOOD)),
            (1, 3), {2: "over 20 MB"}),
    Hostile("deep.jsonl", lambda: _lines(_object(GOOD), '{"review": ' + _DEEP + "}", _object(GOOD)),
            (1, 3), {2: "nested too deeply"}),
    Hostile("deep.json", lambda: ("[" + _DEEP + "]").encode(), reasons={None: "nested too deeply"}),
    Hostile("long-number.jsonl", lambda: _lines(_object(GOOD), '{"review": "Fine.", "stars": ' + _NUMBER + "}",
                                                _object(GOOD)),
            (1, 3), {2: "number too long"}),
    Hostile("long-number.json", lambda: ('[{"review": "Fine.", "stars": ' + _NUMBER + "}]").encode(),
            reasons={None: "number too long"}),
    Hostile("wide.csv", lambda: (",".join(f"c{n}" for n in range(WIDE)) + "\n1,2\n").encode(),
            reasons={None: "too many for a table of reviews"}),
    Hostile("wide.jsonl", lambda: _lines(json.dumps({f"k{n}": n for n in range(WIDE)}), _object(GOOD)),
            reasons={None: "too many for a table of reviews"}),
    Hostile("open-quote.csv", lambda: _csv(f'"{GOOD}",8', '"never closed, ' + "word " * 200_000),
            (1,), {2: "unclosed quote"}),
    Hostile("huge-file.json", lambda: ("[" + _object("x" * OVERSIZED) + "]").encode(), reasons={None: "over 20 MB"}),
    Hostile("image.csv", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            reasons={None: "PNG image"}),
    Hostile("archive.jsonl", lambda: gzip.compress(_lines(_object(GOOD))), reasons={None: "gzip archive"}),
    Hostile("zeros.csv", lambda: bytes(65_536), reasons={None: "zero bytes"}),
    Hostile("empty.tsv", lambda: b"", reasons={None: "empty"}),
    Hostile("no-text.csv", lambda: _csv("", " ,8", f'"{GOOD}",9'), (2,), {1: "has no text"}),
)
"""Collections: rows past every limit among good rows, and files that are no table at all."""

ODD_NAMES = (
    "carriage\rreturn_8.txt",
    "line\nfeed_8.txt",
    'tab\tand "quotes"_8.txt',
    '=HYPERLINK("http:--example.invalid")_8.txt',
    "+1 and @sum_8.txt",
    "-rf_8.txt",
    "50% off %s %n_8.txt",
    "\u202eright to left_8.txt",
    " leading space_8.txt",
    "emoji \U0001f3ac_8.txt",
    "long " + "x" * 240 + "_8.txt",
)
"""Review files whose names break CSV rows, start spreadsheet formulas, or confuse shells and format strings."""

NAMED = tuple(Hostile(name, lambda: GOOD.encode(), (0,)) for name in ODD_NAMES)
"""The odd names as inputs: each a good review (row 0: the file itself)."""

CORPUS = TABLES + NAMED


def write_corpus(folder: Path, inputs: tuple[Hostile, ...] = CORPUS) -> list[Path]:
    """Write ``inputs`` into ``folder`` (made if needed); their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for hostile in inputs:
        path = folder / hostile.name
        path.write_bytes(hostile.make())
        paths.append(path)
    return paths


_MEASURED = ("import resource, subprocess, sys; status = subprocess.call(sys.argv[2:]); "
             "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
             "sys.exit(status)")


def cli_measured(names: Sequence[str], folder: Path, *options: str,
                 timeout: float = 600) -> tuple[int, bytes, bytes, float]:
    """Run ``review-reader-cli analyze OPTIONS -- NAMES`` in ``folder``: (exit status, stdout, stderr, peak memory
    in MB of the run and its workers).

    The run is started by a small Python process that reads its children's peak: a process that the caller
    (a test runner with models loaded) started directly would count the caller's own peak as its own, as
    Linux carries it across ``exec``.
    """
    root = Path(__file__).resolve().parents[2]
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURED, peak.name, sys.executable, "-m", "desktop.cli", "analyze", *options,
             "--", *names], cwd=folder, capture_output=True, timeout=timeout,
            env={**os.environ, "PYTHONPATH": str(root)})
        kilobytes = int(peak.read() or 0)
    return done.returncode, done.stdout, done.stderr, kilobytes / 1024
