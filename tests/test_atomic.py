"""Writing our own files in one step."""

from __future__ import annotations

import os
import time

import pytest

from desktop.atomic import STALE_SECONDS, replacing


def test_the_new_file_replaces_the_old_only_when_the_block_ends(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    with replacing(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"
        assert temporary.parent == tmp_path and temporary.name.startswith(".report.txt.")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_gets_the_mode_any_new_file_gets(tmp_path):
    previous = os.umask(0o022)
    try:
        with replacing(tmp_path / "a.txt") as temporary:
            temporary.write_text("x", encoding="utf-8")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "private.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with replacing(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_mode & 0o777 == 0o600


def test_the_next_write_removes_what_a_killed_write_left_and_nothing_else(tmp_path):
    target = tmp_path / "report.txt"
    stale, fresh = tmp_path / ".report.txt.0123456789ab.part", tmp_path / ".report.txt.ba9876543210.part"
    others = [tmp_path / ".other.txt.0123456789ab.part", tmp_path / ".report.txt.notours.part"]
    for leftover in (stale, fresh, *others):
        leftover.write_text("half", encoding="utf-8")
    old = time.time() - STALE_SECONDS - 60
    for leftover in (stale, *others):
        os.utime(leftover, (old, old))
    with replacing(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
    assert not stale.exists()  # a killed write's, an hour old
    assert fresh.exists() and all(other.exists() for other in others)  # maybe a write under way; not ours
