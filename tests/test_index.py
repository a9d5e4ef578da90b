"""The library index (``desktop.app.index``): the database answers every query as the query language does in
Python, stays in step with changed, added and removed reviews, survives a kill, and sets aside a database it
cannot trust."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_helpers import run_cli
from test_query import REVIEWS

from desktop.app import batch
from desktop.app import index as index_module
from desktop.app.batch import FULL, INDEXED, analyze_files, list_reviews
from desktop.app.index import INDEX_NAME, LibraryIndex, tally_people
from desktop.app.query import matching, parse
from desktop.app.records import PersonTally, summarise
from desktop.export import PEOPLE_SHOWN, summary_text

ROOT = Path(__file__).resolve().parents[1]
MORE = {
    "pos/5_10.txt": "Stanley Kubrick made a cold, brilliant film. Nicole Kidman is superb; Tom Cruise is wooden.",
    "neg/6_1.txt": "Don't bother. The café scenes are dull, the music is loud and the plot makes no sense at all.",
    "pos/7_8.txt": "Fünf Sterne? Nearly: a warm, funny film with a sound design to remember and a fine soundtrack.",
}
QUERIES = [
    "soundtrack", "soundtrack*", "sound*", "cafe", "café", '"special effects"', "special effects", "don't", "DON",
    "verdict:negative", "verdict:positive", "verdict:mixed", "label:positive", "label:none", "disagrees",
    "not disagrees", "rating:>=8", "rating:7", "-rating:>=8", "rating:<3 or rating:>8", "score:>0.5",
    "confidence:<0.9", "words:>15", "people:>=2", "not people:>=1", "person:Hanks", 'person:"tom hanks"',
    "person:kubrick", "person:Stanley -praised:Kidman", "person:=kubrick", 'person:="stanley kubrick"',
    'praised:="nicole kidman"', "praised:Kidman", "criticised:Cruise", "language:en",
    "language:es", "wonderful or dull and verdict:positive", "(wonderful or dull) and not verdict:negative",
    "fünf", "funf", "", "zeppelin", "-zeppelin",
]


def write_library(folder: Path, reviews: dict[str, str]) -> Path:
    for name, text in reviews.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """(the listed reviews, their outcomes, an index holding them)."""
    folder = write_library(tmp_path_factory.mktemp("library"), {**REVIEWS, **MORE})
    reviews = list_reviews([folder])
    outcomes = list(analyze_files(reviews, detail=FULL))
    index = LibraryIndex(":memory:", "test-1")
    assert index.stale(reviews, [folder]) == reviews  # nothing known yet
    assert len(list(index.store(analyze_files(reviews, detail=INDEXED)))) == len(outcomes)
    return reviews, outcomes, index


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_answers_every_query_as_the_query_language_does(library, query):
    reviews, outcomes, index = library
    wanted = parse(query)
    assert list(index.search(wanted, reviews)) == list(matching(outcomes, wanted))


def test_some_queries_find_something_and_some_find_nothing(library):
    reviews, _outcomes, index = library
    found = {query: len(list(index.search(parse(query), reviews))) for query in QUERIES}
    assert found["sound*"] == 3 and found["cafe"] == found["café"] == 2 and found["zeppelin"] == 0
    assert found[""] == len(reviews) == 7


def test_changed_added_and_removed_reviews_are_found_and_only_they_analysed_again(tmp_path):
    folder = write_library(tmp_path / "reviews", REVIEWS)
    index = LibraryIndex(tmp_path / INDEX_NAME, "test-1")
    reviews = list_reviews([folder])
    list(index.store(analyze_files(index.stale(reviews, [folder]), detail=INDEXED)))
    assert index.stale(reviews, [folder]) == []  # all known
    (folder / "pos" / "1_9.txt").write_text("Now a dull and awful film.", encoding="utf-8")
    (folder / "neg" / "3_2.txt").unlink()
    write_library(folder, {"pos/8_9.txt": "A superb film with a lovely soundtrack."})
    reviews = list_reviews([folder])
    todo = index.stale(reviews, [folder])
    assert sorted(review.path.name for review in todo) == ["1_9.txt", "8_9.txt"]
    list(index.store(analyze_files(todo, detail=INDEXED)))
    assert [match.row.review.path.name for match in index.search(parse("soundtrack"), reviews)] == ["8_9.txt"]
    assert [match.row.verdict for match in index.search(parse("dull"), reviews)] == ["negative"]
    stored = index.db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    assert stored == len(reviews) == 4  # the removed review's row is gone, with its text
    assert index.db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 4
    assert index.db.execute("SELECT COUNT(*) FROM words WHERE words MATCH 'awful'").fetchone()[0] == 1  # 3_2's left
    assert index.db.execute("SELECT COUNT(*) FROM names WHERE names MATCH 'hanks'").fetchone()[0] == 0  # and Hanks
    assert list(index.search(parse("person:hanks"), reviews)) == []
    assert LibraryIndex(tmp_path / INDEX_NAME, "test-2").stale(reviews, [folder]) == reviews  # a new engine


def test_libraries_side_by_side_in_one_index_keep_to_themselves_however_their_folder_is_spelled(tmp_path,
                                                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("rev", "reviews", "reviews2"):  # names that start alike: a prefix must stop at the separator
        write_library(tmp_path / name, {"pos/1_9.txt": f"A superb {name} film.", "neg/2_1.txt": "Dull."})
    index = LibraryIndex(tmp_path / INDEX_NAME, "test-1")
    listed = {name: list_reviews([name]) for name in ("rev", "reviews", "reviews2")}
    for name, reviews in listed.items():
        list(index.store(analyze_files(index.stale(reviews, [name]), detail=INDEXED)))
    assert [len(rows) for rows in (index.known(listed["reviews"], [source])[0]
                                   for source in ("reviews", "reviews/", "./reviews"))] == [2, 2, 2]
    assert index.stale(listed["reviews"], ["./reviews"]) == []
    (tmp_path / "reviews" / "neg" / "2_1.txt").unlink()
    assert index.stale(list_reviews(["reviews"]), ["./reviews/"]) == []
    paths = sorted(os.fsdecode(path) for (path,) in index.db.execute("SELECT path FROM reviews"))
    assert paths == ["rev/neg/2_1.txt", "rev/pos/1_9.txt", "reviews/pos/1_9.txt", "reviews2/neg/2_1.txt",
                     "reviews2/pos/1_9.txt"]  # the review removed is dropped; the other libraries keep theirs


def test_rows_of_a_table_go_stale_together_and_rows_gone_are_dropped(tmp_path):
    table = tmp_path / "reviews.csv"
    table.write_text("review,stars\nA superb film.,9\nDull and awful.,2\nFine music.,7\n", encoding="utf-8")
    index = LibraryIndex(":memory:", "test-1")
    rows = list_reviews([table])
    list(index.store(analyze_files(index.stale(rows, [table]), detail=INDEXED)))
    assert index.stale(rows, [table]) == []
    table.write_text("review,stars\nA superb film.,9\nDull and awful.,2\n", encoding="utf-8")
    rows = list_reviews([table])
    assert index.stale(rows, [table]) == rows  # the table changed: each of its rows may have
    assert index.db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 2


def test_a_kill_during_a_run_keeps_every_committed_review_and_a_sound_database(tmp_path):
    folder = write_library(tmp_path / "reviews", {f"pos/{n}_8.txt": f"Review {n}: a fine film." for n in range(40)})
    script = textwrap.dedent(f"""
        import os, signal
        from desktop.app import index as index_module
        from desktop.app.batch import INDEXED, analyze_files, list_reviews
        index_module.COMMIT_EVERY = 10
        index = index_module.LibraryIndex({str(tmp_path / INDEX_NAME)!r}, "test-1")
        reviews = list_reviews([{str(folder)!r}])
        for done, _row in enumerate(index.store(analyze_files(reviews, detail=INDEXED)), 1):
            if done == 25:
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert run.returncode == -signal.SIGKILL
    index = LibraryIndex(tmp_path / INDEX_NAME, "test-1")
    assert index.kept and index.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reviews = list_reviews([folder])
    assert len(index.stale(reviews, [folder])) == 40 - 20  # two commits of 10 survived; the 5 in flight did not
    assert len(list(index.search(parse("fine"), reviews))) == 20


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None], ids=["garbage", "another app's"])
def test_a_database_that_is_not_ours_is_set_aside_and_a_new_one_made(tmp_path, content):
    path = tmp_path / INDEX_NAME
    if content is None:
        sqlite3.connect(path).execute("CREATE TABLE notes (body TEXT)").connection.commit()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    index = LibraryIndex(path, "test-1")
    assert index.kept and index.db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
    (aside,) = tmp_path.glob(f"{INDEX_NAME}.unreadable-*")
    assert aside.read_bytes() == before  # kept for the curious, never trusted


def test_an_index_that_cannot_be_made_is_kept_in_memory_for_the_run(tmp_path):
    (tmp_path / "a-file").write_text("in the way")
    index = LibraryIndex(tmp_path / "a-file" / INDEX_NAME, "test-1")
    assert not index.kept
    assert index.stale([], []) == []


def test_a_second_search_analyses_nothing_and_answers_the_same(tmp_path, monkeypatch):
    folder = write_library(tmp_path / "reviews", {**REVIEWS, **MORE})
    cache = tmp_path / "cache"
    first = run_cli("search", "--jobs", "1", "--format", "jsonl", str(folder), "film -person:Hanks", cache=cache)
    assert first.returncode == 0 and (cache / INDEX_NAME).is_file()
    asked: list[list[str]] = []

    def analyze_files(reviews, **options):
        asked.append(sorted(review.path.name for review in reviews))
        return batch.analyze_files(reviews, **options)

    monkeypatch.setattr(index_module, "analyze_files", analyze_files)
    again = run_cli("search", "--jobs", "1", "--format", "jsonl", str(folder), "film -person:Hanks", cache=cache)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    os.utime(folder / "pos" / "7_8.txt", ns=(1, 1))  # touched: analysed again (from the result cache)
    (folder / "pos" / "9_9.txt").write_text("A film to treasure.", encoding="utf-8")
    third = run_cli("search", "--jobs", "1", "--format", "jsonl", str(folder), "film -person:Hanks", cache=cache)
    assert asked == [[], ["7_8.txt", "9_9.txt"]]  # the second run analysed nothing, the third only these
    assert len(third.stdout.splitlines()) == len(first.stdout.splitlines()) + 1


def test_people_are_merged_across_reviews_a_surname_joining_its_one_clear_full_name():
    rows = [
        ("stanley kubrick", "Stanley Kubrick", "praised", 3, 1), ("kubrick", "Kubrick", "criticised", 2, 2),
        ("kubrick", "KUBRICK", "neutral", 1, 1),  # in review 1 his most mentioned name was praised
        ("tom hanks", "Tom Hanks", "praised", 10, 3), ("colin hanks", "Colin Hanks", "neutral", 9, 4),
        ("hanks", "Hanks", "criticised", 1, 5),  # two Hankses named about as often: it stays apart
        ("meryl streep", "Meryl Streep", "neutral", 1, 6), ("meryl streep", "meryl streep", "praised", 1, 7),
        ("meryl streep", "Meryl Streep", "praised", 1, 8),
    ]
    tallies = {tally.name: tally for tally in tally_people(rows)}
    assert set(tallies) == {"Stanley Kubrick", "Tom Hanks", "Colin Hanks", "Hanks", "Meryl Streep"}
    kubrick = tallies["Stanley Kubrick"]
    assert (kubrick.reviews, kubrick.mentions, kubrick.praised, kubrick.criticised, kubrick.neutral) == (2, 6, 1, 1, 0)
    assert kubrick.names == ("Stanley Kubrick", "Kubrick")
    assert kubrick.query == 'person:="Stanley Kubrick" or person:="Kubrick"'  # his reviews, and no other Kubrick's
    assert tallies["Colin Hanks"].query == 'person:="Colin Hanks"'
    assert tallies["Meryl Streep"].reviews == 3 and tallies["Meryl Streep"].praised == 2
    assert list(tallies)[0] == "Meryl Streep"  # the most reviews first
    rows.append(("tom hanks", "Tom Hanks", "praised", 30, 9))
    merged = {tally.name: tally for tally in tally_people(rows)}
    assert "Hanks" not in merged and merged["Tom Hanks"].reviews == 3  # now Tom is the clear Hanks


def test_the_people_of_a_library_and_of_the_reviews_answering_a_query(library):
    reviews, _outcomes, index = library
    everyone = {tally.name: tally for tally in index.people(reviews)}
    hanks = everyone["Tom Hanks"]
    assert (hanks.reviews, hanks.mentions, hanks.praised, hanks.neutral) == (2, 2, 1, 1)
    assert {"Meryl Streep", "Stanley Kubrick", "Nicole Kidman", "Tom Cruise"} <= set(everyone)
    (only,) = [tally for tally in index.people(reviews, parse("verdict:negative")) if tally.name == "Tom Hanks"]
    assert (only.reviews, only.neutral) == (1, 1)


def test_the_cli_lists_people_as_a_table_json_lines_or_csv(tmp_path):
    folder = write_library(tmp_path / "reviews", {**REVIEWS, **MORE})
    cache = tmp_path / "cache"
    table = run_cli("people", "--format", "text", "--top", "2", str(folder), cache=cache)
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split() == ["Name", "Reviews", "Mentions", "Praised", "Criticised", "Neutral"]
    assert table.stdout.splitlines()[1].split()[:3] == ["Tom", "Hanks", "2"] and len(table.stdout.splitlines()) == 3
    lines = run_cli("people", "--format", "jsonl", "--query", "label:positive", str(folder), cache=cache)
    names = [json.loads(line)["name"] for line in lines.stdout.splitlines()]
    assert "Meryl Streep" in names and "Tom Cruise" in names
    sheet = run_cli("people", "--format", "csv", str(folder), cache=cache).stdout.splitlines()
    assert sheet[0] == "name,reviews,mentions,praised,criticised,neutral,names"
    assert sheet[1] == "Tom Hanks,2,2,1,0,1,Tom Hanks"
    bad = run_cli("people", "--query", "person:", str(folder), cache=cache)
    assert bad.returncode == 2 and bad.stdout == "" and "person: needs a value" in bad.stderr


def test_the_cli_summary_counts_the_people_as_the_people_command_does(tmp_path):
    folder = write_library(tmp_path / "reviews", {**REVIEWS, **MORE})
    cache = tmp_path / "cache"
    summary = json.loads(run_cli("analyze", "--summary", "--format", "jsonl", str(folder), cache=cache).stdout)
    listed = [json.loads(line) for line in run_cli("people", "--format", "jsonl", str(folder), cache=cache)
              .stdout.splitlines()]
    assert summary["people"] == listed and summary["reviews"] == 7
    assert summary["people"][0]["name"] == "Tom Hanks" and summary["people"][0]["reviews"] == 2
    text = run_cli("analyze", "--summary", "--format", "text", str(folder), cache=cache).stdout
    heading = text.index(f"People named ({len(listed)}):")
    assert text[heading:].splitlines()[1].split() == ["Name", "Reviews", "Mentions", "Praised", "Criticised",
                                                      "Neutral"]
    assert text[heading:].splitlines()[2].split()[:3] == ["Tom", "Hanks", "2"]
    assert "Agreement with labels:" in text[:heading]  # the people come last


def test_a_summary_shows_the_people_most_named_and_says_how_many_more_there_are():
    people = [PersonTally(f"Person {number}", 30 - number, 30 - number, 1, 0, 29 - number) for number in range(25)]
    text = summary_text(summarise([], people))
    assert f"People most named ({PEOPLE_SHOWN} of 25; review-reader-cli people lists them all):" in text
    assert "Person 19 " in text and "Person 20 " not in text
    assert summary_text(summarise([])).count("People") == 0  # no one named, no heading
