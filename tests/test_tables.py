"""Collections of reviews in CSV, TSV, JSON Lines and JSON arrays: columns found, rows streamed, bad rows reported."""

from __future__ import annotations

import codecs
import json
import sys
import tracemalloc

import pytest

from desktop.app.records import label_for_rating
from desktop.app.tables import NO_COLUMN, Columns, is_collection, read_rows, sniff
from desktop.engine import ReviewError
from desktop.engine.text.decode import decode


def write(folder, name, text, encoding="utf-8"):
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_lines(folder, name, records):
    return write(folder, name, "".join(json.dumps(record) + "\n" for record in records))


def row(number, text, label=None, rating=None, error=None):
    """What a test expects of one row: (row, text, label, rating, error)."""
    return number, text, label, rating, error


def rows(path, **columns):
    """Each row ``read_rows`` gives, as ``row`` writes it (a ReviewFile's text does not take part in ==)."""
    found = list(read_rows(path, **columns))
    assert all(review.path == path for review in found)
    return [(review.row, review.text, review.label, review.rating, review.error) for review in found]


def texts(path, **columns):
    return [row.text for row in read_rows(path, **columns)]


@pytest.mark.parametrize(("name", "expected"), [
    ("a.csv", True), ("a.TSV", True), ("a.jsonl", True), ("a.ndjson", True), ("a.json", True),
    ("a.txt", False), ("csv", False), ("a.csv.gz", False),
])
def test_collections_are_known_by_their_suffix(name, expected):
    assert is_collection(name) is expected


def test_csv_with_a_bom_quotes_and_fields_over_several_lines(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_bytes(codecs.BOM_UTF8 + (
        'review,sentiment\r\n'
        '"Am\u00e9lie said ""wow"", then left.",positive\r\n'
        '"First line.<br /><br />\r\nSecond line, with a comma.\r\n\r\nThird.",negative\r\n'
        'Plain text without quotes,pos\r\n'
    ).encode())
    assert sniff(path) == Columns("review", "sentiment", ("review", "sentiment"), None)
    assert rows(path) == [
        row(1, 'Am\u00e9lie said "wow", then left.', "positive"),
        row(2, "First line.<br /><br />\r\nSecond line, with a comma.\r\n\r\nThird.", "negative"),
        row(3, "Plain text without quotes", "positive"),
    ]


def test_cp1252_csv(tmp_path):
    path = write(tmp_path, "old.csv", "text,label\n\u201cCaf\u00e9 cr\u00e8me\u201d \u2013 na\u00efve but fun,1\n", "cp1252")
    assert rows(path) == [row(1, "\u201cCaf\u00e9 cr\u00e8me\u201d \u2013 na\u00efve but fun", "positive")]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_the_encoding_is_judged_where_the_first_non_ascii_byte_is(tmp_path, encoding):
    ascii_rows = "".join(f"Row number {n} is plain ASCII text,0\n" for n in range(3000))  # over 64 KB
    path = write(tmp_path, "late.csv", "text,label\n" + ascii_rows + "Cr\u00e8me br\u00fbl\u00e9e at last,1\n", encoding)
    found = rows(path)
    assert len(found) == 3001
    assert found[-1] == row(3001, "Cr\u00e8me br\u00fbl\u00e9e at last", "positive")


def test_cyrillic_legacy_csv(tmp_path):
    review = "Отличный фильм, актёры играют прекрасно, а музыка просто замечательная."
    path = write(tmp_path, "ru.csv", f"text,stars\n\"{review}\",5\n\"{review[::-1]}\",1\n", "cp1251")
    assert texts(path) == [review, review[::-1]]


def test_utf16_csv_with_a_bom(tmp_path):
    path = write(tmp_path, "wide.csv", "review,stars\nZ\u00fcrich was lovely,5\nNot for me,2\n", "utf-16")
    assert [(row.text, row.rating) for row in read_rows(path)] == [("Z\u00fcrich was lovely", 5), ("Not for me", 2)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1251"])
def test_rows_carry_the_encoding_their_file_was_read_in_named_as_a_review_file_s(tmp_path, encoding):
    text = "review,stars\n\"Отличный фильм, актёры играют прекрасно\",5\n" if encoding == "cp1251" else \
        "review,stars\nZ\u00fcrich was lovely \u2013 truly,5\n"
    path = write(tmp_path, "rows.csv", text, encoding)
    (found,) = read_rows(path)
    assert found.encoding == decode(path.read_bytes())[1]
    assert found.encoding == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": f"UTF-16 {sys.byteorder[0].upper()}E (BOM)",
                              "cp1252": "Windows-1252", "cp1251": "CP1251"}[encoding]


def test_semicolon_csv(tmp_path):
    path = write(tmp_path, "semi.csv", "review;rating\nGood, solid, fun;8\nDull and long;3\n")
    assert sniff(path).label == "rating"
    assert [(row.text, row.label, row.rating) for row in read_rows(path)] == [
        ("Good, solid, fun", "positive", 8), ("Dull and long", "negative", 3)]


def test_tsv(tmp_path):
    path = write(tmp_path, "reviews.tsv", "id\tbody\tpolarity\n7\tA fine, \"quoted\" film\tneg\n8\tLovely\tpositive\n")
    assert sniff(path) == Columns("body", "polarity", ("id", "body", "polarity"), None)
    assert rows(path) == [
        row(1, 'A fine, "quoted" film', "negative"), row(2, "Lovely", "positive")]


def test_json_lines_with_a_broken_line_a_blank_line_and_a_value_that_is_no_object(tmp_path):
    path = write(tmp_path, "reviews.jsonl", '{"text": "One", "label": 1}\n\n{"text": "Two", "label\n'
                                            '[1, 2]\n{"text": "Three", "label": 0}\n')
    assert rows(path) == [
        row(1, "One", "positive"),
        row(2, None, error="This row is not valid JSON."),
        row(3, None, error="This row is not a JSON object."),
        row(4, "Three", "negative"),
    ]


DEEP = "[" * 100_000 + "]" * 100_000
"""JSON nested 100,000 deep: Python's parser gives up with a RecursionError."""
LONG_NUMBER = "9" * 5000
"""A number Python will not read (over its 4,300-digit limit)."""


def test_json_lines_nested_too_deep_or_with_a_huge_number_spoil_their_rows_only(tmp_path):
    path = write(tmp_path, "reviews.jsonl", f'{{"text": "One", "label": 1}}\n{{"text": {DEEP}}}\n'
                                            f'{{"text": "Two", "stars": {LONG_NUMBER}}}\n{{"text": "Three", "label": 0}}\n')
    assert rows(path) == [
        row(1, "One", "positive"),
        row(2, None, error="This row is not valid JSON (nested too deeply to read)."),
        row(3, None, error="This row is not valid JSON (a number too long to read)."),
        row(4, "Three", "negative"),
    ]


@pytest.mark.parametrize(("body", "reason"), [(DEEP, "nested too deeply"), (f"[{LONG_NUMBER}]", "a number too long")])
def test_a_json_file_nested_too_deep_or_with_a_huge_number_is_refused_plainly(tmp_path, body, reason):
    path = write(tmp_path, "reviews.json", body)
    with pytest.raises(ReviewError) as refused:
        list(read_rows(path))
    assert f"reviews.json is not valid JSON ({reason}" in str(refused.value)
    assert "sys." not in str(refused.value) and "Recursion" not in str(refused.value)


def test_json_array(tmp_path):
    path = write(tmp_path, "reviews.json", json.dumps(
        [{"content": "Great\nfun", "sentiment": "pos"}, "not a review", {"content": "Awful", "sentiment": "neg"}],
        indent=2))
    assert sniff(path).text == "content"
    assert rows(path) == [
        row(1, "Great\nfun", "positive"),
        row(2, None, error="This row is not a JSON object."),
        row(3, "Awful", "negative"),
    ]


def test_json_that_is_not_an_array_is_refused_plainly(tmp_path):
    path = write(tmp_path, "export.json", json.dumps({"reviews": [{"text": "Good"}]}, indent=2))
    with pytest.raises(ReviewError, match="export.json is not a list of reviews"):
        sniff(path)


def test_a_broken_json_array_is_refused_with_where(tmp_path):
    path = write(tmp_path, "broken.json", '[{"text": "Good"},\n {"text": "Bad"\n]')
    with pytest.raises(ReviewError, match=r"broken.json is not valid JSON .*line 3"):
        read_rows(path)


def test_amazon_style_json_lines_in_a_json_file(tmp_path):
    records = [
        {"reviewerID": "A1", "asin": "B00", "reviewerName": "Kim", "helpful": [0, 0],
         "reviewText": "Works as described.", "overall": 5.0, "summary": "Good"},
        {"reviewerID": "A2", "asin": "B00", "reviewerName": "Lee", "helpful": [1, 2],
         "reviewText": "It is fine.", "overall": 3.0, "summary": "Fine"},
        {"reviewerID": "A3", "asin": "B01", "reviewerName": "Sam", "helpful": [2, 2],
         "reviewText": "Broke in a week.", "overall": 1.0, "summary": "Bad"},
        {"reviewerID": "A4", "asin": "B01", "reviewerName": "Ada", "helpful": [0, 0],
         "reviewText": "Mostly good.", "overall": 4.5, "summary": "Good"},
    ]
    path = write_lines(tmp_path, "Electronics_5.json", records)
    columns = sniff(path)
    assert (columns.text, columns.label, columns.scale) == ("reviewText", "overall", 5)
    assert "summary" in columns.names and "reviewerName" in columns.names
    assert [(row.text, row.label, row.rating) for row in read_rows(path)] == [
        ("Works as described.", "positive", 5), ("It is fine.", None, 3),
        ("Broke in a week.", "negative", 1), ("Mostly good.", "positive", 4.5)]
    assert isinstance(next(read_rows(path)).rating, int)


def test_yelp_style(tmp_path):
    records = [{"review_id": "x1", "user_id": "u1", "stars": 4, "useful": 0, "funny": 0, "cool": 1,
                "text": "Tasty tacos and quick service.", "date": "2019-05-01"},
               {"review_id": "x2", "user_id": "u2", "stars": 2, "useful": 3, "funny": 1, "cool": 0,
                "text": "Cold food.", "date": "2019-05-02"}]
    path = write_lines(tmp_path, "yelp.ndjson", records)
    assert (sniff(path).text, sniff(path).label, sniff(path).scale) == ("text", "stars", 5)
    assert [(row.label, row.rating) for row in read_rows(path)] == [("positive", 4), ("negative", 2)]


def test_columns_found_by_their_contents_and_named_explicitly(tmp_path):
    path = write(tmp_path, "survey.csv", "title,opinion,grade\n"
                                         "Dune,A slow start but a grand finish,9\n"
                                         "Cats,I could not sit through the second half,2\n")
    assert sniff(path) == Columns("opinion", "grade", ("title", "opinion", "grade"), 10)
    assert texts(path) == ["A slow start but a grand finish", "I could not sit through the second half"]
    assert texts(path, text_column="title") == ["Dune", "Cats"]
    found = list(read_rows(path, text_column="TITLE", label_column="Grade"))
    assert [(row.text, row.label, row.rating) for row in found] == [("Dune", "positive", 9), ("Cats", "negative", 2)]


def test_one_and_zero_are_labels_but_ones_in_a_stars_column_are_ratings(tmp_path):
    labels = write(tmp_path, "labels.csv", "text,target\nGood one,1\nBad one,0\n")
    stars = write(tmp_path, "stars.csv", "text,stars\nBad one,1\nWorse one,1\n")
    assert [row.label for row in read_rows(labels)] == ["positive", "negative"]
    assert sniff(stars).scale == 5
    assert [(row.label, row.rating) for row in read_rows(stars)] == [("negative", 1), ("negative", 1)]


def test_an_unknown_column_is_refused_with_the_columns_there_are(tmp_path):
    path = write(tmp_path, "reviews.csv", "review,sentiment\nGood,positive\n")
    with pytest.raises(ReviewError, match="reviews.csv has no column “body”; its columns are “review”, “sentiment”"):
        read_rows(path, text_column="body")
    with pytest.raises(ReviewError, match="no column “stars”"):
        read_rows(path, label_column="stars")


def test_a_quote_left_open_spoils_its_row_only(tmp_path):
    path = write(tmp_path, "quote.csv", 'review,sentiment\n'
                                        'Fine film,positive\n'
                                        '"The quote never closes,negative\n'
                                        'Next one is fine,positive\n'
                                        '"Quoted, and closed",negative\n')
    assert rows(path) == [
        row(1, "Fine film", "positive"),
        row(2, None, error="This row has a misplaced quote."),
        row(3, "Next one is fine", "positive"),
        row(4, "Quoted, and closed", "negative"),
    ]


def test_an_unclosed_quote_reaching_the_end_spoils_its_row_only(tmp_path):
    path = write(tmp_path, "quote.csv", 'review,sentiment\n'
                                        '"Fine\nfilm",positive\n'
                                        '"The quote never closes,negative\n'
                                        'Next one is fine,positive\n'
                                        'Last one,negative\n')
    assert rows(path) == [
        row(1, "Fine\nfilm", "positive"),
        row(2, None, error="This row has an unclosed quote."),
        row(3, "Next one is fine", "positive"),
        row(4, "Last one", "negative"),
    ]


def test_rows_without_text_are_errors(tmp_path):
    path = write(tmp_path, "gaps.csv", "sentiment,review\npositive,Good\nnegative,\npositive,   \nnegative\n\n"
                                       "positive,Last\n")
    assert rows(path) == [
        row(1, "Good", "positive"),
        row(2, None, error="This row has no text."),
        row(3, None, error="This row has no text."),
        row(4, None, error="This row has no text."),
        row(5, "Last", "positive"),
    ]


def test_a_field_longer_than_csv_s_default_limit(tmp_path):
    long_review = "word " * 60_000  # 300 KB; csv's default limit is 128 KB
    path = write(tmp_path, "long.csv", f'review,sentiment\n"{long_review}",positive\n')
    assert texts(path) == [long_review]


@pytest.mark.parametrize(("content", "reason"), [
    ("This film is great and I loved it,positive\nDull,negative\n", "has no header row"),
    ("id,score,year\n1,2,1999\n2,3,2001\n", "has no column of review text: none of its columns"),
    ("", "is empty"),
])
def test_files_that_are_no_table_of_reviews_are_refused(tmp_path, content, reason):
    path = write(tmp_path, "table.csv", content)
    with pytest.raises(ReviewError, match=reason):
        sniff(path)


def test_binary_files_and_missing_files_are_refused(tmp_path):
    picture = tmp_path / "picture.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ReviewError, match="PNG image"):
        sniff(picture)
    with pytest.raises(ReviewError, match="was not found"):
        read_rows(tmp_path / "gone.jsonl")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ReviewError, match="is a folder"):
        sniff(tmp_path / "folder.csv")


@pytest.mark.parametrize(("rating", "scale", "label"), [
    (10, 10, "positive"), (7, 10, "positive"), (6, 10, None), (5, 10, None), (4, 10, "negative"), (1, 10, "negative"),
    (5, 5, "positive"), (4, 5, "positive"), (3.5, 5, None), (3, 5, None), (2, 5, "negative"), (1, 5, "negative"),
])
def test_label_for_rating(rating, scale, label):
    assert label_for_rating(rating, scale) == label


def test_ratings_past_the_scale_are_neither(tmp_path):
    path = write(tmp_path, "stars.csv", "review,rating\n" + "".join(f"Review {n},{n % 5 + 1}\n" for n in range(300))
                 + "Late,8\n")
    assert sniff(path).scale == 5  # from the first 200 rows
    assert rows(path)[-1] == row(301, "Late")


def test_rows_stream(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("review,sentiment\n")
        for n in range(10_000):
            out.write(f'"Review {n}: {"quite a long line of words, " * 18}",positive\n')
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    try:
        count = sum(1 for row in read_rows(path) if row.label == "positive")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < path.stat().st_size / 5


def test_no_label_column_can_be_asked_for(tmp_path):
    path = write(tmp_path, "r.csv", "review,sentiment\n\"A fine, moving film.\",positive\n")
    assert [row.label for row in read_rows(path)] == ["positive"]
    assert [row.label for row in read_rows(path, label_column=NO_COLUMN)] == [None]


@pytest.mark.parametrize(("data", "reason"), [
    (b"\xff\xfe", "is empty"), (b"", "is empty"), (bytes(range(256)) * 20, "binary data"),
])
def test_a_table_that_is_only_a_bom_empty_or_binary_says_so(tmp_path, data, reason):
    path = tmp_path / "odd.tsv"
    path.write_bytes(data)
    with pytest.raises(ReviewError, match=reason):
        rows(path)


def test_a_line_over_the_size_limit_spoils_its_row_only_and_is_never_held_whole(tmp_path):
    huge = "word " * 26_000_000  # 130 MB on one line
    path = tmp_path / "reviews.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"text": "One", "label": 1}\n{"text": "' + huge + '"}\n{"text": "Three", "label": 0}\n')
    tracemalloc.start()
    try:
        found = rows(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [row(1, "One", "positive"), row(2, None, error="This row is over 20 MB."),
                     row(3, "Three", "negative")]
    assert peak < 100 * 1_048_576  # read 20 MB at a time, never the 130 MB line whole


def test_a_csv_line_over_the_size_limit_spoils_its_row_only(tmp_path):
    path = tmp_path / "reviews.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("review,label\nOne,1\n" + "word " * 4_500_000 + ",1\nThree,0\n")  # a 22 MB line
    assert rows(path) == [row(1, "One", "positive"),
                          row(2, None, error="This row has a field over 20 MB (an unclosed quote?)."),
                          row(3, "Three", "negative")]


def test_a_table_too_wide_for_reviews_is_refused_from_its_header_in_one_short_line(tmp_path):
    names = [f"column {n}" for n in range(200_000)]
    path = write(tmp_path, "wide.csv", ",".join(names) + "\n" + ",".join("7" for _ in names) + "\n")
    with pytest.raises(ReviewError) as refused:
        list(read_rows(path))
    message = str(refused.value)
    assert message == ("wide.csv has 200,000 columns, too many for a table of reviews (at most 1,000); "
                       "the first are “column 0”, “column 1”, “column 2” and 199,997 more.")


def test_json_objects_too_wide_for_reviews_are_refused_as_a_wide_csv_is(tmp_path):
    path = write_lines(tmp_path, "wide.jsonl", [{f"k{n}": n for n in range(50_000)}, {"review": "Fine."}])
    with pytest.raises(ReviewError) as refused:
        list(read_rows(path))
    assert str(refused.value) == ("wide.jsonl has 50,001 columns, too many for a table of reviews (at most 1,000); "
                                  "the first are “k0”, “k1”, “k2” and 49,998 more.")


def test_messages_name_a_few_columns_and_never_run_past_300_characters(tmp_path):
    names = [f"c{n}" for n in range(900)]  # wide, but not too wide: no column of text
    path = write(tmp_path, "codes.csv", ",".join(names) + "\n" + ",".join("7" for _ in names) + "\n")
    with pytest.raises(ReviewError) as refused:
        list(read_rows(path))
    assert "“c7” and 892 more)" in str(refused.value) and len(str(refused.value)) <= 300
    with pytest.raises(ReviewError) as named:
        list(read_rows(path, text_column="x" * 1000))
    assert len(str(named.value)) == 300 and str(named.value).endswith("…")


def test_a_review_column_without_text_is_not_said_to_be_misnamed(tmp_path):
    path = write_lines(tmp_path, "r.jsonl", [{"review": 4, "label": 1}, {"review": 5, "label": 0}])
    with pytest.raises(ReviewError) as refused:
        list(read_rows(path))
    assert str(refused.value) == ("r.jsonl has no column of review text: none of its columns (“review”, “label”) "
                                  "holds sentences (a column named review, text, … is read when it holds text).")
