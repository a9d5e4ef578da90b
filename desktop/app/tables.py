"""Collections of reviews in one file, read as a stream: CSV, TSV, JSON Lines, JSON arrays and Parquet.

A collection is a table with one review a row: its text in one column and, often,
a positive/negative label or a star rating in another. ``sniff`` finds those
columns from the first rows; ``read_rows`` yields every row as a ReviewFile, a
malformed row with the reason in place of its text, so one bad row never stops
the rest.

Rows are numbered 1, 2, … in the order of the file's data records: for CSV and
TSV each record after the header (a quoted field may span lines; blank lines are
not records), for JSON Lines each line that is not blank, for a JSON array each
element, for Parquet each row. A ``.json`` file is an array when it starts with ``[``, else JSON Lines
(as Amazon's and Yelp's review dumps are). Parquet needs the optional pyarrow (``parquet``); it is read a
row group at a time.

The bytes are decoded as ``decode`` decodes a .txt review (BOMs, UTF-8, then a
legacy encoding), judged on the first 64 KB, or, when those are plain ASCII, on
the first 64 KB from the first byte that is not, then applied to the whole file.
CSV, TSV and JSON Lines stream, so a file of any size is read in little memory;
a JSON array is parsed whole, so it is held to ``files.MAX_BYTES``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop.app import parquet
from desktop.app.files import MAX_BYTES, open_review, read_review
from desktop.app.records import ReviewFile, label_for_rating, rating_scale
from desktop.engine.errors import ReviewError
from desktop.engine.result import Label
from desktop.engine.text.decode import codec_name, decode, stream_codec

COLLECTION_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
NO_COLUMN = ""
"""As ``label_column``: the collection has no label or rating column (None: find one)."""
SAMPLE_ROWS = 200
"""Rows ``read_rows`` samples to find the columns (as ``sniff`` does by default)."""
MOST_COLUMNS = 1000
"""A table with more columns is refused: a CSV or TSV before any row is read (its header alone may be megabytes),
a JSON file once its first objects are read."""
SAMPLE_BYTES = 64 * 1024
TEXT_NAMES = ("review", "reviewtext", "reviewbody", "text", "body", "content", "comment", "comments",
              "reviews", "sentence", "message")
"""Names of a review text column, best first, as ``_key`` spells them (case, spaces, _ and - ignored)."""
LABEL_NAMES = ("sentiment", "label", "polarity", "class", "rating", "stars", "starrating", "overall", "score")
"""Names of a label or rating column, best first, as ``_key`` spells them."""
RATING_NAMES = frozenset(("rating", "stars", "starrating", "overall", "score"))
"""Names under which the number 1 is one star, not the label "positive"."""
LONGEST_NAME = 100
"""A header cell longer than this is a review, not a column name: the file has no header."""
SHORTEST_TEXT = 20
"""The least mean length, in characters, of a column of review text found by its contents."""
_LABEL_WORDS: dict[str, Label] = {"pos": "positive", "positive": "positive", "neg": "negative", "negative": "negative"}
_LABEL_NUMBERS: dict[float | None, Label] = {1: "positive", 0: "negative"}
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_SCAN_BYTES = 256 * 1024


@dataclass(frozen=True)
class Columns:
    """The columns of a collection: the review text's, the labels' or ratings' (if any), and all of them."""

    text: str
    label: str | None
    names: tuple[str, ...]
    scale: int | None = None
    """5 or 10 when ``label`` holds star ratings out of that; None when it holds positive/negative labels."""


def is_collection(path: str | os.PathLike) -> bool:
    """True for a file ``read_rows`` reads (by its suffix)."""
    return Path(path).suffix.lower() in COLLECTION_SUFFIXES


def sniff(path: str | os.PathLike, sample_rows: int = SAMPLE_ROWS) -> Columns:
    """The columns of a collection, found from its first ``sample_rows`` rows.

    The text column is the first with a known name (review, text, reviewText,
    body, …) holding text, else the one whose sampled cells are longest. The label
    column has a known name (sentiment, label, rating, stars, overall, …), or holds
    only pos/neg, positive/negative, 1/0 or numbers from 1 to 10. ReviewError when
    the file is not a table or no column holds review text.
    """
    path = Path(path)
    return _columns(path, *_sample(path, sample_rows))


def read_rows(path: str | os.PathLike, text_column: str | None = None,
              label_column: str | None = None) -> Iterator[ReviewFile]:
    """Every row of a collection, read as it streams; the columns are sniffed unless named (``label_column``
    NO_COLUMN: none).

    ReviewError at once when the file cannot be read as a table, or names a column
    it lacks. Labels pos/neg, positive/negative and 1/0 become ``label``; star
    ratings become ``rating``, with the label ``label_for_rating`` gives them.
    Text is returned as it is in the file (HTML breaks and entities included).
    """
    path = Path(path)
    columns = _columns(path, *_sample(path, SAMPLE_ROWS), text_column, label_column)
    return _rows(path, columns)


def _rows(path: Path, columns: Columns) -> Iterator[ReviewFile]:
    with _open_records(path) as (_header, records, encoding):
        for number, record, error in records:
            text = None if record is None else record.get(columns.text)
            if error is None and not (isinstance(text, str) and text.strip()):
                error = "has no text"
            if error is not None or record is None:  # no record always has an error
                yield ReviewFile(path, row=number, error=f"This row {error}.")  # shown beside "name.csv, row N"
                continue
            label, rating = _grade(record.get(columns.label), columns.scale) if columns.label else (None, None)
            yield ReviewFile(path, label, rating, number, text, encoding=encoding)


# Choosing the columns


def _sample(path: Path, rows: int) -> tuple[tuple[str, ...], list[dict]]:
    """(the column names, the readable records among the first ``rows``)."""
    with _open_records(path) as (header, records, _encoding):
        if header is not None:
            _check_width(path, header)
        sample = [record for _number, record, _error in itertools.islice(records, rows) if record is not None]
    names = header or tuple(dict.fromkeys(key for record in sample for key in record))
    if header is None:  # a CSV's header was checked before any row was read
        _check_width(path, names)
    if not names:
        raise ReviewError(f"{path.name} holds no reviews.")
    return names, sample


def _check_width(path: Path, names: tuple[str, ...]) -> None:
    """ReviewError when a CSV header, or the keys of a JSON file's first objects, name over MOST_COLUMNS columns."""
    if len(names) > MOST_COLUMNS:
        raise ReviewError(f"{path.name} has {len(names):,} columns, too many for a table of reviews (at most "
                          f"{MOST_COLUMNS:,}); the first are {_listing(names, 3)}.")


def _columns(path: Path, names: tuple[str, ...], sample: list[dict],
             text_column: str | None = None, label_column: str | None = None) -> Columns:
    text = _named(path, names, text_column) if text_column else _text_column(path, names, sample)
    if label_column:
        label = _named(path, names, label_column)
    elif label_column == NO_COLUMN:
        label = None
    else:
        label = _label_column([name for name in names if name != text], sample)
    values = _values(sample, label) if label else []
    scale = None if not label or _holds_labels(label, values) else _rating_scale(values)
    return Columns(text, label, names, scale)


def _named(path: Path, names: tuple[str, ...], wanted: str) -> str:
    """The column called ``wanted`` (or so, in another case), or ReviewError listing the columns."""
    for name in names:
        if name == wanted or name.casefold() == wanted.casefold():
            return name
    raise ReviewError(f"{path.name} has no column “{wanted}”; its columns are {_listing(names)}.")


def _text_column(path: Path, names: tuple[str, ...], sample: list[dict]) -> str:
    for known in TEXT_NAMES:
        for name in names:
            if _key(name) == known and all(isinstance(value, str) for value in _values(sample, name)):
                return name
    if any(_binary(name) or _number(name) is not None or len(name) > LONGEST_NAME for name in names):
        raise ReviewError(f"{path.name} has no header row: its first row should name the columns "
                          "(such as review,sentiment), but it holds a review.")
    lengths = {name: _mean_length(_values(sample, name)) for name in names}
    best = max(names, key=lengths.__getitem__)
    if lengths[best] < SHORTEST_TEXT:
        raise ReviewError(f"{path.name} has no column of review text: none of its columns "
                          f"({_listing(names)}) holds sentences (a column named review, text, … is read "
                          "when it holds text).")
    return best


def _mean_length(values: list) -> float:
    """The mean length of the cells, 0 unless most are text with spaces (ids and codes have none)."""
    texts = [value for value in values if isinstance(value, str) and " " in value.strip()]
    return sum(map(len, texts)) / len(texts) if values and len(texts) * 2 > len(values) else 0


def _label_column(names: list[str], sample: list[dict]) -> str | None:
    for known in LABEL_NAMES:
        for name in names:
            if _key(name) == known and _fits(name, _values(sample, name)):
                return name
    for name in names:  # by contents: two values at least, never an id
        values = _values(sample, name)
        if not _key(name).endswith("id") and len(set(map(str, values))) > 1 and _fits(name, values):
            return name
    return None


def _fits(name: str, values: list) -> bool:
    return bool(values) and (_holds_labels(name, values) or _rating_scale(values) is not None)


def _holds_labels(name: str, values: list) -> bool:
    """True when every value is pos/neg, positive/negative or 1/0 (a rating column needs a 0 or a word)."""
    return all(map(_binary, values)) and (
        _key(name) not in RATING_NAMES or any(_number(value) != 1 for value in values))


def _rating_scale(values: list) -> int | None:
    """5 or 10 when every value is a number from 1 to 10 (5 when none is over 5); else None."""
    numbers = [_number(value) for value in values]
    ratings = [number for number in numbers if number is not None and 1 <= number <= 10]
    if not numbers or len(ratings) < len(numbers):
        return None
    return rating_scale(ratings)


def _grade(value: object, scale: int | None) -> tuple[Label | None, float | int | None]:
    """(label, rating) of a label cell: ratings when the column holds them on ``scale``, else labels."""
    number = _number(value)
    if scale is None or number is None:
        return _binary(value), None
    if not 1 <= number <= scale:
        return None, None
    rating = int(number) if number.is_integer() else number
    return label_for_rating(rating, scale), rating


def _binary(value: object) -> Label | None:
    """"positive" or "negative" for pos/neg, positive/negative or 1/0; else None."""
    word = str(value).strip().lower()
    return _LABEL_WORDS.get(word) or _LABEL_NUMBERS.get(_number(value))


def _number(value: object) -> float | None:
    """The finite number a cell holds ("4", "4.0", 4), else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _values(sample: list[dict], name: str) -> list:
    """The non-empty cells of one column in the sample."""
    return [value for record in sample if (value := record.get(name)) is not None and str(value).strip()]


def _key(name: str) -> str:
    """A column name as the known names spell it: "Review Text", "review_text" and "reviewText" are "reviewtext"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _listing(names: tuple[str, ...], shown: int = 8) -> str:
    """ "“a”, “b”, “c”", or the first ``shown`` names "and 999,992 more"."""
    listed = ", ".join(f"“{name}”" for name in names[:shown])
    return listed if len(names) <= shown else f"{listed} and {len(names) - shown:,} more"


# Records: (row number, the cells by column name or None, why the row is unreadable or None)

_Record = tuple[int, dict | None, str | None]


@contextmanager
def _open_records(path: Path) -> Iterator[tuple[tuple[str, ...] | None, Iterator[_Record], str]]:
    """(the CSV, TSV or Parquet header, None for JSON; the records; the file's encoding), with the file open
    meanwhile."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        with open_review(path) as handle:
            names, rows = parquet.read_table(handle, path.name)
            yield names, _parquet_records(rows), "utf-8"  # Parquet's strings are UTF-8
        return
    with _open_text(path) as (stream, encoding):
        first, lines = _first_filled(_lines(stream))
        if suffix in (".csv", ".tsv"):
            yield *_csv_records(path, lines, "\t" if suffix == ".tsv" else max(",;\t|", key=first.count)), encoding
        elif suffix in (".jsonl", ".ndjson") or _is_object(first):
            yield None, _json_line_records(lines), encoding
        elif first == OVERLONG or first.lstrip().startswith("["):  # an array on one line over the size limit
            yield None, _array_records(path), encoding  # is refused for its size by reading it whole
        else:
            raise ReviewError(f"{path.name} is not a list of reviews: a .json collection holds an array of "
                              "objects ([{…}, {…}]) or one object a line.")


def _csv_records(path: Path, lines: Iterator[str], delimiter: str) -> tuple[tuple[str, ...], Iterator[_Record]]:
    rows = _csv_rows(_Lines(lines), delimiter)
    header = next(rows, None)
    if header is None:
        raise ReviewError(f"{path.name} is empty.")
    if isinstance(header, str):
        raise ReviewError(f"{path.name} cannot be read as a table: its first row has {header}.")
    names = tuple(name.strip() for name in header)

    def records() -> Iterator[_Record]:
        for number, fields in enumerate(rows, 1):
            yield (number, None, fields) if isinstance(fields, str) else (number, dict(zip(names, fields)), None)

    return names, records()


def _csv_rows(lines: _Lines, delimiter: str) -> Iterator[list[str] | str]:
    """Each record's fields, or why it is broken; the lines after a broken record's first are read again.

    The reader is strict, so a quote left open is caught where it ends the quoted
    text of a later row (or at the end of the file), not swallowed with the rows between.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))  # process-wide; the default is 128 KB
    while True:
        try:
            for fields in csv.reader(lines, delimiter=delimiter, strict=True):
                lines.taken()
                if fields:  # blank lines are not records
                    yield fields
            return
        except csv.Error as error:
            yield next((reason for clue, reason in _CSV_REASONS if clue in str(error)),
                       f"cannot be read as CSV ({error})")
            lines.again(lines.taken()[1:])


_CSV_REASONS = (
    ("unexpected end of data", "has an unclosed quote"),
    ("expected after", "has a misplaced quote"),
    ("field larger than", f"has a field over {MAX_BYTES // 1_048_576} MB (an unclosed quote?)"),
)
"""csv.Error messages -> the reasons a reader is given."""


class _Lines:
    """The lines csv.reader reads, keeping those of the record under way so a broken one can be read again."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if line == OVERLONG:
            raise csv.Error("field larger than field limit")  # read as the csv module's own: one bad record
        self._taken.append(line)
        return line

    def taken(self) -> list[str]:
        """The lines read since the last call."""
        taken, self._taken = self._taken, []
        return taken

    def again(self, lines: list[str]) -> None:
        """Read ``lines`` next, before the rest."""
        self._lines = itertools.chain(lines, self._lines)


def _json_line_records(lines: Iterator[str]) -> Iterator[_Record]:
    number = 0
    for line in lines:
        if not line.strip():
            continue
        number += 1
        if line == OVERLONG:
            yield number, None, f"is over {MAX_BYTES // 1_048_576} MB"
            continue
        try:
            value = parse_json(line)
        except ValueError as error:
            yield number, None, f"is not valid JSON{_reason(error)}"
            continue
        yield (number, value, None) if isinstance(value, dict) else (number, None, "is not a JSON object")


def _parquet_records(rows: Iterator[dict]) -> Iterator[_Record]:
    """The rows of a Parquet table; a row group that cannot be read ends them with a record that says so."""
    number = 0
    try:
        for number, value in enumerate(rows, 1):
            yield number, value, None
    except (parquet.pyarrow().ArrowException, OSError) as error:
        yield number + 1, None, f"and those after it cannot be read ({error})"


def _array_records(path: Path) -> Iterator[_Record]:
    """The elements of a JSON array, parsed whole (so from a file of at most ``MAX_BYTES``)."""
    text, _encoding = decode(read_review(path))
    try:
        values = parse_json(text)
    except ValueError as error:
        raise ReviewError(f"{path.name} is not valid JSON ({error}).") from None
    for number, value in enumerate(values, 1):
        yield (number, value, None) if isinstance(value, dict) else (number, None, "is not a JSON object")


def _is_object(line: str) -> bool:
    try:
        return isinstance(parse_json(line), dict)
    except ValueError:
        return False


_TOO_DEEP, _TOO_LONG = "nested too deeply to read", "a number too long to read"


def parse_json(text: str) -> Any:
    """``json.loads``, failing only with ValueError, in words a reader can take: bad JSON says where, and
    JSON nested thousands deep or holding a number of thousands of digits says so (Python would raise a
    RecursionError, or advise ``sys.set_int_max_str_digits()``)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(_TOO_DEEP) from None
    except ValueError as error:
        if "integer string conversion" in str(error):
            raise ValueError(_TOO_LONG) from None
        raise


def _reason(error: ValueError) -> str:
    """ " (nested too deeply to read)" for the failures :func:`parse_json` words itself; "" for plain bad JSON."""
    return f" ({error})" if str(error) in (_TOO_DEEP, _TOO_LONG) else ""


def _first_filled(lines: Iterator[str]) -> tuple[str, Iterator[str]]:
    """The first line that is not blank ("" if none), and all the lines, that one included."""
    seen = []
    for line in lines:
        seen.append(line)
        if line.strip():
            return line, itertools.chain(seen, lines)
    return "", iter(seen)


# Bytes to text


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[io.TextIOWrapper, str]]:
    """(the file as text, line endings kept; the name of its encoding), or ReviewError with a reason a reader
    understands."""
    with open_review(path) as handle:
        codec = _codec(handle)
        handle.seek(0)
        name = codec_name(codec, handle.read(4))
        handle.seek(0)
        yield io.TextIOWrapper(handle, encoding=codec, errors="replace", newline=""), name


OVERLONG = "\x00"
"""The line given for one over MAX_BYTES characters (no other line is: NULs are dropped from every line)."""


def _lines(stream: io.TextIOWrapper) -> Iterator[str]:
    """The stream's lines without NUL characters (as ``decode`` drops them); a line over MAX_BYTES characters
    is read past in pieces, never held whole, and given as OVERLONG."""
    while line := stream.readline(MAX_BYTES):
        if len(line) == MAX_BYTES and not line.endswith(("\n", "\r")):
            while (rest := stream.readline(1_048_576)) and not rest.endswith(("\n", "\r")):
                pass
            yield OVERLONG
            continue
        yield line.replace("\x00", "") if "\x00" in line else line


def _codec(handle: BinaryIO) -> str:
    """The codec ``decode`` chooses for the file's sample (see the module's docstring); ReviewError for binary files."""
    head = handle.read(SAMPLE_BYTES)
    codec = stream_codec(head)
    sample = _non_ascii_sample(handle) if head.isascii() else b""
    return stream_codec(sample) if sample else codec


def _non_ascii_sample(handle: BinaryIO) -> bytes:
    """SAMPLE_BYTES from the first byte that is not ASCII on; empty when there is none."""
    while block := handle.read(_SCAN_BYTES):
        found = _NON_ASCII.search(block)
        if found:
            sample = block[found.start():found.start() + SAMPLE_BYTES]
            return sample + handle.read(SAMPLE_BYTES - len(sample))
    return b""
