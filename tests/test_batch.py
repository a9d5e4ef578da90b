"""Batch analysis of a generated library: listing, worker processes, progress, cancel, and the cache."""

from __future__ import annotations

import functools
import multiprocessing
import pickle
import threading
import time
from pathlib import Path

import pytest

from desktop.app import review as review_module
from desktop.app.batch import (
    FULL,
    IN_FLIGHT,
    SUMMARY,
    BatchProgress,
    _analyze_chunk,
    analyze_files,
    analyze_path,
    default_start_method,
    list_files,
    list_reviews,
    reviews_in,
)
from desktop.app.cache import ResultCache
from desktop.app.files import path_key, read_review
from desktop.app.records import (
    SCHEMA,
    LibraryRow,
    Outcome,
    ReviewFile,
    label_for_rating,
    summarise,
    to_json,
)
from desktop.app.review import ANALYZED, CACHED, UNSAVED, open_review
from desktop.engine import analyze, analyze_prepared
from desktop.engine.nlp import MissingDataError

PRAISE = [
    "{name} gives a wonderful performance in this film.",
    "The story is moving and the music is beautiful.",
    "I loved every minute of it, and the ending is perfect.",
    "A superb cast and a brilliant, funny script.",
]
SCORN = [
    "{name} is terrible in this film.",
    "The plot is dull and the dialogue is awful.",
    "I hated the boring, stupid ending.",
    "A complete waste of time, and badly acted too.",
]
NAMES = ["Anna Berg", "Tom Hanks", "Meryl Streep", "Ed Harris", "Lena Olin"]
PER_FOLDER = 150


def review_text(index: int, lines: list[str]) -> str:
    """A short review, different for every index."""
    name = NAMES[index % len(NAMES)]
    chosen = [lines[(index + step) % len(lines)].format(name=name) for step in range(3)]
    return f"Review number {index}.<br /><br />" + " ".join(chosen)


def write_library(folder: Path, per_folder: int = PER_FOLDER) -> list[Path]:
    """pos/ and neg/ folders of IMDB-style ``ID_RATING.txt`` reviews; returns the review paths."""
    paths = []
    for label, lines, ratings in (("pos", PRAISE, (7, 8, 9, 10)), ("neg", SCORN, (1, 2, 3, 4))):
        (folder / label).mkdir(parents=True)
        for index in range(per_folder):
            path = folder / label / f"{index}_{ratings[index % 4]}.txt"
            path.write_text(review_text(index, lines))
            paths.append(path)
    return paths


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("library")
    write_library(folder)
    (folder / "notes.md").write_text("not a review")
    (folder / "extra" / "deeper").mkdir(parents=True)
    (folder / "extra" / "deeper" / "mine.TXT").write_text("An unlabelled, lovely film.")
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> ResultCache:
    return ResultCache(tmp_path_factory.mktemp("cache"), version="test-1")


@pytest.fixture(scope="module")
def first_run(library, cache):
    """The library analysed once with two worker processes, filling the cache: (rows, progress states)."""
    states: list[BatchProgress] = []
    rows = list(analyze_files(list_reviews([library]), cache=cache, jobs=2, progress=states.append))
    return rows, states


def test_listing_finds_every_review_sorted_with_its_labels(library):
    files = list_reviews([library])
    assert len(files) == 2 * PER_FOLDER + 1
    assert files[0] == ReviewFile(library / "extra" / "deeper" / "mine.TXT", None, None)
    assert files[1] == ReviewFile(library / "neg" / "0_1.txt", "negative", 1)
    assert files[-1].label == "positive" and files[-1].rating in (7, 8, 9, 10)
    assert [f.path for f in files] == sorted((f.path for f in files), key=path_key)  # the window's order too


def test_rows_stream_in_order_with_progress(first_run, library):
    rows, states = first_run
    files = list_reviews([library])
    assert [row.file for row in rows] == [str(f.path) for f in files]
    assert all(isinstance(row, LibraryRow) for row in rows)
    first_neg = rows[1]
    assert first_neg.label == "negative" and first_neg.rating == 1 and first_neg.error is None
    assert first_neg.verdict == "negative" and first_neg.score < 0
    assert first_neg.people == 1 and first_neg.words == len(review_text(0, SCORN).replace("<br />", " ").split())
    assert states[0] == BatchProgress(0, len(files))
    assert [s.done for s in states] == list(range(len(files) + 1))
    assert states[-1] == BatchProgress(len(files), len(files), cached=0, failed=0)


def test_a_streamed_listing_is_taken_a_few_chunks_ahead_of_the_results(first_run, library, cache):
    files = list_files([library])
    total = sum(1 for _ in reviews_in(files))
    taken = []

    def listing():
        for review in reviews_in(files):
            taken.append(review)
            yield review

    seen_when = []
    rows = []
    for row in analyze_files(listing(), total=total, cache=cache, jobs=2):
        seen_when.append(len(taken))
        rows.append(row)
    chunk = max(1, min(16, total // (2 * 64)))
    assert total == len(first_run[0]) and files[0] == library / "extra" / "deeper" / "mine.TXT"
    assert len(files) == total  # one file a review here
    assert seen_when[0] <= (2 * IN_FLIGHT + 1) * chunk < total / 10  # never the whole listing ahead
    assert all(ahead - done <= (2 * IN_FLIGHT + 1) * chunk for done, ahead in enumerate(seen_when, 1))
    assert rows == first_run[0]  # in the listing's order, as from a list


def raise_missing_data(review, **_options):
    raise MissingDataError("the punkt data is missing")


def test_missing_language_data_in_a_worker_stops_the_batch_with_its_message(library, monkeypatch):
    monkeypatch.setattr("desktop.app.batch.analyze_path", raise_missing_data)
    with pytest.raises(MissingDataError, match="punkt"):
        list(analyze_files(list_reviews([library]), jobs=2, start_method="fork"))
    assert multiprocessing.active_children() == []


def test_labels_and_verdicts_mostly_agree(first_run):
    summary = summarise(first_run[0])
    assert summary.reviews == 2 * PER_FOLDER + 1 and summary.failed == 0
    assert summary.labelled == 2 * PER_FOLDER
    assert summary.agreement > 0.9
    assert set(summary.by_rating) == set(range(1, 5)) | set(range(7, 11))


def test_reopening_is_served_from_the_cache(first_run, library, cache, monkeypatch):
    analysed = []

    def counted(ready, name, *args):
        analysed.append(name)
        return analyze_prepared(ready, name, *args)

    monkeypatch.setattr(review_module, "analyze_prepared", counted)
    states: list[BatchProgress] = []
    again = list(analyze_files(list_reviews([library]), cache=cache, jobs=1, progress=states.append))
    assert again == first_run[0]
    assert analysed == []
    assert states[-1].cached == len(again)


def test_one_review_opens_from_the_cache_as_the_same_analysis(first_run, library, cache, monkeypatch):
    review = ReviewFile.at(library / "pos" / "5_8.txt")
    expected = analyze(review.raw(), name="5_8.txt")
    monkeypatch.setattr(review_module, "analyze_prepared", lambda *args: pytest.fail("analysed again"))
    assert open_review(review, cache) == (expected, CACHED)


def test_one_review_not_in_the_cache_is_analysed_and_stored(tmp_path):
    cache = ResultCache(tmp_path, version="test-1")
    review = ReviewFile(tmp_path / "a.txt", text="A lovely film with Anna Berg.")
    first, origin = open_review(review, cache)
    assert origin == ANALYZED and first == analyze(review.text, name="a.txt") == open_review(review)[0]
    assert len(list(cache.folder.rglob("*.json"))) == 1 and open_review(review, cache) == (first, CACHED)


def test_the_english_reading_of_a_foreign_review_is_cached_apart(tmp_path):
    cache = ResultCache(tmp_path, version="test-1")
    review = ReviewFile(tmp_path / "r.txt", text="La película es muy buena y los actores son excelentes.")
    own, _ = open_review(review, cache)
    english, origin = open_review(review, cache, as_english=True)
    assert origin == ANALYZED and own.verdict.label == "unknown" and english.verdict.label != "unknown"
    assert open_review(review, cache, as_english=True) == (english, CACHED)
    assert open_review(review, cache) == (own, CACHED)


def test_the_window_sees_the_cleaned_text_before_the_cache_answers(tmp_path):
    cache = ResultCache(tmp_path, version="test-1")
    review = ReviewFile(tmp_path / "a.txt", text="Good &amp; fun.<br /><br />Anna Berg shines.")
    open_review(review, cache)
    shown = []
    analysis, origin = open_review(review, cache, on_prepared=shown.append)
    assert origin == CACHED and [ready.text for ready in shown] == [analysis.text]


def test_a_result_the_cache_cannot_keep_is_reported_unsaved(tmp_path, monkeypatch):
    cache = ResultCache(tmp_path, version="test-1")
    monkeypatch.setattr(cache, "store", lambda key, analysis: False)
    assert open_review(ReviewFile(tmp_path / "a.txt", text="A dull film."), cache)[1] == UNSAVED


def test_full_records_from_workers_and_cache_equal_the_engines(first_run, library, cache):
    paths = [f.path for f in list_reviews([library / "pos"])][:6]
    fresh = list(analyze_files(paths, detail=FULL, jobs=2))
    cached = list(analyze_files(paths, detail=FULL, cache=cache, jobs=2))
    expected = [Outcome(ReviewFile.at(path), analyze(read_review(path), name=str(path))) for path in paths]
    assert fresh == expected and cached == expected


def test_unordered_results_cover_every_file(library, cache, first_run):
    files = list_reviews([library / "neg"])
    rows = list(analyze_files(files, cache=cache, jobs=2, ordered=False))
    assert sorted(row.file for row in rows) == sorted(str(f.path) for f in files)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_stops_promptly_and_ends_the_workers(library, jobs):
    cancel = threading.Event()
    cancelled_at = []

    def progress(state: BatchProgress) -> None:
        if state.done == 11:
            cancel.set()
            cancelled_at.append(time.perf_counter())

    rows = list(analyze_files(list_reviews([library]), jobs=jobs, progress=progress, cancel=cancel))
    stopped = time.perf_counter() - cancelled_at[0]
    assert len(rows) == 11
    assert stopped < 30  # only a hang fails this: the 11 rows show it stopped at once
    assert multiprocessing.active_children() == []


def test_a_thread_such_as_the_windows_worker_spawns_its_workers():
    methods = []
    worker = threading.Thread(target=lambda: methods.append(default_start_method()))
    worker.start()
    worker.join()
    assert methods == ["spawn"]


def test_cancel_from_another_thread_while_waiting_for_workers(tmp_path):
    paths = write_library(tmp_path, per_folder=40)
    cancel = threading.Event()
    rows = []
    consumer = threading.Thread(target=lambda: rows.extend(analyze_files(paths, jobs=2, cancel=cancel)))
    consumer.start()
    time.sleep(0.5)
    cancelled_at = time.perf_counter()
    cancel.set()
    consumer.join(timeout=30)
    assert not consumer.is_alive() and time.perf_counter() - cancelled_at < 30  # only a hang fails this
    assert len(rows) < len(paths)


def test_cancel_in_this_process_stops_inside_a_long_review(tmp_path):
    long_review = tmp_path / "long.txt"
    long_review.write_text("The acting was fine and the story was slow, said Anna Berg. " * 40_000)
    cancel = threading.Event()
    rows = []
    consumer = threading.Thread(target=lambda: rows.extend(analyze_files([long_review], jobs=1, cancel=cancel)))
    consumer.start()
    time.sleep(1.0)
    cancel.set()
    consumer.join(timeout=10)
    assert not consumer.is_alive()
    assert rows == []


def test_closing_the_iterator_early_ends_the_workers(library):
    records = analyze_files(list_reviews([library]), jobs=2)
    next(records)
    records.close()
    assert multiprocessing.active_children() == []


def test_a_changed_file_is_analysed_again(tmp_path):
    paths = write_library(tmp_path / "reviews", per_folder=3)
    cache = ResultCache(tmp_path / "cache", version="test-1")
    before = list(analyze_files(paths, cache=cache))
    changed = paths.index(paths[0].parent.parent / "neg" / "0_1.txt")
    paths[changed].write_text("A brilliant, wonderful, moving film. I loved it.")
    states: list[BatchProgress] = []
    after = list(analyze_files(paths, cache=cache, progress=states.append))
    assert states[-1].cached == len(paths) - 1
    assert before[changed].verdict == "negative" and after[changed].verdict == "positive"
    assert after[:changed] + after[changed + 1:] == before[:changed] + before[changed + 1:]


def test_files_that_cannot_be_analysed_give_error_rows(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "good.txt").write_text("A fine film.")
    rows = list(analyze_files(list_reviews([tmp_path, tmp_path / "gone.txt"])))
    errors = {Path(row.file).name: row.error for row in rows}
    assert errors["good.txt"] is None
    assert "empty" in errors["empty.txt"] and "PNG" in errors["image.txt"]
    assert "was not found" in errors["gone.txt"]
    assert summarise(rows).failed == 3
    full = list(analyze_files([tmp_path / "empty.txt"], detail=FULL))
    assert full == [Outcome(ReviewFile.at(tmp_path / "empty.txt"), error=errors["empty.txt"])]


def test_spawned_workers_give_the_same_rows(library, first_run):
    files = list_reviews([library / "pos"])[:4]
    rows = list(analyze_files(files, jobs=2, start_method="spawn"))
    assert rows == [row for row in first_run[0] if row.file in {str(f.path) for f in files}]


def test_workers_send_back_numbers_and_rows_keep_the_listed_reviews(tmp_path):
    text = "The acting is superb and the story moved me to tears. " * 40
    reviews = [ReviewFile(tmp_path / "t.csv", "positive", row=n, text=text) for n in range(1, 9)]
    number, found = _analyze_chunk(functools.partial(analyze_path, detail=SUMMARY), (5, reviews[:2]))
    assert number == 5 and len(pickle.dumps(found)) < len(text) // 4  # numbers only, never the review's text
    rows = list(analyze_files(reviews, jobs=2))
    assert [row.review for row in rows] == reviews and all(row.verdict == "positive" for row in rows)
    assert all(row.review is review for row, review in zip(rows, reviews, strict=True))


@pytest.mark.parametrize(("folder", "name", "label"), [
    ("pos", "1_2.txt", "positive"), ("neg", "notes.txt", "negative"), ("x", "1_8.txt", "positive"),
    ("x", "1_4.txt", "negative"), ("x", "1_5.txt", None), ("x", "1_6.txt", None), ("x", "notes.txt", None),
])
def test_labels_come_from_folders_then_ratings(tmp_path, folder, name, label):
    review = ReviewFile.at(tmp_path / folder / name)
    assert review.label == label


@pytest.mark.parametrize(("rating", "scale", "label"), [
    (7, 10, "positive"), (4, 10, "negative"), (5, 10, None), (6, 10, None), (4, 5, "positive"), (3, 5, None),
    (2, 5, "negative"), (3.5, 5, None), (None, 10, None),
])
def test_one_rule_turns_ratings_into_labels(rating, scale, label):
    assert label_for_rating(rating, scale) == label


def test_summary_counts_agreement_confusion_and_ratings():
    def row(verdict, label=None, rating=None, error=None):
        return LibraryRow(ReviewFile(Path("f.txt"), label, rating), verdict=verdict, score=0.1, people=0, words=9,
                          error=error)

    summary = summarise([
        row("positive", "positive", 8), row("mixed", "positive", 8), row("negative", "negative", 1), row("positive", "negative", 2),
        row("mixed", None, 5), row("positive"), row(None, "positive", 9, error="This file is empty."),
    ])
    assert summary.reviews == 7 and summary.failed == 1
    assert summary.verdicts == {"positive": 3, "negative": 1, "mixed": 2}
    assert summary.confusion == {"positive": {"positive": 1, "negative": 0, "mixed": 1},
                                 "negative": {"positive": 1, "negative": 1, "mixed": 0}}
    assert (summary.labelled, summary.agreed, summary.agreement) == (4, 2, 0.5)
    assert summary.by_rating[8] == {"reviews": 2, "labelled": 2, "agreed": 1, "positive": 1, "negative": 0,
                                    "mixed": 1}
    assert summary.by_rating[5]["labelled"] == 0
    assert to_json(summary)["agreement"] == 0.5 and to_json(summary)["schema"] == SCHEMA
    assert summarise([]).agreement is None


def test_a_review_missing_from_the_cache_is_read_once(tmp_path, monkeypatch):
    (tmp_path / "1_8.txt").write_text("A lovely film.")
    reads, real = [], ReviewFile.raw

    def counted(review):
        reads.append(review.path)
        return real(review)

    monkeypatch.setattr(ReviewFile, "raw", counted)
    rows = list(analyze_files([tmp_path / "1_8.txt"], cache=ResultCache(tmp_path / "cache", version="t")))
    assert rows[0].verdict == "positive" and reads == [tmp_path / "1_8.txt"]
