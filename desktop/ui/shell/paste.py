"""File ▸ Paste Review: the review on the clipboard, analysed as an unsaved review.

The clipboard may hold plain text or HTML (a page copied from a browser); HTML is
turned into clean text (``clean.html_text``) and never rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.app.records import ReviewFile
from desktop.engine.text.clean import html_text


def clipboard_text(data: QMimeData | None) -> str:
    """The review text on the clipboard ("" when it holds none); HTML as its text, with ``<`` and ``&``
    escaped, so the engine's cleaning keeps them as the literal characters they were on the page."""
    if data is None:
        return ""
    if data.hasHtml():
        return escape(html_text(data.html()), quote=False)
    return data.text() if data.hasText() else ""


class Paster:
    """Opens what the clipboard holds as "Pasted review 1", "Pasted review 2", …"""

    def __init__(self, open_review: Callable[[ReviewFile], object], say: Callable[[str, int], None]) -> None:
        """``open_review`` opens a review; ``say(message, milliseconds)`` puts a word in the status bar."""
        self.open_review, self.say = open_review, say
        self.pasted = 0

    def paste(self) -> None:
        """Analyse the clipboard's text as a new unsaved review, or say there is none."""
        text = clipboard_text(QGuiApplication.clipboard().mimeData())
        if not any(ch.isalnum() for ch in text):
            self.say("The clipboard holds no text to read.", 6000)
            return
        self.pasted += 1
        self.open_review(ReviewFile.pasted(text, self.pasted))
