"""Small helpers shared by the window tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QTextCursor, QTextFormat

from desktop.paths import CACHE_ENV, LOG_DIR_ENV, SETTINGS_DIR_ENV

ROOT = Path(__file__).resolve().parents[2]


def settle(tasks, qtbot) -> None:
    """Wait until ``tasks`` (a ``desktop.ui.tasks.Tasks``) has no work left, then deliver the reports that
    work queued (or see them dropped): what a late report would do has been done."""
    qtbot.waitUntil(lambda: tasks.pool.activeThreadCount() == 0, timeout=30_000)
    QCoreApplication.sendPostedEvents()


def page_colour(window) -> str:
    """The colour actually drawn in the reading view's top-left margin."""
    window.reader.viewport().repaint()
    return window.reader.viewport().grab().toImage().pixelColor(4, 4).name()


def shown_text(window) -> str:
    """The review as the reader shows it, paragraphs separated by a blank line."""
    block, paragraphs = window.reader.document().begin(), []
    while block.isValid():
        paragraphs.append(block.text().replace("\u2028", "\n"))
        block = block.next()
    return "\n\n".join(paragraphs)


def sentence_background(window, index: int) -> QColor | None:
    """The background the document gives sentence ``index`` (None: uncoloured)."""
    reader = window.reader
    start, end = reader.document_range(reader.analysis.sentences[index])
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start + 1 if end > start + 1 else end)
    brush = cursor.charFormat().background()
    return brush.color() if brush.style() != Qt.BrushStyle.NoBrush else None


def highlight_colour(window, position: int) -> QColor | None:
    """The highlight colour the reading view draws at a document position, if any."""
    for selection in reversed(window.reader.extraSelections()):
        if (selection.cursor.selectionStart() <= position < selection.cursor.selectionEnd()
                and selection.format.hasProperty(QTextFormat.Property.BackgroundBrush)):
            return selection.format.background().color()
    return None


def evidence_mark(window, position: int) -> QColor | None:
    """The underline colour of the evidence mark at a document position, if one is drawn there."""
    for selection in window.reader.extraSelections():
        if (selection.cursor.selectionStart() <= position < selection.cursor.selectionEnd()
                and selection.format.fontUnderline()):
            return selection.format.underlineColor()
    return None


def point_size(window) -> float:
    """The reading font's current point size."""
    return window.reader.document().defaultFont().pointSizeF()


def assert_refused_and_previous_kept(window, qtbot, bad, reason: str) -> str:
    """Open ``bad`` in ``window``: a banner gives a reason containing ``reason`` and the open review stays.

    Returns the message.
    """
    before_path, before_analysis = window.path, window.analysis
    with qtbot.waitSignal(window.open_failed, timeout=30_000) as failure:
        window.open_file(bad)
    message = failure.args[1]
    assert reason in message
    assert window.banner.isVisible() and message in window.banner.text()
    assert Path(bad).name in window.banner.text()  # the banner names the file
    assert window.path == before_path and window.analysis is before_analysis
    assert shown_text(window) == before_analysis.text
    assert window.central.stack.currentIndex() == 1
    assert window.panel.verdict.label.text() == before_analysis.verdict.label.capitalize()
    return message


def run_window_script(code: str, home: Path, *args: str, timeout: float,
                      env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run ``code`` (``python -c``) in a fresh offscreen process with its settings, cache and logs in ``home``.

    ``prefix`` goes before the interpreter (``unshare -n``); ``timeout`` guards against a hang.
    """
    isolated = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen", SETTINGS_DIR_ENV: str(home / "settings"),
        CACHE_ENV: str(home / "cache"), LOG_DIR_ENV: str(home / "logs"), **(env or {}),
    }
    return subprocess.run([*prefix, sys.executable, "-c", code, *args], cwd=ROOT, env=isolated,
                          capture_output=True, text=True, timeout=timeout)
