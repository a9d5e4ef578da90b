"""Reading files safely and walking folders."""

import os

import pytest

from desktop.app import files
from desktop.app.files import imdb_rating, read_review, review_files
from desktop.app.records import ReviewFile
from desktop.engine import ReviewError


def test_reads_a_file_without_changing_it(tmp_path):
    path = tmp_path / "1_8.txt"
    path.write_bytes(b"Fine film.")
    before = path.stat()
    assert read_review(path) == b"Fine film."
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def test_missing_file_has_a_plain_message(tmp_path):
    with pytest.raises(ReviewError, match="was not found"):
        read_review(tmp_path / "gone.txt")


def test_folder_is_refused(tmp_path):
    with pytest.raises(ReviewError, match="is a folder"):
        read_review(tmp_path)


def test_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(2048)
    with pytest.raises(ReviewError, match="not opened"):
        read_review(path, limit=1024)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    # Root reads any file, so the refusal is simulated where the file is opened.
    monkeypatch.setattr(files, "open", denied, raising=False)
    with pytest.raises(ReviewError, match="permission"):
        read_review(path)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReviewError, match="not a regular file"):
        read_review(fifo)


def test_folder_walk_is_sorted_skips_non_files_and_survives_link_loops(tmp_path):
    (tmp_path / "neg").mkdir()
    (tmp_path / "pos").mkdir()
    (tmp_path / "pos" / "2_9.txt").write_text("b")
    (tmp_path / "pos" / "1_8.txt").write_text("a")
    (tmp_path / "neg" / "3_1.txt").write_text("c")
    (tmp_path / "notes.md").write_text("not a review")
    os.mkfifo(tmp_path / "pos" / "fifo.txt")
    os.symlink(tmp_path, tmp_path / "pos" / "loop")
    found = [p.relative_to(tmp_path).as_posix() for p in review_files([tmp_path])]
    assert found == ["neg/3_1.txt", "pos/1_8.txt", "pos/2_9.txt"]


def test_named_files_are_passed_through_for_the_caller_to_report(tmp_path):
    assert list(review_files([tmp_path / "missing.txt"])) == [tmp_path / "missing.txt"]


def test_an_imdb_rating_comes_from_the_file_name_alone():
    assert imdb_rating("123_7.txt") == 7 and imdb_rating("pos/123_10.txt") == 10
    assert imdb_rating("notes.txt") is None and imdb_rating("123_11.txt") is None and imdb_rating("123_0.txt") is None
    assert ReviewFile.at("aclImdb/neg/5_3.txt").rating == 3
