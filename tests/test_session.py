"""The review session without a window: requests, stale results, stepping, closing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app.records import ReviewFile
from desktop.app.session import ReviewSession
from desktop.engine import analyze, prepare


class Recorder:
    """Stands in for the background worker: remembers what it was asked to do."""

    def __init__(self) -> None:
        self.started: list[tuple[int, Path]] = []
        self.cancels = 0

    def start(self, token: int, path: Path) -> None:
        self.started.append((token, path))

    def cancel(self) -> None:
        self.cancels += 1


@pytest.fixture
def worker() -> Recorder:
    return Recorder()


@pytest.fixture
def session(worker) -> ReviewSession:
    return ReviewSession(worker.start, worker.cancel)


@pytest.fixture
def folder(tmp_path) -> Path:
    for name in ("1_8.txt", "2_3.txt", "10_9.txt"):
        (tmp_path / name).write_text("Tom Hanks is wonderful. The plot is dull.", encoding="utf-8")
    return tmp_path


PREPARED = prepare(b"Tom Hanks is wonderful. The plot is dull.")
ANALYSIS = analyze(b"Tom Hanks is wonderful. The plot is dull.")


def test_only_the_newest_request_replaces_the_review_on_screen(session, worker, folder):
    session.open(folder / "1_8.txt")
    session.open(folder / "2_3.txt")
    (old, old_path), (new, new_path) = worker.started
    assert new > old
    assert not session.show_prepared(old, old_path, PREPARED)
    assert session.path is None
    assert session.show_prepared(new, new_path, PREPARED)
    assert session.path == folder / "2_3.txt" and session.prepared is PREPARED and session.analysis is None


def test_only_the_analysis_of_the_text_on_screen_colours_it(session, worker, folder):
    session.open(folder / "1_8.txt")
    first = worker.started[-1][0]
    session.show_prepared(first, ReviewFile.at(folder / "1_8.txt"), PREPARED)
    session.open(folder / "2_3.txt")  # asked for, not shown yet
    assert session.shows_progress(first)
    assert session.show_analysis(first, ANALYSIS)  # the text on screen is still 1_8
    assert session.analysis is ANALYSIS and not session.shows_progress(first)
    assert session.coloured() == ReviewFile.at(folder / "1_8.txt")
    assert session.coloured() is None  # reported once
    second = worker.started[-1][0]
    assert not session.show_analysis(second, ANALYSIS)  # its text never came


def test_failures_matter_for_the_newest_request_and_the_text_on_screen(session, worker, folder):
    session.open(folder / "1_8.txt")
    first = worker.started[-1][0]
    session.show_prepared(first, ReviewFile.at(folder / "1_8.txt"), PREPARED)
    session.open(folder / "2_3.txt")
    session.open(folder / "10_9.txt")
    middle, newest = worker.started[1][0], worker.started[2][0]
    assert session.concerns(first) and session.concerns(newest) and not session.concerns(middle)
    assert session.awaits_analysis(ReviewFile.at(folder / "1_8.txt")) and not session.awaits_analysis(ReviewFile.at(folder / "10_9.txt"))


def test_steps_go_in_natural_order_from_the_file_last_asked_for(session, worker, folder):
    session.open(folder / "2_3.txt")  # never shown (say it failed): steps still go from it
    assert session.neighbour(1) == folder / "10_9.txt"
    assert session.neighbour(-1) == folder / "1_8.txt"
    session.open(folder / "10_9.txt")
    assert session.neighbour(1) is None


def test_several_files_opened_together_are_stepped_in_their_own_order(session, worker, folder):
    chosen = [folder / "10_9.txt", folder / "1_8.txt"]
    assert session.open_list(chosen).path == chosen[0]
    assert session.neighbour(1) == chosen[1]
    assert session.neighbour(-1) is None
    assert session.open_list([]) is None


def test_reload_asks_again_for_the_review_on_screen(session, worker, folder):
    assert session.reload() is None
    session.open(folder / "1_8.txt")
    session.show_prepared(worker.started[-1][0], ReviewFile.at(folder / "1_8.txt"), PREPARED)
    assert session.reload().path == folder / "1_8.txt"
    assert worker.started[-1][1].path == folder / "1_8.txt" and len(worker.started) == 2


def test_closing_drops_everything_on_its_way_and_cancels(session, worker, folder):
    session.open(folder / "1_8.txt")
    token = worker.started[-1][0]
    session.close()
    assert worker.cancels == 1
    assert not session.show_prepared(token, ReviewFile.at(folder / "1_8.txt"), PREPARED)
    assert session.path is None and session.current is None and session.neighbour(1) is None


def test_a_tables_row_or_a_pasted_review_opens_as_it_is_and_steps_only_in_the_library(session, worker, tmp_path):
    row = ReviewFile(tmp_path / "reviews.csv", "positive", 5, row=17, text="A fine film.")
    assert session.open(row) is row and worker.started[-1][1] is row
    assert session.show_prepared(worker.started[-1][0], row, PREPARED)
    assert session.review is row and session.path == tmp_path / "reviews.csv"
    assert session.neighbour(1) is None and session.neighbour(-1) is None
    pasted = ReviewFile.pasted("Tom Hanks is wonderful.", 2)
    assert pasted.unsaved and not row.unsaved and pasted.title == "Pasted review 2"
    session.open(pasted)
    assert session.current is pasted and session.neighbour(1) is None
    assert session.reload() is row  # the review on screen is still the row until the pasted text shows


def test_a_step_follows_the_library_when_it_shows_the_review_else_the_folder(session, worker, folder):
    session.open(folder / "2_3.txt")
    opened: list[Path] = []
    asked: list[tuple[ReviewFile, int]] = []

    def library(review: ReviewFile, direction: int) -> bool | None:
        asked.append((review, direction))
        return True  # the library showed the review and opened its next row

    assert session.step(1, library, opened.append) is None and opened == [] and asked[0][1] == 1
    assert session.step(1, lambda review, direction: None, opened.append) is None  # not shown there: the folder
    assert opened == [folder / "10_9.txt"]
    assert session.step(1, lambda review, direction: False, opened.append) == "This is the last review."
    session.open(folder / "1_8.txt")
    assert session.step(-1, None, opened.append) == "This is the first review." and len(opened) == 1
