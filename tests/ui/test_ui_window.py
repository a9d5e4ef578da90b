"""Opening reviews in the real window: text, sentence colours, verdict card, people, file facts."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from ui_helpers import page_colour, sentence_background

from desktop import colours
from desktop.app.records import label_for_rating
from desktop.engine import analyze
from desktop.engine.result import sureness
from desktop.ui.panel.verdict_card import counts_line


def document_text(window, sentence) -> str:
    """The characters the document holds where the view says ``sentence`` is."""
    start, end = window.reader.document_range(sentence)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n\n").replace("\u2028", "\n")


def background_at(window, position: int) -> QColor | None:
    """The background of the character at a document position."""
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(position + 1)  # a cursor reports the format of the character before it
    brush = cursor.charFormat().background()
    return None if brush.style().name == "NoBrush" else brush.color()


def sentence_containing(analysis, words: str) -> int:
    matches = [i for i, s in enumerate(analysis.sentences) if words in analysis.text[s.start : s.end]]
    assert len(matches) == 1, words
    return matches[0]


def assert_shows_engine_result(window, path):
    """Text, colours, verdict, people and file facts all match an independent engine run."""
    expected = analyze(path.read_bytes(), path.name)
    analysis = window.analysis
    assert analysis.text == expected.text
    assert window.central.stack.currentWidget() is not window.welcome
    assert window.reader.document().blockCount() == len(expected.paragraphs)
    for index, sentence in enumerate(expected.sentences):
        assert document_text(window, sentence) == expected.text[sentence.start : sentence.end]
        want = colours.sentence_colour(sentence.polarity, colours.RED_GREEN, colours.LIGHT)
        got = sentence_background(window, index)
        assert (got.name() if got else None) == want, (index, sentence.polarity)
    verdict = window.panel.verdict
    assert verdict.label.text() == expected.verdict.label.capitalize()
    assert verdict.score.text() == sureness(expected.verdict)
    assert verdict.counts.text() == counts_line(expected.verdict)
    assert verdict.reason.text() == expected.verdict.reason
    assert window.panel.people.rows() == [(p.name, len(p.mentions)) for p in expected.people]
    info = window.panel.file_info
    assert info.text("Name") == path.name
    assert info.text("Sentences") == str(len(expected.sentences))
    assert info.text("Words") == f"{expected.word_count:,}"
    assert info.text("Encoding") == expected.encoding
    return expected


def test_welcome_screen_is_shown_first(window):
    assert window.central.stack.currentWidget() is window.welcome
    assert window.welcome.open_button.text() == "Open review…"
    assert window.welcome.sample_button.isVisible()
    assert not window.dock.isVisible()


def test_sample_review_opens_from_the_welcome_screen_and_is_analysed(window, qtbot, sample_path):
    window.appearance.set_theme("light")
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.path == sample_path.absolute()
    assert window.windowTitle().startswith("sample_review.txt")
    assert window.dock.isVisible()
    assert_shows_engine_result(window, sample_path)


@pytest.mark.shared
def test_seed_review_opens_and_is_analysed(window, open_review, seed_path):
    window.appearance.set_theme("light")
    open_review(window, seed_path)
    assert_shows_engine_result(window, seed_path)


def assert_known_sentences_coloured(window, positive_words, negative_words):
    analysis = window.analysis
    for words, sign in ((positive_words, 1), (negative_words, -1)):
        index = sentence_containing(analysis, words)
        sentence = analysis.sentences[index]
        assert sentence.polarity * sign > colours.NEUTRAL_BAND
        colour = sentence_background(window, index)
        start, end = window.reader.document_range(sentence)
        # The whole sentence carries the colour, and the red/green channel leans the right way.
        assert background_at(window, start) == colour == background_at(window, end - 1)
        assert colour.name() == colours.sentence_colour(sentence.polarity, colours.RED_GREEN, colours.LIGHT)
        assert (colour.green() - colour.red()) * sign > 0


def test_sample_known_positive_and_negative_sentences_are_green_and_red(window, open_review, sample_path):
    window.appearance.set_theme("light")
    open_review(window, sample_path)
    assert_known_sentences_coloured(window, "best thing in the picture", "clumsy dialogue")


@pytest.mark.shared
def test_seed_known_positive_and_negative_sentences_are_green_and_red(window, open_review, seed_path):
    window.appearance.set_theme("light")
    open_review(window, seed_path)
    assert_known_sentences_coloured(window, "A happy ending is in store", "Unfortunately, they are detained")


def test_neutral_sentences_stay_uncoloured(window, open_review, sample_path):
    analysis = open_review(window, sample_path)
    neutral = [i for i, s in enumerate(analysis.sentences) if abs(s.polarity) <= colours.NEUTRAL_BAND]
    assert neutral, "the sample has neutral sentences"
    for index in neutral:
        assert sentence_background(window, index) is None


def test_dark_theme_and_colour_blind_scale_recolour_the_review(window, open_review, sample_path):
    analysis = open_review(window, sample_path)
    index = sentence_containing(analysis, "simply beautiful")
    polarity = analysis.sentences[index].polarity
    window.appearance.set_theme("dark")
    assert sentence_background(window, index).name() == colours.sentence_colour(
        polarity, colours.RED_GREEN, colours.DARK
    )
    assert page_colour(window) == colours.DARK.page
    window.appearance.set_scale("blue-orange")
    colour = sentence_background(window, index)
    assert colour.name() == colours.sentence_colour(polarity, colours.BLUE_ORANGE, colours.DARK)
    assert colour.blue() > colour.red()
    assert window.panel.legend.swatches()[-1] == colours.step_colour(5, colours.BLUE_ORANGE, colours.DARK)


def test_verdict_label_is_drawn_in_its_colour(window, open_review, sample_path):
    window.appearance.set_theme("light")
    analysis = open_review(window, sample_path)
    sign = colours.label_sign(analysis.verdict.label)
    assert window.panel.verdict.label_colour() == colours.ink(sign, colours.RED_GREEN, colours.LIGHT)
    assert colours.ink(sign, colours.RED_GREEN, colours.LIGHT) in window.panel.verdict.label.styleSheet()


def test_imdb_name_shows_the_reviewers_rating_and_agreement(window, open_review, sample_path, tmp_path):
    rated = tmp_path / "4711_8.txt"
    shutil.copyfile(sample_path, rated)
    analysis = open_review(window, rated)
    line = window.panel.file_info.text("Rating")
    assert line.startswith("8/10 · the verdict ")
    assert ("the verdict agrees" in line) == (analysis.verdict.label == label_for_rating(8))
    assert window.panel.file_info.form.isRowVisible(window.panel.file_info.FIELDS.index("Rating"))


def test_plain_name_hides_the_rating(window, open_review, sample_path):
    open_review(window, sample_path)
    assert not window.panel.file_info.form.isRowVisible(window.panel.file_info.FIELDS.index("Rating"))


def test_emoji_before_a_sentence_does_not_shift_its_colour(window, open_review, tmp_path):
    window.appearance.set_theme("light")
    review = tmp_path / "emoji.txt"
    review.write_text("🎬🍿 The plot is dull. 😀 The acting is wonderful and the music is great.", encoding="utf-8")
    analysis = open_review(window, review)
    index = sentence_containing(analysis, "wonderful")
    sentence = analysis.sentences[index]
    assert document_text(window, sentence) == analysis.text[sentence.start : sentence.end]
    start, end = window.reader.document_range(sentence)
    assert start > sentence.start  # the emoji took extra UTF-16 units
    colour = colours.sentence_colour(sentence.polarity, colours.RED_GREEN, colours.LIGHT)
    assert background_at(window, start).name() == colour == background_at(window, end - 1).name()
    assert background_at(window, start - 1) is None  # the space before the sentence


def test_a_long_review_is_built_and_coloured_in_chunks(window, qtbot, tmp_path, monkeypatch):
    from desktop.ui.reading import painter

    monkeypatch.setattr(painter, "CHUNK_PARAGRAPHS", 4)
    monkeypatch.setattr(painter, "CHUNK_SENTENCES", 5)
    window.appearance.set_theme("light")
    paragraphs = [f"Paragraph {n} is wonderful. The plot of part {n} is dull. It has {n} scenes." for n in range(30)]
    review = tmp_path / "long.txt"
    review.write_text("\n\n".join(paragraphs), encoding="utf-8")
    states = []
    window.review_shown.connect(lambda _path: states.append(window.reader.text_complete))
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.open_file(review)
    assert states == [False]  # the text appeared before all of it was in the document
    assert window.reader.text_complete
    assert window.reader.document().blockCount() == 30
    analysis = window.analysis
    for index, sentence in enumerate(analysis.sentences):
        want = colours.sentence_colour(sentence.polarity, colours.RED_GREEN, colours.LIGHT)
        got = sentence_background(window, index)
        assert (got.name() if got else None) == want
        assert document_text(window, sentence) == analysis.text[sentence.start : sentence.end]


def test_people_list_says_when_nobody_is_named(window, open_review, tmp_path):
    review = tmp_path / "nobody.txt"
    review.write_text("The film is long. The music is loud and the ending is sad.", encoding="utf-8")
    analysis = open_review(window, review)
    assert analysis.people == ()
    assert window.panel.people.rows() == []
    people = window.panel.people
    assert people.placeholder == "No people named in this review."

    def inked_pixels() -> int:
        image = people.viewport().grab().toImage()
        background = image.pixelColor(1, 1)
        return sum(
            image.pixelColor(x, y) != background
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        )

    assert inked_pixels() > 20  # the message is drawn
    people.set_people((), placeholder="")
    assert inked_pixels() == 0


def test_rating_line_uses_the_librarys_labelling_rule():
    from desktop.ui.panel.file_info import rating_line

    assert rating_line(8, "positive") == "8/10 · the verdict agrees"
    assert rating_line(3, "positive") == "3/10 · the verdict disagrees (the rating reads negative)"
    assert rating_line(6, "mixed").startswith("6/10 · no label")
    assert rating_line(4, "positive", scale=5) == "4/5 · the verdict agrees"  # stars in a table's column
    assert rating_line(3.5, "positive", scale=5) == "3.5/5 · no label (4–5 reads positive, 1–2 negative)"
    assert label_for_rating(6) is None


def test_legend_tells_screen_readers_which_hue_is_which(qtbot):
    from desktop.ui.panel.legend import ScaleLegend

    legend = ScaleLegend()
    qtbot.addWidget(legend)
    legend.set_colours(colours.LIGHT, colours.BLUE_ORANGE)
    assert "orange is negative" in legend.accessibleName() and "blue is positive" in legend.accessibleName()
    legend.set_colours(colours.DARK, colours.RED_GREEN)
    assert "red is negative" in legend.accessibleName() and "green is positive" in legend.accessibleName()


def test_side_margins_in_a_narrow_pane_grow_with_the_zoom(window, open_review, sample_path, qtbot):
    from PySide6.QtGui import QFontMetricsF

    from desktop.ui.reading.page import SIDE_MARGIN_LINES

    open_review(window, sample_path)
    window.reader.setFixedWidth(420)  # narrower than the reading column
    margins = {}
    for zoom in (100, 125):
        window.appearance.set_zoom(zoom)
        qtbot.waitUntil(lambda: window.reader.viewport().width() <= 420)
        frame = window.reader.document().rootFrame().frameFormat()
        line = QFontMetricsF(window.reader.document().defaultFont()).height()
        margins[zoom] = frame.leftMargin()
        assert frame.leftMargin() >= round(line * SIDE_MARGIN_LINES) and frame.rightMargin() == frame.leftMargin()
    assert margins[125] > margins[100]


def test_tint_strength_soft_and_off_and_the_spotlight(window, open_review, sample_path, qtbot):
    from desktop.ui.shell.settings import Settings

    analysis = open_review(window, sample_path)
    index, sentence = next((i, s) for i, s in enumerate(analysis.sentences) if colours.step(s.polarity))
    start = window.reader.document_range(sentence)[0] + 1
    full = background_at(window, start)
    window.appearance.set_tint("soft")
    qtbot.waitUntil(lambda: background_at(window, start) != full)
    page = QColor(colours.LIGHT.page)
    soft = background_at(window, start)

    def distance(colour: QColor) -> int:
        return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], page.getRgb()[:3]))

    assert 0 < distance(soft) < distance(full)  # nearer the page, still tinted
    window.appearance.set_tint("off")
    qtbot.waitUntil(lambda: background_at(window, start) is None)
    assert Settings().tint == "off" and window.actions["tint_off"].isChecked()
    window.reader.select_sentence(index)  # the sentence at the cursor is spotlit
    spot = [s for s in window.reader.extraSelections() if s.format.background().color() == full]
    assert spot and spot[0].cursor.selectionStart() <= start < spot[0].cursor.selectionEnd()
    window.appearance.set_tint("full")
    qtbot.waitUntil(lambda: background_at(window, start) == full)


def test_the_card_says_how_sure_the_verdict_is_in_words():
    from desktop.engine import Verdict

    def card(label, score, confidence):
        return sureness(Verdict(label, score, 1, 0, 0, "", (), confidence))

    assert card("positive", 0.62, 0.9612) == "96% sure · score +0.62"
    assert card("negative", -0.9, 0.9991) == "over 99% sure · score -0.90"
    assert card("mixed", 0.05, 0.58) == "leans positive, 58% sure · score +0.05"
    assert card("unknown", 0.0, 0.5) == ""


def test_the_side_panel_starts_a_fifth_of_the_window_wide_within_bounds(window, open_review, sample_path):
    from desktop.ui.shell.placement import PANEL_WIDTH, panel_width

    narrowest, widest = PANEL_WIDTH
    assert (panel_width(1100), panel_width(1920), panel_width(3840)) == (narrowest, 384, widest)
    open_review(window, sample_path)
    assert abs(window.dock.width() - panel_width(window.width())) <= 8  # the first review sizes it once
