"""No network from the window: starting, loading models, reading, the library's worker processes, exporting.

The window runs in a fresh process whose folder of ``sitecustomize.py`` is on
PYTHONPATH, so every Python process it starts (the library's spawned workers
too) records each ``socket.*`` audit event (creating, connecting, binding,
looking up a host …) in a file of its own. The window process also lists its
open socket descriptors (``/proc/self/fd``) at every step, which catches
sockets opened by Qt's C++ as well. When it can, the whole run is in a new
network namespace (``unshare -n``). At the end the script opens sockets on
purpose, in itself and in a spawned child, to show the guard catches them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from review_inputs import LIBRARY, write_files
from ui_helpers import run_window_script

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")

GUARD = '''
"""Records every socket audit event of this process in NETWORK_GUARD_DIR/<pid>.jsonl."""
import json, os, sys

events = []
_log = os.path.join(os.environ["NETWORK_GUARD_DIR"], f"{os.getpid()}.jsonl")


def _write(entry):
    with open(_log, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\\n")


def _record(event, args):
    if event.startswith("socket."):
        events.append(event)
        _write({"event": event, "args": repr(args)[:200]})


_write({"started": " ".join(sys.argv)[:300]})
sys.addaudithook(_record)
'''

DRIVE_THE_WINDOW = '''
import json, multiprocessing, os, socket, sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

import sitecustomize
from desktop.ui.shell.app import create_application, run

review, folder, exports = map(Path, sys.argv[1:4])
sockets = {}


def open_sockets():
    """This process's open socket descriptors, from C or Python alike."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.append(target)
    return found


def note(step):
    sockets[step] = open_sockets()


def wait_until(condition):
    while not condition():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def after(signal, action):
    fired = []
    signal.connect(lambda *args: fired.append(args))
    action()
    wait_until(lambda: fired)


def drive():
    window = next(widget for widget in app.topLevelWidgets() if type(widget).__name__ == "MainWindow")
    wait_until(lambda: window.models.ready and window.analysis is not None)
    note("models loaded, review from the command line analysed")
    window.library_jobs = 2
    after(window.library_filled, lambda: window.open_folder(folder))
    note("library filled by worker processes")
    after(window.review_ready, lambda: window.library.view.select_row(1))
    note("library row opened")
    for kind in ("html", "pdf"):
        assert window.exports.review(exports / f"review.{kind}", kind)
    for kind in ("csv", "json"):
        assert window.exports.library(exports / f"library.{kind}", kind)
    note("exported")
    report["rows"] = sum(row.verdict is not None for row in window.library.model.rows)
    window.close()


note("started")
app = create_application()
report = {"pid": os.getpid()}
QTimer.singleShot(0, drive)
report["status"] = run([str(review)])
note("closed")
report["events"] = list(sitecustomize.events)

# The guard itself: sockets opened on purpose are seen, here and in a spawned child.
probe = socket.socket()
report["probe_sockets"] = open_sockets()
probe.close()
report["probe_events"] = sitecustomize.events[len(report["events"]):]
child = multiprocessing.get_context("spawn").Process(target=socket.socket)
child.start()
child.join()
report["probe_child"] = child.pid
report["sockets"] = sockets
print(json.dumps(report))
'''


def offline_prefix() -> tuple[str, ...]:
    """``unshare -n`` (no network at all) when this machine allows it, else nothing."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ("unshare", "-n")
    return ()


def guard_logs(folder: Path) -> dict[int, dict]:
    """Each guarded process's command line and socket events, by pid."""
    processes = {}
    for log in folder.glob("*.jsonl"):
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        processes[int(log.stem)] = {"argv": entries[0]["started"], "events": [e["event"] for e in entries[1:]]}
    return processes


def test_the_window_and_its_workers_open_no_sockets(tmp_path, sample_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    folder = write_files(tmp_path / "reviews", LIBRARY)
    exports = tmp_path / "exports"
    exports.mkdir()
    done = run_window_script(DRIVE_THE_WINDOW, tmp_path, str(sample_path), str(folder), str(exports), timeout=180,
                             env={"PYTHONPATH": str(guard), "NETWORK_GUARD_DIR": str(guard)}, prefix=offline_prefix())
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["status"] == 0 and report["rows"] == len(LIBRARY) - 1  # all but the empty file
    assert sorted(path.name for path in exports.iterdir()) == [
        "library.csv", "library.json", "review.html", "review.pdf"]

    assert report["events"] == []
    assert report["sockets"] == {step: [] for step in report["sockets"]} and len(report["sockets"]) == 6
    processes = guard_logs(guard)
    in_window = processes.pop(report["pid"])["events"]
    probe_child = processes.pop(report["probe_child"])["events"]
    assert in_window == report["probe_events"]  # nothing before the probe
    assert {pid: process["events"] for pid, process in processes.items()} == {pid: [] for pid in processes}
    workers = [pid for pid, process in processes.items() if "--multiprocessing-fork" in process["argv"]]
    assert len(workers) >= 2  # the library's worker processes were guarded too

    # The guard can fail: the sockets opened on purpose were seen, by the audit hook and in /proc.
    assert "socket.__new__" in report["probe_events"] and len(report["probe_sockets"]) == 1
    assert "socket.__new__" in probe_child
