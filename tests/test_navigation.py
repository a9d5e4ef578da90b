"""Next and previous review: natural order, only .txt files, explicit lists."""

from __future__ import annotations

from desktop.app.files import folder_reviews, neighbour


def test_folder_reviews_are_the_txt_files_in_natural_order(tmp_path):
    for name in ("10_3.txt", "2_7.txt", "b.TXT", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in folder_reviews(tmp_path)] == ["2_7.txt", "10_3.txt", "b.TXT"]
    assert folder_reviews(tmp_path / "missing") == []


def test_neighbour_steps_within_the_folder_and_stops_at_the_ends(tmp_path):
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    for path in (first, second):
        path.write_text("x", encoding="utf-8")
    assert neighbour(first, 1) == second
    assert neighbour(second, -1) == first
    assert neighbour(second, 1) is None and neighbour(first, -1) is None


def test_neighbour_uses_an_explicit_list_that_holds_the_file(tmp_path):
    a, b, c = (tmp_path / name for name in ("a.txt", "b.txt", "c.txt"))
    for path in (a, b, c):
        path.write_text("x", encoding="utf-8")
    assert neighbour(a, 1, [a, c]) == c
    assert neighbour(a, 1, [b, c]) == b  # a is not in the list: its folder decides


def test_a_file_gone_from_its_folder_still_has_neighbours(tmp_path):
    a, c = tmp_path / "a.txt", tmp_path / "c.txt"
    for path in (a, c):
        path.write_text("x", encoding="utf-8")
    gone = tmp_path / "b.txt"
    assert neighbour(gone, 1) == c and neighbour(gone, -1) == a


def test_folder_walks_list_in_the_same_natural_order_as_stepping(tmp_path):
    from desktop.app.files import path_key, review_files

    for name in ("neg/10_3.txt", "neg/2_1.txt", "pos/10_9.txt", "pos/9_7.txt", "a/B.txt", "a/b.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    walked = list(review_files([tmp_path]))
    assert [str(p.relative_to(tmp_path)) for p in walked] == [
        "a/B.txt", "a/b.txt", "neg/2_1.txt", "neg/10_3.txt", "pos/9_7.txt", "pos/10_9.txt"]
    assert sorted(walked, key=path_key) == walked
    assert folder_reviews(tmp_path / "neg") == walked[2:4]


def test_place_labels_name_the_file_then_its_folder_with_home_as_a_tilde(monkeypatch, tmp_path):
    from pathlib import Path

    from desktop.paths import place_label

    monkeypatch.setenv("HOME", str(tmp_path))
    assert place_label(tmp_path / "Reviews" / "pos" / "12_8.txt") == "12_8.txt — ~/Reviews/pos"
    assert place_label(tmp_path / "a.txt") == "a.txt — ~"
    assert place_label(Path("/srv/data/b.txt")) == "b.txt — /srv/data"
