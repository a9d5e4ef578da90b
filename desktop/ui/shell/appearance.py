"""How the window looks: theme, colour scale, text size and the verdict's evidence, all remembered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from desktop import colours
from desktop.ui.reading.reader_view import ReaderView
from desktop.ui.shell import theming
from desktop.ui.shell.settings import ZOOM_STEPS, Settings


class Coloured(Protocol):
    """A view drawn in the theme's and the scale's colours."""

    def set_colours(self, theme: colours.Theme, scale: colours.Scale) -> None: ...


class Appearance:
    """The View menu's choices for one window, applied to every view and kept in its settings."""

    def __init__(self, settings: Settings, actions: Mapping[str, QAction], reader: ReaderView,
                 views: Sequence[Coloured], zoom_label: QLabel) -> None:
        """``views``: every view to colour (the reader among them); ``actions``: the View menu's choices."""
        self.settings, self.actions, self.reader = settings, actions, reader
        self.views, self.zoom_label = views, zoom_label

    def restore(self) -> None:
        """Apply every choice kept in the settings, and check it in the View menu."""
        for choice in ("theme", "scale"):
            self.actions[f"{choice}_{getattr(self.settings, choice)}"].setChecked(True)
        self.apply_colours()
        self.set_zoom(self.settings.zoom)
        self.set_tint(self.settings.tint)
        self.show_evidence(self.settings.evidence_shown)

    def apply_colours(self) -> None:
        """Apply the chosen theme and colour scale everywhere."""
        theme = theming.resolve(self.settings.theme)
        scale = colours.SCALES[self.settings.scale]
        theming.apply(theme)
        for view in self.views:
            view.set_colours(theme, scale)

    def set_theme(self, name: str) -> None:
        """Use the "system", "light" or "dark" theme."""
        self.settings.theme = name
        self.actions[f"theme_{name}"].setChecked(True)
        self.apply_colours()

    def set_scale(self, name: str) -> None:
        """Use the "red-green" or "blue-orange" colour scale."""
        self.settings.scale = name
        self.actions[f"scale_{name}"].setChecked(True)
        self.apply_colours()

    def set_tint(self, name: str) -> None:
        """Tint sentences "full", "soft" or "off" (only the one under the pointer or the cursor)."""
        self.settings.tint = name
        self.actions[f"tint_{name}"].setChecked(True)
        self.reader.set_tint(colours.TINTS[name])

    def follow_system(self) -> None:
        """The desktop's colour scheme changed: follow it if the theme is "system"."""
        if self.settings.theme == "system":
            self.apply_colours()

    def show_evidence(self, shown: bool) -> None:
        """Underline the verdict's evidence in the text (remembered)."""
        self.settings.evidence_shown = shown
        self.actions["evidence"].setChecked(shown)
        self.reader.set_evidence_shown(shown)

    def set_zoom(self, percent: int) -> None:
        """Set the text size to ``percent`` and remember it."""
        self.settings.zoom = percent
        self.reader.set_zoom(percent)
        self.zoom_label.setText(f"{percent}%")

    def step_zoom(self, direction: int) -> None:
        """One zoom step bigger (1) or smaller (-1)."""
        index = ZOOM_STEPS.index(self.reader.zoom) + direction
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index))])
