"""Hostile and odd review files through the window and the library.

The engine and CLI halves are in tests/test_hostile.py and share its tables
(tests/review_inputs.py). Here every file goes through ``window.open_file`` or
a folder opened in the library: refused files give a plain reason and the
review on screen stays, odd files are shown and coloured, pipes, link loops,
unreadable and vanished files never stall anything, and neither do file names
that are not UTF-8 or folders nested thousands deep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import devkit
import pytest
from PySide6.QtCore import Qt
from review_inputs import (  # noqa: F401 - deep_folder and pipe_swap are fixtures
    ANALYZED,
    GOOD,
    NAMING_HANKS,
    REFUSED,
    deep_folder,
    deny_reading,
    pipe_swap,
    prose_paragraph,
    repeated_sentences,
    write_files,
)
from ui_helpers import assert_refused_and_previous_kept, run_window_script, sentence_background, shown_text

from desktop import colours
from desktop.app import library
from desktop.engine import analyze
from desktop.ui.library.model import NAME, VERDICT
from desktop.ui.shell.settings import Settings

TIMEOUT_MS = 60_000
SPECIAL_FILES = {
    "pipe.txt": (os.mkfifo, "not a regular file"),
    "loop.txt": (lambda path: os.symlink(path.name, path), "symbolic links"),
    "dangling.txt": (lambda path: os.symlink("nowhere.txt", path), "link to a file that does not exist"),
}
"""Entries that are not readable review files: name -> (how to make one at a path, words of its reason)."""


@pytest.fixture
def reading(window, open_review, sample_path):
    """A window with the sample review open: the place a refused file must not lose."""
    open_review(window, sample_path)
    return window


@pytest.mark.parametrize("name", REFUSED)
def test_refused_files_give_a_plain_reason_and_the_review_stays(reading, qtbot, tmp_path, name):
    raw, reason = REFUSED[name]
    (tmp_path / name).write_bytes(raw)
    assert_refused_and_previous_kept(reading, qtbot, tmp_path / name, reason)


@pytest.mark.parametrize("name", [name for name in ANALYZED if name != "one-word.txt"])
def test_odd_files_are_shown_and_coloured(window, open_review, tmp_path, name):
    raw = ANALYZED[name]
    (tmp_path / name).write_bytes(raw)
    analysis = open_review(window, tmp_path / name)
    expected = analyze(raw, name=name)
    assert not window.banner.isVisible()
    assert analysis.text == expected.text and shown_text(window) == expected.text
    assert window.panel.file_info.text("Encoding") == expected.encoding
    coloured = [i for i in range(len(analysis.sentences)) if sentence_background(window, i) is not None]
    assert coloured == [i for i, s in enumerate(analysis.sentences) if colours.step(s.polarity) != 0]
    assert coloured  # each has a "superb" or "best" sentence
    if name in NAMING_HANKS:
        assert window.panel.people.rows() == [("Tom Hanks", 1)]


SHOW_IN_WINDOW = """
import sys
from PySide6.QtCore import QEventLoop
from desktop.ui.shell.app import create_application
from desktop.ui.shell.main_window import MainWindow

app = create_application()
window = MainWindow()
window.show()
ready = []
window.review_ready.connect(ready.append)
window.open_file(sys.argv[1])
while not ready:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
print(len(window.reader.document().toPlainText()), len(window.analysis.sentences), window.analysis.verdict.confidence)
window.close()
"""


@pytest.mark.slow
def test_a_two_megabyte_word_is_shown_without_freezing_the_window(tmp_path):
    review = tmp_path / "one-word.txt"
    review.write_bytes(ANALYZED["one-word.txt"])
    # A fresh process: a window frozen inside Qt's layout cannot be stopped by a timeout in this one.
    done = run_window_script(SHOW_IN_WINDOW, tmp_path, str(review), timeout=30)
    assert done.returncode == 0, done.stderr[-2000:]
    characters, sentences, confidence = done.stdout.split()
    assert (characters, sentences) == ("2100000", "1")
    assert float(confidence) < 0.7  # one made-up word: no verdict the reader could trust


@pytest.mark.slow
def test_a_six_megabyte_review_shows_at_once_and_never_holds_up_the_next(window, qtbot, tmp_path, sample_path):
    big = tmp_path / "big.txt"
    big.write_bytes(devkit.large_review(6))
    with qtbot.waitSignal(window.review_shown, timeout=TIMEOUT_MS):
        window.open_file(big)
    qtbot.waitUntil(lambda: window.reader.text_complete, timeout=TIMEOUT_MS)
    assert len(window.reader.document().toPlainText()) > 6_000_000
    assert window.analysis is None  # its 88,000 sentences are still being analysed
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.open_file(sample_path)
    assert window.path == sample_path
    window.close()
    assert window.finished_cleanly  # the big review's analysis was abandoned, not waited for


@pytest.mark.slow
@pytest.mark.parametrize("make, megabytes", [(repeated_sentences, 2.5), (prose_paragraph, 8.0)])
def test_a_one_paragraph_review_of_many_megabytes_shows_progress_and_is_coloured(
    window, qtbot, tmp_path, make, megabytes
):
    raw, count = make(megabytes)
    review = tmp_path / "one-paragraph.txt"
    review.write_bytes(raw)
    shown = []
    window.analyst.progressed.connect(
        lambda _token, percent: shown.append((percent, window.panel.verdict.counts.text())))
    with qtbot.waitSignal(window.review_ready, timeout=600_000):
        window.open_file(review)
    assert not window.banner.isVisible()
    assert len(window.analysis.sentences) == count
    percents = [percent for percent, _text in shown]
    assert percents == sorted(percents) and len(percents) > 50
    assert all(text == f"Analysing this long review… {percent}%" for percent, text in shown)
    assert window.panel.verdict.verdict == window.analysis.verdict
    assert window.panel.people.rows()


@pytest.mark.parametrize("name", SPECIAL_FILES)
def test_pipes_and_bad_links_are_refused_without_waiting(reading, qtbot, tmp_path, name):
    make, reason = SPECIAL_FILES[name]
    make(tmp_path / name)
    assert_refused_and_previous_kept(reading, qtbot, tmp_path / name, reason)


def test_an_unreadable_file_is_refused(reading, qtbot, tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD)
    deny_reading(monkeypatch, secret)
    message = assert_refused_and_previous_kept(reading, qtbot, secret, "permission")
    assert message == "You do not have permission to read secret.txt."


def test_a_file_swapped_for_a_pipe_while_opening_is_refused(reading, qtbot, tmp_path, pipe_swap):
    swapped = tmp_path / "swapped.txt"
    swapped.write_text(GOOD)
    pipe_swap(swapped)
    assert_refused_and_previous_kept(reading, qtbot, swapped, "not a regular file")


def test_the_library_gives_each_bad_file_its_reason_and_analyses_the_rest(
    make_window, qtbot, tmp_path, monkeypatch, pipe_swap
):
    folder = write_files(tmp_path / "reviews", {
        **{name: raw for name, (raw, _reason) in REFUSED.items()}, **ANALYZED,
        "good.txt": GOOD.encode(), "secret.txt": GOOD.encode(), "swapped.txt": GOOD.encode(),
        "vanishing.txt": GOOD.encode(),
    })
    for name, (make, _reason) in SPECIAL_FILES.items():
        make(folder / name)
    os.symlink(folder, folder / "again")  # a folder loop
    deny_reading(monkeypatch, folder / "secret.txt")
    pipe_swap(folder / "swapped.txt")
    real_list = library.list_reviews

    def list_then_delete(paths, **columns):
        found = real_list(paths, **columns)
        (folder / "vanishing.txt").unlink()  # deleted after the listing, before its row is analysed
        return found

    monkeypatch.setattr(library, "list_reviews", list_then_delete)
    window = make_window((1400, 860))
    window.library_jobs = 1  # in this process, where the stand-ins for the file system apply
    messages: list[str] = []
    window.library.message.connect(messages.append)
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(folder)

    model = window.library.model
    names = {Path(row.file).name for row in model.rows}
    assert names == {*REFUSED, *ANALYZED, "good.txt", "secret.txt", "swapped.txt", "vanishing.txt"}
    assert not names & set(SPECIAL_FILES)  # pipes and bad links are not review files: never listed or opened
    reasons = {
        **{name: reason for name, (_raw, reason) in REFUSED.items()},
        "secret.txt": "You do not have permission to read secret.txt.",
        "swapped.txt": "not a regular file",
        "vanishing.txt": "vanishing.txt was not found (it may have been moved or deleted).",
    }
    for number, row in enumerate(model.rows):
        name = Path(row.file).name
        if name in reasons:
            assert reasons[name] in row.error, name
            assert model.index(number, VERDICT).data() == "error"
            assert model.index(number, NAME).data(Qt.ItemDataRole.ToolTipRole) == row.error
        else:
            assert row.error is None and row.verdict in ("positive", "negative", "mixed"), name
    assert window.library.summary.failed == len(reasons)
    assert messages[-1].endswith(f", {len(reasons)} could not be analysed.")

    shown = window.library.view.shown_names()
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.library.view.select_row(shown.index("good.txt"))
    with qtbot.waitSignal(window.open_failed, timeout=TIMEOUT_MS) as failure:
        window.library.view.select_row(shown.index("vanishing.txt"))
    assert failure.args[1] == reasons["vanishing.txt"] == window.banner.text()
    assert window.path.name == "good.txt" and shown_text(window) == window.analysis.text


def test_a_folder_nested_deeper_than_the_recursion_limit_opens_in_the_library(
    make_window, qtbot, tmp_path, deep_folder
):
    (deep_folder / "deep.txt").write_text(GOOD)
    (tmp_path / "top.txt").write_text(GOOD)
    window = make_window()
    window.library_jobs = 1
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(tmp_path)  # before the fix the listing raised RecursionError on the UI thread
    assert {Path(row.file) for row in window.library.model.rows} == {deep_folder / "deep.txt", tmp_path / "top.txt"}
    assert all(row.verdict is not None for row in window.library.model.rows)


ODD_NAMES = {
    b"bad\xff.txt": "bad\ufffd.txt",
    b"new\nline.txt": "new\nline.txt",
    "emoji \U0001f600.txt".encode(): "emoji \U0001f600.txt",
    b"<b>bold<b> &amp;\t.txt": "<b>bold<b> &amp;\t.txt",
}
"""File names as bytes on disk -> as the library shows them."""


def write_odd_names(folder: Path) -> list[Path]:
    """A review under each of ODD_NAMES in ``folder``; their paths, as Python names them."""
    folder.mkdir()
    paths = [Path(os.fsdecode(os.path.join(os.fsencode(folder), name))) for name in ODD_NAMES]
    for path in paths:
        path.write_text(GOOD)
    return paths


def open_odd_names(make_window, qtbot, tmp_path):
    """A window whose library has filled a folder of odd file names; the window and the files."""
    paths = write_odd_names(tmp_path / "reviews")
    window = make_window((1400, 860))
    window.library_jobs = 1
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(tmp_path / "reviews")
    return window, paths


def test_odd_file_names_fill_their_rows_and_open(make_window, qtbot, tmp_path):
    window, paths = open_odd_names(make_window, qtbot, tmp_path)
    pane = window.library
    assert sorted(pane.view.shown_names()) == sorted(ODD_NAMES.values())
    # Before the fix Qt mangled the name not in UTF-8 on its way to the table, and its row never filled.
    verdict = analyze(GOOD).verdict.label
    assert {Path(row.file): row.verdict for row in pane.model.rows} == dict.fromkeys(paths, verdict)
    first = pane.view.current_path()
    qtbot.waitUntil(lambda: window.path == first and window.analysis is not None, timeout=TIMEOUT_MS)
    for row in range(1, len(paths)):
        with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
            pane.view.select_row(row)
        assert window.path == pane.view.current_path() and window.analysis.text == GOOD


def test_library_exports_keep_a_file_name_that_is_not_utf8(make_window, qtbot, tmp_path):
    window, paths = open_odd_names(make_window, qtbot, tmp_path)
    assert window.exports.library(tmp_path / "library.json", "json")
    document = json.loads((tmp_path / "library.json").read_text(encoding="utf-8"))
    assert sorted(row["file"] for row in document["reviews"]) == sorted(map(str, paths))
    assert window.exports.library(tmp_path / "library.csv", "csv")
    assert "bad\\udcff.txt" in (tmp_path / "library.csv").read_text(encoding="utf-8")


def test_recent_files_never_offer_a_mangled_name(window, open_review, tmp_path):
    for path in write_odd_names(tmp_path / "reviews"):
        open_review(window, path)
    assert all(Path(path).exists() for path in Settings().recent_files)


WORDY = ("wide.csv has 1,000,000 columns, too many for a table of reviews (at most 1,000); the first are “c0”, "
         "“c1”, “c2” and 999,997 more. ") * 6
"""A message of about 750 characters: over three lines at 1024 pixels in any usual font."""


@pytest.mark.parametrize("message", [WORDY, "x" * 300], ids=["words", "one long name"])
def test_a_long_message_takes_at_most_three_lines_and_never_widens_the_window(make_window, qtbot, message):
    window = make_window((1024, 640))
    width = window.width()
    window.banner.show_message(message)
    qtbot.waitUntil(lambda: window.banner.message.width() > 100)
    qtbot.wait(50)  # the layout settles
    label = window.banner.message
    lines = label.text().split("\n")
    assert len(lines) <= 3 and label.text().endswith("…")
    assert all(label.fontMetrics().horizontalAdvance(line) <= label.contentsRect().width() for line in lines)
    assert window.width() == width  # an unbreakable run wraps anywhere instead of widening the window
    assert window.banner.text() == label.toolTip() == message  # the whole message stays readable
