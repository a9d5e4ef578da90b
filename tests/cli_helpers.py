"""Running ``review-reader-cli`` in the test's own process, as its console script runs it: fast, with the
same exit status and output (one test per module still runs it as a subprocess, the way a user does)."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from desktop import cli as cli_module
from desktop.paths import CACHE_ENV


@dataclass
class Run:
    """What a run of the command line returned and printed."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def cache_at(folder: Path | None):
    """The result cache in ``folder`` for the duration (None: as it is)."""
    before = os.environ.get(CACHE_ENV)
    if folder is not None:
        os.environ[CACHE_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = before


def run_cli(*args: str, cache: Path | None = None) -> Run:
    """``review-reader-cli ARGS`` in this process (argparse errors exit with 2), its cache in ``cache``."""
    out, err = io.StringIO(), io.StringIO()
    with cache_at(cache), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_module.main(list(args))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue())
