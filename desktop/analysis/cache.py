"""On-disk cache of analysis results, keyed by a file's content and the engine version.

One small file per result, ``<root>/engine-<version>/<ab>/<key>.json``, where the
key is the BLAKE2b hash of the review's bytes. Each entry is two lines: a header
(engine version, key, the hash of the body, and the library row's numbers) and
the body, the jsonl record without its file name. Nothing read back is trusted:
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

import functools
import hashlib
import json
import logging
import math
import os
import re
import shutil
import sys
import time
from pathlib import Path

from desktop.analysis import ENGINE_VERSION
from desktop.analysis.result import LABELS, Analysis, Evidence, Person, Sentence, Span, Verdict
from desktop.atomic import replacing
from desktop.paths import cache_dir, resources_dir

log = logging.getLogger(__name__)

VERSION_PREFIX = "engine-"
LAST_USED = "last-used"
"""A version folder's stamp file, touched whenever ``prune`` runs for that version."""
MAX_AGE_DAYS = 30
MAX_BYTES = 500 * 1024 * 1024
RECORD_KEYS = ("ok", "encoding", "text", "paragraphs", "sentences", "people", "verdict")
SENTENCE_KEYS = {"start", "end", "polarity", "subjectivity", "drivers"}
RESULT_NEUTRAL = {"batch.py", "cache.py"}
"""Engine modules whose changes cannot alter a result, left out of a checkout's version hash."""
VERDICT_KEYS = {"label", "score", "positive", "negative", "neutral", "reason", "evidence"}
EVIDENCE_KEYS = {"text", "start", "end", "weight"}


ENGINE_VERSION_FILE = "engine_version.txt"
"""Written into the packaged app at build time: the version its sources had."""


@functools.cache
def engine_version() -> str:
    """ENGINE_VERSION plus a hash of the engine's sources and word lists (stamped into the packaged app)."""
    if getattr(sys, "frozen", False):
        stamped = resources_dir() / ENGINE_VERSION_FILE
        return stamped.read_text().strip() if stamped.is_file() else ENGINE_VERSION
    analysis = Path(__file__).resolve().parent
    resources = resources_dir()
    code = [path for path in analysis.glob("*.py") if path.name not in RESULT_NEUTRAL]
    sources = sorted([*code, *resources.glob("*.txt"), *resources.glob("people/*.txt"), *resources.glob("models/*")])
    digest = hashlib.blake2b(digest_size=6)
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{ENGINE_VERSION}+src.{digest.hexdigest()}"


def content_key(data: bytes) -> str:
    """The cache key of a review's bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


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

    def load(self, key: str) -> dict | None:
        """The full record (without ``file``) stored for ``key``, or None."""
        entry = self._read(key)
        if entry is None:
            return None
        try:
            record = json.loads(entry[1])
        except ValueError:
            return None
        return record if valid_record(record) else None

    def load_summary(self, key: str) -> dict | None:
        """The library numbers stored for ``key`` (verdict, score, people, words), or None."""
        entry = self._read(key)
        return entry[0]["summary"] if entry else None

    def store(self, key: str, record: dict) -> bool:
        """Keep a successful jsonl record for ``key`` (failures are not cached); False if it could not be written."""
        if record.get("ok") is not True:
            return True
        body = json.dumps({name: record[name] for name in RECORD_KEYS}, separators=(",", ":")).encode()
        header = {
            "engine": self.version,
            "key": key,
            "body": hashlib.blake2b(body, digest_size=16).hexdigest(),
            "summary": record_summary(record),
        }
        data = json.dumps(header, separators=(",", ":")).encode() + b"\n" + body + b"\n"
        path = self.entry_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(path) as temporary:
                temporary.write_bytes(data)
        except OSError as error:
            if not self._write_failed:
                log.warning("Could not write to the result cache in %s: %s", self.folder, error)
            self._write_failed = True
            return False
        return True

    def prune(self, max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES) -> None:
        """Mark this version used; remove other versions unused for ``max_age_days``, then the least
        recently used others while the whole cache is over ``max_bytes``. Never raises."""
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
                and _valid_summary(header["summary"])
            )
        except (ValueError, TypeError, KeyError):
            return None
        return (header, body) if ok else None


def _last_used(folder: os.DirEntry) -> float:
    """When a version folder was last used: its stamp's time, else the folder's own."""
    try:
        return os.stat(os.path.join(folder.path, LAST_USED)).st_mtime
    except OSError:
        return folder.stat(follow_symlinks=False).st_mtime


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


def record_summary(record: dict) -> dict:
    """The library numbers of a successful record: verdict, score, people and words."""
    return {
        "verdict": record["verdict"]["label"],
        "score": record["verdict"]["score"],
        "people": len(record["people"]),
        "words": len(record["text"].split()),
    }


def valid_record(record: object) -> bool:
    """Whether ``record`` has exactly the shape of a successful jsonl record (without ``file``)."""
    try:
        if not isinstance(record, dict) or tuple(record) != RECORD_KEYS or record["ok"] is not True:
            return False
        text, encoding = record["text"], record["encoding"]
        if not (isinstance(text, str) and isinstance(encoding, str)):
            return False
        size = len(text)
        if not all(_span(span, size) for span in record["paragraphs"]):
            return False
        for sentence in record["sentences"]:
            if not (
                set(sentence) == SENTENCE_KEYS
                and _span((sentence["start"], sentence["end"]), size)
                and _number(sentence["polarity"])
                and _number(sentence["subjectivity"])
                and all(len(d) == 2 and isinstance(d[0], str) and _number(d[1]) for d in sentence["drivers"])
            ):
                return False
        for person in record["people"]:
            if not (set(person) == {"name", "mentions", "polarity"} and isinstance(person["name"], str)
                    and _number(person["polarity"]) and all(_span(span, size) for span in person["mentions"])):
                return False
        verdict = record["verdict"]
        return (
            set(verdict) == VERDICT_KEYS
            and verdict["label"] in LABELS
            and _number(verdict["score"])
            and all(_count(verdict[name]) for name in ("positive", "negative", "neutral"))
            and isinstance(verdict["reason"], str)
            and all(set(cue) == EVIDENCE_KEYS and isinstance(cue["text"], str) and _number(cue["weight"])
                    and _span((cue["start"], cue["end"]), size) for cue in verdict["evidence"])
        )
    except (TypeError, KeyError):
        return False


def analysis_from_record(record: dict, name: str = "", size: int = 0) -> Analysis:
    """The frozen Analysis a checked record (from :meth:`ResultCache.load`) stands for."""
    verdict = record["verdict"]
    return Analysis(
        name=name,
        encoding=record["encoding"],
        text=record["text"],
        paragraphs=tuple(Span(*span) for span in record["paragraphs"]),
        sentences=tuple(
            Sentence(s["start"], s["end"], s["polarity"], s["subjectivity"],
                     tuple((word, score) for word, score in s["drivers"]))
            for s in record["sentences"]
        ),
        people=tuple(Person(p["name"], tuple(Span(*m) for m in p["mentions"]), p["polarity"])
                     for p in record["people"]),
        verdict=Verdict(verdict["label"], verdict["score"], verdict["positive"], verdict["negative"],
                        verdict["neutral"], verdict["reason"],
                        tuple(Evidence(c["text"], c["start"], c["end"], c["weight"]) for c in verdict["evidence"])),
        size=size,
    )


def _valid_summary(summary: object) -> bool:
    return (
        isinstance(summary, dict)
        and set(summary) == {"verdict", "score", "people", "words"}
        and summary["verdict"] in LABELS
        and _number(summary["score"])
        and _count(summary["people"])
        and _count(summary["words"])
    )


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _span(span: object, size: int) -> bool:
    return (
        isinstance(span, (list, tuple)) and len(span) == 2
        and all(isinstance(i, int) and not isinstance(i, bool) for i in span)
        and 0 <= span[0] <= span[1] <= size
    )
