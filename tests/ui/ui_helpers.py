"""Small helpers shared by the window tests."""

from __future__ import annotations


def page_colour(window) -> str:
    """The colour actually drawn in the reading view's top-left margin."""
    window.reader.viewport().repaint()
    return window.reader.viewport().grab().toImage().pixelColor(4, 4).name()
