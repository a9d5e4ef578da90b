"""The window's one way to work in the background: :class:`Tasks` runs plain functions on a thread pool
and delivers what they report on the UI thread.

The one stale-result protocol: every piece of work is a :class:`Task`, and a report
reaches its callback only while its task is not cancelled, checked again on the UI
thread just before the callback runs. An owner that starts newer work cancels the
task it supersedes, so nothing stale is ever shown. A task can also be stopped:
its work ends soon, and what it reports on the way out still arrives. Work that
outlives the window is dropped quietly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class Task:
    """One piece of background work: its cancel switch and the way it reports to the UI thread."""

    def __init__(self, tasks: Tasks):
        self._tasks = tasks
        self.stop_event = threading.Event()
        """Set when the work should end soon; long work checks it."""
        self.cancelled = False
        """Whether its reports no longer count."""
        self._finished = threading.Event()

    @property
    def stopped(self) -> bool:
        return self.stop_event.is_set()

    def stop(self) -> None:
        """Ask the work to end soon; what it reports still arrives."""
        self.stop_event.set()

    def cancel(self) -> None:
        """Stop the work and drop every report still to come."""
        self.cancelled = True
        self.stop_event.set()

    def wait(self, wait_ms: int = -1) -> bool:
        """Wait until its work has ended (at most ``wait_ms``; -1: no limit); True if it has."""
        return self._finished.wait(None if wait_ms < 0 else wait_ms / 1000)

    def report(self, callback: Callable[..., None], *args) -> None:
        """From any thread: run ``callback(*args)`` on the UI thread, unless the task is cancelled by then."""
        if not self.cancelled:
            self._tasks.post(self, callback, args)


class Tasks(QObject):
    """Runs work on its own pool of ``threads`` threads; reports come back through one queued signal."""

    _delivered = Signal(object, object, tuple)
    """(task, callback, args): a report crossing to the UI thread."""

    def __init__(self, threads: int, parent: QObject | None = None):
        super().__init__(parent)
        # The pool runs plain callables, not QRunnable subclasses: PySide keeps some finished
        # QRunnable wrappers alive after Qt deletes them (tests/ui/test_ui_soak.py counts them).
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._lock = threading.Lock()
        self._running: set[Task] = set()
        self._delivered.connect(self._deliver)

    def start(self, work: Callable[[Task], None]) -> Task:
        """Run ``work(task)`` on the pool; it reports with ``task.report`` and ends soon once stopped."""
        task = Task(self)
        with self._lock:
            self._running.add(task)
        self.pool.start(lambda: self._run(work, task))
        return task

    def cancel_all(self) -> None:
        """Cancel every task not yet finished."""
        with self._lock:
            for task in self._running:
                task.cancel()

    def shutdown(self, wait_ms: int = -1) -> bool:
        """Drop work not started, cancel the rest and wait (at most ``wait_ms``; -1: no limit); True if none
        still runs."""
        self.pool.clear()
        self.cancel_all()
        return self.pool.waitForDone(wait_ms)

    def post(self, task: Task, callback: Callable[..., None], args: tuple) -> None:
        """Queue a report for the UI thread (use :meth:`Task.report`)."""
        try:
            self._delivered.emit(task, callback, args)
        except RuntimeError:
            log.info("A result arrived after its window closed; dropped")

    def _run(self, work: Callable[[Task], None], task: Task) -> None:
        try:
            if not task.cancelled:
                work(task)
        finally:
            with self._lock:
                self._running.discard(task)
            task._finished.set()

    def _deliver(self, task: Task, callback: Callable[..., None], args: tuple) -> None:
        if not task.cancelled:
            callback(*args)
