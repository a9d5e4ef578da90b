"""The library's query language (``desktop.app.query``) and ``review-reader-cli search``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_cli

from desktop.app.query import Entry, QueryError, matching, parse
from desktop.app.records import Outcome, ReviewFile
from desktop.engine import analyze

REVIEWS = {
    "pos/1_9.txt": "Tom Hanks is wonderful. The soundtrack is a masterpiece and the special effects dazzle.",
    "pos/2_8.txt": "A lovely café scene, and Meryl Streep shines. The SOUNDTRACKS album sold well.",
    "neg/3_2.txt": "Dull and awful. Even Tom Hanks cannot save the boring script; the effects are special only in name.",
    "neg/4_7.txt": "I loved every minute: a brilliant, moving and wonderful film. Highly recommended.",
}
"""Four reviews; the last sits in neg/ with a 7, so its (positive) verdict disagrees with its label."""


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    found = {}
    for name, text in REVIEWS.items():
        review = ReviewFile.at(Path("/library") / name)
        found[name] = Outcome(review, analyze(text.encode(), name))
    return found


def answers(query: str, outcomes: dict[str, Outcome]) -> list[str]:
    """The names of the reviews that answer ``query``."""
    wanted = parse(query)
    return [name for name, outcome in outcomes.items() if wanted.matches(Entry(outcome))]


@pytest.mark.parametrize(("query", "expected"), [
    ("soundtrack", ["pos/1_9.txt"]),  # a whole word: "soundtracks" is another
    ("SoundTrack*", ["pos/1_9.txt", "pos/2_8.txt"]),  # any case; * for words that start so
    ("cafe", ["pos/2_8.txt"]),  # accents do not count
    ('"special effects"', ["pos/1_9.txt"]),  # one after the other: "effects are special" is not it
    ("special effects", ["pos/1_9.txt", "neg/3_2.txt"]),  # both words anywhere
    ("verdict:negative", ["neg/3_2.txt"]),
    ("label:positive", ["pos/1_9.txt", "pos/2_8.txt"]),
    ("disagrees", ["neg/4_7.txt"]),
    ("rating:>=8", ["pos/1_9.txt", "pos/2_8.txt"]),
    ("rating:7", ["neg/4_7.txt"]),
    ("rating:<3 or rating:>8", ["pos/1_9.txt", "neg/3_2.txt"]),
    ("person:Hanks", ["pos/1_9.txt", "neg/3_2.txt"]),
    ('person:"tom hanks" -verdict:negative', ["pos/1_9.txt"]),
    ("person:Tom person:Streep", []),
    ("person:=hanks", []),  # = asks for the whole name: no one is named just "Hanks"
    ('person:="tom hanks"', ["pos/1_9.txt", "neg/3_2.txt"]),
    ("praised:Streep", ["pos/2_8.txt"]),
    ("wonderful and not hanks", ["neg/4_7.txt"]),
    ("wonderful or dull and verdict:positive", ["pos/1_9.txt", "neg/4_7.txt"]),  # and binds tighter than or
    ("wonderful Or dull AND verdict:positive", ["pos/1_9.txt", "neg/4_7.txt"]),  # in any case
    ("(wonderful or dull) and verdict:negative", ["neg/3_2.txt"]),
    ("language:en words:<14", ["pos/2_8.txt", "neg/4_7.txt"]),
    ("10:30", []),  # a time is text, not a field
    ("language:english people:>=1 score:>0", ["pos/1_9.txt", "pos/2_8.txt"]),
    ("", list(REVIEWS)),  # an empty query: every review
])
def test_queries_answer_as_a_reader_would_expect(outcomes, query, expected):
    assert answers(query, outcomes) == expected


@pytest.mark.parametrize(("query", "said"), [
    ("ratng:>8", "There is no field “ratng”; the fields are verdict, label, language, person, praised, criticised, "
                 "rating, score, confidence, words and people."),
    ("rating:high", "rating: needs a number, as in rating:>=8."),
    ("verdict:meh", "verdict: is positive, negative, mixed or unknown, as in verdict:negative."),
    ("language:klingon", "language: takes a code such as es or de, or a name such as Spanish, not “klingon”."),
    ('"open', "A quote is not closed."),
    ("(a or b", "A bracket is not closed."),
    ("a)", "A closing bracket has no opening one."),
    ("good and", "The query ends where a word was expected (after “and”, “or” or “not”)."),
    ("person:", "person: needs a value, as in person:\"Tom Hanks\"."),
])
def test_a_query_that_cannot_be_read_says_why_in_words(query, said):
    with pytest.raises(QueryError) as refused:
        parse(query)
    assert str(refused.value) == said


def test_highlights_are_the_words_and_phrases_looked_for_not_those_excluded(outcomes):
    text = outcomes["pos/1_9.txt"].analysis.text
    spans = parse('"special effects" soundtrack -dull person:hanks').highlights(text)
    assert [text[start:end] for start, end in spans] == ["Hanks", "soundtrack", "special effects"]
    (match,) = matching([outcomes["pos/2_8.txt"]], parse("soundtrack*"))
    assert match.snippet(width=10) == "…The SOUNDTRACKS album…"  # whole words around the first match
    assert match.row.verdict == "positive" and match.row.rating == 8


def library(tmp_path: Path) -> Path:
    for name, text in REVIEWS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_cli_prints_the_matching_reviews_as_text_json_lines_or_csv(tmp_path):
    folder = library(tmp_path / "reviews")
    cache = tmp_path / "cache"
    text = run_cli("search", "--jobs", "1", "--format", "text", str(folder), "hanks and verdict:positive", cache=cache)
    assert text.returncode == 0 and text.stderr == "review-reader-cli: matches: 1 of 4 reviews\n"
    name, verdict, snippet = text.stdout.rstrip("\n").split("\t")
    assert name == "1_9.txt" and verdict.startswith("positive (") and snippet.startswith("Tom Hanks is wonderful.")
    lines = run_cli("search", "--format", "jsonl", str(folder), "soundtrack* or disagrees", cache=cache)
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [Path(record["file"]).name for record in records] == ["4_7.txt", "1_9.txt", "2_8.txt"]  # neg/ first
    assert records[0]["matches"] == [] and records[0]["label"] == "negative" and records[0]["verdict"] == "positive"
    first = REVIEWS["pos/1_9.txt"]
    assert [first[start:end] for start, end in records[1]["matches"]] == ["soundtrack"]
    table = run_cli("search", "--format", "csv", str(folder), "label:negative", cache=cache)
    assert table.stdout.splitlines()[0].startswith("file,row,label,rating,verdict") and len(table.stdout.splitlines()) == 3


def test_the_cli_says_when_nothing_matches_or_the_query_cannot_be_read(tmp_path):
    folder = library(tmp_path / "reviews")
    (folder / "neg" / "5_1.txt").write_bytes(b"")
    none = run_cli("search", "--no-cache", str(folder), "zeppelin")
    assert (none.returncode, none.stdout) == (1, "")
    assert none.stderr == ("review-reader-cli: matches: 0 of 5 reviews; 1 could not be analysed "
                           "(review-reader-cli analyze says why)\n")
    bad = run_cli("search", "--no-cache", str(folder), "rating:>>8")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "review-reader-cli: the query cannot be read: rating: needs a number, as in rating:>=8.\n"
