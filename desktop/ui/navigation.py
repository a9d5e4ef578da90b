"""Which review comes next: the folder's .txt files in natural order, or an explicit list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path


def natural_key(path: Path) -> list:
    """Sort key that puts "2_7.txt" before "10_3.txt"."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def folder_reviews(folder: Path) -> list[Path]:
    """The .txt files directly in ``folder``, in natural order."""
    try:
        files = [p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=natural_key)


def neighbour(current: Path, direction: int, chosen: Sequence[Path] = ()) -> Path | None:
    """The review after (1) or before (-1) ``current``: in ``chosen`` if it holds it, else in its folder."""
    files = list(chosen) if current in chosen else folder_reviews(current.parent)
    if current not in files:
        files = sorted([*files, current], key=natural_key)
    index = files.index(current) + direction
    return files[index] if 0 <= index < len(files) else None
