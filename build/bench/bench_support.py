"""Helpers the window benchmarks share: resident memory and waiting in the event loop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer


def memory_mb(field: str) -> float:
    """A VmRSS/VmHWM line of /proc/self/status in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for(signal, timeout_ms: int = 30_000) -> None:
    """Run the event loop (blocking in it, as the app does) until ``signal`` fires or the time is up."""
    loop = QEventLoop()
    timer = QTimer(singleShot=True)
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    signal.disconnect(loop.quit)
