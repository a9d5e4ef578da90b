"""The library index: every analysed review's numbers, people and cleaned text in one SQLite database, so a
query over 25,000 reviews is answered by the database (FTS5 for the words) instead of by reading 25,000
results. No Qt.

A review is known by its place (file, and row for a table's row) and the stamp of its
file (size and modification time; a table's for its rows) under one engine version: a
review whose stamp or engine changed, or that is new, is analysed again and stored; rows
of files that are gone are dropped when their folder or table is listed again. It sits
beside the result cache, which stays the store of whole results by content (shared by
every place a text is found); the index only answers "which of these reviews".

Writes are transactions in WAL mode, so a killed run loses at most the reviews not yet
committed. A database that is not ours, or is damaged, is set aside under a new name
(``library-index.sqlite3.unreadable-<time>``) and a new one is made.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import cast

from desktop.app.batch import INDEXED, BatchProgress, analyze_files
from desktop.app.cache import ResultCache, engine_version
from desktop.app.query import (
    AllOf,
    AnyOf,
    Compare,
    Disagrees,
    Is,
    Match,
    Names,
    Not,
    Phrase,
    Query,
    words_of,
)
from desktop.app.records import Indexed, LibraryRow, PersonTally, ReviewFile
from desktop.engine.errors import CancelEvent
from desktop.engine.result import LABELS

log = logging.getLogger(__name__)

APPLICATION_ID = 0x52524958  # "RRIX"
SCHEMA = 4
INDEX_NAME = "library-index.sqlite3"
COMMIT_EVERY = 500
"""Reviews stored between commits (and at the end)."""

_TABLES = """
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY, path BLOB NOT NULL, row INTEGER NOT NULL, stamp TEXT NOT NULL, engine TEXT NOT NULL,
    label TEXT, rating REAL, verdict TEXT, score REAL, confidence REAL, people INTEGER, words INTEGER,
    language TEXT, error TEXT, UNIQUE (path, row));
CREATE TABLE people (
    review INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE, name TEXT NOT NULL, words TEXT NOT NULL,
    tone TEXT NOT NULL, mentions INTEGER NOT NULL);
CREATE INDEX people_of_review ON people (review);
CREATE VIRTUAL TABLE names USING fts5 (words, content = '', tokenize = "unicode61 remove_diacritics 2");
CREATE TABLE texts (id INTEGER PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE, packed BLOB NOT NULL);
CREATE VIRTUAL TABLE words USING fts5 (text, content = '', tokenize = "unicode61 remove_diacritics 2");
"""
SEP = os.sep.encode()

_NUMBER_COLUMNS = ("verdict", "score", "people", "words", "language")


class LibraryIndex:
    """The index database at ``path`` (":memory:" for one that lasts as long as the object)."""

    def __init__(self, path: str | os.PathLike, engine: str, shared: bool = False) -> None:
        self.path, self.engine = str(path), engine
        self.shared = shared
        """Whether it may be used from one thread after another (never two at once: the caller's lock)."""
        self.db = self._open()
        self._ids: dict[Place, int] = {}
        """The id of each review the index knows, by place (as ``stale``, ``store`` or a search found them)."""
        self._scope: list[int] | None = None
        """The ids of the reviews the last search was over."""
        self.storing = True
        """False once the database failed to take results (a full disk): they are not kept."""

    @classmethod
    def beside(cls, cache: ResultCache | None, shared: bool = False) -> LibraryIndex:
        """The index in the result cache's folder, for its engine version (in memory without a cache)."""
        if cache is None:
            return cls(":memory:", engine_version(), shared)
        return cls(cache.root / INDEX_NAME, cache.version, shared)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Opening

    def _open(self) -> sqlite3.Connection:
        """The database, made if new; one that is not ours or is damaged is set aside; one that cannot be
        opened or written (a read-only folder, a full disk) is replaced by one in memory, which ``kept`` says."""
        self.kept = self.path != ":memory:"
        if self.kept:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                return self._ready(self._connect(self.path))
            except sqlite3.DatabaseError as error:
                if not isinstance(error, sqlite3.OperationalError):  # damaged, or another program's file
                    return self._set_aside(error)
                log.warning("The library index %s cannot be used (%s); searching without keeping it", self.path, error)
            except OSError as error:
                log.warning("The library index %s cannot be made (%s); searching without keeping it", self.path, error)
            self.kept = False
        return self._ready(self._connect(":memory:"))

    def _ready(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """``db`` with its tables (made when it is empty); DatabaseError when it is not an index of ours."""
        db.execute("PRAGMA foreign_keys = ON")
        if not db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            if self.kept:
                db.execute("PRAGMA journal_mode = WAL")
            db.executescript(f"BEGIN; {_TABLES} PRAGMA application_id = {APPLICATION_ID}; "
                             f"PRAGMA user_version = {SCHEMA}; COMMIT;")
        ours = (db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
                and db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA)
        if not (ours and db.execute("PRAGMA quick_check").fetchone()[0] == "ok"):
            db.close()
            raise sqlite3.DatabaseError("not a library index of this version")
        return db

    def _set_aside(self, error: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Move the unreadable database (and its WAL files) aside and start a new one."""
        aside = f"{self.path}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                os.replace(self.path + suffix, aside + suffix)
        log.warning("The library index %s could not be read (%s); it was set aside as %s", self.path, error, aside)
        return self._ready(self._connect(self.path))

    def _connect(self, path: str) -> sqlite3.Connection:
        return sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=not self.shared)

    # Keeping it in step with the reviews listed

    def stale(self, reviews: Sequence[ReviewFile], listed: Iterable[str | os.PathLike] = ()) -> list[ReviewFile]:
        """The reviews that must be analysed (new, changed, from another engine, or failed); labels and ratings of the
        others are brought up to date, and rows of files under the folders and tables ``listed`` that are no
        longer there are dropped."""
        return self.known(reviews, listed)[1]

    def known(self, reviews: Sequence[ReviewFile],
              listed: Iterable[str | os.PathLike] = ()) -> tuple[list[LibraryRow], list[ReviewFile]]:
        """(the library rows of the reviews the index holds up to date, the reviews that are stale, as
        :meth:`stale` finds them, or failed last time)."""
        self._scope = None
        stamps: dict[str, str] = {}
        known = {(path, row): found for *found, path, row in self._held(listed)}
        rows, todo, relabelled, present = [], [], [], set()
        for review in reviews:
            place = _place(review)
            present.add(place)
            stamp = _stamp(review, stamps)
            found = known.get(place)
            if found is None or found[1] != stamp or found[2] != self.engine or found[-1] is not None:
                todo.append(review)  # a review that failed is tried again: a file may be readable now
                continue
            self._ids[place] = found[0]
            if (found[3], found[4]) != (review.label, review.rating):
                relabelled.append((review.label, review.rating, found[0]))
            rows.append(_row(review, found[5:10]))
        with self._transaction():
            self.db.executemany("UPDATE reviews SET label = ?, rating = ? WHERE id = ?", relabelled)
            self._drop_gone(present, listed, known)
        return rows, todo

    def _held(self, listed: Iterable[str | os.PathLike]) -> Iterator[tuple]:
        """The stored rows of the reviews under the folders and tables ``listed`` (every row when none is
        named): one library's rows, in an index that may hold many."""
        columns = "id, stamp, engine, label, rating, verdict, score, people, words, language, error, path, row"
        sources = _sources(listed)
        if not sources or b"." in sources:  # "." lists its files without a "./" in front
            yield from self.db.execute(f"SELECT {columns} FROM reviews")
            return
        for source in sources:
            folder = _folder(source)
            yield from self.db.execute(f"SELECT {columns} FROM reviews WHERE path = ? OR (path >= ? AND path < ?)",
                                       (source, folder, folder[:-1] + bytes([folder[-1] + 1])))

    def _drop_gone(self, present: set[Place], listed: Iterable[str | os.PathLike],
                   known: dict[Place, list]) -> None:
        gone = []
        for source in _sources(listed):
            folder = _folder(source)
            for place, found in known.items():
                if place not in present and (place[0] == source or place[0].startswith(folder)):
                    gone.append(found[0])
        for start in range(0, len(gone), 500):
            chunk = gone[start:start + 500]
            marks = ",".join("?" * len(chunk))
            self._forget_words(f"id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM reviews WHERE id IN ({marks})", chunk)

    def add(self, reviews: Sequence[ReviewFile], cache: ResultCache | None, jobs: int = 1,
            progress: Callable[[BatchProgress], None] | None = None,
            cancel: CancelEvent | None = None) -> list[LibraryRow]:
        """Analyse ``reviews`` (those ``stale`` names; from the result cache when it holds them) and store them;
        their rows (without what the index keeps)."""
        rows = analyze_files(reviews, detail=INDEXED, cache=cache, jobs=jobs, progress=progress, cancel=cancel)
        return [replace(row, indexed=None) for row in self.store(cast("Iterable[LibraryRow]", rows))]

    def store(self, rows: Iterable[LibraryRow]) -> Iterator[LibraryRow]:
        """Store each row (with what the index keeps of it: batch detail "indexed") as it passes, committing
        every COMMIT_EVERY and at the end, and give it on. A database that fails to take them (a full disk)
        is said once in the log; the rows still pass."""
        stamps: dict[str, str] = {}
        pending, storing = 0, True
        try:
            self.db.execute("BEGIN")
        except sqlite3.Error as error:
            storing = self._stop_storing(error)
        for row in rows:
            if storing:
                try:
                    self._store_one(row.review, row.indexed, row.error, _stamp(row.review, stamps))
                    pending += 1
                    if pending >= COMMIT_EVERY:
                        self.db.execute("COMMIT")
                        self.db.execute("BEGIN")
                        pending = 0
                except sqlite3.Error as error:
                    storing = self._stop_storing(error)
            yield row
        if storing and self.db.in_transaction:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as error:
                self._stop_storing(error)

    def _stop_storing(self, error: sqlite3.Error) -> bool:
        """Roll back what is not committed and say why nothing more is stored; False (storing stops)."""
        log.warning("The library index %s cannot store results (%s); they are not kept", self.path, error)
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.storing = False
        return self.storing

    def _store_one(self, review: ReviewFile, indexed: Indexed | None, error: str | None, stamp: str) -> None:
        place = _place(review)
        found = {} if indexed is None else indexed.numbers
        values = (*place, stamp, self.engine, review.label, review.rating,
                  *(found.get(name) for name in _NUMBER_COLUMNS),
                  indexed.confidence if indexed else None, error)
        old = self.db.execute("SELECT id FROM reviews WHERE path = ? AND row = ?", place).fetchone()
        if old is not None:
            self._forget_words("id = ?", old)
            self.db.execute("DELETE FROM reviews WHERE id = ?", old)
        review_id = self.db.execute(
            "INSERT INTO reviews (path, row, stamp, engine, label, rating, verdict, score, people, words, language,"
            " confidence, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values).lastrowid
        assert review_id is not None
        self._ids[place] = review_id
        self._scope = None
        if indexed is None:
            return
        self.db.execute("INSERT INTO texts (id, packed) VALUES (?, ?)", (review_id, _pack(indexed.text)))
        self.db.execute("INSERT INTO words (rowid, text) VALUES (?, ?)", (review_id, indexed.text))
        for name, tone, mentions in indexed.people:
            words = " ".join(words_of(name))
            person_id = self.db.execute("INSERT INTO people (review, name, words, tone, mentions) VALUES "
                                        "(?, ?, ?, ?, ?)", (review_id, name, words, tone, mentions)).lastrowid
            self.db.execute("INSERT INTO names (rowid, words) VALUES (?, ?)", (person_id, words))

    # Asking it

    def search(self, query: Query, reviews: Sequence[ReviewFile]) -> Iterator[Match]:
        """The analysed ``reviews`` (known to the index: after ``stale`` and ``store``) that answer ``query``,
        in their order."""
        where, parameters = _sql(query)
        self._note_scope(reviews)
        by_place = {_place(review): review for review in reviews}
        rows = self.db.execute(
            "SELECT r.path, r.row, r.verdict, r.score, r.people, r.words, r.language, r.confidence, t.packed "
            "FROM scope JOIN reviews AS r ON r.id = scope.id JOIN texts AS t ON t.id = r.id "
            f"WHERE r.verdict IS NOT NULL AND ({where}) ORDER BY scope.position", parameters)
        for path, row, *found, confidence, packed in rows:
            yield Match(_row(by_place[(path, row)], found), confidence, _unpack(packed), query)

    def keys(self, query: Query, reviews: Sequence[ReviewFile]) -> set[tuple[str, int | None]]:
        """The keys (``ReviewFile.key``) of the analysed ``reviews`` that answer ``query``: what a filter needs."""
        where, parameters = _sql(query)
        self._note_scope(reviews)
        return {(os.fsdecode(path), row or None) for path, row in self.db.execute(
            f"SELECT r.path, r.row FROM scope JOIN reviews AS r ON r.id = scope.id WHERE r.verdict IS NOT NULL AND "
            f"({where})", parameters)}

    def people(self, reviews: Sequence[ReviewFile], query: Query | None = None) -> list[PersonTally]:
        """Every person the analysed ``reviews`` (those answering ``query``) name, merged across reviews, the
        most often named first."""
        where, parameters = _sql(query) if query is not None else ("1", [])
        self._note_scope(reviews)
        rows = self.db.execute(
            "SELECT p.words, p.name, p.tone, p.mentions, p.review FROM scope JOIN reviews AS r ON r.id = scope.id "
            f"JOIN people AS p ON p.review = r.id WHERE r.verdict IS NOT NULL AND ({where})", parameters)
        return tally_people(rows)

    def failed(self, reviews: Sequence[ReviewFile]) -> int:
        """How many of ``reviews`` could not be analysed (those the index holds an error for)."""
        places = {_place(review) for review in reviews}
        return sum(1 for path, row in self.db.execute("SELECT path, row FROM reviews WHERE error IS NOT NULL")
                   if (path, row) in places)

    def _note_scope(self, reviews: Sequence[ReviewFile]) -> None:
        """Put the ids of ``reviews`` (in order) in the temporary table ``scope`` queries join; the same reviews
        asked about again keep it."""
        places = [_place(review) for review in reviews]
        if any(place not in self._ids for place in places):
            self._ids.update(((path, row), review_id) for review_id, path, row in self.db.execute(
                "SELECT id, path, row FROM reviews"))
        ids = [self._ids[place] for place in places if place in self._ids]
        if ids == self._scope:
            return
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS scope (position INTEGER PRIMARY KEY, id INTEGER)")
        with self._transaction():
            self.db.execute("DELETE FROM scope")
            self.db.executemany("INSERT INTO scope (id) VALUES (?)", ((review_id,) for review_id in ids))
        self._scope = ids

    def _forget_words(self, where: str, parameters: Sequence) -> None:
        """Take the texts and people of the reviews ``where`` picks out of the word and name indexes (which keep
        no text of their own, so they are told each text to forget)."""
        self.db.executemany("INSERT INTO words (words, rowid, text) VALUES ('delete', ?, ?)", (
            (review_id, _unpack(packed))
            for review_id, packed in self.db.execute(f"SELECT id, packed FROM texts WHERE {where}", parameters)))
        self.db.execute("INSERT INTO names (names, rowid, words) SELECT 'delete', rowid, words FROM people "
                        f"WHERE review IN (SELECT id FROM reviews WHERE {where})", parameters)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, kind: type | None, *_rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


def tally_people(rows: Iterable[tuple[str, str, str, int, int]]) -> list[PersonTally]:
    """Tallies of (folded words, name, tone, mentions, review) rows.

    A one-word name joins the longer name that ends in it when that name has at least
    MERGE_SHARE of the mentions of all such names ("Hitchcock" joins "Alfred Hitchcock";
    "Hanks" stays apart when "Tom Hanks" and "Colin Hanks" are both much named). In a
    review, a person's tone is that of their most mentioned name there.
    """
    groups: dict[str, list[tuple[str, str, int, int]]] = {}
    for words, name, tone, mentions, review in rows:
        groups.setdefault(words, []).append((name, tone, mentions, review))
    merged: dict[str, list[str]] = {}
    """The names (as most often written) of each group that took others in, its own first."""
    by_last: dict[str, list[str]] = {}
    for words in groups:
        if " " in words:
            by_last.setdefault(words.rsplit(" ", 1)[1], []).append(words)
    for words in [words for words in groups if " " not in words]:
        longer = {name: sum(member[2] for member in groups[name]) for name in by_last.get(words, [])}
        best = max(longer, key=longer.__getitem__, default=None)
        if best is not None and longer[best] >= MERGE_SHARE * sum(longer.values()):
            merged.setdefault(best, [_most_written(groups[best])]).append(_most_written(groups[words]))
            groups[best] += groups.pop(words)
    return sorted((_tally(members, merged.get(words, ())) for words, members in groups.items()),
                  key=lambda tally: (-tally.reviews, -tally.mentions, tally.name.casefold()))


MERGE_SHARE = 0.75


def _tally(members: list[tuple[str, str, int, int]], names: Sequence[str]) -> PersonTally:
    """One person's tally from their (name, tone, mentions, review) entries and their merged names, if any:
    named as most often in full."""
    tone_in: dict[int, tuple[int, str]] = {}
    written: dict[str, int] = {}
    mentioned = 0
    for name, tone, mentions, review in members:
        mentioned += mentions
        written[name] = written.get(name, 0) + 1
        if review not in tone_in or mentions > tone_in[review][0]:
            tone_in[review] = (mentions, tone)
    shown = max(written, key=lambda name: (" " in name, written[name]))
    tones = [tone for _mentions, tone in tone_in.values()]
    return PersonTally(shown, len(tone_in), mentioned, tones.count("praised"), tones.count("criticised"),
                       tones.count("neutral"), tuple(names) or (shown,))


def _most_written(members: list[tuple[str, str, int, int]]) -> str:
    """The spelling most often written among one name's (name, tone, mentions, review) entries."""
    return Counter(name for name, *_rest in members).most_common(1)[0][0]


def _row(review: ReviewFile, numbers: Sequence) -> LibraryRow:
    """The library row of ``review`` with the values of the index's number columns (``_NUMBER_COLUMNS``)."""
    return LibraryRow(review, **dict(zip(_NUMBER_COLUMNS, numbers, strict=True)))  # not replace(): 25,000 show


def _pack(text: str) -> bytes:
    """A review's text as the index keeps it: compressed (English text to about a third)."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def _unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


Place = tuple[bytes, int]
"""Where a review is: its file's path as the file system's bytes (a name need not be UTF-8), and its row or 0."""


def _sources(listed: Iterable[str | os.PathLike]) -> list[bytes]:
    """The folders and tables listed, spelled as the paths of the reviews listed from them are (as Paths)."""
    return [os.fsencode(Path(source)) for source in listed]


def _folder(source: bytes) -> bytes:
    """What the paths of the reviews under the folder ``source`` start with."""
    return source.rstrip(SEP) + SEP


def _place(review: ReviewFile) -> Place:
    return os.fsencode(review.path), review.row or 0


def _stamp(review: ReviewFile, files: dict[str, str]) -> str:
    """What tells whether a review changed: its file's size and modification time ("" when it cannot be read:
    analysed again, and failing), and for a table's row a hash of its text too, which the columns chosen
    decide. ``files`` keeps each file's part, so a table is statted once."""
    path = str(review.path)  # (a Path hashes slowly: 25,000 of them show)
    stamp = files.get(path)
    if stamp is None:
        try:
            status = os.stat(path)
            stamp = f"{status.st_size}:{status.st_mtime_ns}"
        except OSError:
            stamp = ""
        files[path] = stamp
    if review.text is None:
        return stamp
    return f"{stamp}:{hashlib.blake2b(review.text.encode('utf-8', 'surrogatepass'), digest_size=8).hexdigest()}"


# A query in SQL: each part a condition on a row of ``reviews`` (as ``r``), NULL never matching

def _sql(query: Query) -> tuple[str, list]:
    if isinstance(query, Phrase):
        return "r.id IN (SELECT rowid FROM words WHERE words MATCH ?)", [_fts_phrase(query.words)]
    if isinstance(query, Is):
        if query.name == "label" and query.value == "none":
            return "r.label IS NULL", []
        return f"COALESCE(r.{query.name} = ?, 0)", [query.value]
    if isinstance(query, Compare):
        return f"COALESCE(r.{query.name} {query.sign} ?, 0)", [query.value]
    if isinstance(query, Names):
        tone = " AND tone = ?" if query.tone else ""
        exact = " AND words = ?" if query.exact else ""
        return (f"r.id IN (SELECT review FROM people WHERE rowid IN (SELECT rowid FROM names WHERE names MATCH ?)"
                f"{tone}{exact})", [_fts_phrase(query.words), *([query.tone] if query.tone else []),
                                     *([" ".join(query.words)] if query.exact else [])])
    if isinstance(query, Disagrees):
        labels = ", ".join(f"'{label}'" for label in LABELS)  # as LibraryRow.disagrees reads them
        return f"COALESCE(r.label IS NOT NULL AND r.verdict IN ({labels}) AND r.verdict != r.label, 0)", []
    if isinstance(query, Not):
        inner, parameters = _sql(query.part)
        return f"NOT ({inner})", parameters
    if isinstance(query, AllOf | AnyOf):
        if not query.parts:
            return "1", []
        parts = [_sql(part) for part in query.parts]
        joiner = " AND " if isinstance(query, AllOf) else " OR "
        return joiner.join(f"({sql})" for sql, _ in parts), [value for _, values in parts for value in values]
    raise TypeError(f"not a query: {type(query).__name__}")


def _fts_phrase(words: tuple[str, ...]) -> str:
    """An FTS5 phrase of the words (a last word ending in * a prefix)."""
    prefix = words[-1].endswith("*")
    tokens = [token for word in words for token in words_of(word.rstrip("*"))]
    return '"' + " ".join(tokens) + '"' + (" *" if prefix else "")

