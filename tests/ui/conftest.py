"""Fixtures for the reader window: a ready window and helpers that open reviews in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import sample_review

TIMEOUT_MS = 30_000


@pytest.fixture
def app(qapp):
    """The QApplication set up as the reader sets it up."""
    from desktop.ui.shell.app import create_application

    return create_application()


@pytest.fixture
def make_window(app, qtbot):
    """Build shown windows whose models are loaded."""
    from desktop.ui.shell.main_window import MainWindow

    def make(size=(1100, 760)):
        window = MainWindow()
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.models.ready, timeout=TIMEOUT_MS)
        return window

    return make


@pytest.fixture
def window(make_window):
    """A shown window with the models loaded and nothing open."""
    return make_window()


@pytest.fixture
def open_review(qtbot):
    """Open a file in a window and wait until it is fully coloured."""

    def open_and_wait(window, path):
        with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
            window.open_file(path)
        return window.analysis

    return open_and_wait


@pytest.fixture
def open_chosen(qtbot):
    """Open a file the way a reader chooses one (File ▸ Open, a drop, the command line) and wait until it
    is fully coloured: it becomes a recent file."""

    def open_and_wait(window, path):
        with qtbot.waitSignal(window.review_ready, timeout=TIMEOUT_MS):
            window.open_files([path])
        return window.analysis

    return open_and_wait


@pytest.fixture
def sample_path() -> Path:
    """The sample review shipped in resources/."""
    return sample_review()


@pytest.fixture
def seed_path(shared: Path) -> Path:
    """The user's seed review in ../shared (skips without it)."""
    return shared / "reviews" / "seed_review.txt"
