"""Hostile and odd review files through the engine and the command line.

Decoding details live in test_decode.py and reading details in test_files.py;
here every input goes all the way through ``analyze`` or ``review-reader-cli``.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from cli_helpers import Run
from cli_helpers import run_cli as cli_run
from review_inputs import (  # noqa: F401 - deep_folder and pipe_swap are fixtures
    ANALYZED,
    GOOD,
    NAMING_HANKS,
    REFUSED,
    deep_folder,
    deny_reading,
    pipe_swap,
)

from desktop import cli, logs
from desktop.app import batch, files, review
from desktop.app import cache as cache_module
from desktop.app.files import read_review, review_files
from desktop.engine import ReviewError, analyze


def run_cli(*args: str, cache: Path) -> Run:
    return cli_run("analyze", *args, cache=cache)


@pytest.mark.parametrize("name", REFUSED)
def test_engine_refuses_with_a_plain_reason(name):
    raw, reason = REFUSED[name]
    with pytest.raises(ReviewError, match=reason):
        analyze(raw, name=name)


def test_cli_refuses_each_with_a_plain_reason_and_goes_on(tmp_path):
    for name, (raw, _reason) in REFUSED.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "good.txt").write_text(GOOD)
    done = run_cli("--format", "jsonl", str(tmp_path), cache=tmp_path.parent / "cache")
    assert done.returncode == 1, done.stderr
    records = {Path(r["file"]).name: r for r in map(json.loads, done.stdout.splitlines())}
    assert records.pop("good.txt")["ok"] is True
    assert {name: (r["ok"], REFUSED[name][1] in r["error"]) for name, r in records.items()} == {
        name: (False, True) for name in REFUSED}
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", [n for n in ANALYZED if n != "one-word.txt"])
def test_odd_encodings_and_scripts_are_analysed(name):
    result = analyze(ANALYZED[name], name=name)
    assert "\x00" not in result.text and "\r" not in result.text
    assert any(s.polarity > 0 for s in result.sentences)  # "superb" (or "best") is read
    if name in NAMING_HANKS:
        assert [p.name for p in result.people] == ["Tom Hanks"]


def test_legacy_and_broken_encodings_keep_their_characters():
    assert analyze(ANALYZED["latin1.txt"]).text.startswith("Caf\u00e9 scenes with Jos\u00e9 Garc\u00eda")
    assert analyze(ANALYZED["cp1252.txt"]).text == "\u201cSuperb\u201d \u2013 it\u2019s the best film \u2014 I loved it."
    broken = analyze(ANALYZED["broken-utf8.txt"])
    assert "\ufffd" in broken.text and broken.text.endswith("with na\u00efve charm.")
    assert broken.encoding == "UTF-8 (2 invalid bytes replaced)"
    assert analyze(ANALYZED["utf16.txt"]).encoding == "UTF-16 LE (BOM)"


def test_crlf_lines_and_paragraphs_are_kept():
    result = analyze(ANALYZED["crlf.txt"])
    assert result.text == "Tom Hanks is superb.\n\nThe script is awful.\nIt drags."
    assert len(result.paragraphs) == 2 and len(result.sentences) == 3


def test_emoji_and_other_scripts_keep_exact_spans():
    for name in ("emoji.txt", "cyrillic.txt", "cjk.txt"):
        result = analyze(ANALYZED[name])
        (hanks,) = result.people
        start, end = hanks.mentions[0]
        assert result.text[start:end] == "Tom Hanks"


def test_a_two_megabyte_word_is_one_neutral_sentence():
    result = analyze(ANALYZED["one-word.txt"])
    assert len(result.text) == 2_100_000
    assert [(s.start, s.end, s.polarity) for s in result.sentences] == [(0, 2_100_000, 0.0)]
    assert result.people == ()


def test_cli_analyses_every_odd_file(tmp_path):
    for name, raw in ANALYZED.items():
        (tmp_path / name).write_bytes(raw)
    done = run_cli("--format", "csv", "--jobs", "1", str(tmp_path), cache=tmp_path.parent / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = done.stdout.splitlines()[1:]
    assert sorted(Path(row.split(",")[0]).name for row in rows) == sorted(ANALYZED)


def test_fifo_and_link_loops_neither_hang_nor_crash_the_cli(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "again")
    (tmp_path / "good.txt").write_text(GOOD)
    walked = run_cli("--format", "jsonl", str(tmp_path), cache=tmp_path.parent / "cache")
    assert walked.returncode == 0, walked.stderr
    assert [Path(json.loads(line)["file"]).name for line in walked.stdout.splitlines()] == ["good.txt"]
    named = run_cli("--format", "jsonl", *(str(tmp_path / name) for name in ("pipe.txt", "loop.txt", "dangling.txt")),
                    cache=tmp_path.parent / "cache")
    assert named.returncode == 1
    pipe, loop, dangling = map(json.loads, named.stdout.splitlines())
    assert "not a regular file" in pipe["error"]
    assert "cannot be read" in loop["error"] and "symbolic links" in loop["error"]
    assert dangling["error"] == "dangling.txt is a link to a file that does not exist."


def test_a_folder_nested_deeper_than_the_recursion_limit_is_walked(tmp_path, deep_folder):
    (deep_folder / "deep.txt").write_text(GOOD)
    (tmp_path / "top.txt").write_text(GOOD)
    assert list(review_files([tmp_path])) == [deep_folder / "deep.txt", tmp_path / "top.txt"]


def test_a_file_swapped_for_a_pipe_after_the_check_is_refused_without_waiting(tmp_path, pipe_swap):
    review = tmp_path / "swapped.txt"
    review.write_text(GOOD)
    pipe_swap(review)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_review(review)
        except ReviewError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)  # a reader waiting for the pipe's writer would wait forever
    assert not reader.is_alive()
    assert outcome == ["swapped.txt is not a regular file (it may be a pipe or a device)."]


def run_cli_here(args: list[str], capsys) -> tuple[int, list[dict]]:
    """The CLI in this process (one job, no cache), so a test can stand in for the file system."""
    status = cli.main(["analyze", "--jobs", "1", "--no-cache", "--format", "jsonl", *args])
    return status, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_unreadable_file_is_reported_and_the_rest_analysed(tmp_path, monkeypatch, capsys):
    (tmp_path / "a_secret.txt").write_text(GOOD)
    (tmp_path / "b_good.txt").write_text(GOOD)
    deny_reading(monkeypatch, tmp_path / "a_secret.txt")
    status, (secret, good) = run_cli_here([str(tmp_path)], capsys)
    assert status == 1
    assert secret["error"] == "You do not have permission to read a_secret.txt."
    assert good["ok"] is True


def test_file_deleted_between_listing_and_opening(tmp_path, monkeypatch, capsys):
    (tmp_path / "a_gone.txt").write_text(GOOD)
    (tmp_path / "b_good.txt").write_text(GOOD)
    listed = files.review_files

    def list_then_delete(paths, skipped):
        found = list(listed(paths, skipped))
        (tmp_path / "a_gone.txt").unlink()
        return found

    monkeypatch.setattr(batch, "review_files", list_then_delete)
    status, (gone, good) = run_cli_here([str(tmp_path)], capsys)
    assert status == 1
    assert gone["error"] == "a_gone.txt was not found (it may have been moved or deleted)."
    assert good["ok"] is True


def test_nothing_to_analyse_is_an_error_with_a_message(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text(GOOD)
    for folder in ("empty", "notes"):
        status = cli.main(["analyze", "--no-cache", str(tmp_path / folder)])
        out, err = capsys.readouterr()
        assert status == 1 and out == ""
        assert err == (f"review-reader-cli: no reviews (.txt files, or rows of a collection) to analyse in "
                       f"{tmp_path / folder}\n")


def locked_folders(monkeypatch):
    """Folders named "...locked" cannot be listed ("Permission denied", for a root user too)."""
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name.endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", scandir)


def test_a_run_with_only_an_unreadable_folder_exits_1_as_every_failed_run_does(tmp_path, monkeypatch, capsys):
    (tmp_path / "locked").mkdir()
    locked_folders(monkeypatch)
    status = cli.main(["analyze", "--no-cache", str(tmp_path / "locked")])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.splitlines() == [
        f"review-reader-cli: no reviews (.txt files, or rows of a collection) to analyse in {tmp_path / 'locked'}",
        f"review-reader-cli: 1 folder could not be read and was skipped: {tmp_path / 'locked'}"]


def test_unreadable_folders_are_counted_in_a_final_note(tmp_path, monkeypatch, capsys):
    for name in ("a_locked", "b_open", "c_locked"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1_8.txt").write_text(GOOD)
    locked_folders(monkeypatch)
    status = cli.main(["analyze", "--jobs", "1", "--no-cache", "--format", "csv", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert len(out.splitlines()) == 2  # the header and the one readable review
    assert err.splitlines() == [f"review-reader-cli: 2 folders could not be read and were skipped: "
                                f"{tmp_path / 'a_locked'}, {tmp_path / 'c_locked'}"]


def test_an_unexpected_failure_is_one_line_naming_the_log_and_the_traceback_is_logged(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "1_8.txt").write_text(GOOD)

    def broken(*_args, **_kwargs):
        raise RuntimeError(r"pattern '[\.\?!](?=\s+)' went wrong")

    monkeypatch.setattr(cli, "analyze_files", broken)
    status = cli.main(["analyze", str(tmp_path / "1_8.txt")])
    err = capsys.readouterr().err
    log_path = tmp_path / "logs" / logs.LOG_NAME
    assert status == 1
    assert err == (f"review-reader-cli: an unexpected problem stopped the run (RuntimeError); "
                   f"the details are in {log_path}\n")
    logged = log_path.read_text()
    assert "Traceback" in logged and "went wrong" in logged


def test_an_unexpected_failure_in_one_file_names_no_code(tmp_path, monkeypatch, capsys):
    (tmp_path / "1_8.txt").write_text(GOOD)

    def broken(*_args, **_kwargs):
        raise TimeoutError(r"regular-expression match exceeded its 5.0s time limit; the pattern '[\.\?!]'")

    monkeypatch.setattr(review, "analyze_prepared", broken)
    status, (record,) = run_cli_here([str(tmp_path)], capsys)
    assert status == 1
    assert record["error"] == ("1_8.txt could not be analysed because of an unexpected problem (TimeoutError); "
                               "the details are in the log.")
    assert "time limit" in (tmp_path / "logs" / logs.LOG_NAME).read_text()


def test_a_cache_that_cannot_be_written_gives_one_warning_per_run(tmp_path, monkeypatch, capsys):
    for index in range(5):
        (tmp_path / f"{index}_8.txt").write_text(GOOD + f" Number {index}.")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module, "replacing", disk_full)
    status = cli.main(["analyze", "--jobs", "1", "--format", "csv", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 0
    assert len(err.splitlines()) == 1 and "could not be written to the cache" in err
    assert (tmp_path / "logs" / logs.LOG_NAME).read_text().count("No space left on device") == 1
