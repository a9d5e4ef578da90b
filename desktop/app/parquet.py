"""Parquet in and out, with pyarrow (the optional extra ``review-reader[parquet]``; never in the packaged app).

Out: one row per review, its columns those of the JSON record (``records.to_json``), typed from the same
declaration (``records.BODY`` and its forms): ``schema``, ``file``, ``row``, ``ok``, ``label``, ``rating``,
``error``, ``language``, ``encoding``, ``text``, ``paragraphs``, ``people`` (a list of structs, each with its
``tone`` beside its polarity), ``verdict`` (a struct, its ``evidence`` a list of structs) and, when asked for,
``sentences`` (a sentence's drivers as ``{word, weight}`` structs). A failed review is a row with ``ok`` false
and its ``error``. Rows are written ``ROWS_PER_GROUP`` at a time, so a run of any size is written in little
memory; the file's metadata names the schema version.

In: ``read_table`` gives a Parquet file's column names and its rows as dicts, a row group at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from desktop.app.records import (
    BODY,
    COUNT,
    NUMBER,
    OFFSET,
    PAIR,
    PERSON,
    SCHEMA,
    SHARE,
    SIGNED,
    SPAN,
    Form,
    Kind,
    Outcome,
    to_json,
)
from desktop.engine.errors import ReviewError
from desktop.engine.result import tone_of

ROWS_PER_GROUP = 1000
"""Reviews written to the file at a time (a Parquet row group)."""
ROWS_PER_READ = 1024
"""Rows read from a Parquet table at a time."""
COMPRESSION = "zstd"
SCHEMA_KEY = b"review-reader-schema"
"""The file metadata key that holds ``records.SCHEMA``."""
NEEDS_PYARROW = ("Parquet tables need the optional pyarrow package (pip install 'review-reader[parquet]'); "
                 "the packaged app does not include it.")
_SOURCE = (("schema", "int"), ("file", "text"), ("row", "int"), ("ok", "bool"), ("label", "text"),
           ("rating", "float"), ("error", "text"))
"""The columns a record of a file adds before its analysis's (``records.to_json``)."""


def pyarrow() -> Any:
    """The pyarrow module with its parquet module loaded, or ReviewError saying how to install it."""
    try:
        import pyarrow as arrow
        import pyarrow.parquet  # noqa: F401  (loads arrow.parquet)
    except ImportError:
        raise ReviewError(NEEDS_PYARROW) from None
    return arrow


@functools.cache
def schema(sentences: bool = False) -> Any:
    """The Arrow schema of the rows ``write_outcomes`` writes (made once for each value of ``sentences``)."""
    arrow = pyarrow()
    plain = {"int": arrow.int64(), "text": arrow.string(), "bool": arrow.bool_(), "float": arrow.float64()}
    fields = [arrow.field(name, plain[kind]) for name, kind in _SOURCE]
    fields += [arrow.field(key, _type(arrow, kind)) for key, kind in BODY.kinds.items() if sentences or key != "sentences"]
    return arrow.schema(fields, metadata={SCHEMA_KEY: str(SCHEMA).encode()})


def _type(arrow: Any, kind: Kind | Form) -> Any:
    if isinstance(kind, Form):
        fields = [arrow.field(key, _type(arrow, inner)) for key, inner in kind.kinds.items()]
        return arrow.struct(fields + ([arrow.field("tone", arrow.string())] if kind is PERSON else []))
    if kind.item is not None:
        return arrow.list_(_type(arrow, kind.item))
    if kind is SPAN:
        return arrow.list_(arrow.int64())
    if kind is PAIR:
        return arrow.struct([arrow.field("word", arrow.string()), arrow.field("weight", arrow.float64())])
    if kind is COUNT or kind is OFFSET:
        return arrow.int64()
    if kind is NUMBER or kind is SIGNED or kind is SHARE:
        return arrow.float64()
    return arrow.string()  # TEXT and one_of's choices


def row(outcome: Outcome, sentences: bool = False) -> dict:
    """One review's row: its JSON record with each person's tone and each driver as a struct."""
    record = to_json(outcome)
    if not outcome.ok:
        return record
    record["people"] = [{**person, "tone": tone_of(person["polarity"])} for person in record["people"]]
    if sentences:
        record["sentences"] = [{**sentence, "drivers": [{"word": word, "weight": weight}
                                                        for word, weight in sentence["drivers"]]}
                               for sentence in record["sentences"]]
    else:
        del record["sentences"]
    return record


def table(outcomes: Iterable[Outcome], sentences: bool = False) -> Any:
    """The outcomes' rows as an Arrow table of ``schema(sentences)``."""
    return pyarrow().Table.from_pylist([row(outcome, sentences) for outcome in outcomes], schema(sentences))


def write_outcomes(outcomes: Iterable[Outcome], output: Path | BinaryIO, sentences: bool = False) -> int:
    """Write every outcome as a row of a Parquet file; 1 when some review failed, else 0."""
    arrow = pyarrow()
    failed = False
    with arrow.parquet.ParquetWriter(output, schema(sentences), compression=COMPRESSION) as writer:
        batch: list[Outcome] = []
        for outcome in outcomes:
            failed |= not outcome.ok
            batch.append(outcome)
            if len(batch) == ROWS_PER_GROUP:
                writer.write_table(table(batch, sentences))
                batch = []
        if batch:
            writer.write_table(table(batch, sentences))
    return int(failed)


def read_table(handle: BinaryIO, name: str) -> tuple[tuple[str, ...], Iterator[dict]]:
    """A Parquet file's column names and its rows (dicts), read a row group at a time; ReviewError when it
    is not a Parquet file."""
    arrow = pyarrow()
    try:
        table = arrow.parquet.ParquetFile(handle)
    except (arrow.ArrowException, OSError) as error:
        raise ReviewError(f"{name} cannot be read as a Parquet table ({error}).") from None
    return tuple(table.schema_arrow.names), _rows(table)


def _rows(table: Any) -> Iterator[dict]:
    for group in range(table.num_row_groups):  # one at a time: the rows before a damaged one are read
        for batch in table.iter_batches(batch_size=ROWS_PER_READ, row_groups=[group]):
            yield from batch.to_pylist()
