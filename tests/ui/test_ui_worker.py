"""The background analyst: results arrive on the UI thread, stale work is harmless, exit is clean."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MANY_RESULTS = textwrap.dedent(
    """
    import threading
    from PySide6.QtCore import QCoreApplication
    from desktop.paths import sample_review
    from desktop.ui.worker import Analyst

    app = QCoreApplication([])
    analyst = Analyst()
    threads, done = set(), []
    analyst.analysed.connect(lambda token, path, result: (threads.add(threading.get_ident()), done.append(token)))
    analyst.failed.connect(lambda token, path, message: print("failed", message))
    for token in range(120):
        analyst.open(token, sample_review())
    while len(done) < 120:
        app.processEvents()
    analyst.shutdown()
    assert threads == {threading.get_ident()}, "signals must arrive on the UI thread"
    print("done", len(done))
    """
)


def test_hundreds_of_results_arrive_on_the_ui_thread_and_the_process_exits_cleanly():
    # PySide6 6.12.0 on Python 3.11 aborts here ("none_dealloc"); pyproject.toml keeps it out.
    run = subprocess.run(
        [sys.executable, "-c", MANY_RESULTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "done 120" in run.stdout
    assert "Fatal Python error" not in run.stderr


def test_pyside_void_calls_keep_their_references_to_none(app):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 100, "this PySide6 gives up references to None it does not own"


def test_missing_language_data_is_reported_not_raised(app, qtbot, monkeypatch):
    from desktop.analysis import MissingDataError
    from desktop.ui import worker

    def missing():
        raise MissingDataError("NLTK data package punkt_tab is not installed.")

    monkeypatch.setattr(worker, "models", missing)
    analyst = worker.Analyst()
    with qtbot.waitSignal(analyst.models_failed, timeout=10_000) as failure:
        analyst.load_models()
    assert failure.args == ["NLTK data package punkt_tab is not installed."]
    analyst.shutdown()


def test_missing_models_show_a_banner_and_keep_the_text(make_window, qtbot, monkeypatch, sample_path):
    from desktop.analysis import MissingDataError
    from desktop.ui import worker

    def missing(*_args):
        raise MissingDataError("NLTK data package punkt_tab is not installed.")

    monkeypatch.setattr(worker, "analyze_prepared", missing)
    window = make_window()
    with qtbot.waitSignal(window.open_failed, timeout=30_000):
        window.open_file(sample_path)
    assert "punkt_tab" in window.banner.text()
    assert window.path == sample_path and window.analysis is None
    assert window.reader.document().toPlainText().startswith('"The Lighthouse Keeper')
    assert window.panel.verdict.counts.text() == "No analysis: see the message above the review."


def test_garbage_is_collected_on_the_ui_thread_only(app, qtbot):
    import gc
    import weakref

    from desktop.ui import gc_guard

    collector = gc_guard.install(app)
    assert gc_guard.install(app) is collector
    assert not gc.isenabled()
    assert collector.timer.isActive() and collector.thread() is app.thread()

    class Node:
        pass

    gc.collect()
    node = Node()
    node.self = node  # a cycle only the cyclic collector frees
    alive = weakref.ref(node)
    del node
    assert alive() is not None
    kept = []

    def allocate_and_check() -> bool:
        kept.append([Node() for _ in range(100)])  # push generation 0 past its threshold
        return alive() is None

    qtbot.waitUntil(allocate_and_check, timeout=5000)


def test_closing_does_not_wait_for_a_long_analysis(make_window, qtbot, monkeypatch, sample_path):
    import time

    from desktop.ui import main_window, worker

    real = worker.analyze_prepared
    release = []

    def slow(prepared, name):
        deadline = time.monotonic() + 20
        while not release and time.monotonic() < deadline:
            time.sleep(0.02)
        return real(prepared, name)

    monkeypatch.setattr(worker, "analyze_prepared", slow)
    monkeypatch.setattr(main_window, "CLOSE_WAIT_MS", 300)
    window = make_window()
    with qtbot.waitSignal(window.review_shown, timeout=30_000):
        window.open_file(sample_path)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 5
    assert window.finished_cleanly is False
    release.append(True)
    assert window.analyst.shutdown(10_000)


def test_loaded_models_are_exempt_from_later_collections(window):
    import gc

    assert window.models_state == "ready"
    assert gc.get_freeze_count() > 100_000
