"""Reading review files safely (size limits, clear errors, folder walks without loops), and the text a review
is saved as."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from desktop.engine.errors import ReviewError
from desktop.engine.text.clean import clean

MAX_BYTES = 20 * 1024 * 1024


def saved_text(shown: str) -> str:
    """What to write for a review whose cleaned text is ``shown`` so that opening the file shows it again: the
    text itself, or, when cleaning would read some of it as markup ("<b>", "&amp;" shown literally), with its
    "&" and "<" written as entities."""
    if clean(shown) == shown:
        return shown
    return shown.replace("&", "&amp;").replace("<", "&lt;")
_DIGITS = re.compile(r"(\d+)")
_IMDB_NAME = re.compile(r"^(\d+)_(10|[1-9])\.txt$", re.IGNORECASE)


def imdb_rating(name: str) -> int | None:
    """The rating out of 10 in an IMDB-style file name such as ``1234_8.txt``, else None."""
    match = _IMDB_NAME.match(re.split(r"[\\/]", name)[-1])
    return int(match.group(2)) if match else None


def read_review(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a review file, or ReviewError with a reason a reader understands.

    The file is opened read-only and never written; a file over ``limit`` is
    refused from its size alone, before it is read.
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError as error:
        raise unreadable(path, error) from None
    _check_regular(path, info.st_mode)
    if info.st_size > limit:
        raise ReviewError(
            f"{path.name} is {info.st_size / 1_048_576:.1f} MB; reviews over "
            f"{limit / 1_048_576:.0f} MB are not opened."
        )
    with open_review(path) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise unreadable(path, error) from None
    if len(data) > limit:
        raise ReviewError(f"{path.name} grew past {limit / 1_048_576:.0f} MB while being read.")
    return data


@contextmanager
def open_review(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A review file (or a table of reviews) open for reading, in binary, checked to be a regular file
    once open; ReviewError with a reason a reader understands when it cannot be. Opening never waits."""
    path = Path(path)
    try:
        handle = open(path, "rb", opener=_open_without_waiting)
    except OSError as error:
        raise unreadable(path, error) from None
    with handle:
        _check_regular(path, os.fstat(handle.fileno()).st_mode)  # it may have been swapped since a check
        yield handle


def unreadable(path: Path, error: OSError) -> ReviewError:
    """The reader's words for why ``path`` cannot be read."""
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return ReviewError(f"{path.name} is a link to a file that does not exist.")
        return ReviewError(f"{path.name} was not found (it may have been moved or deleted).")
    if isinstance(error, PermissionError):
        return ReviewError(f"You do not have permission to read {path.name}.")
    if isinstance(error, IsADirectoryError):
        return ReviewError(f"{path.name} is a folder, not a review file.")
    return ReviewError(f"{path.name} cannot be read: {error.strerror or error}.")


def _check_regular(path: Path, mode: int) -> None:
    """ReviewError unless ``mode`` is a regular file's."""
    if stat.S_ISDIR(mode):
        raise ReviewError(f"{path.name} is a folder, not a review file.")
    if not stat.S_ISREG(mode):
        raise ReviewError(f"{path.name} is not a regular file (it may be a pipe or a device).")


def _open_without_waiting(path: str, flags: int) -> int:
    """Open never waits: a pipe put in a file's place opens at once (and is then refused)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def natural_key(name: str) -> list:
    """Sort key that puts "2_7.txt" before "10_3.txt", case aside (then by the exact name, so ties never depend on the disk)."""
    return [int(part) if part.isdigit() else part.lower() for part in _DIGITS.split(name)] + [name]


def path_key(path: Path) -> list:
    """Sort key for paths: folder by folder, each name in natural order (the order ``review_files`` lists)."""
    return [natural_key(part) for part in path.parts]


def folder_reviews(folder: Path) -> list[Path]:
    """The .txt files directly in ``folder``, in natural order; none when it cannot be listed."""
    return list(_walk(folder, [], recurse=False))


def neighbour(current: Path, direction: int, chosen: Sequence[Path] = ()) -> Path | None:
    """The review after (1) or before (-1) ``current``: in ``chosen`` if it holds it, else in its folder."""
    files = list(chosen) if current in chosen else folder_reviews(current.parent)
    if current not in files:
        files = sorted([*files, current], key=lambda path: natural_key(path.name))
    index = files.index(current) + direction
    return files[index] if 0 <= index < len(files) else None


def review_files(paths: Iterable[str | os.PathLike], skipped: list[Path] | None = None) -> Iterator[Path]:
    """Every ``.txt`` file named or below the folders named, each folder in natural order.

    Only regular files (or links to them) are listed; links to folders are not
    followed, so a link loop cannot trap the walk. A named path that is not a folder is
    yielded as it is, so the caller reports it. Folders that cannot be listed are
    skipped, and added to ``skipped`` when it is given.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path, skipped if skipped is not None else [])
        else:
            yield path


def _walk(folder: Path, skipped: list[Path], recurse: bool = True) -> Iterator[Path]:
    """Depth first, each folder's entries sorted; a stack instead of recursion, so no depth overflows."""
    stack = [_sorted_entries(folder, skipped)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if recurse:
                    stack.append(_sorted_entries(Path(entry.path), skipped))
            elif entry.name.lower().endswith(".txt") and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def _sorted_entries(folder: Path, skipped: list[Path]) -> Iterator[os.DirEntry]:
    """The entries of ``folder`` by name; none (and ``folder`` added to ``skipped``) when it cannot be listed."""
    try:
        return iter(sorted(os.scandir(folder), key=lambda entry: natural_key(entry.name)))
    except OSError:
        skipped.append(folder)
        return iter(())
