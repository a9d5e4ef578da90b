"""The reader's remembered settings, stored with QSettings.

Set ``REVIEW_READER_SETTINGS_DIR`` to keep them in an INI file in that folder
instead of the platform's store (the tests do, so they never touch yours).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ReviewReader"
APPLICATION = "Review Reader"
SETTINGS_DIR_ENV = "REVIEW_READER_SETTINGS_DIR"
MAX_RECENT = 10
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)


def open_settings() -> QSettings:
    """The app's QSettings, honouring ``REVIEW_READER_SETTINGS_DIR``."""
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the reader's settings."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or open_settings()

    def _text(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.store.value(key, default)
        return value if value in allowed else default

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        return self._text("view/theme", "system", ("system", "light", "dark"))

    @theme.setter
    def theme(self, value: str) -> None:
        self.store.setValue("view/theme", value)

    @property
    def scale(self) -> str:
        """The colour scale's name ("red-green" or "blue-orange")."""
        return self._text("view/scale", "red-green", ("red-green", "blue-orange"))

    @scale.setter
    def scale(self, value: str) -> None:
        self.store.setValue("view/scale", value)

    @property
    def zoom(self) -> int:
        """Text zoom in percent, one of ZOOM_STEPS."""
        try:
            value = int(self.store.value("view/zoom", 100))
        except (TypeError, ValueError):
            return 100
        return value if value in ZOOM_STEPS else 100

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.store.setValue("view/zoom", int(value))

    @property
    def panel_visible(self) -> bool:
        """Whether the side panel shows when a review is open."""
        return str(self.store.value("view/panel", "true")).lower() == "true"

    @panel_visible.setter
    def panel_visible(self, value: bool) -> None:
        self.store.setValue("view/panel", "true" if value else "false")

    @property
    def last_folder(self) -> str:
        """The folder the Open dialog starts in."""
        return str(self.store.value("files/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self.store.setValue("files/last_folder", value)

    @property
    def export_folder(self) -> str:
        """The folder the last export went to ("" before the first)."""
        return str(self.store.value("files/export_folder", "") or "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self.store.setValue("files/export_folder", value)

    @property
    def recent_files(self) -> list[str]:
        """Most recently opened files, newest first, at most MAX_RECENT."""
        value = self.store.value("files/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(item) for item in value][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files."""
        recent = [path, *(item for item in self.recent_files if item != path)]
        self.store.setValue("files/recent", recent[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        """Forget ``path`` in the recent files."""
        self.store.setValue("files/recent", [item for item in self.recent_files if item != path])

    def clear_recent(self) -> None:
        """Forget every recent file."""
        self.store.setValue("files/recent", [])

    def window_bytes(self, key: str) -> QByteArray | None:
        """Saved window geometry ("geometry") or dock layout ("state")."""
        value = self.store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_bytes(self, key: str, value: QByteArray) -> None:
        """Remember window geometry ("geometry") or dock layout ("state")."""
        self.store.setValue(f"window/{key}", value)
