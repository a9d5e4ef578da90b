"""Milestones on stderr for benchmarks and smoke tests, when REVIEW_READER_TRACE=1."""

from __future__ import annotations

import os
import sys
import time

ENABLED = os.environ.get("REVIEW_READER_TRACE") == "1"


def trace(event: str) -> None:
    """Print ``review-reader-trace EVENT UNIX-TIME`` on stderr (only when enabled)."""
    if ENABLED:
        print(f"review-reader-trace {event} {time.time():.4f}", file=sys.stderr, flush=True)
