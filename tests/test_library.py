"""The Qt-free library: listing order, results filled in, sorting, filtering, the summary and the fill loop."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.app import batch
from desktop.app import index as index_module
from desktop.app import library as library_module
from desktop.app.batch import BatchProgress
from desktop.app.cache import ResultCache
from desktop.app.files import path_key
from desktop.app.index import LibraryIndex
from desktop.app.library import Library, LibraryRun, Listing, display_name, duration_text
from desktop.app.query import QueryError
from desktop.app.records import LibraryRow, ReviewFile
from desktop.engine.errors import Cancelled

GOOD = "A wonderful, moving film. Anna Berg is superb and the music is beautiful."
BAD = "A dull, boring film. The plot is awful and the acting is the worst."


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def reviews(tmp_path: Path) -> list[Path]:
    return [write(tmp_path / "pos", "10_9.txt", GOOD), write(tmp_path / "pos", "2_8.txt", BAD),
            write(tmp_path / "neg", "1_2.txt", BAD), write(tmp_path, "notes.txt", GOOD)]


def analysed(library: Library) -> None:
    """Fill every row, in this process."""
    run = LibraryRun(".")
    run.progress = BatchProgress(0, len(library.rows))
    run.fill(library.pending(), threading.Event(), lambda rows, _state: library.add_results(rows))


def test_a_listing_is_in_natural_order_with_labels(tmp_path):
    reviews(tmp_path)
    listing = Listing.of(tmp_path)
    assert [Path(row.file).relative_to(tmp_path).as_posix() for row in listing.rows] == [
        "neg/1_2.txt", "notes.txt", "pos/2_8.txt", "pos/10_9.txt"]  # 2 before 10
    assert [row.label for row in listing.rows] == ["negative", None, "positive", "positive"]
    assert listing.labelled == 3 and not any(row.has_result for row in listing.rows)


def test_a_folder_is_listed_in_the_order_a_listing_of_many_sources_sorts_to(tmp_path):
    """Listing.of keeps the walk's order instead of sorting 25,000 paths again: the two orders must agree."""
    names = ["10/1_2.txt", "2/b.txt", "2.txt", "A/x.txt", "a.txt", "a/10_1.txt", "a/9_1.txt", "a/b/c.txt",
             "a b/1.txt", "a-b.txt", "B.txt", "b/2_3.txt", "pos/11_7.txt", "pos/2_8.txt", "Z 1/z.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("A fine film.")
    walked = [Path(row.file) for row in Listing.of(tmp_path).rows]
    assert len(walked) == len(names)
    assert walked == sorted(walked, key=path_key) == [Path(row.file) for row in Listing(Listing.of(tmp_path)
                                                                                       .reviews[::-1]).rows]


def test_results_fill_their_rows_and_the_summary_counts_them(tmp_path):
    reviews(tmp_path)
    library = Library()
    library.show(Listing.of(tmp_path))
    assert library.summary().reviews == 0
    analysed(library)
    assert all(row.has_result and row.error is None for row in library.rows)
    summary = library.summary()
    assert summary.reviews == 4 and summary.labelled == 3
    disagreeing = [Path(row.file).name for row in library.rows if row.disagrees]
    assert disagreeing == ["2_8.txt"]  # a scornful review in the pos folder
    assert summary.agreed == 2


def test_rows_from_elsewhere_are_ignored_and_changes_are_reported_in_order(tmp_path):
    paths = reviews(tmp_path)
    library = Library()
    library.show([ReviewFile.at(path) for path in paths])
    changed = library.add_results([LibraryRow(ReviewFile.at(paths[3]), verdict="positive", score=0.5, people=0, words=3),
                                   LibraryRow(ReviewFile.at("/elsewhere.txt"), verdict="negative"),
                                   LibraryRow(ReviewFile.at(paths[2]), error="This file is empty.")])
    assert changed == [library.row_of(paths[2]), library.row_of(paths[3])] and changed == sorted(changed)
    assert library.row_of(tmp_path / "elsewhere.txt") == -1
    assert [row.file for row in library.results()] == [str(library.review(n).path) for n in changed]


def test_sorting_keeps_equal_rows_in_order_and_puts_unknown_numbers_first(tmp_path):
    reviews(tmp_path)
    library = Library()
    library.show(Listing.of(tmp_path))
    analysed(library)
    names_before = list(library.names)
    order = library.sort("score", descending=True)
    scores = [row.score for row in library.rows]
    assert scores == sorted(scores, reverse=True)
    assert [names_before[old] for old in order] == library.names  # names move with their rows
    library.sort("name")
    assert library.names == names_before
    library.add_results([library.rows[0].failed("gone")])
    library.sort("verdict")
    assert library.rows[-1].error == "gone"  # errors after every verdict
    for number, row in enumerate(library.rows):
        assert library.row_of(row.file) == number


def test_filters_by_name_and_verdict(tmp_path):
    reviews(tmp_path)
    library = Library()
    library.show(Listing.of(tmp_path))

    def shown(text: str, verdict: str) -> list[str]:
        return [library.names[n] for n in range(len(library.rows)) if library.accepts(n, text, verdict)]

    assert shown("", "pending") == library.names
    analysed(library)
    assert shown("", "pending") == []
    assert shown("notes", "all") == ["notes.txt"]
    assert shown("", "disagrees") == ["2_8.txt"]
    assert set(shown("", "negative")) == {"1_2.txt", "2_8.txt"}
    assert shown("_", "positive") == ["10_9.txt"]


def test_fill_hands_over_batches_and_a_final_progress(tmp_path, monkeypatch):
    paths = reviews(tmp_path)
    monkeypatch.setattr(library_module, "BATCH_SECONDS", 0)  # every row is its own batch
    batches: list[tuple[list[LibraryRow], BatchProgress]] = []
    run = LibraryRun(tmp_path)
    run.fill([ReviewFile.at(path) for path in paths], threading.Event(),
             lambda rows, state: batches.append((list(rows), state)))
    assert sum(len(rows) for rows, _ in batches) == 4
    assert batches[-1][1] == BatchProgress(4, 4) == run.progress and run.complete


def test_a_stopped_fill_hands_over_what_it_did(tmp_path, monkeypatch):
    paths = reviews(tmp_path)
    monkeypatch.setattr(library_module, "BATCH_SECONDS", 0)
    stop = threading.Event()
    got: list[LibraryRow] = []

    def deliver(rows, state):
        got.extend(rows)
        if state.done >= 1:
            stop.set()

    LibraryRun(tmp_path).fill([ReviewFile.at(path) for path in paths] * 5, stop, deliver)
    assert 1 <= len(got) < 20


def test_a_run_lists_fills_stops_and_resumes_the_rows_left_without_a_window(tmp_path, monkeypatch):
    reviews(tmp_path)
    monkeypatch.setattr(library_module, "BATCH_SECONDS", 0)
    run, library, stop = LibraryRun(tmp_path), Library(), threading.Event()
    library.show(run.list_reviews())
    assert run.progress == BatchProgress(0, 4) and len(library.pending()) == 4

    def deliver(rows, state):
        library.add_results(rows)
        if state.done >= 1:
            stop.set()

    run.fill(library.pending(), stop, deliver)
    left = library.pending()
    assert 1 <= run.progress.done == 4 - len(left) < 4 and not run.complete
    stopped = run.finished_text(stopped=True)
    assert stopped.startswith(f"Stopped: {run.progress.done} of 4 reviews in ")
    assert stopped.endswith(f"; Resume analyses the {len(left)} left.")
    run.fill(left, threading.Event(), lambda rows, _state: library.add_results(rows))
    assert run.progress == BatchProgress(4, 4) and run.complete and library.pending() == []
    assert len(library.results()) == 4 and run.finished_text(stopped=False).startswith("Analysed: 4 of 4 reviews in ")


def test_a_run_says_what_an_empty_source_holds(tmp_path):
    table = write(tmp_path, "empty.csv", "review,label\n")
    assert LibraryRun(tmp_path / "none").empty_text() == f"No review files (.txt) in {tmp_path / 'none'}."
    assert LibraryRun(table).empty_text() == f"No reviews in {table}."


def test_durations_read_as_a_person_says_them():
    assert [duration_text(s) for s in (0.42, 12.4, 185)] == ["0.4 s", "12 s", "3 min 05 s"]


def test_names_that_are_not_utf8_are_shown_with_a_replacement_character():
    assert display_name("bad\udcff.txt") == "bad\ufffd.txt"


def test_the_rating_scale_is_known_from_the_listing_before_any_review_is_analysed(tmp_path):
    write(tmp_path / "neg", "1_2.txt", BAD)
    write(tmp_path / "neg", "2_4.txt", BAD)
    write(tmp_path / "pos", "3_9.txt", GOOD)
    library = Library()
    library.show(Listing.of(tmp_path))
    assert library.scale == 10  # before any row is analysed: neg/ rows (2 and 4) analysed first say nothing
    stars = tmp_path / "stars"
    write(stars, "1_2.txt", BAD)
    write(stars, "2_5.txt", GOOD)
    library.show(Listing.of(stars))
    assert library.scale == 5


def test_a_run_searches_its_analysed_reviews_through_the_index_indexing_them_once(tmp_path, monkeypatch):
    reviews(tmp_path / "reviews")
    cache = ResultCache(tmp_path / "cache", version="test-1")
    run, library = LibraryRun(tmp_path / "reviews", cache), Library()
    library.show(run.list_reviews())
    run.fill(library.pending(), threading.Event(), lambda rows, _state: library.add_results(rows))
    indexed = []
    monkeypatch.setattr(run, "jobs", 1)
    found = run.search("music and label:positive", library.analysed(), threading.Event(), indexed.append)
    assert found == {(str(tmp_path / "reviews" / "pos" / "10_9.txt"), None)}
    assert indexed == []  # the fill kept every review in the index: the search only asks
    library.matched = found
    assert [library.names[n] for n in range(len(library.rows)) if library.accepts(n, "", "all")] == ["10_9.txt"]
    unindexed = LibraryRun(tmp_path / "reviews", ResultCache(tmp_path / "cache", version="test-2"))
    assert unindexed.search("awful -label:positive", library.analysed(), threading.Event(), indexed.append) == {
        (str(tmp_path / "reviews" / "neg" / "1_2.txt"), None)}  # another engine: the search indexes them first
    assert indexed[-1].done == indexed[-1].total == 4
    with pytest.raises(QueryError):
        run.search("rating:>>", library.analysed(), threading.Event())
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        LibraryRun(tmp_path / "reviews").search("music", library.analysed(), stop)


def test_searches_after_a_fill_check_no_file_unless_the_index_could_not_keep_the_fill(tmp_path, monkeypatch):
    """A search of a filled library asks the index alone (checking 25,000 files took a second a search); when the
    index could not store the fill (a full disk), each search checks the reviews' files as before."""
    reviews(tmp_path / "reviews")
    checked: list[str] = []
    stamp = index_module._stamp
    monkeypatch.setattr(index_module, "_stamp", lambda review, files: checked.append(review.path.name) or
                        stamp(review, files))
    answers = {}
    for storing in (True, False):
        cache = ResultCache(tmp_path / f"cache-{storing}", version="test-1")
        run, library = LibraryRun(tmp_path / "reviews", cache), Library()
        library.show(run.list_reviews())
        if not storing:  # the database refuses every write
            monkeypatch.setattr(LibraryIndex, "_store_one", lambda *_args: (_ for _ in ()).throw(
                sqlite3.OperationalError("database or disk is full")))
        run.fill(library.pending(), threading.Event(), lambda rows, _state, library=library: library.add_results(rows))
        for query in ("music", "label:positive", "awful"):
            checked.clear()
            answers[storing, query] = run.search(query, library.analysed(), threading.Event())
            assert set(checked) == (set() if storing else {"1_2.txt", "notes.txt", "2_8.txt", "10_9.txt"})
    assert (str(tmp_path / "reviews" / "pos" / "10_9.txt"), None) in answers[True, "music"]
    assert all(answers[True, query] for query in ("music", "label:positive", "awful"))
    assert not any(answers[False, query] for query in ("music", "label:positive", "awful"))  # nothing was kept


def test_a_reopened_library_fills_every_row_from_the_index_and_analyses_only_what_changed(tmp_path, monkeypatch):
    reviews(tmp_path / "reviews")
    cache = ResultCache(tmp_path / "cache", version="test-1")

    def filled(run: LibraryRun) -> Library:
        library = Library()
        library.show(run.list_reviews())
        run.fill(library.pending(), threading.Event(), lambda rows, _state: library.add_results(rows))
        return library

    first = filled(LibraryRun(tmp_path / "reviews", cache))
    asked: list[list[str]] = []

    def analyze_files(reviews, **options):
        asked.append(sorted(review.path.name for review in reviews))
        return batch.analyze_files(reviews, **options)

    monkeypatch.setattr(library_module, "analyze_files", analyze_files)
    run = LibraryRun(tmp_path / "reviews", cache)
    again = filled(run)
    assert again.rows == first.rows and asked == []  # every row from the index: no batch run, no review read
    assert run.progress == BatchProgress(4, 4, cached=4) and run.complete
    assert run.finished_text(False).endswith(", 4 from the library index.")
    write(tmp_path / "reviews" / "pos", "2_8.txt", GOOD + " Changed.")
    changed = filled(LibraryRun(tmp_path / "reviews", cache))
    assert asked[-1] == ["2_8.txt"] and changed.rows[changed.row_of(tmp_path / "reviews" / "pos" / "2_8.txt")].verdict \
        == "positive"
