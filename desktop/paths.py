"""Where the app's own files live, in a source checkout and in the frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


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
