"""Where the app's files live: its own (checkout or frozen bundle) and the reader's folders.

The reader's cache, settings and log folders follow one naming scheme, the platform's
own, made by platformdirs for the app name ``review-reader``; on Linux
``~/.cache/review-reader``, ``~/.config/review-reader`` and
``~/.local/state/review-reader/log``. An environment variable moves each (the tests
use them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "review-reader"
CACHE_ENV = "REVIEW_READER_CACHE_DIR"
SETTINGS_DIR_ENV = "REVIEW_READER_SETTINGS_DIR"
LOG_DIR_ENV = "REVIEW_READER_LOG_DIR"


def app_root() -> Path:
    """The folder holding ``resources/``: the bundle when frozen, else the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources/`` folder (icons, styles, samples, NLTK data)."""
    return app_root() / "resources"


def nltk_data_dir() -> Path:
    """The project's provisioned NLTK data folder."""
    return resources_dir() / "nltk_data"


def sample_review() -> Path:
    """The sample review the app opens from its welcome screen."""
    return resources_dir() / "samples" / "sample_review.txt"


def place_label(path: str | os.PathLike) -> str:
    """A file as a reader knows it: "12_8.txt — ~/Reviews/pos" (the home folder shown as ~)."""
    path = Path(path)
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + os.sep):
        folder = "~" + folder[len(home):]
    return f"{path.name} — {folder}"


def cache_dir() -> Path:
    """The result cache's folder: ``$REVIEW_READER_CACHE_DIR``, else the platform's user cache folder."""
    return _user_dir(CACHE_ENV, platformdirs.user_cache_path)


def settings_dir() -> Path:
    """The settings' folder: ``$REVIEW_READER_SETTINGS_DIR``, else the platform's user config folder."""
    return _user_dir(SETTINGS_DIR_ENV, platformdirs.user_config_path)


def log_dir() -> Path:
    """The log's folder: ``$REVIEW_READER_LOG_DIR``, else the platform's user log folder."""
    return _user_dir(LOG_DIR_ENV, platformdirs.user_log_path)


def _user_dir(variable: str, platform_path) -> Path:
    override = os.environ.get(variable)
    if override:
        return Path(override).expanduser()
    return platform_path(APP_NAME, appauthor=False)
