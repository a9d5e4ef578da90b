"""The app's version and the git commit it was built from, for ``--version`` and Help ▸ About.

The packaged app reads the commit stamped into it at build time (``resources/commit.txt``,
written by build/bundle/ReviewReader.spec); a checkout asks git. Standard library only: build/tasks.py
uses it too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import desktop

COMMIT_FILE = "commit.txt"
CHECKOUT = Path(__file__).resolve().parent.parent


def source_commit() -> str:
    """The checkout's short commit hash, with "-dirty" when its files differ from it; "unknown" without git."""
    if not (CHECKOUT / ".git").exists():
        return "unknown"
    try:
        head = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}-dirty" if changed else head or "unknown"


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=CHECKOUT, capture_output=True, text=True, timeout=10, check=True)
    return done.stdout.strip()


def commit() -> str:
    """The commit this app was built from (packaged) or is running from (checkout)."""
    if getattr(sys, "frozen", False):
        from desktop.paths import resources_dir

        stamped = resources_dir() / COMMIT_FILE
        return stamped.read_text(encoding="utf-8").strip() if stamped.is_file() else "unknown"
    return source_commit()


def version_line() -> str:
    """"Review Reader 0.1.0 (commit 1a2b3c4)": what ``--version`` prints and About shows."""
    return f"Review Reader {desktop.__version__} (commit {commit()})"
