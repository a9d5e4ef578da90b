"""Writing our own files in one step: a half-written file never replaces a good one."""

from __future__ import annotations

import os
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STALE_SECONDS = 3600
"""A temporary file of ours this old was left by a write that was killed: the next write of its file removes it."""


_HEX = frozenset("0123456789abcdef")


@contextmanager
def replacing(path: str | os.PathLike, tidy: bool = True) -> Iterator[Path]:
    """A new temporary file beside ``path`` to write; when the block ends it replaces ``path`` in one
    step, and when the block fails it is removed.

    It is created as any new file is (mode 0666 less the umask; ``mkstemp`` would make it 0600), or with
    the mode of the file it replaces, and exclusively, so it never opens someone else's file. Temporary
    files an earlier, killed write of ``path`` left (older than STALE_SECONDS) are removed, unless ``tidy`` is
    False (the result cache, which writes thousands of files and prunes its own folders).
    """
    path = Path(path)
    if tidy:
        _remove_stale(path)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    os.close(os.open(temporary, flags, 0o666))
    try:
        try:
            kept = os.stat(path)
        except OSError:
            pass  # a new file
        else:
            if stat.S_ISREG(kept.st_mode):
                os.chmod(temporary, stat.S_IMODE(kept.st_mode))  # a 0600 export stays 0600
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_stale(path: Path) -> None:
    """Remove the temporary files of ``path`` (``.NAME.<12 hex>.part``) older than STALE_SECONDS."""
    prefix = f".{path.name}."

    def ours(name: str) -> bool:
        token = name[len(prefix):-len(".part")]
        return name.startswith(prefix) and name.endswith(".part") and len(token) == 12 and _HEX.issuperset(token)

    try:
        names = [entry.name for entry in os.scandir(path.parent) if ours(entry.name)]
    except OSError:
        return
    for name in names:
        try:
            if time.time() - os.lstat(path.parent / name).st_mtime > STALE_SECONDS:
                (path.parent / name).unlink()
        except OSError:
            continue
