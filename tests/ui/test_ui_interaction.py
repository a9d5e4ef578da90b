"""Reading conveniences: find, zoom, next/previous file, drag and drop, people, hover and click."""

from __future__ import annotations

import html
import re
import shutil

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from ui_helpers import evidence_mark, highlight_colour, point_size, settle

from desktop import colours
from desktop.engine import Span
from desktop.ui.reading.wording import sentence_tooltip
from desktop.ui.shell.settings import Settings


def selected(window) -> str:
    return window.reader.textCursor().selectedText()


def test_find_highlights_every_hit_and_f3_cycles(window, open_review, sample_path, qtbot):
    window.appearance.set_theme("light")
    analysis = open_review(window, sample_path)
    expected = len(re.findall("duarte", analysis.text, re.IGNORECASE))
    assert expected >= 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, "duarte")
    assert len(window.reader.highlights.hits) == expected
    assert window.find_bar.count.text() == f"{expected} matches"
    assert len(window.reader.extraSelections()) == expected
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == f"1 of {expected}"
    hits = [Span(m.start(), m.end()) for m in re.finditer("duarte", analysis.text, re.IGNORECASE)]
    start, _ = window.reader.document_range(hits[0])
    assert window.reader.textCursor().position() == start
    assert highlight_colour(window, start).name() == colours.LIGHT.find_current
    later, _ = window.reader.document_range(hits[1])
    assert highlight_colour(window, later).name() == colours.LIGHT.find
    window.actions["find_next"].trigger()
    assert window.reader.highlights.current == 1
    window.actions["find_previous"].trigger()
    window.actions["find_previous"].trigger()
    assert window.reader.highlights.current == expected - 1
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert len(window.reader.highlights.hits) == 0 and window.reader.extraSelections() == []


def test_find_with_no_match_says_so(window, open_review, sample_path, qtbot):
    open_review(window, sample_path)
    window.finder.open()
    qtbot.keyClicks(window.find_bar.field, "zebra crossing")
    assert len(window.reader.highlights.hits) == 0
    assert window.find_bar.count.text() == "No matches"


def test_zoom_keys_change_the_text_size_and_it_is_remembered(make_window, open_review, sample_path, qtbot):
    window = make_window()
    open_review(window, sample_path)
    normal = point_size(window)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom == 125
    assert point_size(window) > normal
    assert window.zoom_label.text() == "125%"
    window.close()
    again = make_window()
    assert again.reader.zoom == 125 and point_size(again) > normal
    qtbot.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.zoom == 110
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.reader.zoom == 100 and point_size(again) == normal


def test_line_width_is_limited_and_centred(window, open_review, sample_path):
    open_review(window, sample_path)
    window.dock.hide()
    window.resize(1600, 800)
    QApplication.processEvents()
    frame = window.reader.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin() > 100
    # Measured in characters of the laid-out lines, so it holds whatever fonts the machine has.
    block = window.reader.document().firstBlock().layout()
    longest = max(block.lineAt(i).textLength() for i in range(block.lineCount() - 1))
    assert 50 <= longest <= 90


def make_folder(tmp_path, sample_path, names):
    folder = tmp_path / "reviews"
    folder.mkdir()
    for name in names:
        shutil.copyfile(sample_path, folder / name)
    return folder


def test_next_and_previous_review_in_the_folder(window, open_review, sample_path, tmp_path, qtbot):
    folder = make_folder(tmp_path, sample_path, ["10_2.txt", "2_9.txt", "3_7.txt", "notes.md"])
    open_review(window, folder / "2_9.txt")
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.path.name == "3_7.txt"
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.actions["next_file"].trigger()
    assert window.path.name == "10_2.txt"  # natural order, and notes.md is skipped
    window.actions["next_file"].trigger()
    assert window.statusBar().currentMessage() == "This is the last review."
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.path.name == "3_7.txt"


def test_reload_reads_the_file_again(window, open_review, tmp_path, qtbot):
    review = tmp_path / "changing.txt"
    review.write_text("The film is good.", encoding="utf-8")
    open_review(window, review)
    review.write_text("The film is terrible.", encoding="utf-8")
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.reader.document().toPlainText() == "The film is terrible."


def drop(window, paths, qtbot):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event


def test_dropping_files_opens_the_first_and_steps_through_them(window, sample_path, tmp_path, qtbot):
    folder = make_folder(tmp_path, sample_path, ["b.txt", "a.txt", "c.txt"])
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        event = drop(window, [folder / "b.txt", folder / "c.txt"], qtbot)
    assert event.isAccepted()
    assert window.path == folder / "b.txt"
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.actions["next_file"].trigger()
    assert window.path == folder / "c.txt"


def test_dropping_something_that_is_not_a_file_is_refused(window):
    data = QMimeData()
    data.setText("just text")
    event = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()


def test_clicking_a_person_highlights_mentions_and_f3_cycles(window, open_review, sample_path, qtbot):
    window.appearance.set_theme("light")
    analysis = open_review(window, sample_path)
    people = window.panel.people
    index = max(range(len(analysis.people)), key=lambda i: len(analysis.people[i].mentions))
    person = analysis.people[index]
    assert len(person.mentions) >= 2
    item = people.topLevelItem(index)
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=people.visualItemRect(item).center())
    assert window.reader.hit_kind == "mention"
    assert len(window.reader.highlights.hits) == len(person.mentions)
    first = person.mentions[0]
    start, _ = window.reader.document_range(first)
    assert window.reader.textCursor().position() == start
    assert highlight_colour(window, start).name() == colours.LIGHT.find_current
    last, _ = window.reader.document_range(person.mentions[-1])
    assert highlight_colour(window, last).name() == colours.LIGHT.mention
    qtbot.keyClick(window, Qt.Key.Key_F3)
    second = person.mentions[1]
    assert window.reader.highlights.current == 1
    assert window.reader.textCursor().position() == window.reader.document_range(second)[0]
    people.setFocus()
    qtbot.keyClick(people, Qt.Key.Key_Return)
    assert window.reader.highlights.current == 2 % len(person.mentions)
    assert person.name in window.statusBar().currentMessage()


def test_hovering_a_sentence_shows_its_scores_and_drivers(window, open_review, sample_path, qtbot):
    analysis = open_review(window, sample_path)
    index = next(i for i, s in enumerate(analysis.sentences) if s.drivers and abs(s.polarity) > 0.3)
    sentence = analysis.sentences[index]
    window.reader.select_sentence(index)
    start, end = window.reader.document_range(sentence)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition((start + end) // 2)
    point = window.reader.cursorRect(cursor).center()
    assert window.reader.sentence_at_point(point) == index
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.reader.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.reader, event)
    text = QToolTip.text()
    assert f"{sentence.polarity:+.2f}" in text and f"{sentence.subjectivity:.2f}" in text
    assert sentence.drivers[0][0] in text


def test_clicking_a_sentence_selects_it_and_reports_it(window, open_review, sample_path, qtbot):
    analysis = open_review(window, sample_path)
    index = len(analysis.sentences) // 2
    sentence = analysis.sentences[index]
    start, end = window.reader.document_range(sentence)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(start + 2)
    point = window.reader.cursorRect(cursor).center()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert selected(window) == analysis.text[sentence.start : sentence.end].replace("\n", "\u2028")
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Sentence {index + 1} of {len(analysis.sentences)}")
    assert f"(polarity {sentence.polarity:+.2f})" in message and colours.strength(sentence.polarity) in message.lower()
    assert window.panel.arc.current == index


def test_clicking_the_arc_goes_to_that_sentence(window, open_review, sample_path, qtbot):
    analysis = open_review(window, sample_path)
    arc = window.panel.arc
    last = len(analysis.sentences) - 1
    window.reader.verticalScrollBar().setValue(0)
    qtbot.mouseClick(arc, Qt.MouseButton.LeftButton, pos=arc.point(last).toPoint())
    sentence = analysis.sentences[last]
    assert selected(window) == analysis.text[sentence.start : sentence.end]
    assert window.reader.verticalScrollBar().value() > 0
    arc.setFocus()
    qtbot.keyClick(arc, Qt.Key.Key_Home)
    assert window.reader.textCursor().selectionStart() == 0


def test_next_sentence_key_walks_the_sentences(window, open_review, sample_path, qtbot):
    analysis = open_review(window, sample_path)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = analysis.sentences[1]
    assert window.reader.selected_sentence() == 1
    assert window.reader.textCursor().selectionStart() == window.reader.document_range(second)[0]


def test_copy_puts_the_review_text_on_the_clipboard(window, open_review, sample_path, qtbot):
    analysis = open_review(window, sample_path)
    window.reader.setFocus()
    window.actions["select_all"].trigger()
    window.actions["copy"].trigger()
    assert QApplication.clipboard().text() == analysis.text
    assert not QApplication.clipboard().mimeData().hasHtml()
    window.reader.select_sentence(0)
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    first = analysis.sentences[0]
    assert QApplication.clipboard().text() == analysis.text[first.start : first.end]


def test_f9_hides_and_shows_the_panel_and_it_is_remembered(window, open_review, sample_path, qtbot):
    open_review(window, sample_path)
    assert window.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not window.dock.isVisible()
    assert Settings().panel_visible is False
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.dock.isVisible()


def test_a_stale_analysis_is_ignored(window, open_review, sample_path, tmp_path, qtbot):
    other = tmp_path / "other.txt"
    other.write_text("A short and dreadful film.", encoding="utf-8")
    shown = []
    window.review_ready.connect(shown.append)
    window.open_file(sample_path)
    open_review(window, other)
    settle(window.analyst.tasks, qtbot)
    assert window.path == other
    assert window.analysis.text == "A short and dreadful film."
    assert sample_path.absolute() not in shown


def test_arc_of_a_long_review_draws_bins_of_mean_polarity_over_their_range(app, qtbot):
    from PySide6.QtGui import QColor

    from desktop import colours
    from desktop.ui.panel.arc_chart import BIN_WIDTH, ArcChart

    arc = ArcChart()
    qtbot.addWidget(arc)
    arc.resize(220, 100)  # a plot 200 px wide, 80 px tall, its zero line at y = 50
    arc.set_polarities([0.6] * 10)
    assert not arc.binned()  # ten sentences are ten points
    polarities = [0.8 if n < 60 else -0.8 if n % 2 else 0.2 for n in range(120)]  # 120 sentences: 1.7 px apart
    arc.set_polarities(polarities)
    bins = arc.bins()
    assert arc.binned() and len(bins) == 200 // BIN_WIDTH
    assert [n for first, end in bins for n in range(first, end)] == list(range(120))  # every sentence, in order
    image = arc.grab().toImage()

    def centre(part: int) -> int:
        return int(10 + (part + 0.5) * 200 / len(bins))

    positive, negative = (QColor(colours.ink(sign, colours.RED_GREEN, colours.LIGHT)) for sign in (1, -1))
    assert image.pixelColor(centre(3), 25) == positive  # a first-half bin: a bar from the zero line up to +0.8
    assert image.pixelColor(centre(3), 12) != positive  # and no higher
    late = len(bins) - 3  # a second-half bin: -0.8 and +0.2 by turns, mean -0.3 (a bar down to y = 62)
    assert image.pixelColor(centre(late), 58) == negative
    assert image.pixelColor(centre(late), 75) == QColor(colours.LIGHT.muted)  # its range goes on down to -0.8
    assert arc.index_at(arc.point(119).x()) == 119


def test_next_review_skips_past_a_file_that_cannot_be_opened(window, open_review, sample_path, tmp_path, qtbot):
    folder = make_folder(tmp_path, sample_path, ["a.txt", "c.txt"])
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    open_review(window, folder / "a.txt")
    with qtbot.waitSignal(window.open_failed, timeout=30_000):
        window.actions["next_file"].trigger()
    assert window.path.name == "a.txt" and window.banner.isVisible()
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.actions["next_file"].trigger()
    assert window.path.name == "c.txt" and not window.banner.isVisible()


def test_ctrl_wheel_zooms_in_steps_and_is_remembered(window, open_review, sample_path):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    open_review(window, sample_path)
    viewport = window.reader.viewport()

    def wheel(delta, modifiers):
        event = QWheelEvent(
            QPointF(50, 50),
            QPointF(viewport.mapToGlobal(QPoint(50, 50))),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(viewport, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom == 110 and Settings().zoom == 110
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom == 90
    wheel(-120, Qt.KeyboardModifier.NoModifier)
    assert window.reader.zoom == 90


def test_show_verdict_evidence_underlines_it_in_its_colour_and_is_remembered(window, open_review, sample_path):
    analysis = open_review(window, sample_path)
    cues = analysis.verdict.evidence
    assert cues
    start, _end = window.reader.document_range(cues[0])
    assert evidence_mark(window, start) is None  # off until asked for
    window.actions["evidence"].trigger()
    assert window.actions["evidence"].isChecked() and window.settings.evidence_shown
    for cue in cues:
        start, end = window.reader.document_range(cue)
        assert evidence_mark(window, start) == QColor(colours.LIGHT.evidence)
        assert evidence_mark(window, end - 1) is not None
    window.appearance.set_theme("dark")
    assert evidence_mark(window, window.reader.document_range(cues[0])[0]) == QColor(colours.DARK.evidence)
    window.actions["evidence"].trigger()
    assert evidence_mark(window, window.reader.document_range(cues[0])[0]) is None
    assert not window.settings.evidence_shown


def test_a_sentence_tooltip_gives_its_share_of_the_verdict(window, open_review, sample_path):
    analysis = open_review(window, sample_path)
    cue = analysis.verdict.evidence[0]
    sentence = analysis.sentences[analysis.sentence_at(cue.start)]
    tip = sentence_tooltip(sentence, analysis.verdict.evidence)
    assert "Share of the verdict&#x27;s evidence" in tip or "Share of the verdict's evidence" in tip
    assert html.escape(" ".join(cue.text.split())) in tip


def test_the_people_card_shows_how_each_person_is_spoken_of_and_sorts_by_it(window, open_review, tmp_path, qtbot):
    review = tmp_path / "tones.txt"
    review.write_text("Tom Hanks is wonderful as the captain. The plot is dull. Meryl Streep is awful in it, "
                      "and Meryl Streep knows it. Tom Hanks saves the film. Gary Oldman reads the news.")
    window.appearance.set_theme("light")
    window.appearance.set_scale("red-green")
    analysis = open_review(window, review)
    people = window.panel.people
    assert people.tones() == [person.tone for person in analysis.people]
    assert {"praised", "criticised", "neutral"} == set(people.tones())
    for row, person in enumerate(analysis.people):
        tint = colours.step_colour(colours.step(person.polarity), colours.RED_GREEN, colours.LIGHT)
        assert people.tone_colour(row) == (QColor(tint) if tint else None)
    header = people.header()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 5, header.height() // 2))
    by_tone = sorted(analysis.people, key=lambda person: person.polarity)
    assert people.rows() == [(person.name, len(person.mentions)) for person in by_tone]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(2) + 5, header.height() // 2))
    assert people.rows()[0][0] == by_tone[-1].name  # again: the other way
    item = people.topLevelItem(0)  # the most praised, whatever its place in the engine's list
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=people.visualItemRect(item).center())
    assert len(window.reader.highlights.hits) == len(by_tone[-1].mentions)
    assert window.reader.textCursor().position() == window.reader.document_range(by_tone[-1].mentions[0])[0]


def test_the_verdicts_reason_is_body_text_in_full_contrast(window, open_review, sample_path):
    for theme in ("light", "dark"):
        window.appearance.set_theme(theme)
        open_review(window, sample_path)
        reason = window.panel.verdict.reason
        assert reason.text() == window.analysis.verdict.reason
        text = colours.THEMES[theme].text
        assert reason.palette().color(reason.foregroundRole()) == QColor(text)
        assert reason.font().pointSizeF() >= window.panel.verdict.counts.font().pointSizeF()


def test_find_clears_a_persons_stale_mention_count_and_the_text_shows_no_caret(window, open_review, sample_path):
    analysis = open_review(window, sample_path)
    window.finder.show_person(0)
    assert analysis.people[0].name in window.statusBar().currentMessage()
    window.finder.open()
    assert window.statusBar().currentMessage() == ""
    assert window.reader.cursorWidth() == 0


def test_a_sentence_tooltip_says_how_strong_it_is_and_skips_words_scored_zero():
    from desktop.engine import Sentence

    tip = sentence_tooltip(Sentence(0, 30, -0.7, 0.8, (("ten", 0.0), ("awful", -1.0), ("long", -0.05))))
    assert "Strongly negative" in tip and "awful (-1.00)" in tip and "long (-0.05)" in tip
    assert "ten" not in tip
    assert "No scored words" in sentence_tooltip(Sentence(0, 10, 0.0, 0.0, (("ten", 0.0),)))


def test_the_people_card_fits_its_rows_and_each_review_starts_at_the_verdict(make_window, open_review, tmp_path):
    window = make_window(size=(1024, 600))
    many = tmp_path / "many.txt"
    names = ["Tom Hanks", "Meryl Streep", "Gary Oldman", "Emma Thompson", "Denzel Washington", "Cate Blanchett",
             "Viola Davis", "Ralph Fiennes", "Tilda Swinton", "Javier Bardem", "Olivia Colman", "Idris Elba",
             "Frances McDormand"]
    many.write_text(" ".join(f"{name} is good in it." for name in names))
    few = tmp_path / "few.txt"
    few.write_text("Tom Hanks is good. Meryl Streep is fine.")
    open_review(window, few)
    short = window.panel.people.height()
    open_review(window, many)
    people = window.panel.people
    count = people.topLevelItemCount()
    assert count >= 10 and people.height() > short
    assert people.verticalScrollBar().maximum() == 0  # every row shows; the panel scrolls instead
    last = people.visualItemRect(people.topLevelItem(count - 1))
    assert last.bottom() <= people.viewport().height()  # the last row is not cut
    bar = window.panel.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    open_review(window, few)
    assert bar.value() == 0


def test_long_names_wrap_in_the_people_card_instead_of_losing_their_end(make_window, open_review, tmp_path):
    window = make_window(size=(1024, 600))
    review = tmp_path / "long.txt"
    review.write_text("Richard Dean Anderson-Fitzwilliam is wonderful. Mary Elizabeth Winstead-Montgomery is "
                      "superb. Tom Hanks is fine.")
    open_review(window, review)
    people = window.panel.people
    column = people.columnWidth(0)
    assert people.columnWidth(1) * 3 < column  # the mention count's column leaves the names the room
    assert people.headerItem().toolTip(1).startswith("Mentions")
    metrics = people.fontMetrics()
    rows = [people.topLevelItem(row) for row in range(people.topLevelItemCount())]
    long_rows = [item for item in rows if metrics.horizontalAdvance(item.text(0)) > column - 8]
    assert long_rows, "the names should be wider than the column at this size"
    short = next(item for item in rows if item.text(0) == "Tom Hanks")
    for item in long_rows:  # taller than a one-line row: the name goes on to a second line
        assert people.visualItemRect(item).height() > people.visualItemRect(short).height()
    last = people.visualItemRect(rows[-1])
    assert last.bottom() <= people.viewport().height() and people.verticalScrollBar().maximum() == 0
