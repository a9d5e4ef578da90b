"""The window with a table of reviews, a pasted review, and a review in another language."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from ui_helpers import sentence_background

from desktop.ui.library.model import NAME, VERDICT

TIMEOUT_MS = 60_000
GOOD = "A wonderful, moving film.<br /><br />Anna Berg is superb and the music is beautiful."
BAD = "A dull, boring film. The plot is awful and the acting is the worst I have seen."
SPANISH = ("La película es una obra maestra. Los actores son muy buenos y la historia es conmovedora, aunque "
           "el final es un poco largo. Gael García Bernal está magnífico en el papel del hermano.")


def tinted(window) -> int:
    """How many sentences the reading view tints."""
    return sum(sentence_background(window, i) is not None for i in range(len(window.analysis.sentences)))


@pytest.fixture
def table(tmp_path) -> Path:
    path = tmp_path / "reviews.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "review", "sentiment"])
        writer.writerows([["Lovely", GOOD, "positive"], ["Awful", BAD, "negative"], ["Otra", SPANISH, "positive"]])
    return path


@pytest.fixture
def table_window(make_window, qtbot, table):
    window = make_window((1400, 860))
    window.library_jobs = 1
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_files([table])
    return window


def test_a_table_opens_in_the_library_one_row_a_review(table_window, qtbot, table):
    window = table_window
    library = window.library
    assert library.view.shown_names() == [  # each row's first words, markup and breaks read as spaces
        "Row 1: A wonderful, moving film. Anna Berg is superb and the music is…",
        "Row 2: A dull, boring film. The plot is awful and the acting is the worst I…",
        "Row 3: La película es una obra maestra. Los actores son muy buenos y la…"]
    library.view.search.setText("anna berg")
    assert library.view.shown_names() == [library.view.model.library.names[0]]  # the filter reads the words
    library.view.search.clear()
    verdicts = [library.proxy.index(row, VERDICT).data() for row in range(3)]
    assert verdicts == ["positive", "negative", "unknown"]
    assert library.columns_button.isVisible()
    assert "1 in another language" in library.summary_view.counts.text()
    assert str(table) in window.settings.recent_files  # a table the reader opened is a recent file
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=TIMEOUT_MS)  # the first row opens
    assert window.windowTitle().startswith("reviews.csv, row 1") and "Anna Berg" in window.analysis.text
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.actions["next_file"].trigger()
    assert window.session.review.row == 2 and window.analysis.verdict.label == "negative"


def test_a_review_in_another_language_shows_a_calm_note_and_no_tints(table_window, qtbot):
    window = table_window
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.library.view.select_row(2)
    assert window.analysis.language == "es" and window.analysis.verdict.label == "unknown"
    note = window.banner.text()
    assert "seems to be in Spanish" in note and "Analyse as English Anyway" in note
    assert window.banner.property("kind") == "note"
    assert window.panel.file_info.text("Language") == "Spanish (not analysed)"
    assert [person.name for person in window.analysis.people] == ["Gael García Bernal"]
    assert tinted(window) == 0  # no tints on text the models cannot read
    panel = window.panel  # no numbers that would read as a neutral result
    assert panel.verdict.label.text() == "Not analysed" and panel.verdict.counts.isHidden()
    assert panel.arc.isHidden() and panel.legend.isHidden() and not panel.arc_note.isHidden()
    assert panel.people.tones() == ["—"] and panel.people.tone_colour(0) is None
    assert "not analysed (Spanish)" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.actions["as_english"].trigger()
    assert window.analysis.verdict.label in ("positive", "negative", "mixed") and not window.banner.text()
    assert window.panel.file_info.text("Language") == "Spanish"
    assert panel.verdict.label.text() == window.analysis.verdict.label.capitalize()
    assert not panel.verdict.counts.isHidden() and not panel.arc.isHidden() and panel.arc_note.isHidden()
    assert panel.people.tones() == [person.tone for person in window.analysis.people]


def test_the_columns_dialog_lists_the_table_again_with_the_chosen_columns(table_window, qtbot, monkeypatch):
    window = table_window
    chosen = []

    def answer(dialog) -> int:
        chosen.append((dialog.text.currentText(), dialog.label.currentText()))
        dialog.text.setCurrentText("title")
        dialog.label.setCurrentText("(none)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("desktop.ui.library.columns_dialog.ColumnsDialog.exec", answer)
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.library.columns_button.click()
    assert chosen == [("review", "sentiment")]  # the dialog offers what was found
    assert window.library.columns == ("title", "")
    assert [row.words for row in window.library.model.rows] == [1, 1, 1]
    assert window.library.model.library.labelled == 0


def test_pasting_plain_text_or_a_web_page_opens_an_unsaved_review(window, qtbot, tmp_path, monkeypatch):
    data = QMimeData()
    data.setText("Tom Hanks is wonderful. A moving film.")
    QGuiApplication.clipboard().setMimeData(data)
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        qtbot.keyClick(window.welcome, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # on the welcome screen
    assert window.windowTitle().startswith("Pasted review 1")
    assert [person.name for person in window.analysis.people] == ["Tom Hanks"]

    page = QMimeData()
    page.setHtml("<html><style>p {color: red}</style><body><p>Meryl Streep is <b>dull</b> here.</p>"
                 "<script>alert(1)</script><p>&lt;b&gt; is a tag.</p></body></html>")
    QGuiApplication.clipboard().setMimeData(page)
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.actions["paste"].trigger()
    assert window.windowTitle().startswith("Pasted review 2")
    assert window.analysis.text == "Meryl Streep is dull here.\n\n<b> is a tag."  # never rendered, nothing run

    target = tmp_path / "kept.txt"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), "Reviews (*.txt)"))
    with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
        window.actions["save_as"].trigger()
    assert target.read_text(encoding="utf-8") == "Meryl Streep is dull here.\n\n&lt;b> is a tag.\n"
    assert window.path == target and window.session.review.text is None  # now an ordinary review file
    assert window.analysis.text == "Meryl Streep is dull here.\n\n<b> is a tag."  # it reads as it was shown


def test_an_empty_clipboard_is_said_plainly(window):
    QGuiApplication.clipboard().setMimeData(QMimeData())
    window.actions["paste"].trigger()
    assert window.statusBar().currentMessage() == "The clipboard holds no text to read."
    assert window.session.current is None


def test_the_library_table_names_rows_and_the_filter_finds_other_languages(table_window):
    library = table_window.library
    library.view.set_verdict_filter("other_language")
    assert library.view.shown_names() == ["Row 3: La película es una obra maestra. Los actores son muy buenos y la…"]
    assert library.proxy.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) == str(library.folder)


def test_the_summary_shows_its_rating_chart_only_for_ratings_and_on_their_scale(app):
    from desktop.app.records import LibraryRow, ReviewFile, summarise
    from desktop.ui.library.summary_chart import LibrarySummary

    view = LibrarySummary()
    labels_only = [LibraryRow(ReviewFile(Path("t.csv"), "positive", row=n), verdict="positive") for n in range(3)]
    view.set_summary(summarise(labels_only), 3, 3)
    assert not view.labelled.isHidden() and view.chart.isHidden() and view.caption.isHidden()
    stars = [LibraryRow(ReviewFile(Path("t.csv"), "positive", 5, n), verdict="positive") for n in range(3)]
    view.set_summary(summarise(stars), 3, 3)
    assert not view.chart.isHidden() and view.caption.text().endswith("(1–5)") and len(view.chart.bars) == 5


@pytest.mark.parametrize("points", [9, 16])
def test_the_rating_charts_axis_labels_are_never_cut_at_its_left_edge(app, points):
    from PySide6.QtGui import QFont

    from desktop.app.records import LibraryRow, ReviewFile, summarise
    from desktop.ui.library.summary_chart import AgreementChart

    chart = AgreementChart()
    font = QFont(chart.font())
    font.setPointSize(points)  # a large font, or a screen of another dpi, widens "100%"
    chart.setFont(font)
    chart.resize(260, 140)
    chart.set_summary(summarise([LibraryRow(ReviewFile(Path(f"{n}_8.txt"), "positive", 8), verdict="positive")
                                 for n in range(3)]))
    image = chart.grab().toImage()
    background = image.pixelColor(image.width() // 2, 1)
    edge = {image.pixelColor(x, y).name() for x in range(2) for y in range(image.height())}
    assert edge == {background.name()}, "an axis label runs off the chart's left edge"
    inked = [x for x in range(40) for y in range(image.height()) if image.pixelColor(x, y) != background]
    assert inked  # the labels are drawn


def test_a_rows_stars_show_on_the_file_card_out_of_the_tables_scale(make_window, qtbot, tmp_path):
    path = tmp_path / "stars.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["review", "stars"], [GOOD, "4"], [BAD, "1"]])
    window = make_window((1400, 860))
    window.library_jobs = 1
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_files([path])
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=TIMEOUT_MS)
    assert window.panel.file_info.text("Rating") == "4/5 · the verdict agrees"
    encoding_row = window.panel.file_info.FIELDS.index("Encoding")
    assert window.panel.file_info.form.isRowVisible(encoding_row)
    assert window.panel.file_info.text("Encoding") == "UTF-8"  # the encoding the table was read in


def test_a_parquet_table_opens_in_the_library_as_a_csv_table_does(make_window, qtbot, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "reviews.parquet"
    pq.write_table(pa.Table.from_pylist([{"review": GOOD, "sentiment": "positive"},
                                         {"review": BAD, "sentiment": "negative"}]), path)
    window = make_window((1400, 860))
    window.library_jobs = 1
    with qtbot.waitSignal(window.library_filled, timeout=TIMEOUT_MS):
        window.open_files([path])
    library = window.library
    assert library.view.shown_names() == [
        "Row 1: A wonderful, moving film. Anna Berg is superb and the music is…",
        "Row 2: A dull, boring film. The plot is awful and the acting is the worst I…"]
    assert [library.proxy.index(row, VERDICT).data() for row in range(2)] == ["positive", "negative"]
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=TIMEOUT_MS)
    assert window.windowTitle().startswith("reviews.parquet, row 1") and "Anna Berg" in window.analysis.text
