"""Parquet in and out: tables read a row group at a time, results written a row a review, typed from the JSON form."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from desktop.app import parquet
from desktop.app.tables import read_rows, sniff
from desktop.engine.errors import ReviewError

GOOD = "A wonderful, moving film.<br /><br />Anna Berg is superb and the music is beautiful."
BAD = "A dull, boring film. The plot is awful and Tom Reed is the worst actor I have seen."


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def table(tmp_path):
    """A Parquet table of 25 reviews in row groups of 10; row 7 has no text."""
    rows = [{"id": n, "stars": 5 if n % 2 else 1, "reviewText": None if n == 7 else (GOOD if n % 2 else BAD)}
            for n in range(1, 26)]
    path = tmp_path / "reviews.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=10)
    return path


def test_a_parquet_table_is_read_as_a_table_of_reviews_row_group_by_row_group(table):
    columns = sniff(table)
    assert (columns.text, columns.label, columns.scale) == ("reviewText", "stars", 5)
    rows = list(read_rows(table))
    assert [row.row for row in rows] == list(range(1, 26))
    assert rows[0].text == GOOD and (rows[0].label, rows[0].rating) == ("positive", 5)
    assert rows[1].text == BAD and (rows[1].label, rows[1].rating) == ("negative", 1)
    assert rows[6].error == "This row has no text." and rows[7].error is None
    assert rows[0].encoding == "utf-8"


def test_a_file_that_is_not_parquet_says_so(tmp_path):
    fake = tmp_path / "reviews.parquet"
    fake.write_text("review,sentiment\nGreat film,positive\n")
    with pytest.raises(ReviewError, match="reviews.parquet cannot be read as a Parquet table"):
        sniff(fake)
    with pytest.raises(ReviewError, match="was not found"):
        sniff(tmp_path / "gone.parquet")


def test_a_damaged_row_group_ends_the_rows_with_one_that_says_so(table):
    data = bytearray(table.read_bytes())
    middle = pq.ParquetFile(table).metadata.row_group(1).column(2)
    start = middle.data_page_offset
    data[start:start + 40] = b"\xff" * 40  # the second row group's review texts
    table.write_bytes(bytes(data))
    rows = list(read_rows(table, "reviewText", "stars"))
    assert [row.row for row in rows[:10]] == list(range(1, 11)) and rows[0].text == GOOD
    assert rows[-1].row == 11 and rows[-1].error.startswith("This row and those after it cannot be read")


def test_without_pyarrow_a_parquet_table_names_the_extra_to_install(table, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ReviewError, match=r"pip install 'review-reader\[parquet\]'"):
        sniff(table)


def _without_parquet_extras(record: dict) -> dict:
    """A Parquet row as its JSON record: no tone beside each person, drivers as [word, weight] pairs."""
    if record["ok"]:
        record["people"] = [{key: value for key, value in person.items() if key != "tone"}
                            for person in record["people"]]
        if "sentences" in record:
            for sentence in record["sentences"]:
                sentence["drivers"] = [[driver["word"], driver["weight"]] for driver in sentence["drivers"]]
    return {key: value for key, value in record.items() if value is not None}


def test_parquet_output_reads_back_as_the_jsonl_records(table, tmp_path):
    jsonl = cli("analyze", str(table), "--format", "jsonl", "--no-cache")
    assert jsonl.returncode == 1  # row 7 failed
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    for sentences, name in ((False, "out.parquet"), (True, "full.parquet")):
        output = tmp_path / name
        done = cli("analyze", str(table), "--format", "parquet", "--output", str(output), "--no-cache",
                   *(["--sentences"] if sentences else []))
        assert done.returncode == 1 and done.stdout == ""
        written = pq.read_table(output)
        assert written.schema.metadata[b"review-reader-schema"] == b"3"
        assert written.schema.field("verdict").type.get_field_index("confidence") >= 0
        assert ("sentences" in written.column_names) is sentences
        expected = [{key: value for key, value in record.items()
                     if value is not None and (sentences or key != "sentences")} for record in records]
        assert [_without_parquet_extras(row) for row in written.to_pylist()] == expected
    people = pq.read_table(tmp_path / "out.parquet").to_pylist()[1]["people"]
    assert [(person["name"], person["tone"]) for person in people] == [("Tom Reed", "criticised")]


def test_parquet_output_is_refused_without_a_file_or_with_sentences_elsewhere(table):
    assert "--format parquet writes a file" in cli("analyze", str(table), "--format", "parquet").stderr
    assert "--sentences is for --format parquet" in cli("analyze", str(table), "--sentences").stderr


def test_rows_are_written_a_row_group_at_a_time(table, tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 4)
    from desktop.app.batch import FULL, analyze_files

    outcomes = analyze_files(list(read_rows(table)), detail=FULL, cache=None, jobs=1)
    assert parquet.write_outcomes(outcomes, tmp_path / "out.parquet") == 1
    written = pq.ParquetFile(tmp_path / "out.parquet")
    assert written.metadata.num_row_groups == 7 and written.metadata.num_rows == 25
