"""The reader's remembered settings, stored with QSettings in ``settings.ini``.

The file lives in ``desktop.paths.settings_dir()`` (``$REVIEW_READER_SETTINGS_DIR``
moves it; the tests do, so they never touch yours). Settings an earlier version
kept in the platform's native store are copied over once.

Every value is checked when read: a missing, corrupt or out-of-range value
gives its default. A store written in another settings format is reset.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, overload

from PySide6.QtCore import QByteArray, QSettings

from desktop import colours
from desktop.paths import SETTINGS_DIR_ENV, settings_dir

log = logging.getLogger(__name__)

ORGANIZATION = "ReviewReader"
APPLICATION = "Review Reader"
"""The names QSettings' native store used before ``SETTINGS_FILE``."""
SETTINGS_FILE = "settings.ini"
FORMAT = 1
"""The layout of the stored settings; a store with another number is reset to defaults."""
MAX_RECENT = 10
MAX_PLACES = 500
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)


def open_settings() -> QSettings:
    """The app's QSettings in ``settings.ini``, holding the earlier native store's settings the first time."""
    path = settings_dir() / SETTINGS_FILE
    fresh = not path.exists()
    store = QSettings(str(path), QSettings.Format.IniFormat)
    if fresh and not os.environ.get(SETTINGS_DIR_ENV):
        earlier = QSettings(ORGANIZATION, APPLICATION)
        for key in earlier.allKeys():
            store.setValue(key, earlier.value(key))
    return store


def _storable(text: str) -> bool:
    """Whether QSettings keeps ``text`` as it is (a file name that is not UTF-8 holds lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Choice:
    """A setting that is one of ``allowed``, the first of them by default (any other stored value reads
    as the default)."""

    def __init__(self, key: str, allowed: tuple[str, ...], doc: str) -> None:
        self.key, self.allowed, self.__doc__ = key, allowed, doc

    @overload
    def __get__(self, settings: None, owner: type) -> _Choice: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> str: ...

    def __get__(self, settings: Settings | None, owner: type) -> _Choice | str:
        if settings is None:
            return self
        value = settings.store.value(self.key, self.allowed[0])
        return value if value in self.allowed else self.allowed[0]

    def __set__(self, settings: Settings, value: str) -> None:
        settings.store.setValue(self.key, value)


class _Flag:
    """A setting that is true or false (anything stored but "true" reads as false)."""

    def __init__(self, key: str, default: bool, doc: str) -> None:
        self.key, self.default, self.__doc__ = key, default, doc

    @overload
    def __get__(self, settings: None, owner: type) -> _Flag: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> bool: ...

    def __get__(self, settings: Settings | None, owner: type) -> _Flag | bool:
        if settings is None:
            return self
        return str(settings.store.value(self.key, "true" if self.default else "false")).lower() == "true"

    def __set__(self, settings: Settings, value: bool) -> None:
        settings.store.setValue(self.key, "true" if value else "false")


class Settings:
    """Typed access to the reader's settings."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or open_settings()
        if self.store.status() != QSettings.Status.NoError:
            log.warning("The settings in %s could not be read; using defaults", self.store.fileName())
        stored = self.store.value("format")
        if stored is not None and str(stored) != str(FORMAT):
            log.warning("Settings format %r is not %d; starting from defaults", stored, FORMAT)
            self.store.clear()
        if str(stored) != str(FORMAT):
            self.store.setValue("format", FORMAT)

    theme = _Choice("view/theme", ("system", *colours.THEMES), """ "system", "light" or "dark".""")
    scale = _Choice("view/scale", tuple(colours.SCALES), """The colour scale's name ("red-green" or "blue-orange").""")
    tint = _Choice("view/tint", tuple(colours.TINTS), """How strongly sentences are tinted: "full", "soft" or "off".""")

    @property
    def zoom(self) -> int:
        """Text zoom in percent, one of ZOOM_STEPS."""
        stored: Any = self.store.value("view/zoom", 100)  # whatever was stored: int() may refuse it below
        try:
            value = int(stored)
        except (TypeError, ValueError):
            return 100
        return value if value in ZOOM_STEPS else 100

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.store.setValue("view/zoom", int(value))

    panel_visible = _Flag("view/panel", True, "Whether the side panel shows when a review is open.")
    evidence_shown = _Flag("view/evidence", False, "Whether the verdict's evidence is underlined in the text.")

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
        if not isinstance(value, list):
            value = [value]
        return [item for item in value if isinstance(item, str) and os.path.isabs(item)][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files (unless its name is not UTF-8: QSettings would mangle it)."""
        if not _storable(path):
            return
        recent = [path, *(item for item in self.recent_files if item != path)]
        self.store.setValue("files/recent", recent[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        """Forget ``path`` in the recent files."""
        self.store.setValue("files/recent", [item for item in self.recent_files if item != path])

    def clear_recent(self) -> None:
        """Forget every recent file."""
        self.store.setValue("files/recent", [])

    def reading_place(self, path: str) -> int:
        """The text offset the reader was at in ``path`` (0: the start)."""
        return self._places().get(path, 0)

    def set_reading_place(self, path: str, offset: int) -> None:
        """Remember the reader's place in ``path``; the oldest of MAX_PLACES files is forgotten."""
        places = self._places()
        places.pop(path, None)
        if offset > 0:
            places[path] = int(offset)
        kept = list(places.items())[-MAX_PLACES:]
        self.store.setValue("files/places", json.dumps(dict(kept)))

    def _places(self) -> dict[str, int]:
        """Reading places by file, oldest first."""
        try:
            places = json.loads(str(self.store.value("files/places", "{}")))
        except ValueError:
            return {}
        if not isinstance(places, dict):
            return {}
        return {str(k): v for k, v in places.items() if isinstance(v, int) and not isinstance(v, bool) and v > 0}

    def window_bytes(self, key: str) -> QByteArray | None:
        """Saved window geometry ("geometry") or dock layout ("state")."""
        value = self.store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_bytes(self, key: str, value: QByteArray) -> None:
        """Remember window geometry ("geometry") or dock layout ("state")."""
        self.store.setValue(f"window/{key}", value)
