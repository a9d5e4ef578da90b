"""How the window looks: theme, colour scale, text size and the verdict's evidence, all remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from desktop import colours
from desktop.ui.shell import theming
from desktop.ui.shell.settings import ZOOM_STEPS


class Appearance:
    """The View menu's choices for one window, applied to every view and kept in its settings."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window

    def apply_colours(self) -> None:
        """Apply the chosen theme and colour scale everywhere."""
        window = self.window
        theme = theming.resolve(window.settings.theme)
        scale = colours.SCALES[window.settings.scale]
        theming.apply(theme)
        for view in (window.reader, window.panel, window.library):
            view.set_colours(theme, scale)

    def set_theme(self, name: str) -> None:
        """Use the "system", "light" or "dark" theme."""
        self.window.settings.theme = name
        self.window.actions[f"theme_{name}"].setChecked(True)
        self.apply_colours()

    def set_scale(self, name: str) -> None:
        """Use the "red-green" or "blue-orange" colour scale."""
        self.window.settings.scale = name
        self.window.actions[f"scale_{name}"].setChecked(True)
        self.apply_colours()

    def set_tint(self, name: str) -> None:
        """Tint sentences "full", "soft" or "off" (only the one under the pointer or the cursor)."""
        self.window.settings.tint = name
        self.window.actions[f"tint_{name}"].setChecked(True)
        self.window.reader.set_tint(colours.TINTS[name])

    def follow_system(self) -> None:
        """The desktop's colour scheme changed: follow it if the theme is "system"."""
        if self.window.settings.theme == "system":
            self.apply_colours()

    def show_evidence(self, shown: bool) -> None:
        """Underline the verdict's evidence in the text (remembered)."""
        self.window.settings.evidence_shown = shown
        self.window.actions["evidence"].setChecked(shown)
        self.window.reader.set_evidence_shown(shown)

    def set_zoom(self, percent: int) -> None:
        """Set the text size to ``percent`` and remember it."""
        self.window.settings.zoom = percent
        self.window.reader.set_zoom(percent)
        self.window.zoom_label.setText(f"{percent}%")

    def step_zoom(self, direction: int) -> None:
        """One zoom step bigger (1) or smaller (-1)."""
        index = ZOOM_STEPS.index(self.window.reader.zoom) + direction
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index))])
