"""Shared fixtures: the ../shared data folder (tests using it skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))


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
