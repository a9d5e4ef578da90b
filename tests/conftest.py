"""Shared fixtures: the ../shared data folder (tests using it skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from desktop.paths import CACHE_ENV, LOG_DIR_ENV, SETTINGS_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis keeps its caches beside pytest's, not in a .hypothesis folder of the checkout,
# and keeps no example database: generated cases are reproducible from their seeds.
set_hypothesis_home_dir(ROOT / ".pytest_cache" / "hypothesis")
settings.register_profile("review-reader", database=None)
settings.load_profile("review-reader")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings folder, log folder and result cache, never the user's."""
    folder = tmp_path / "settings"
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(folder))
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; skips the test when it is absent."""
    if not (SHARED / "reviews").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_review(shared: Path) -> bytes:
    """The user's example review, raw bytes."""
    return (shared / "reviews" / "seed_review.txt").read_bytes()


@pytest.fixture(scope="session")
def sample_review() -> bytes:
    """The sample review the project ships (written for it)."""
    return (ROOT / "resources" / "samples" / "sample_review.txt").read_bytes()
