"""The command line, run in this process through ``cli.main`` (fast), and once as a subprocess the way a
user runs it; each test with its own result cache."""

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import Run, run_cli
from review_inputs import unmarked

from desktop.app.records import ROW_FIELDS
from desktop.paths import CACHE_ENV

GOOD = "A wonderful film with a superb cast.<br /><br />The ending is weak, though."
BAD = "The plot was dull and the acting was terrible. Awful film."


def cli(*args: str) -> Run:
    """``review-reader-cli ARGS`` in this process, with the test's cache (``cache_dir``)."""
    return run_cli(*args)


def test_the_command_runs_as_a_user_runs_it(folder):
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", "--format", "csv", "--jobs", "2",
                           str(folder)], capture_output=True, timeout=120)  # bytes: CSV lines end in CR LF
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode() == cli("analyze", "--format", "csv", "--jobs", "2", str(folder)).stdout


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    """Every test's CLI runs use a fresh cache folder, never the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REVIEW_READER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "pos").mkdir()
    (tmp_path / "neg").mkdir()
    for index in range(6):
        (tmp_path / "pos" / f"{index}_9.txt").write_text(GOOD)
        (tmp_path / "neg" / f"{index}_2.txt").write_text(BAD)
    (tmp_path / "readme.md").write_text("not a review")
    return tmp_path


def test_jsonl_is_the_default_off_a_terminal_with_the_documented_keys(folder):
    done = cli("analyze", str(folder / "pos" / "0_9.txt"))
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert set(record) >= {"file", "ok", "encoding", "text", "sentences", "people", "verdict"}
    assert record["ok"] is True and record["encoding"] == "UTF-8"
    assert record["text"] == "A wonderful film with a superb cast.\n\nThe ending is weak, though."
    first = record["sentences"][0]
    assert record["text"][first["start"]:first["end"]] == "A wonderful film with a superb cast."
    assert first["polarity"] > 0
    assert record["verdict"]["label"] in ("positive", "negative", "mixed")


def test_folders_are_walked_in_sorted_order_with_two_jobs(folder):
    done = cli("analyze", "--jobs", "2", "--format", "jsonl", str(folder))
    assert done.returncode == 0, done.stderr
    files = [json.loads(line)["file"] for line in done.stdout.splitlines()]
    expected = [str(folder / "neg" / f"{i}_2.txt") for i in range(6)] + [
        str(folder / "pos" / f"{i}_9.txt") for i in range(6)]
    assert files == expected


def test_unreadable_and_binary_files_are_reported_and_the_rest_goes_on(folder):
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    done = cli("analyze", str(folder / "image.txt"), str(folder / "missing.txt"), str(folder / "pos" / "1_9.txt"))
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["ok"] for r in records] == [False, False, True]
    assert "PNG image" in records[0]["error"]
    assert "was not found" in records[1]["error"]


def test_csv_has_one_row_per_file(folder):
    done = cli("analyze", "--format", "csv", str(folder / "neg"))
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert done.returncode == 0, done.stderr
    assert len(rows) == 6
    assert list(rows[0]) == list(ROW_FIELDS)  # the window's library CSV columns
    assert rows[0]["verdict"] == "negative" and float(rows[0]["score"]) < 0
    assert rows[0]["label"] == "negative" and rows[0]["rating"] == "2" and int(rows[0]["words"]) > 5
    assert not done.stdout.startswith("\ufeff")  # a byte-order mark only in files


def test_text_format_shows_the_verdict_people_and_each_sentence(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("Tom Hanks is superb here.<br /><br />The script is awful &amp; dull.")
    done = cli("analyze", "--format", "text", str(path))
    assert done.returncode == 0, done.stderr
    assert "Verdict:" in done.stdout
    assert "+" in done.stdout and "Tom Hanks is superb here." in done.stdout
    assert "The script is awful & dull." in done.stdout
    assert "People: Tom Hanks (1)" in done.stdout


def test_escaped_html_is_printed_literally(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("&lt;b&gt;bold&lt;/b&gt; claims are fine.")
    done = cli("analyze", "--format", "text", str(path))
    assert "<b>bold</b> claims are fine." in done.stdout


def test_summary_counts_verdicts_and_agreement_with_folder_labels(folder):
    done = cli("analyze", "--summary", "--jobs", "2", str(folder))
    assert done.returncode == 0, done.stderr
    assert "Reviews: 12 (12 analysed, 0 could not be analysed)" in done.stdout
    assert "Agreement with labels: 100.0% (12 of 12;" in done.stdout
    assert re.search(r"positive\s+6\s+0\s+0\n\s+negative\s+0\s+6\s+0\n", done.stdout)
    assert re.search(r"\n\s+2\s+6\s+100.0%  #+\n\s+9\s+6\s+100.0%  #+\n", done.stdout)


def test_summary_reads_ratings_in_names_and_prints_json_on_request(tmp_path):
    for rating, text in ((8, GOOD), (3, BAD), (5, GOOD)):
        (tmp_path / f"1_{rating}.txt").write_text(text)
    (tmp_path / "empty.txt").write_text("")
    done = cli("analyze", "--summary", "--format", "jsonl", str(tmp_path))
    assert done.returncode == 1  # the empty file
    summary = json.loads(done.stdout)
    assert summary["reviews"] == 4 and summary["failed"] == 1
    assert summary["labelled"] == 2 and summary["agreement"] == 1.0
    assert summary["by_rating"]["5"]["labelled"] == 0


def test_html_report_escapes_the_review_text(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("A superb film. <script>alert(1)</script> <img src=x> &lt;b&gt;bold&lt;/b&gt; is fine.")
    done = cli("analyze", "--format", "html", str(path))
    assert done.returncode == 0, done.stderr
    page = unmarked(done.stdout)
    assert page.startswith("<!DOCTYPE html>") and "Verdict:" in page and "Legend" in page
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_html_report_needs_exactly_one_file(folder):
    done = cli("analyze", "--format", "html", str(folder / "pos"))
    assert done.returncode == 2
    assert "makes a report of one review," in done.stderr and not done.stdout
    empty = folder / "empty.txt"
    empty.write_text("")
    done = cli("analyze", "--format", "html", str(empty))
    assert done.returncode == 1 and "empty" in done.stderr and not done.stdout


def test_results_are_cached_and_no_cache_leaves_it_alone(folder, cache_dir):
    uncached = cli("analyze", "--no-cache", str(folder / "neg"))
    assert uncached.returncode == 0 and not cache_dir.exists()
    first = cli("analyze", str(folder / "neg"))
    assert len(list(cache_dir.rglob("*.json"))) == 1  # six files, one content
    again = cli("analyze", str(folder / "neg"))
    assert uncached.stdout == first.stdout == again.stdout


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_below_one_are_refused_with_a_clear_message(folder, jobs):
    done = cli("analyze", "--jobs", jobs, str(folder))
    assert done.returncode == 2 and done.stdout == ""
    assert f"argument --jobs: must be a whole number of at least 1, not '{jobs}'" in done.stderr


def test_output_writes_the_file_stdout_would_have_had(folder):
    out = folder / "out"
    out.mkdir()
    target = out / "rows.csv"
    target.write_text("old contents")
    written = cli("analyze", "--format", "csv", "--output", str(target), str(folder / "pos"))
    printed = cli("analyze", "--format", "csv", str(folder / "pos"))
    assert written.returncode == printed.returncode == 0, written.stderr
    assert not written.stdout
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # files get a byte-order mark, for spreadsheets
    assert target.read_bytes().decode("utf-8-sig") == printed.stdout
    assert [p.name for p in out.iterdir()] == ["rows.csv"]  # no temporary file left behind


def test_output_never_replaces_a_review_or_names_a_folder(tmp_path):
    review = tmp_path / "review.txt"
    review.write_text("A wonderful film with Tom Hanks.")
    for target in (review, tmp_path):
        done = cli("analyze", "--format", "pdf", "--output", str(target), str(review))
        assert done.returncode == 2 and "--output" in done.stderr
    assert review.read_text() == "A wonderful film with Tom Hanks."


def test_pdf_report_needs_one_file_and_an_output(folder):
    done = cli("analyze", "--format", "pdf", str(folder / "pos" / "1_9.txt"))
    assert done.returncode == 2 and "--output" in done.stderr
    done = cli("analyze", "--format", "pdf", "--output", "x.pdf", str(folder / "pos"))
    assert done.returncode == 2 and "makes a report of one review," in done.stderr


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def _gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; prctl is Linux's")
@pytest.mark.parametrize(("stop", "status", "said"), [
    (signal.SIGTERM, 143, "review-reader-cli: stopped by SIGTERM\n"),  # SIGHUP takes the same path (129)
    (signal.SIGKILL, -signal.SIGKILL, ""),
])
def test_a_stopped_run_says_one_line_and_leaves_no_worker_behind(tmp_path, stop, status, said):
    reviews = tmp_path / "many"
    reviews.mkdir()
    for number in range(600):
        (reviews / f"{number}_8.txt").write_text(f"Review {number}. A moving film; Anna Berg is superb. " * 20)
    run = subprocess.Popen([sys.executable, "-m", "desktop.cli", "analyze", "--no-cache", "--jobs", "2",
                            "--format", "csv", str(reviews)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    assert len(workers) >= 2, "the run started its worker processes"
    time.sleep(1.0)  # the workers are loading models or analysing
    run.send_signal(stop)
    _, err = run.communicate(timeout=30)
    assert run.returncode == status and err.decode() == said  # one line, no traceback from any process
    assert _gone(workers, 2.0)  # even after kill -9 of the parent, its workers end


def _file_size_limit(limit: int):
    def limited() -> None:  # in the child: writes past ``limit`` bytes fail with EFBIG instead of a signal
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="POSIX file size limits")
@pytest.mark.parametrize(("out_format", "limit", "most"), [("jsonl", 20_000, 50), ("csv", 2_000, 150)])
def test_output_that_cannot_be_written_is_said_plainly_at_once(tmp_path, out_format, limit, most):
    reviews = tmp_path / "many"
    reviews.mkdir()
    for number in range(300):
        (reviews / f"{number}_8.txt").write_text(f"Review {number}. A moving film; Anna Berg is superb. " * 6)
    target = tmp_path / "out" / f"all.{out_format}"
    target.parent.mkdir()
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "analyze", "--jobs", "1", "--format", out_format,
                           "--output", str(target), str(reviews)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, CACHE_ENV: str(cache)},
                          preexec_fn=_file_size_limit(limit))  # a disk that fills after a few records
    assert done.returncode == 1
    assert done.stderr == f"review-reader-cli: {target} could not be written: File too large\n"
    assert not target.exists() and not list(target.parent.iterdir())  # no half file, no temporary left
    analysed = len(list(cache.rglob("*.json")))  # each review analysed is cached (entries are ~5 KB)
    assert 0 < analysed < most  # it stopped at the first write that failed (records ~5 KB, CSV lines ~100 B in
    # an 8 KB buffer), not after all 300


def test_output_in_a_folder_that_is_not_there_fails_before_any_analysis(folder, tmp_path, monkeypatch):
    from desktop.app import review

    analysed = []
    monkeypatch.setattr(review, "analyze_prepared", lambda *args, **kwargs: analysed.append(1))
    target = tmp_path / "missing" / "all.jsonl"
    done = cli("analyze", "--no-cache", "--jobs", "1", "--output", str(target), str(folder))
    assert (done.returncode, done.stderr) == (1, f"review-reader-cli: {target} could not be written: "
                                                 "No such file or directory\n")
    assert not analysed


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_sighup_stops_the_run_as_sigterm_does_and_the_handlers_are_put_back():
    from desktop.cli import Stopped, stopped_by_signals

    before = signal.getsignal(signal.SIGHUP)
    with pytest.raises(Stopped) as stopped, stopped_by_signals():
        os.kill(os.getpid(), signal.SIGHUP)
        time.sleep(1)  # the handler runs at the next bytecode; this is never reached in full
    assert stopped.value.signum == signal.SIGHUP and signal.getsignal(signal.SIGHUP) is before
