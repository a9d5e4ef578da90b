"""Start the app on an X display, time its window and its first analysis, then close it.

    xvfb-run -a python build/bundle/smoke_window.py [--runs N] [--timeout S] [--until EVENT] -- COMMAND [ARGS...]

COMMAND is the app (``dist/ReviewReader/ReviewReader FILE`` or ``python -m desktop FILE``).
Each run starts with a new, empty HOME and measures, from launch: when a "Review Reader" window is viewable on the
display (polled with xwininfo), and when the app reports EVENT (it prints trace
lines on stderr when REVIEW_READER_TRACE=1): "analysis-finished" (default, a review
fully coloured) or "library-analysed" (a folder's library filled). Then it sends SIGTERM,
which the app answers by closing its window and exiting with status 0.
Prints one line per run and the medians; exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TRACE = re.compile(r"^review-reader-trace (\S+) ([0-9.]+)$")
WINDOW = re.compile(r"^\s+(0x[0-9a-f]+) \"(?:[^\"]* \u2014 )?Review Reader\"", re.MULTILINE)
"""The main window: titled "Review Reader", or "FILE — Review Reader" once a review or folder is open."""


def window_viewable() -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    for window in WINDOW.findall(tree):
        info = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True).stdout
        if "IsViewable" in info:
            return True
    return False


def one_run(command: list[str], timeout: float, until: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="review-reader-home-") as home:
        # A new, empty home each run: no settings and no result cache, as on a reader's first start.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "REVIEW_READER_"))}
        return _run(command, timeout, until, {**env, "HOME": home, "REVIEW_READER_TRACE": "1"})


def _run(command: list[str], timeout: float, until: str, env: dict) -> dict:
    launched = time.time()
    app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    events: dict[str, float] = {}
    stderr_lines: list[str] = []

    def read_trace() -> None:
        for line in app.stderr:
            match = TRACE.match(line.strip())
            if match:
                events.setdefault(match.group(1), float(match.group(2)) - launched)
            else:
                stderr_lines.append(line)

    reader = threading.Thread(target=read_trace, daemon=True)
    reader.start()
    result = {"window": None, "analysed": None, "exit": None}
    deadline = launched + timeout
    while time.time() < deadline and app.poll() is None:
        if result["window"] is None and window_viewable():
            result["window"] = time.time() - launched
        if result["window"] is not None and until in events:
            break
        time.sleep(0.02)
    result["analysed"] = events.get(until)
    if app.poll() is None:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
    reader.join(timeout=5)
    result["exit"] = app.returncode
    result["stderr"] = "".join(stderr_lines[-20:])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--until", default="analysis-finished", help="the trace event that ends a run")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the app's command after --")
    if "DISPLAY" not in os.environ:
        parser.error("no X display: run under xvfb-run -a")
    runs = [one_run(command, args.timeout, args.until) for _ in range(args.runs)]
    failed = False
    for number, run in enumerate(runs, 1):
        ok = run["window"] is not None and run["analysed"] is not None and run["exit"] == 0
        failed |= not ok
        window = f"{run['window']:.2f} s" if run["window"] is not None else "never"
        analysed = f"{run['analysed']:.2f} s" if run["analysed"] is not None else "never"
        print(f"run {number}: window visible {window}, analysed {analysed}, exit status {run['exit']}"
              f"{'' if ok else '  FAILED'}")
        if not ok and run["stderr"]:
            print(run["stderr"], file=sys.stderr)
    if not failed:
        print(f"median of {len(runs)}: window visible {statistics.median(r['window'] for r in runs):.2f} s, "
              f"fully analysed {statistics.median(r['analysed'] for r in runs):.2f} s after launch")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
