"""On-disk cache of analysis results, keyed by a file's content and the engine version.

One small file per result, ``<root>/engine-<version>/<ab>/<key>.json``, where the
key is the BLAKE2b hash of the review's bytes. Each entry is two lines: a header
(engine version, key, the hash of the body, and the library row's numbers) and
the body, the analysis in its JSON form (``records.analysis_json``). Nothing read back is trusted:
an entry whose header, body hash or structure does not check out is ignored and
rewritten. Writes go to a temporary file that replaces the entry in one step.

Entries take about 5 KB a review. Other engine versions' entries are pruned, never
wholesale: a version unused for ``MAX_AGE_DAYS`` goes, and while the cache holds
more than ``MAX_BYTES`` the least recently used other versions go (``prune``, run
when a batch starts and when the window starts). So a checkout and an installed
app sharing the cache keep each other's results.

The root is ``desktop.paths.cache_dir()``. A source checkout adds a hash of the
engine's code and word lists to the version, so editing the engine never serves
stale results.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from desktop import engine as engine_package
from desktop.app.records import analysis_from_json, analysis_json, numbers, valid_numbers
from desktop.atomic import replacing
from desktop.engine import ENGINE_VERSION
from desktop.engine.result import Analysis
from desktop.paths import cache_dir, resources_dir

log = logging.getLogger(__name__)

VERSION_PREFIX = "engine-"
LAST_USED = "last-used"
"""A version folder's stamp file, touched whenever ``prune`` runs for that version."""
MAX_AGE_DAYS = 30
MAX_BYTES = 500 * 1024 * 1024
TRIM_TO = 0.8
"""A version over the limit by itself is cut to this share of it (so not trimmed again at every run)."""


ENGINE_VERSION_FILE = "engine_version.txt"
"""Written into the packaged app at build time: the version its sources had."""


@functools.cache
def engine_version() -> str:
    """ENGINE_VERSION plus a hash of every engine source (``desktop/engine``, sub-folders too) and word
    list (stamped into the packaged app)."""
    if getattr(sys, "frozen", False):
        stamped = resources_dir() / ENGINE_VERSION_FILE
        return stamped.read_text().strip() if stamped.is_file() else ENGINE_VERSION
    engine = Path(engine_package.__file__).resolve().parent
    resources = resources_dir()
    sources = sorted([*engine.rglob("*.py"), *resources.glob("*.txt"), *resources.glob("people/*.txt"),
                      *resources.glob("models/*")])
    digest = hashlib.blake2b(digest_size=6)
    for path in sources:
        name = path.relative_to(engine if path.suffix == ".py" else resources).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{ENGINE_VERSION}+src.{digest.hexdigest()}"


def content_key(data: bytes | str, variant: str = "") -> str:
    """The cache key of a review's bytes (text is keyed by its UTF-8 bytes); a ``variant`` reading of the
    same review ("as-english") gets a key of its own."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(raw, digest_size=20)
    if variant:
        digest.update(b"\0" + variant.encode())
    return digest.hexdigest()


class ResultCache:
    """Analysis records stored by content key for one engine version; safe to share between processes.

    Reading never raises: a missing or untrustworthy entry is a miss. Writing never
    raises either: a cache that cannot be written only makes the next run slower.
    """

    def __init__(self, root: str | os.PathLike | None = None, version: str | None = None):
        self.root = Path(root) if root is not None else cache_dir()
        self.version = version or engine_version()
        self.folder = self.root / (VERSION_PREFIX + re.sub(r"[^A-Za-z0-9.+_-]", "_", self.version))
        self._write_failed = False
        """Whether a write failed: each process logs only the first failure."""

    def entry_path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, name: str = "", size: int = 0) -> Analysis | None:
        """The Analysis stored for ``key`` (named ``name``, from ``size`` bytes), or None."""
        entry = self._read(key)
        if entry is None:
            return None
        try:
            data = json.loads(entry[1])
        except (ValueError, RecursionError):  # hostile or broken: a miss, analysed again
            return None
        return analysis_from_json(data, name, size)

    def load_numbers(self, key: str) -> dict | None:
        """The library numbers stored for ``key`` (``records.numbers``), or None."""
        entry = self._read(key)
        return entry[0]["numbers"] if entry else None

    def store(self, key: str, analysis: Analysis) -> bool:
        """Keep ``analysis`` for ``key``; False if it could not be written."""
        body = json.dumps(analysis_json(analysis), separators=(",", ":")).encode()
        header = {
            "engine": self.version,
            "key": key,
            "body": hashlib.blake2b(body, digest_size=16).hexdigest(),
            "numbers": numbers(analysis),
        }
        data = json.dumps(header, separators=(",", ":")).encode() + b"\n" + body + b"\n"
        path = self.entry_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(path, tidy=False) as temporary:
                temporary.write_bytes(data)
        except OSError as error:
            if not self._write_failed:
                log.warning("Could not write to the result cache in %s: %s", self.folder, error)
            self._write_failed = True
            return False
        return True

    def prune(self, max_age_days: float = MAX_AGE_DAYS, max_bytes: int | None = None) -> None:
        """Mark this version used; remove other versions unused for ``max_age_days``, then the least
        recently used others while the whole cache is over ``max_bytes``, then, if this version alone is
        over it, its oldest entries until it holds TRIM_TO of it (``max_bytes``: MAX_BYTES unless given). Never
        raises."""
        max_bytes = MAX_BYTES if max_bytes is None else max_bytes
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / LAST_USED).touch()
            others = sorted(
                (_last_used(entry), entry.path) for entry in os.scandir(self.root)
                if entry.name.startswith(VERSION_PREFIX) and entry.path != str(self.folder)
                and entry.is_dir(follow_symlinks=False)
            )
        except OSError as error:
            log.warning("Could not prune the result cache in %s: %s", self.root, error)
            return
        cutoff = time.time() - max_age_days * 86_400
        sizes = {path: _size(path) for _used, path in others}
        total = _size(str(self.folder)) + sum(sizes.values())
        for used, path in others:
            if used >= cutoff and total <= max_bytes:
                break
            shutil.rmtree(path, ignore_errors=True)
            total -= sizes[path]
        if total > max_bytes:
            self._trim(int(max_bytes * TRIM_TO))

    def _trim(self, keep_bytes: int) -> None:
        """Remove this version's entries, oldest written first, until they hold at most ``keep_bytes``."""
        entries = []
        for shard in _entries(str(self.folder)):
            try:
                info = os.stat(shard, follow_symlinks=False)
            except OSError:
                continue
            entries.append((info.st_mtime, info.st_size, shard))
        total = sum(size for _written, size, _path in entries)
        for _written, size, path in sorted(entries):
            if total <= keep_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size

    def _read(self, key: str) -> tuple[dict, bytes] | None:
        """The checked header and the body bytes of an entry, or None."""
        try:
            data = self.entry_path(key).read_bytes()
        except OSError:
            return None
        head, _, body = data.partition(b"\n")
        if not body.endswith(b"\n"):
            return None
        body = body[:-1]
        try:
            header = json.loads(head)
            ok = (
                header["engine"] == self.version
                and header["key"] == key
                and header["body"] == hashlib.blake2b(body, digest_size=16).hexdigest()
                and valid_numbers(header["numbers"])
            )
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
        return (header, body) if ok else None


def _last_used(folder: os.DirEntry) -> float:
    """When a version folder was last used: its stamp's time, else the folder's own."""
    try:
        return os.stat(os.path.join(folder.path, LAST_USED)).st_mtime
    except OSError:
        return folder.stat(follow_symlinks=False).st_mtime


def _entries(folder: str) -> Iterator[str]:
    """The entry files of a version folder (one level of shard folders below it)."""
    try:
        shards = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for shard in shards:
        try:
            yield from (entry.path for entry in os.scandir(shard) if entry.is_file(follow_symlinks=False))
        except OSError:
            continue


def _size(folder: str) -> int:
    """Bytes in the files below ``folder`` (0 when it cannot be read)."""
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total
