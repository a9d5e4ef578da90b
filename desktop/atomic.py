"""Writing our own files in one step: a half-written file never replaces a good one."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A new temporary file beside ``path`` to write; when the block ends it replaces ``path`` in one
    step, and when the block fails it is removed.

    It is created as any new file is (mode 0666 less the umask; ``mkstemp`` would make it 0600), and
    exclusively, so it never opens someone else's file.
    """
    path = Path(path)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    os.close(os.open(temporary, flags, 0o666))
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
