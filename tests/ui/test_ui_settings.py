"""Remembered settings: corrupt or foreign stores fall back to defaults; the reader's place is kept."""

from __future__ import annotations

import json

from desktop.ui.shell.settings import FORMAT, MAX_PLACES, SETTINGS_FILE, Settings

# Every paragraph a different length, so lines wrap unevenly.
LONG_REVIEW = "<br /><br />".join(
    f"Paragraph {number}: Anna Berg is {'wonderful' if number % 2 else 'dull'} here. " + "It goes on. " * (number % 7)
    for number in range(400)
)


def write_ini(folder, text: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILE).write_bytes(text)


def assert_defaults(window) -> None:
    assert window.settings.theme == "system" and window.actions["theme_system"].isChecked()
    assert window.settings.scale == "red-green" and window.reader.zoom == 100
    assert window.settings.recent_files == [] and window.central.stack.currentWidget() is window.welcome


def test_a_garbage_settings_file_gives_a_working_window_with_defaults(
        make_window, open_chosen, sample_path, isolated_settings):
    write_ini(isolated_settings, b"\x00\xff\xfe[view\n=theme=\x89PNG" + bytes(range(256)) * 20)
    window = make_window()
    assert_defaults(window)
    open_chosen(window, sample_path)
    window.appearance.set_theme("dark")
    window.close()
    assert Settings().theme == "dark" and Settings().recent_files == [str(sample_path)]


def test_values_of_the_wrong_kind_fall_back_to_defaults(make_window, isolated_settings):
    write_ini(isolated_settings, (
        f"[General]\nformat={FORMAT}\n"
        "[view]\ntheme=42\nscale=@ByteArray(\\x1)\nzoom=-7\npanel=perhaps\n"
        "[window]\ngeometry=not bytes\nstate=@ByteArray(garbage)\n"
        "[files]\nrecent=7\nplaces=[1, 2]\n"
    ).encode())
    window = make_window()
    assert_defaults(window)
    assert window.settings.panel_visible is False  # anything but "true" hides the panel, as the reader chose
    assert window.settings.reading_place("/any/review.txt") == 0
    assert window.width() > 400 and window.height() > 300


def test_settings_of_another_format_are_reset(app, isolated_settings):
    write_ini(isolated_settings, b"[General]\nformat=99\n[view]\ntheme=dark\nzoom=150\n")
    settings = Settings()
    assert (settings.theme, settings.zoom) == ("system", 100)
    settings.store.sync()
    assert "dark" not in (isolated_settings / SETTINGS_FILE).read_text()


def test_settings_without_a_format_keep_their_values(app, isolated_settings):
    write_ini(isolated_settings, b"[view]\ntheme=dark\nzoom=150\n")
    assert (Settings().theme, Settings().zoom) == ("dark", 150)
    settings = Settings()
    settings.store.sync()
    assert f"format={FORMAT}" in (isolated_settings / SETTINGS_FILE).read_text()


def test_reading_places_keep_the_newest_files(app, isolated_settings):
    settings = Settings()
    for number in range(MAX_PLACES + 20):
        settings.set_reading_place(f"/reviews/{number}.txt", number + 1)
    settings.set_reading_place("/reviews/25.txt", 0)  # back at the start: nothing to remember
    places = json.loads(Settings().store.value("files/places"))
    assert len(places) == MAX_PLACES - 1 and "/reviews/25.txt" not in places
    assert Settings().reading_place("/reviews/3.txt") == 0
    assert Settings().reading_place(f"/reviews/{MAX_PLACES + 19}.txt") == MAX_PLACES + 20


def scroll_to_paragraph(window, number: int) -> int:
    """Scroll the reader so paragraph ``number`` starts the page; its text offset."""
    offset = window.analysis.paragraphs[number].start
    window.reader.scroll_to_offset(offset)
    assert window.reader.verticalScrollBar().value() > 0
    return offset


def open_long_review(make_window, open_review, tmp_path, paragraph: int):
    """A window showing a long review scrolled to ``paragraph``; the window, the file and the place."""
    review = tmp_path / "long.txt"
    review.write_text(LONG_REVIEW, encoding="utf-8")
    window = make_window()
    open_review(window, review)
    return window, review, scroll_to_paragraph(window, paragraph)


def test_a_review_reopens_where_the_reader_left_it(make_window, open_review, sample_path, tmp_path):
    window, review, place = open_long_review(make_window, open_review, tmp_path, 250)
    assert window.reader.top_offset() == place
    open_review(window, sample_path)
    assert window.reader.verticalScrollBar().value() == 0  # a new review starts at its start
    open_review(window, review)
    assert window.reader.top_offset() == place
    scroll_to_paragraph(window, 120)
    window.close()

    again = make_window()
    open_review(again, review)
    assert again.reader.top_offset() == again.analysis.paragraphs[120].start
    assert again.reader.cursorForPosition(again.reader.viewport().rect().topLeft()).block().text().startswith(
        "Paragraph 120:")


def test_reload_and_close_review_keep_the_place(make_window, open_review, tmp_path, qtbot):
    window, review, place = open_long_review(make_window, open_review, tmp_path, 300)
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.reload()
    assert window.reader.top_offset() == place
    window.close_review()
    assert window.settings.reading_place(str(review)) == place
