"""Untrusted review text, files that cannot be opened, and files never written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument, QTextFormat
from ui_helpers import assert_refused_and_previous_kept, shown_text

from desktop.ui.shell.settings import Settings

INJECTION = (
    '<img src="file:///etc/passwd" onerror="alert(1)"> An excellent film! '
    '<a href="http://example.com/track">Read more</a> and <script>alert("x")</script> '
    'I loved &lt;b&gt;every&lt;/b&gt; minute of it. <iframe src="http://example.com/"></iframe>'
)


def formats_in(document):
    """Every character format used in the document."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment().charFormat()
            iterator += 1
        block = block.next()


def test_html_in_a_review_is_shown_literally_and_loads_nothing(window, open_review, tmp_path, monkeypatch):
    review = tmp_path / "injection.txt"
    review.write_text(INJECTION, encoding="utf-8")
    analysis = open_review(window, review)
    shown = shown_text(window)
    assert shown == analysis.text
    for literal in (
        '<img src="file:///etc/passwd" onerror="alert(1)">',
        '<script>alert("x")</script>',
        "<b>every</b>",
        '<iframe src="http://example.com/">',
    ):
        assert literal in shown
    assert "Read more" in shown
    markup = window.reader.document().toHtml()
    assert "&lt;img" in markup and "<img" not in markup and "<a " not in markup and "<script" not in markup
    for char_format in formats_in(window.reader.document()):
        assert not char_format.isAnchor()
        assert not char_format.isImageFormat()
        assert char_format.objectType() == QTextFormat.ObjectTypes.NoObject.value
    # Even a resource asked for by name is never loaded (a plain QTextDocument would read the file).
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"private")
    image = QTextDocument.ResourceType.ImageResource.value
    assert window.reader.document().resource(image, QUrl.fromLocalFile(str(secret))) is None
    assert QTextDocument().resource(image, QUrl.fromLocalFile(str(secret))) is not None


def test_tooltip_escapes_words_that_look_like_markup():
    from desktop.engine import Sentence
    from desktop.ui.reading.wording import sentence_tooltip

    text = sentence_tooltip(Sentence(0, 5, 0.5, 0.5, (("<b>good</b>", 0.7),)))
    assert "&lt;b&gt;good&lt;/b&gt;" in text and "<b>good</b>" not in text


def test_binary_file_is_refused_while_the_previous_review_stays_open(window, open_review, sample_path, tmp_path, qtbot):
    open_review(window, sample_path)
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert_refused_and_previous_kept(window, qtbot, binary, "not a text review")
    assert str(binary.absolute()) not in Settings().recent_files


def test_missing_file_is_reported_and_dropped_from_recent(window, open_review, open_chosen, sample_path, tmp_path,
                                                         qtbot):
    open_review(window, sample_path)
    gone = tmp_path / "gone.txt"
    gone.write_text("A fine film.", encoding="utf-8")
    open_chosen(window, gone)
    open_review(window, sample_path)
    assert str(gone) in Settings().recent_files
    gone.unlink()
    assert_refused_and_previous_kept(window, qtbot, gone, "was not found")
    assert str(gone) not in Settings().recent_files


def test_file_over_20_mb_is_refused(window, open_review, sample_path, tmp_path, qtbot):
    open_review(window, sample_path)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert_refused_and_previous_kept(window, qtbot, huge, "MB")


def test_folder_is_refused(window, open_review, sample_path, tmp_path, qtbot):
    open_review(window, sample_path)
    assert_refused_and_previous_kept(window, qtbot, tmp_path, "folder")


def test_bad_file_from_the_welcome_screen_keeps_the_welcome_screen(window, tmp_path, qtbot):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.open_failed, timeout=30_000):
        window.open_file(empty)
    assert window.central.stack.currentWidget() is window.welcome
    assert "empty" in window.banner.text()
    window.banner.findChild(type(window.welcome.open_button)).click()
    assert not window.banner.isVisible()


def test_opening_and_reloading_never_writes_the_review(window, open_review, sample_path, tmp_path, qtbot):
    review = tmp_path / "keep.txt"
    review.write_bytes(sample_path.read_bytes())
    before = (review.read_bytes(), review.stat().st_mtime_ns)
    open_review(window, review)
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.reload()
    window.close()
    assert (review.read_bytes(), review.stat().st_mtime_ns) == before


@pytest.mark.qt_no_exception_capture
def test_exceptions_in_a_slot_or_a_worker_are_logged_and_the_window_goes_on(
        window, open_review, sample_path, tmp_path, qtbot, monkeypatch):
    import sys
    import threading

    from desktop import logs
    from desktop.ui.shell import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown = []
    log_path = logs.start_logging()
    crash.CrashHandler(log_path, dialog=lambda summary, _path: shown.append(
        (summary, threading.current_thread() is threading.main_thread()))).install()

    def broken_info(*_args, **_kwargs):
        raise ValueError("the file details broke")

    window.panel.file_info.show_analysis = broken_info  # a slot fails half-way through showing a result
    window.open_file(sample_path)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30_000)
    window.analyst.tasks.pool.start(lambda: 1 / 0)  # a job in the thread pool fails
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert shown == [("ValueError: the file details broke", True), ("ZeroDivisionError: division by zero", True)]

    del window.panel.file_info.show_analysis
    other = tmp_path / "other.txt"
    other.write_text("Tom Hanks is superb. A wonderful film.", encoding="utf-8")
    analysis = open_review(window, other)
    assert window.panel.people.topLevelItemCount() == 1 and analysis.verdict.label == "positive"
    for handler in crash.log.handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "the file details broke" in logged and "ZeroDivisionError" in logged and logged.count("Traceback") >= 2
