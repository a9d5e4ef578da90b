"""Applying a theme to the whole application: Fusion palette and style sheet."""

from __future__ import annotations

import logging
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop import colours
from desktop.paths import resources_dir

STYLE_SHEET = "styles/reader.qss"

log = logging.getLogger(__name__)


def resolve(choice: str) -> colours.Theme:
    """The theme for a setting: "light", "dark" or "system" (the desktop's scheme)."""
    if choice == "system":
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return colours.DARK if dark else colours.LIGHT
    return colours.THEMES.get(choice, colours.LIGHT)


def palette(theme: colours.Theme) -> QPalette:
    """A QPalette in the theme's colours."""
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.card,
        QPalette.ColorRole.AlternateBase: theme.window,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.card,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.ToolTipBase: theme.card,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Highlight: theme.selection,
        QPalette.ColorRole.HighlightedText: theme.text,
        QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.Mid: theme.border,
        QPalette.ColorRole.Midlight: theme.border,
        QPalette.ColorRole.Dark: theme.border,
        QPalette.ColorRole.Light: theme.card,
    }
    for role, colour in roles.items():
        result.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return result


def style_sheet(theme: colours.Theme) -> str:
    """The app's style sheet with the theme's colours filled in ("" if it is missing)."""
    try:
        sheet = (resources_dir() / STYLE_SHEET).read_text(encoding="utf-8")
    except OSError as error:
        log.warning("No style sheet, using plain Fusion: %s", error)
        return ""
    button = theme.accent if not theme.dark else "#3d6d9e"
    values = {
        **{name: getattr(theme, name) for name in theme.__dataclass_fields__ if name not in ("name", "dark")},
        "accent_button": button,
        "accent_button_text": "#ffffff",
        "accent_hover": colours.mix(button, "#000000" if not theme.dark else "#ffffff", 0.12),
    }
    for name, value in values.items():
        sheet = sheet.replace(f"@{name}@", value)
    return sheet


def apply(theme: colours.Theme) -> None:
    """Give the whole application the theme's palette and style sheet."""
    app = cast(QApplication, QApplication.instance())  # the window's app: a QApplication, already made
    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme))
