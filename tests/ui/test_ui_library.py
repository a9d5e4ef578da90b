"""The library: open a generated folder, fill it in the background, sort, filter, select, cancel, reopen, export."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import time
from pathlib import Path

import pytest
from library_helpers import make_library
from PySide6.QtCore import QMimeData, QPoint, QPointF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from review_inputs import unmarked
from ui_helpers import settle

from desktop.app import review
from desktop.app.batch import FULL, analyze_files, list_reviews
from desktop.app.query import matching, parse
from desktop.app.records import ROW_FIELDS, ReviewFile, summarise, to_json
from desktop.ui.library.model import SCORE, VERDICT
from desktop.ui.shell.shortcuts import shortcut_rows

PER_FOLDER = 120
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def library_folder(tmp_path_factory) -> Path:
    """240 short reviews in pos/ and neg/, a few reading against their folder."""
    return make_library(tmp_path_factory.mktemp("reviews"), PER_FOLDER)


@pytest.fixture(scope="module")
def expected_rows(library_folder) -> list:
    """The engine's library rows for the folder, computed without the window or a cache."""
    return list(analyze_files(list_reviews([library_folder]), jobs=1))


@pytest.fixture
def library_window(make_window):
    """A window that analyses libraries in-process (one job keeps the tests light)."""
    window = make_window((1400, 860))
    window.library_jobs = 1
    return window


def open_and_fill(qtbot, window, folder: Path) -> list[str]:
    """Open ``folder`` and wait until its analysis ends; return the library's status messages."""
    messages: list[str] = []
    window.library.message.connect(messages.append)
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_folder(folder)
    window.library.message.disconnect(messages.append)
    return messages


def counting_analyses(monkeypatch, delay: float = 0.0) -> list[str]:
    """Count (and optionally slow down) the analyses the batch runs; return the list of names."""
    real = review.analyze_prepared
    names: list[str] = []

    def analyze(ready, name="", *args):
        names.append(name)
        time.sleep(delay)
        return real(ready, name, *args)

    monkeypatch.setattr(review, "analyze_prepared", analyze)
    return names


def test_a_folder_lists_every_review_at_once_and_fills_in_the_background(
    library_window, qtbot, library_folder, expected_rows
):
    window = library_window
    messages: list[str] = []
    window.library.message.connect(messages.append)
    library = window.library
    with qtbot.waitSignal(library.listed, timeout=TIMEOUT_MS) as listed:
        window.open_folder(library_folder)
        assert window.library_dock.isVisible() and library.view.count.text() == "Listing…"
    assert listed.args == [2 * PER_FOLDER] and library.model.rowCount() == 2 * PER_FOLDER
    assert library.progress_row.isVisible() and library.cancel_button.isEnabled()
    qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS).wait()
    assert not library.progress_row.isVisible()
    assert library.progress.done == library.progress.total == 2 * PER_FOLDER
    assert library.progress.cached <= 1  # the reading view may have cached the first row
    by_file = {row.file: row for row in expected_rows}
    assert {row.file: row for row in library.model.rows} == by_file
    names = library.view.shown_names()
    assert names[:3] == ["0_1.txt", "1_2.txt", "2_3.txt"]  # neg/ first, natural order
    assert names[PER_FOLDER:PER_FOLDER + 2] == ["0_7.txt", "1_8.txt"]
    assert library.proxy.index(0, VERDICT).data() in ("positive", "negative", "mixed")
    assert messages[-1].startswith("Analysed: 240 of 240 reviews in ")


def held_listing(monkeypatch):
    """Make folder listings wait until the returned event is set (a slow disk); the threads that listed."""
    import threading

    from desktop.app import library

    release, threads = threading.Event(), []
    real = library.list_reviews

    def slow(paths, **columns):
        threads.append(threading.current_thread())
        release.wait(30)
        return real(paths, **columns)

    monkeypatch.setattr(library, "list_reviews", slow)
    return release, threads


def test_a_slow_folder_is_listed_off_the_ui_thread(library_window, qtbot, library_folder, monkeypatch):
    import threading

    window = library_window
    release, threads = held_listing(monkeypatch)
    window.open_folder(library_folder)
    qtbot.waitUntil(lambda: bool(threads))  # the listing has started, and the window goes on meanwhile
    assert window.library.view.count.text() == "Listing…" and window.library.bar.format() == "Listing files…"
    assert window.library.model.rowCount() == 0 and threads and threads[0] is not threading.main_thread()
    with qtbot.waitSignal(window.library.listed, timeout=TIMEOUT_MS):
        release.set()
    qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS).wait()
    assert window.library.progress.done == 2 * PER_FOLDER


def test_a_listing_overtaken_by_another_folder_is_dropped(library_window, qtbot, library_folder, monkeypatch,
                                                           tmp_path):
    window = library_window
    release, _threads = held_listing(monkeypatch)
    window.open_folder(library_folder)
    other = make_library(tmp_path / "other", 3)
    with qtbot.waitSignal(window.library.listed, timeout=TIMEOUT_MS) as listed:
        release.set()  # both listings finish; only the second folder's is kept
        window.open_folder(other)
    assert listed.args == [6]
    qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS).wait()
    settle(window.library.tasks, qtbot)
    assert window.library.folder == other and window.library.model.rowCount() == 6


def test_escape_while_listing_stops_it(library_window, qtbot, library_folder, monkeypatch):
    window = library_window
    release, _threads = held_listing(monkeypatch)
    window.open_folder(library_folder)
    with qtbot.waitSignal(window.library_filled, timeout=5000):
        qtbot.keyClick(window.library.table, Qt.Key.Key_Escape)
    assert not window.library.running and not window.library.progress_row.isVisible()
    release.set()
    settle(window.library.tasks, qtbot)
    assert window.library.model.rowCount() == 0  # the late listing was dropped


def test_summary_counts_verdicts_and_agreement_with_the_labels(
    library_window, qtbot, library_folder, expected_rows
):
    open_and_fill(qtbot, library_window, library_folder)
    expected = summarise(expected_rows)
    view = library_window.library.summary_view
    assert library_window.library.summary == expected
    assert expected.agreement is not None and 0.8 < expected.agreement < 1
    counts = " · ".join(f"{expected.verdicts[label]:,} {label}" for label in ("positive", "negative", "mixed"))
    assert view.counts.text() == counts
    assert view.agreement.text() == (
        f"Agrees with the labels: {expected.agreement:.1%} ({expected.agreed:,} of {expected.labelled:,})"
    )
    assert view.cells[("positive", "negative")].text() == str(expected.confusion["positive"]["negative"])
    assert view.cells[("negative", "negative")].text() == str(expected.confusion["negative"]["negative"])
    assert view.chart.shares == {
        rating: counts["agreed"] / counts["labelled"] for rating, counts in expected.by_rating.items()
    }
    assert set(view.chart.shares) == {1, 2, 3, 4, 7, 8, 9, 10}
    assert view.labelled.isVisible()


def test_sort_by_column_and_filter_by_text_and_verdict(library_window, qtbot, library_folder):
    open_and_fill(qtbot, library_window, library_folder)
    library = library_window.library
    table = library.table

    table.sortByColumn(SCORE, Qt.SortOrder.AscendingOrder)
    scores = [float(library.proxy.index(row, SCORE).data()) for row in range(library.proxy.rowCount())]
    assert scores == sorted(scores) and scores[0] < 0 < scores[-1]
    table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    scores = [float(library.proxy.index(row, SCORE).data()) for row in range(library.proxy.rowCount())]
    assert scores == sorted(scores, reverse=True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert library.view.shown_names()[:2] == ["0_1.txt", "1_2.txt"]

    qtbot.keyClicks(library.view.search, "_10.")
    shown = library.view.shown_names()
    assert shown and all("_10." in name for name in shown)
    assert len(shown) == PER_FOLDER // 4
    assert library.view.count.text() == f"{len(shown)} of 240 shown"
    library.view.search.clear()

    library.view.set_verdict_filter("negative")
    rows = [library.model.rows[library.proxy.mapToSource(library.proxy.index(r, 0)).row()]
            for r in range(library.proxy.rowCount())]
    assert rows and all(row.verdict == "negative" for row in rows)
    assert len(rows) == library.summary.verdicts["negative"]

    library.view.set_verdict_filter("disagrees")
    disagreeing = library.proxy.rowCount()
    assert disagreeing == library.summary.labelled - library.summary.agreed > 0
    library.view.set_verdict_filter("all")
    assert library.proxy.rowCount() == 240


def test_selecting_a_row_opens_it_and_up_down_follow(library_window, qtbot, library_folder):
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    library = window.library
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        library.view.select_row(5)
    path = library_folder / "neg" / "5_2.txt"
    assert window.path == path == library.view.current_path()
    assert window.reader.document().toPlainText().startswith("Review number 125.")
    assert window.panel.file_info.text("Name") == "5_2.txt"
    library.table.setFocus()
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        qtbot.keyClick(library.table, Qt.Key.Key_Down)
    assert window.path.name == "6_3.txt"
    assert library.table.hasFocus()  # the reading view did not take the keyboard
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        qtbot.keyClick(library.table, Qt.Key.Key_Up)
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        qtbot.keyClick(library.table, Qt.Key.Key_Up)
    assert window.path.name == "4_1.txt"
    assert window.analysis.verdict.label == library.model.rows[4].verdict


def test_next_and_previous_follow_the_library_order(library_window, qtbot, library_folder):
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    library = window.library
    library.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    library.view.set_verdict_filter("negative")
    names = library.view.shown_names()
    start = 2 if library.table.currentIndex().row() == 1 else 1  # a row that is not current yet
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        library.view.select_row(start)
    for expected in names[start + 1 : start + 4]:
        with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
            window.actions["next_file"].trigger()
        assert window.path.name == expected == library.view.current_path().name
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.actions["previous_file"].trigger()
    assert window.path.name == names[start + 2]
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        library.view.select_row(len(names) - 1)
    window.actions["next_file"].trigger()
    assert window.statusBar().currentMessage() == "This is the last review."


def test_cancel_stops_the_analysis_and_keeps_the_rows_done(library_window, qtbot, library_folder, monkeypatch):
    full_speed = review.analyze_prepared
    counting_analyses(monkeypatch, delay=0.05)
    window = library_window
    window.open_folder(library_folder)
    library = window.library
    qtbot.waitUntil(lambda: library.progress.done >= 5, timeout=TIMEOUT_MS)
    messages: list[str] = []
    library.message.connect(messages.append)
    with qtbot.waitSignal(window.library_filled, timeout=10_000):
        qtbot.mouseClick(library.cancel_button, Qt.MouseButton.LeftButton)
    done = library.progress.done
    assert 5 <= done < 240
    assert len(library.model.library.results()) == done
    assert not library.running and not library.cancel_button.isVisible()
    assert library.resume_button.isVisible() and f"Stopped at {done} of 240" in library.bar.format()
    assert messages[-1].startswith(f"Stopped: {done} of 240 reviews")
    assert messages[-1].endswith(f"; Resume analyses the {240 - done} left.")
    assert library.summary.reviews == done
    assert "to go" in library.summary_view.counts.text()
    pending = library.model.library.pending()[0]
    cell = library.model.index(library.model.row_of(pending), VERDICT)
    assert cell.data() == "—" and "Not analysed" in cell.data(Qt.ItemDataRole.ToolTipRole)  # no "…" after a cancel
    asked, repainted = [], []
    library.model.restyled.connect(lambda: repainted.append(1))
    with monkeypatch.context() as patched:
        patched.setattr(type(library.model.library), "accepts", lambda *_args: asked.append(1) or True)
        library.model.set_waiting(True)  # "…" again, as a resume starts: a repaint, not a pass of the filter
        assert cell.data() == "…" and repainted and not asked
        library.model.set_waiting(False)

    monkeypatch.setattr(review, "analyze_prepared", full_speed)  # the rest at full speed
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        qtbot.mouseClick(library.resume_button, Qt.MouseButton.LeftButton)
    assert library.progress.done == library.progress.total == 240 and library.model.library.pending() == []
    assert messages[-1].startswith("Analysed: 240 of 240 reviews") and not library.progress_row.isVisible()


def test_reopening_a_folder_is_served_from_the_cache(library_window, qtbot, library_folder, monkeypatch):
    analyses = counting_analyses(monkeypatch)
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    # the library's analyses are named by path; the reading view may have analysed (and cached) the first row itself
    analysed = sum(name.startswith(str(library_folder)) for name in analyses)
    assert analysed + window.library.progress.cached == 240 and analysed >= 239
    first = list(window.library.model.rows)
    before = len(analyses)
    messages = open_and_fill(qtbot, window, library_folder)
    assert len(analyses) == before  # nothing analysed again
    progress = window.library.progress
    assert progress.cached == progress.done == progress.total == 240
    assert window.library.model.rows == first
    assert "240 from the library index" in messages[-1] and "from the cache" not in messages[-1]


def test_library_exports_write_csv_and_json_where_the_reader_chose(
    library_window, qtbot, library_folder, tmp_path, monkeypatch
):
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    rows = sorted(window.library.model.rows, key=lambda row: row.file)
    target = tmp_path / "out"
    target.mkdir()
    offered = []

    def save_dialog(parent, title, start, filters):
        offered.append(start)
        return str(target / ("library.csv" if "CSV" in title else "library")), filters

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", save_dialog)
    window.actions["export_csv"].trigger()
    window.actions["export_json"].trigger()
    assert all(not start.startswith(str(library_folder)) for start in offered)
    assert offered[0].endswith("-library.csv")

    assert (target / "library.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # for spreadsheets
    table = list(csv.reader(io.StringIO((target / "library.csv").read_text(encoding="utf-8-sig"))))
    assert table[0] == list(ROW_FIELDS)
    assert len(table) == 241
    shown = [window.library.model.rows[window.library.model.row_of(Path(row[0]))] for row in table[1:]]
    assert [Path(row.file).name for row in shown] == window.library.view.shown_names()  # the table's order
    document = json.loads((target / "library.json").read_text(encoding="utf-8"))
    assert sorted(document["reviews"], key=lambda row: row["file"]) == [to_json(row) for row in rows]

    window.library.view.search.setText("1_")  # the table shows some rows, sorted by score
    window.library.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    assert window.exports.library(tmp_path / "filtered.csv", "csv")
    filtered = list(csv.DictReader(io.StringIO((tmp_path / "filtered.csv").read_text(encoding="utf-8-sig"))))
    assert 0 < len(filtered) < 240
    assert [Path(row["file"]).name for row in filtered] == window.library.view.shown_names()
    assert "of 240 the filter shows" in window.statusBar().currentMessage()
    assert document["summary"]["agreed"] == window.library.summary.agreed
    assert sorted(path.name for path in target.iterdir()) == ["library.csv", "library.json"]


def test_review_exports_write_html_and_pdf(library_window, qtbot, library_folder, tmp_path):
    window = library_window
    assert not window.actions["export_html"].isEnabled()
    open_and_fill(qtbot, window, library_folder)
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.library.view.select_row(PER_FOLDER + 1)
    assert window.actions["export_pdf"].isEnabled()
    assert window.exports.review(tmp_path / "review.html", "html")
    html = unmarked((tmp_path / "review.html").read_text(encoding="ascii"))
    assert html.startswith("<!DOCTYPE html>") and "1_8.txt" in html and "Review number 1." in html
    assert window.exports.review(tmp_path / "review.pdf", "pdf")
    pdf = (tmp_path / "review.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == ["review.html", "review.pdf"]


def test_a_folder_opens_from_the_command_line_list_and_by_dropping(library_window, qtbot, library_folder):
    window = library_window
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_files([str(library_folder / "pos")])
    assert window.library.model.rowCount() == PER_FOLDER
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(library_folder))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        QApplication.sendEvent(window, enter)  # a drop always follows an accepted drag entering
        QApplication.sendEvent(window, drop)
    assert window.library.model.rowCount() == 240
    window.actions["close_folder"].trigger()
    assert not window.library_dock.isVisible() and window.library.model.rowCount() == 0
    assert not window.actions["close_folder"].isEnabled() and not window.actions["export_csv"].isEnabled()


def test_new_actions_have_shortcuts_listed_in_help(library_window):
    keys = {action: shortcut for _menu, action, shortcut in shortcut_rows(library_window.menuBar())}
    assert keys["Open Folder…"] == "Ctrl+Shift+O"
    assert keys["Export Review as PDF…"] == "Ctrl+P"
    assert keys["Export Library as CSV…"] == "Ctrl+Shift+E"
    assert keys["Library"] == "F8"


def test_closing_the_window_ends_a_running_library_analysis(make_window, qtbot, library_folder, monkeypatch):
    counting_analyses(monkeypatch, delay=0.05)
    window = make_window()
    window.library_jobs = 1
    window.open_folder(library_folder)
    qtbot.waitUntil(lambda: window.library.progress.done >= 2, timeout=TIMEOUT_MS)
    task = window.library.task
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 30  # waiting for all of the analysis would take minutes
    assert task.cancelled and window.library.tasks.pool.activeThreadCount() == 0


def test_escape_in_the_table_cancels_the_analysis(library_window, qtbot, library_folder, monkeypatch):
    counting_analyses(monkeypatch, delay=0.05)
    window = library_window
    window.open_folder(library_folder)
    qtbot.waitUntil(lambda: window.library.progress.done >= 2, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(window.library_filled, timeout=10_000):
        qtbot.keyClick(window.library.table, Qt.Key.Key_Escape)
    assert window.library.progress.done < 240


def test_exports_get_the_mode_the_umask_gives_a_new_file(window, open_review, sample_path, tmp_path):
    open_review(window, sample_path)
    old = os.umask(0o022)
    try:
        assert window.exports.review(tmp_path / "review.html", "html")
        assert window.exports.review(tmp_path / "review.pdf", "pdf")
    finally:
        os.umask(old)
    for name in ("review.html", "review.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_save_dialogs_start_in_an_existing_folder_never_the_current_one(window, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no Documents folder in it
    monkeypatch.chdir(tmp_path)
    window.settings.export_folder = str(tmp_path / "gone")  # the last export folder was deleted
    assert window.exports.folder() in (str(home), QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    assert Path(window.exports.folder()).is_dir() and window.exports.folder() != str(tmp_path)
    (tmp_path / "exports").mkdir()
    window.settings.export_folder = str(tmp_path / "exports")
    assert window.exports.folder() == str(tmp_path / "exports")


def test_while_a_labelled_library_loads_its_summary_says_the_labels_are_coming(
    library_window, qtbot, library_folder, monkeypatch
):
    import threading

    release = threading.Event()
    real = review.analyze_prepared

    def held(ready, name="", *args):
        release.wait(60)
        return real(ready, name, *args)

    monkeypatch.setattr(review, "analyze_prepared", held)
    window = library_window
    view = window.library.summary_view
    try:
        window.open_folder(library_folder)
        qtbot.waitUntil(lambda: len(window.library.model.rows) == 2 * PER_FOLDER, timeout=TIMEOUT_MS)
        assert view.agreement.text() == (
            f"{2 * PER_FOLDER:,} reviews carry labels; the agreement shows once the first of them is analysed.")
        assert "No labels" not in view.agreement.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: view.agreement.text().startswith("Agrees with the labels:"), timeout=TIMEOUT_MS)
    assert view.caption.text() == "Agreement with the labels by the reviewer's star rating (1–10)"


def test_the_agreement_line_tells_no_labels_from_labels_not_yet_analysed():
    from desktop.app.records import Summary
    from desktop.ui.library.summary_chart import agreement_text

    assert agreement_text(Summary(), 0).startswith("No labels to compare with")
    assert agreement_text(Summary(), 1_200).startswith("1,200 reviews carry labels")
    assert agreement_text(Summary(), 1).startswith("1 review carries a label;")


def _on_screen(window) -> bool:
    """The window lies on its screen, and could on any screen of 1024 x 600 or more."""
    area = window.screen().availableGeometry()
    least = window.minimumSizeHint()
    fits = least.width() <= 1024 - 8 and least.height() <= 600 - 40  # a frame and a panel or two around it
    if least.width() <= area.width() and least.height() <= area.height():
        fits = fits and area.contains(window.frameGeometry())
    return fits


def test_the_first_window_and_an_opened_library_fit_a_small_screen(make_window, qtbot, library_folder):
    window = make_window(size=None)
    window.library_jobs = 1
    assert window.screen().availableGeometry().width() < 1400  # the offscreen screen: a small one
    assert _on_screen(window)
    window.resize(3000, 2000)  # a layout restored from a bigger monitor
    with qtbot.waitSignal(window.library_filled, timeout=120_000):
        window.open_folder(library_folder)
    assert _on_screen(window)  # with the summary, its table and its chart filled in
    # a tab beside the side panel, not a third column
    assert window.dockWidgetArea(window.library_dock) == window.dockWidgetArea(window.dock)
    qtbot.waitUntil(lambda: window.library_dock in window.tabifiedDockWidgets(window.dock), timeout=10_000)
    window.library.clear()


def test_a_wide_screen_shows_the_library_as_its_own_column(make_window, qtbot, library_folder, monkeypatch):
    from desktop.ui.shell import main_window

    monkeypatch.setattr(main_window, "WIDE_SCREEN", 100)
    window = make_window(size=None)
    window.open_folder(library_folder)
    qtbot.waitUntil(lambda: window.library.model.rowCount() > 0, timeout=10_000)
    assert window.library_dock not in window.tabifiedDockWidgets(window.dock)
    assert window.dockWidgetArea(window.library_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.library.clear()


@pytest.mark.parametrize("wide", [True, False], ids=["library beside", "library as a tab"])
def test_the_text_being_read_does_not_move_when_the_library_finishes(make_window, qtbot, library_folder,
                                                                      monkeypatch, wide):
    from desktop.ui.shell import main_window

    monkeypatch.setattr(main_window, "WIDE_SCREEN", 100 if wide else 100_000)
    counting_analyses(monkeypatch, delay=0.01)  # a fill long enough to read during it
    window = make_window(size=None)
    window.library_jobs = 1

    def layout() -> tuple:
        reader = window.reader.viewport()
        return (reader.mapTo(window, QPoint(0, 0)), reader.size(), window.dock.width(),
                window.library_dock.width())

    filled = []
    window.library_filled.connect(lambda: filled.append(True))
    window.open_folder(library_folder)
    qtbot.waitUntil(lambda: window.analysis is not None and window.library.model.rowCount() > 0,
                    timeout=TIMEOUT_MS)
    qtbot.wait(300)  # layouts done
    reading = layout()
    assert not filled  # read while the library fills
    qtbot.waitUntil(lambda: bool(filled), timeout=120_000)
    qtbot.wait(300)  # layouts done
    assert layout() == reading
    window.library.clear()


def test_every_column_has_room_for_its_title_and_the_sort_arrow(library_window):
    from desktop.ui.library.model import COLUMNS
    from desktop.ui.library.table import SORT_ARROW_ROOM

    header = library_window.library.table.horizontalHeader()
    for column, title in enumerate(COLUMNS):
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title) + SORT_ARROW_ROOM, title


def test_a_narrow_library_hides_the_least_needed_columns_before_the_names_shrink(app, qtbot):
    from desktop.ui.library.model import LABEL, NAME, SCORE, VERDICT, WORDS
    from desktop.ui.library.pane import LibraryPane
    from desktop.ui.library.table import NAME_ROOM

    pane = LibraryPane()
    qtbot.addWidget(pane)
    pane.resize(420, 500)
    pane.show()
    qtbot.waitUntil(lambda: pane.table.isColumnHidden(WORDS))
    assert pane.table.isColumnHidden(LABEL)
    assert not pane.table.isColumnHidden(VERDICT) and not pane.table.isColumnHidden(SCORE)
    assert pane.table.columnWidth(NAME) >= NAME_ROOM - 20
    pane.resize(1200, 500)
    qtbot.waitUntil(lambda: not pane.table.isColumnHidden(WORDS))
    assert not pane.table.isColumnHidden(LABEL)


def test_changing_the_filter_keeps_the_open_review_open(library_window, qtbot, library_folder):
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.library.view.select_row(5)
    opened = window.path
    opens = []
    window.library.review_selected.connect(opens.append)
    window.library.view.search.setText(opened.stem)  # the open review still shows
    assert window.library.view.current_path() == opened
    window.library.view.search.setText("no such review")  # hides it
    assert window.library.view.current_path() is None
    assert "stays open" in window.statusBar().currentMessage()
    window.library.view.search.setText("")
    assert opens == [] and window.path == opened


def test_the_search_field_keeps_the_reviews_that_answer_a_query_and_says_why_one_cannot_be_read(
        library_window, qtbot, library_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_READER_CACHE_DIR", str(tmp_path / "cache"))  # an index of this test's own
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    view = window.library.view
    query = 'person:"anna berg" and (bored or verdict:positive) -rating:10'
    outcomes = analyze_files(list_reviews([library_folder]), detail=FULL, jobs=1)
    expected = sorted(match.row.review.path.name for match in matching(outcomes, parse(query)))
    assert 0 < len(expected) < 120  # a real subset
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.query.hasFocus()  # Edit ▸ Search the Library
    qtbot.keyClicks(view.query, query)
    qtbot.waitUntil(lambda: view.note.text().endswith("analysed reviews match"), timeout=TIMEOUT_MS)
    assert view.note.text() == f"{len(expected)} of 240 analysed reviews match"
    assert sorted(view.shown_names()) == expected and view.count.text() == f"{len(expected)} of 240 shown"
    assert window.path.name == expected[0] and window.reader.hit_kind == "search"  # the open review, marked
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        view.select_row(1)  # another review that answers: its words are marked as it opens
    text = window.analysis.text
    marked = [text[start:end] for start, end in parse(query).highlights(text)]
    assert window.reader.hit_kind == "search" and len(window.reader.highlights.hits) == len(marked) >= 2
    assert {"Anna Berg"} <= set(marked) and set(marked) <= {"Anna Berg", "bored"}
    assert window.statusBar().currentMessage().startswith("The search's words: ")
    view.query.setText("rating:>>8")
    qtbot.waitUntil(lambda: view.note.text().startswith("⚠"), timeout=TIMEOUT_MS)
    assert view.note.text() == "⚠ rating: needs a number, as in rating:>=8."
    assert sorted(view.shown_names()) == expected  # a query that cannot be read leaves the table as it was
    view.query.clear()
    qtbot.waitUntil(lambda: len(view.shown_names()) == 240, timeout=TIMEOUT_MS)
    assert view.note.isHidden() and window.reader.hit_kind == ""  # no search: no search highlights


def test_people_in_the_library_are_counted_sorted_and_choosing_one_searches_for_them(
        library_window, qtbot, library_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_READER_CACHE_DIR", str(tmp_path / "cache"))
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    outcomes = list(analyze_files(list_reviews([library_folder]), detail=FULL, jobs=1))
    named = {person.name: set() for outcome in outcomes for person in outcome.analysis.people}
    for outcome in outcomes:
        for person in outcome.analysis.people:
            named[person.name].add(outcome.source.path.name)
    window.actions["library_people"].trigger()
    dialog = window.library_questions.people_dialog
    qtbot.waitUntil(lambda: dialog.note.text().startswith(f"{len(named)} people in 240"), timeout=TIMEOUT_MS)
    shown = {dialog.proxy.index(row, 0).data(): int(dialog.proxy.index(row, 1).data())
             for row in range(dialog.proxy.rowCount())}
    assert shown == {name: len(files) for name, files in named.items()}  # six people, each in 40 reviews
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert dialog.proxy.index(0, 0).data() == min(named)
    dialog.filter.setText("voss")
    assert dialog.proxy.rowCount() == 1
    dialog.table.activated.emit(dialog.proxy.index(0, 0))  # Enter, or a double click
    view = window.library.view
    assert view.query.text() == 'person:="Clara Voss"'
    qtbot.waitUntil(lambda: view.note.text().endswith("analysed reviews match"), timeout=TIMEOUT_MS)
    assert sorted(view.shown_names()) == sorted(named["Clara Voss"])
    dialog.close()


def test_the_people_go_into_the_library_json_and_the_people_dialog_saves_them_as_csv(
        library_window, qtbot, library_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_READER_CACHE_DIR", str(tmp_path / "cache"))
    window = library_window
    open_and_fill(qtbot, window, library_folder)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda parent, title, start, filters: (str(tmp_path / Path(start).name), filters))
    window.actions["library_people"].trigger()
    dialog = window.library_questions.people_dialog
    qtbot.waitUntil(dialog.save.isEnabled, timeout=TIMEOUT_MS)
    dialog.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dialog.filter.setText("a")  # the people listed: filtered, in the table's order
    listed = [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())]
    assert 1 < len(listed) < len(dialog.model.people) and listed == sorted(listed, reverse=True)
    dialog.save.click()
    sheet = list(csv.DictReader(io.StringIO((tmp_path / f"{library_folder.name}-people.csv").read_text(
        encoding="utf-8-sig"))))
    assert [row["name"] for row in sheet] == listed and all(row["reviews"] == "40" for row in sheet)
    dialog.close()
    window.library.view.search.setText("1_")  # the JSON's people are those of the rows it holds
    assert window.exports.library(tmp_path / "library.json", "json")
    document = json.loads((tmp_path / "library.json").read_text(encoding="utf-8"))
    named: dict[str, int] = {}
    for row in document["reviews"]:
        outcome = next(analyze_files([ReviewFile.at(row["file"])], detail=FULL))
        for person in outcome.analysis.people:
            named[person.name] = named.get(person.name, 0) + 1
    assert 0 < len(document["reviews"]) < 240 and named
    assert {person["name"]: person["reviews"] for person in document["summary"]["people"]} == named
