"""What the window remembers, without a window: which files join the recent list, and reading places."""

from __future__ import annotations

from pathlib import Path

from desktop.app.memory import ReadingMemory, place_key
from desktop.app.records import ReviewFile


class Store:
    """The settings' lists, in memory."""

    def __init__(self) -> None:
        self.recent_files: list[str] = []
        self.places: dict[str, int] = {}

    def add_recent(self, path: str) -> None:
        self.recent_files = [path, *(item for item in self.recent_files if item != path)]

    def remove_recent(self, path: str) -> None:
        self.recent_files.remove(path)

    def reading_place(self, path: str) -> int:
        return self.places.get(path, 0)

    def set_reading_place(self, path: str, offset: int) -> None:
        self.places[path] = offset


def test_a_file_the_reader_opened_joins_the_recent_files_once_it_shows(tmp_path):
    memory = ReadingMemory(Store())
    chosen, other = ReviewFile(tmp_path / "1_8.txt"), ReviewFile(tmp_path / "2_3.txt")
    memory.opened_by_reader(chosen.path)
    assert memory.recent == [] and not memory.shown(other)  # a library row shown meanwhile does not join
    assert memory.shown(chosen) and memory.recent == [str(chosen.path)]
    assert not memory.shown(chosen)  # once


def test_a_table_joins_at_once_and_a_folder_never(tmp_path):
    memory = ReadingMemory(Store())
    table = tmp_path / "reviews.csv"
    table.write_text("review\nGood.\n")
    memory.opened_table(table)
    memory.opened_table(tmp_path)
    assert memory.recent == [str(table)]


def test_a_vanished_file_leaves_the_recent_files_when_it_fails_and_a_present_one_stays(tmp_path):
    store = Store()
    memory = ReadingMemory(store)
    present = tmp_path / "here.txt"
    present.write_text("Fine.")
    store.recent_files = [str(tmp_path / "gone.txt"), str(present)]
    assert not memory.failed(ReviewFile(present))
    assert memory.failed(ReviewFile(tmp_path / "gone.txt")) and memory.recent == [str(present)]
    assert not memory.failed(ReviewFile(tmp_path / "gone.txt"))  # already gone: nothing changes


def test_places_are_kept_by_file_and_row_and_never_for_a_pasted_review(tmp_path):
    store = Store()
    memory = ReadingMemory(store)
    row = ReviewFile(tmp_path / "t.csv", row=17, text="A row.")
    pasted = ReviewFile(Path("Pasted review"), text="Pasted.")
    memory.leave(ReviewFile(tmp_path / "a.txt"), 120)
    memory.leave(row, 40)
    memory.leave(pasted, 99)
    assert memory.place(ReviewFile(tmp_path / "a.txt")) == 120 and memory.place(row) == 40
    assert place_key(row) == f"{tmp_path / 't.csv'}#row17" and memory.place(pasted) == 0 and len(store.places) == 2
