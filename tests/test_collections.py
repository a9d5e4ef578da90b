"""Collections through the whole engine: listed one review a row, analysed, cached and written by the CLI,
and reviews in other languages: no sentiment, the verdict "unknown", people still found."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from cli_helpers import Run, run_cli

from desktop.app.batch import FULL, analyze_files, list_reviews
from desktop.app.cache import ResultCache
from desktop.app.library import Library, Listing
from desktop.app.records import SCHEMA, LibraryRow, ReviewFile, summarise, to_json
from desktop.app.session import sort_opened
from desktop.engine import analyze
from desktop.export import html_report

GOOD = "A wonderful, moving film.<br /><br />Anna Berg is superb and the music is beautiful."
BAD = "A dull, boring film. The plot is awful and the acting is the worst I have seen."
SPANISH = ("La película es una obra maestra. Los actores son muy buenos y la historia es conmovedora, aunque "
           "el final es un poco largo. Gael García Bernal está magnífico en el papel del hermano.")
SHARED_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "reviews" / "aclImdb_train"


def write_csv(path: Path, rows: list[list[str]], header=("review", "sentiment")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def collection(tmp_path) -> Path:
    return write_csv(tmp_path / "reviews.csv", [[GOOD, "positive"], [BAD, "negative"], ["", "positive"],
                                                [BAD, "positive"]])


def cli(*args: str, cache: Path) -> Run:
    return run_cli("analyze", *args, cache=cache)


def test_a_collection_lists_one_review_a_row_with_its_label_and_bad_rows_as_errors(collection):
    reviews = list_reviews([collection])
    assert [(review.row, review.label) for review in reviews] == [
        (1, "positive"), (2, "negative"), (3, None), (4, "positive")]
    assert reviews[0].text == GOOD and reviews[0].title == "reviews.csv, row 1"
    assert reviews[2].error == "This row has no text."
    assert len({review.key for review in reviews}) == 4


def test_rows_are_analysed_like_files_and_keep_their_row_numbers(collection, tmp_path):
    cache = ResultCache(tmp_path / "cache", version="test-1")
    rows = list(analyze_files(list_reviews([collection]), cache=cache))
    assert [row.row for row in rows] == [1, 2, 3, 4]
    assert [row.verdict for row in rows] == ["positive", "negative", None, "negative"]
    assert rows[2].error == "This row has no text." and rows[3].disagrees
    assert rows[0].language == "en"
    again = list(analyze_files(list_reviews([collection]), cache=cache))
    assert again == rows  # from the cache, row by row
    assert summarise(rows).agreed == 2 and summarise(rows).labelled == 3


def test_the_json_record_of_a_row_names_its_file_row_label_and_language(collection):
    (first, *_rest) = analyze_files(list_reviews([collection])[:1], detail=FULL)
    record = to_json(first)
    assert (record["schema"], record["file"], record["row"], record["label"], record["rating"]) == (
        SCHEMA, str(collection), 1, "positive", None)
    assert record["language"] == "en" and record["ok"] is True
    assert record["text"].startswith("A wonderful, moving film.\n\nAnna Berg")


def test_a_row_s_record_names_its_table_s_encoding_analysed_or_cached(tmp_path):
    cache = ResultCache(tmp_path / "cache", version="test-1")
    tables = {}
    for encoding in ("utf-8", "cp1252"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(f"review,stars\n{GOOD} \u2013 a caf\u00e9 of a film,5\n".encode(encoding))
        tables[encoding] = path
    first = [to_json(outcome) for outcome in analyze_files(list_reviews([tables["utf-8"]]), detail=FULL, cache=cache)]
    again = [to_json(outcome) for outcome in analyze_files(list_reviews(list(tables.values())), detail=FULL, cache=cache)]
    assert [record["encoding"] for record in first + again] == ["UTF-8", "UTF-8", "Windows-1252"]
    assert again[0] == first[0] and again[1]["text"] == first[0]["text"]  # the second table's row: a cached text


def test_star_ratings_give_labels_by_their_scale(tmp_path):
    path = tmp_path / "amazon.jsonl"
    path.write_text("".join(json.dumps({"reviewText": text, "overall": stars, "summary": "x"}) + "\n"
                            for text, stars in ((GOOD, 5), (BAD, 1), (GOOD, 3))), encoding="utf-8")
    listing = Listing.of(path)
    assert [(row.rating, row.label) for row in listing.rows] == [(5, "positive"), (1, "negative"), (3, None)]
    assert listing.labelled == 2 and listing.names[2] == "Row 3: A wonderful, moving film. Anna Berg is superb and the music is…"


def test_the_library_tells_rows_of_one_file_apart(collection):
    library = Library()
    library.show(Listing.of(collection))
    second = library.review(1)
    assert library.row_of(second) == 1 and library.row_of(collection) == -1
    changed = library.add_results([LibraryRow(ReviewFile(collection, row=2), verdict="negative")])
    assert changed == [1] and library.rows[1].verdict == "negative" and library.rows[0].verdict is None


def test_opening_a_table_or_a_folder_goes_to_the_library(collection, tmp_path):
    review = tmp_path / "one.txt"
    review.write_text(GOOD, encoding="utf-8")
    assert sort_opened([review, collection]) == (collection, [])
    assert sort_opened([collection, tmp_path]) == (tmp_path, [])
    assert sort_opened([review]) == (None, [review])


def test_the_cli_reads_a_collection_and_its_columns_can_be_named(tmp_path):
    path = write_csv(tmp_path / "mixed.csv", [["5", GOOD, "short"], ["1", BAD, "tiny"]],
                     header=("stars", "body", "title"))
    done = cli("--format", "jsonl", str(path), cache=tmp_path / "cache")
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and [(r["row"], r["rating"], r["label"]) for r in records] == [
        (1, 5, "positive"), (2, 1, "negative")]
    done = cli("--format", "csv", "--text-column", "title", "--label-column", "stars", str(path),
               cache=tmp_path / "cache")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [row["row"] for row in rows] == ["1", "2"] and all(int(row["words"]) == 1 for row in rows)
    done = cli("--text-column", "nope", str(path), cache=tmp_path / "cache")
    assert done.returncode == 1 and "nope" in done.stdout + done.stderr and "body" in done.stdout + done.stderr


def test_a_bad_row_is_named_once_with_its_reason_and_the_summary_names_the_tables_labels(collection, tmp_path):
    done = cli("--format", "text", str(collection), cache=tmp_path / "cache")
    assert "reviews.csv, row 3\n  Error: This row has no text.\n" in done.stdout
    assert done.stdout.count("row 3") == 1
    done = cli("--summary", str(collection), cache=tmp_path / "cache")
    assert "a table's label column" in done.stdout and "Agreement with labels: 66.7% (2 of 3;" in done.stdout


def test_a_review_in_another_language_gets_no_sentiment_but_its_people():
    analysis = analyze(SPANISH, name="resena.txt")
    assert analysis.language == "es" and analysis.verdict.label == "unknown"
    assert "Spanish" in analysis.verdict.reason and "made for English" in analysis.verdict.reason
    assert all(sentence.polarity == 0 and not sentence.drivers for sentence in analysis.sentences)
    assert [person.name for person in analysis.people] == ["Gael García Bernal"]
    anyway = analyze(SPANISH, name="resena.txt", as_english=True)
    assert anyway.language == "es" and anyway.verdict.label in ("positive", "negative", "mixed")


def test_reports_of_a_review_in_another_language_show_no_sentence_counts(tmp_path):
    path = tmp_path / "resena.txt"
    path.write_text(SPANISH, encoding="utf-8")
    done = cli("--format", "text", str(path), cache=tmp_path / "cache")
    sentences = len(analyze(SPANISH).sentences)
    assert f"  Sentences: {sentences}, not analysed\n" in done.stdout and "neutral" not in done.stdout
    assert "+0.00" not in done.stdout  # no scores for sentences the engine did not read
    page = html_report(analyze(SPANISH, name="resena.txt"))
    assert "Sentences:" not in page and "made for English" in page


@pytest.mark.parametrize("text", ["Meh.", "10/10 would watch again", "Great phone, battery lasts two days.",
                                  "Not bad at all", "El Mariachi was a blast!"])
def test_short_english_reviews_are_read_as_english(text):
    assert analyze(text, name="x.txt").verdict.label != "unknown"


@pytest.mark.skipif(not SHARED_TRAIN.is_dir(), reason="needs ../shared")
def test_imdb_reviews_as_csv_rows_get_the_verdicts_they_get_as_files(tmp_path):
    files = sorted(SHARED_TRAIN.glob("pos/*.txt"))[:20] + sorted(SHARED_TRAIN.glob("neg/*.txt"))[:20]
    path = write_csv(tmp_path / "imdb.csv", [[file.read_text(encoding="utf-8"), file.parent.name] for file in files])
    as_rows = list(analyze_files(list_reviews([path])))
    as_files = list(analyze_files([ReviewFile.at(file) for file in files]))
    assert len(as_rows) == 40 and all(row.error is None for row in as_rows)
    assert [row.verdict for row in as_rows] == [row.verdict for row in as_files]
    assert [row.label for row in as_rows] == [row.label for row in as_files]
    assert summarise(as_rows).agreement == summarise(as_files).agreement


def test_a_table_nested_too_deeply_fails_alone_and_the_run_goes_on(tmp_path):
    nested = tmp_path / "deep.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + '}\n{"text": "A fine film."}\n', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    done = cli("--format", "csv", str(nested), str(lines), str(good), cache=tmp_path / "cache")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert done.returncode == 1 and len(rows) == 4  # the file, both rows of the other, and the good review
    assert "nested too deeply" in rows[0]["error"] and "nested too deeply" in rows[1]["error"]
    assert rows[2]["verdict"] and rows[3]["verdict"] == "positive"
