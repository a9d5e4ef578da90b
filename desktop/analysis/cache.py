"""On-disk cache of analysis results, keyed by a file's content and the engine version.

One small file per result, ``<root>/engine-<version>/<ab>/<key>.json``, where the
key is the BLAKE2b hash of the review's bytes. Each entry is two lines: a header
(engine version, key, the hash of the body, and the library row's numbers) and
the body, the jsonl record without its file name. Nothing read back is trusted:
an entry whose header, body hash or structure does not check out is ignored and
rewritten. Writes go to a temporary file that replaces the entry in one step.
A batch first removes the entries of other engine versions (about 5 KB a review
on disk), so the cache holds one version's results at a time.

The root is ``$REVIEW_READER_CACHE_DIR`` when set, else the platform's user cache
folder plus ``review-reader``. A source checkout adds a hash of the engine's code
and word lists to the version, so editing the engine never serves stale results.
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
import tempfile
from pathlib import Path

from desktop.analysis import ENGINE_VERSION
from desktop.analysis.result import LABELS, Analysis, Person, Sentence, Span, Verdict
from desktop.paths import resources_dir

log = logging.getLogger(__name__)

CACHE_ENV = "REVIEW_READER_CACHE_DIR"
VERSION_PREFIX = "engine-"
RECORD_KEYS = ("ok", "encoding", "text", "paragraphs", "sentences", "people", "verdict")
SENTENCE_KEYS = {"start", "end", "polarity", "subjectivity", "drivers"}
RESULT_NEUTRAL = {"batch.py", "cache.py"}
"""Engine modules whose changes cannot alter a result, left out of a checkout's version hash."""
VERDICT_KEYS = {"label", "score", "positive", "negative", "neutral", "reason"}


def default_cache_dir() -> Path:
    """``$REVIEW_READER_CACHE_DIR``, else the platform's user cache folder / ``review-reader``."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"
    return base / "review-reader"


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
    sources = sorted([*code, *resources.glob("*.txt"), *resources.glob("people/*.txt")])
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
        self.root = Path(root) if root is not None else default_cache_dir()
        self.version = version or engine_version()
        self.folder = self.root / (VERSION_PREFIX + re.sub(r"[^A-Za-z0-9.+_-]", "_", self.version))

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

    def store(self, key: str, record: dict) -> None:
        """Keep a successful jsonl record for ``key``; failures are not cached."""
        if record.get("ok") is not True:
            return
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
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as error:
            log.warning("Could not write to the result cache in %s: %s", self.folder, error)

    def remove_other_versions(self) -> None:
        """Delete the entries of every other engine version (a new version makes them useless)."""
        try:
            folders = [entry for entry in os.scandir(self.root)
                       if entry.name.startswith(VERSION_PREFIX) and entry.path != str(self.folder)
                       and entry.is_dir(follow_symlinks=False)]
        except OSError:
            return
        for folder in folders:
            shutil.rmtree(folder.path, ignore_errors=True)

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
            if not (set(person) == {"name", "mentions"} and isinstance(person["name"], str)
                    and all(_span(span, size) for span in person["mentions"])):
                return False
        verdict = record["verdict"]
        return (
            set(verdict) == VERDICT_KEYS
            and verdict["label"] in LABELS
            and _number(verdict["score"])
            and all(_count(verdict[name]) for name in ("positive", "negative", "neutral"))
            and isinstance(verdict["reason"], str)
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
        people=tuple(Person(p["name"], tuple(Span(*m) for m in p["mentions"])) for p in record["people"]),
        verdict=Verdict(verdict["label"], verdict["score"], verdict["positive"], verdict["negative"],
                        verdict["neutral"], verdict["reason"]),
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
