"""The app's icon, from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop.paths import resources_dir


def app_icon() -> QIcon:
    """The Review Reader icon (an SVG, so it is sharp at every size)."""
    return QIcon(str(resources_dir() / "icons" / "review-reader.svg"))
