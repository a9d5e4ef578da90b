"""The hostile corpus (``build/devkit/hostile.py``) as a reader meets it: through the command line in one run,
and opened as libraries the way the window opens them. Every good row is analysed, every bad one or bad file
gets its own short reason, nothing else is lost, and the run stays within its memory bound."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest
from devkit.hostile import CORPUS, NAMED, TABLES, Hostile, cli_measured, write_corpus

from desktop.app.library import Library, LibraryRun
from desktop.export import FORMULA_STARTS

PEAK_MB = 600
"""The most memory one input may take (issue 28's bound; the corpus in one run peaks near 250 MB here)."""
MESSAGE = 300
"""The longest message a reader is given."""


def _unguarded(cell: str) -> str:
    """A CSV cell as it was before the formula guard's apostrophe."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _expect(hostile: Hostile, rows: list[dict]) -> None:
    """Check the rows one input gave against what it must give."""
    numbers = {int(row["row"] or 0): row for row in rows}
    assert len(numbers) == len(rows), hostile.name  # each row once
    if hostile.refused:
        (row,) = rows
        assert hostile.reasons[None] in row["error"] and row["verdict"] == "", hostile.name
        return
    for number in hostile.analysed:
        assert numbers[number]["error"] == "" and numbers[number]["verdict"] == "positive", hostile.name
    for number, reason in hostile.reasons.items():
        assert reason in numbers[number]["error"] and numbers[number]["verdict"] == "", hostile.name
    assert set(numbers) == set(hostile.analysed) | set(hostile.reasons), hostile.name


@pytest.mark.slow
def test_the_cli_keeps_every_good_row_and_says_why_for_each_bad_one_within_its_memory_bound(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    status, table, said, peak = cli_measured([hostile.name for hostile in CORPUS], corpus,
                                             "--no-cache", "--jobs", "2", "--format", "csv")
    assert status == 1 and said == b""  # the bad rows are in the table, said once, and nothing else is said
    rows = list(csv.DictReader(io.StringIO(table.decode(), newline="")))
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values())  # no cell runs as a formula
        assert len(row["error"]) <= MESSAGE and "\n" not in row["error"]
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(_unguarded(row["file"]), []).append(row)
    assert set(by_file) == {hostile.name for hostile in CORPUS}  # a file name's line break never splits a row
    for hostile in CORPUS:
        _expect(hostile, by_file[hostile.name])
    assert peak < PEAK_MB


@pytest.mark.slow
@pytest.mark.parametrize("hostile", TABLES, ids=lambda hostile: hostile.name)
def test_each_hostile_table_opens_as_a_library_that_finishes(tmp_path, hostile):
    (path,) = write_corpus(tmp_path, (hostile,))
    run, library = LibraryRun(path), Library()
    library.show(run.list_reviews())
    run.fill(library.pending(), threading.Event(), lambda rows, _state: library.add_results(rows))
    assert run.complete and library.pending() == []
    rows = [{"row": row.row, "verdict": row.verdict or "", "error": row.error or ""} for row in library.results()]
    assert all(len(row["error"]) <= MESSAGE for row in rows)
    _expect(hostile, rows)


def test_odd_file_names_open_as_a_library_one_row_each(tmp_path):
    write_corpus(tmp_path, NAMED)
    run, library = LibraryRun(tmp_path), Library()
    library.show(run.list_reviews())
    run.fill(library.pending(), threading.Event(), lambda rows, _state: library.add_results(rows))
    assert sorted(Path(row.file).name for row in library.results()) == sorted(hostile.name for hostile in NAMED)
    assert all(row.verdict == "positive" for row in library.results())
