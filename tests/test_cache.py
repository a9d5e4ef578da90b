"""The on-disk result cache: where it lives, round trips, and entries that must not be trusted."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time

import pytest

from desktop.app.batch import FULL, analyze_files
from desktop.app.cache import LAST_USED, ResultCache, content_key, engine_version
from desktop.app.records import SCHEMA, analysis_from_json, analysis_json
from desktop.engine import ENGINE_VERSION, analyze
from desktop.paths import CACHE_ENV, LOG_DIR_ENV, SETTINGS_DIR_ENV, cache_dir, log_dir, settings_dir

RAW = b"Tom Hanks is wonderful here.<br /><br />The script is dull, sadly. Tom carries it."


@pytest.fixture(scope="module")
def record():
    return analyze(RAW, name="1_8.txt")


@pytest.fixture
def cache(tmp_path) -> ResultCache:
    return ResultCache(tmp_path / "cache", version="test-1")


def test_the_cache_settings_and_log_folders_share_one_naming_scheme(monkeypatch, tmp_path):
    folders = {CACHE_ENV: cache_dir, SETTINGS_DIR_ENV: settings_dir, LOG_DIR_ENV: log_dir}
    for variable, folder in folders.items():
        monkeypatch.setenv(variable, str(tmp_path / variable))
        assert folder() == tmp_path / variable  # the override wins
        monkeypatch.delenv(variable)
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    defaults = [folder() for folder in folders.values()]
    assert all("review-reader" in folder.parts for folder in defaults)
    if sys.platform.startswith("linux"):
        assert defaults == [tmp_path / "XDG_CACHE_HOME" / "review-reader",
                            tmp_path / "XDG_CONFIG_HOME" / "review-reader",
                            tmp_path / "XDG_STATE_HOME" / "review-reader" / "log"]


def test_a_checkout_versions_results_by_the_engine_sources():
    assert engine_version().startswith(ENGINE_VERSION + "+src.")
    assert ResultCache(version="1+src.abc").folder.name == "engine-1+src.abc"


def test_a_stored_record_comes_back_whole_and_as_the_same_analysis(cache, record):
    key = content_key(RAW)
    assert cache.load(key) is None
    cache.store(key, record)
    assert cache.entry_path(key) == cache.folder / key[:2] / f"{key}.json"
    assert [p.name for p in cache.entry_path(key).parent.iterdir()] == [f"{key}.json"]  # no temporary files left
    assert cache.load(key, name="1_8.txt", size=len(RAW)) == record
    assert cache.load_numbers(key) == {"verdict": record.verdict.label, "score": record.verdict.score,
                                       "people": len(record.people), "words": 13, "language": "en"}
    body = json.loads(cache.entry_path(key).read_bytes().split(b"\n")[1])
    assert body == analysis_json(record) and body["schema"] == SCHEMA


def test_another_engine_versions_entries_are_not_used(cache, record):
    key = content_key(RAW)
    cache.store(key, record)
    newer = ResultCache(cache.root, version="test-2")
    assert newer.load(key) is None and newer.load_numbers(key) is None
    cache.entry_path(key).parent.mkdir(parents=True, exist_ok=True)
    newer.entry_path(key).parent.mkdir(parents=True)
    newer.entry_path(key).write_bytes(cache.entry_path(key).read_bytes())  # a stale entry in the new place
    assert newer.load(key) is None and newer.load_numbers(key) is None


def stored_version(root, version: str, days_unused: float, kilobytes: int = 0) -> ResultCache:
    """A cache version folder last used ``days_unused`` days ago, holding a file of ``kilobytes`` KB."""
    cache = ResultCache(root, version=version)
    cache.folder.mkdir(parents=True)
    (cache.folder / "ab").mkdir()
    (cache.folder / "ab" / "entry.json").write_bytes(b"x" * kilobytes * 1024)
    used = time.time() - days_unused * 86_400
    (cache.folder / LAST_USED).touch()
    os.utime(cache.folder / LAST_USED, (used, used))
    return cache


def test_a_batch_keeps_recent_versions_and_removes_old_ones_and_nothing_else(tmp_path, record):
    recent = stored_version(tmp_path, "checkout-1", days_unused=2)
    old = stored_version(tmp_path, "app-0", days_unused=45)
    (tmp_path / "engine-notes.txt").write_text("a file, not a version folder")
    (tmp_path / "other").mkdir()
    review = tmp_path / "reviews" / "1_8.txt"
    review.parent.mkdir()
    review.write_bytes(RAW)
    current = ResultCache(tmp_path, version="test-1")
    list(analyze_files([review], cache=current))
    assert recent.folder.is_dir() and not old.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "engine-checkout-1", "engine-notes.txt", "engine-test-1", "other", "reviews"]
    assert current.load(content_key(RAW)) is not None
    assert (current.folder / LAST_USED).is_file()


def test_over_the_size_limit_the_least_recently_used_other_versions_go_first(tmp_path):
    oldest = stored_version(tmp_path, "v1", days_unused=9, kilobytes=300)
    older = stored_version(tmp_path, "v2", days_unused=5, kilobytes=300)
    newer = stored_version(tmp_path, "v3", days_unused=1, kilobytes=300)
    current = stored_version(tmp_path, "v4", days_unused=20, kilobytes=300)
    current.prune(max_bytes=700 * 1024)
    assert [c.folder.exists() for c in (oldest, older, newer, current)] == [False, False, True, True]
    current.prune(max_bytes=100 * 1024)
    assert not newer.folder.exists() and current.folder.is_dir()  # never the version in use


def _entry(cache: ResultCache, key: str, body: dict, summary: dict | None = None, version: str | None = None) -> None:
    """Write an entry by hand, with a correct body hash, so only its contents are wrong."""
    raw_body = json.dumps(body).encode()
    header = {"engine": version or cache.version, "key": key,
              "body": hashlib.blake2b(raw_body, digest_size=16).hexdigest(),
              "numbers": summary or {"verdict": "positive", "score": 0.5, "people": 1, "words": 14,
                                     "language": "en"}}
    path = cache.entry_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(header).encode() + b"\n" + raw_body + b"\n")


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "header only", "body edited", "other key"])
def test_damaged_entries_are_ignored(cache, record, damage):
    key = content_key(RAW)
    cache.store(key, record)
    path = cache.entry_path(key)
    data = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json \n at all\n")
    elif damage == "header only":
        path.write_bytes(data.split(b"\n")[0] + b"\n")
    elif damage == "body edited":
        path.write_bytes(data.replace(b'"label":"', b'"label":"x', 1))
    else:
        key = "ff" * 20  # an entry copied to another content's place
        cache.entry_path(key).parent.mkdir(parents=True, exist_ok=True)
        cache.entry_path(key).write_bytes(data)
    assert cache.load(key) is None
    assert cache.load_numbers(key) is None
    cache.store(key, record)  # rebuilt over the damage
    assert cache.load(key) is not None


def _broken(record: dict, change) -> dict:
    body = json.loads(json.dumps(analysis_json(record)))
    change(body)
    return body


BREAKAGES = {
    "span past the text": lambda r: r["sentences"][0].update(end=len(r["text"]) + 5),
    "negative span": lambda r: r["paragraphs"][0].__setitem__(0, -1),
    "unknown verdict": lambda r: r["verdict"].update(label="great"),
    "count as a bool": lambda r: r["verdict"].update(positive=True),
    "polarity as text": lambda r: r["sentences"][0].update(polarity="0.5"),
    "an extra key": lambda r: r.update(extra=1),
    "a missing key": lambda r: r.pop("people"),
    "another schema": lambda r: r.update(schema=SCHEMA + 1),
    "no schema": lambda r: r.pop("schema"),
    "no language": lambda r: r.pop("language"),
    "unknown verdict with a wrong label": lambda r: r["verdict"].update(label="Unknown"),
    "mention not a span": lambda r: r["people"][0].update(mentions=[[1, 2, 3]]),
    "text not a string": lambda r: r.update(text=None),
    "sentences not a list": lambda r: r.update(sentences=5),
    # each kind of value, and each level of the form (records.BODY and the forms in it)
    "polarity as a bool": lambda r: r["sentences"][0].update(polarity=True),
    "driver's number as a bool": lambda r: r["sentences"][0]["drivers"][0].__setitem__(1, False),
    "score not a number": lambda r: r["verdict"].update(score=float("nan")),
    "confidence infinite": lambda r: r["verdict"].update(confidence=float("inf")),
    "weight past any float": lambda r: r["verdict"]["evidence"][0].update(weight=10 ** 400),
    "negative count": lambda r: r["verdict"].update(neutral=-1),
    "count as a float": lambda r: r["verdict"].update(negative=1.0),
    "offset as a float": lambda r: r["sentences"][0].update(start=0.0),
    "offset as a bool": lambda r: r["verdict"]["evidence"][0].update(start=False),
    "sentence ending before its start": lambda r: r["sentences"][1].update(start=r["sentences"][1]["end"] + 1),
    "evidence past the text": lambda r: r["verdict"]["evidence"][0].update(end=len(r["text"]) + 1),
    "mention past the text": lambda r: r["people"][0]["mentions"].append([0, len(r["text"]) + 1]),
    "paragraph reversed": lambda r: r["paragraphs"][0].reverse(),
    "paragraphs as text": lambda r: r.update(paragraphs=""),
    "sentence not a record": lambda r: r["sentences"].__setitem__(0, list(r["sentences"][0])),
    "driver not a pair": lambda r: r["sentences"][0]["drivers"].append(["good"]),
    "name not a string": lambda r: r["people"][0].update(name=["Tom"]),
    "verdict not a record": lambda r: r.update(verdict=list(r["verdict"])),
    "label in capitals": lambda r: r["verdict"].update(label="Positive"),
    "label not a string": lambda r: r["verdict"].update(label=["positive"]),
    "an extra sentence key": lambda r: r["sentences"][0].update(tone=1),
    "an extra person key": lambda r: r["people"][0].update(tone="praised"),
    "an extra verdict key": lambda r: r["verdict"].update(sureness="92% sure"),
    "an extra evidence key": lambda r: r["verdict"]["evidence"][0].update(phrase="wonderful"),
    "a missing sentence key": lambda r: r["sentences"][0].pop("drivers"),
    "a missing person key": lambda r: r["people"][0].pop("polarity"),
    "a missing verdict key": lambda r: r["verdict"].pop("confidence"),
    "a missing evidence key": lambda r: r["verdict"]["evidence"][0].pop("weight"),
    "no text": lambda r: r.pop("text"),
    "a polarity of 1e308": lambda r: r["sentences"][0].update(polarity=1e308),
    "a subjectivity under 0": lambda r: r["sentences"][0].update(subjectivity=-0.5),
    "a person's polarity past 1": lambda r: r["people"][0].update(polarity=1.5),
    "a score past -1": lambda r: r["verdict"].update(score=-2.0),
    "a confidence over 1": lambda r: r["verdict"].update(confidence=1.01),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_entries_with_a_valid_hash_but_a_wrong_shape_are_ignored(cache, record, breakage):
    key = content_key(RAW)
    body = _broken(record, BREAKAGES[breakage])
    assert analysis_from_json(body) is None
    _entry(cache, key, body)
    assert cache.load(key) is None


@pytest.mark.parametrize("summary", [
    {"verdict": "great", "score": 0.5, "people": 1, "words": 14, "language": "en"},
    {"verdict": "positive", "score": float("nan"), "people": 1, "words": 14, "language": "en"},
    {"verdict": "positive", "score": 1e308, "people": 1, "words": 14, "language": "en"},
    {"verdict": "positive", "score": 0.5, "people": -1, "words": 14, "language": "en"},
    {"verdict": "positive", "score": 0.5, "people": 1, "language": "en"},
    {"verdict": "positive", "score": 0.5, "people": 1, "words": 14},
    {"verdict": "positive", "score": 0.5, "people": 1, "words": 14, "language": 3},
    {"verdict": "positive", "score": True, "people": 1, "words": 14, "language": "en"},
    {"verdict": "positive", "score": 0.5, "people": 1, "words": 14.0, "language": "en"},
    {"verdict": "positive", "score": 0.5, "people": 1, "words": 14, "language": "en", "error": None},
    ["positive", 0.5, 1, 14, "en"],
])
def test_entries_with_wrong_numbers_are_ignored(cache, record, summary):
    key = content_key(RAW)
    _entry(cache, key, _broken(record, lambda r: None), summary=summary)
    assert cache.load_numbers(key) is None and cache.load(key) is None


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, record):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = ResultCache(blocker, version="test-1")
    cache.store(content_key(RAW), record)
    assert cache.load(content_key(RAW)) is None


def test_a_batch_rebuilds_corrupt_entries_and_trusts_the_rest(tmp_path, monkeypatch):
    folder = tmp_path / "reviews"
    folder.mkdir()
    for index in range(4):
        (folder / f"{index}_8.txt").write_text(f"Review {index}: a lovely, warm film. The ending is weak.")
    cache = ResultCache(tmp_path / "cache", version="test-1")
    first = list(analyze_files(sorted(folder.iterdir()), detail=FULL, cache=cache))
    entries = sorted(cache.folder.rglob("*.json"))
    assert len(entries) == 4
    entries[0].write_bytes(entries[0].read_bytes()[:50])
    entries[1].write_text("{}")

    from desktop.app import review

    analysed, real = [], review.analyze_prepared

    def counted(ready, name, *args):
        analysed.append(name)
        return real(ready, name, *args)

    monkeypatch.setattr(review, "analyze_prepared", counted)
    again = list(analyze_files(sorted(folder.iterdir()), detail=FULL, cache=cache))
    assert again == first
    assert len(analysed) == 2
    assert all(cache.load(path.stem) is not None for path in entries)


def test_an_entry_nested_too_deeply_to_read_is_a_miss(cache):
    key = content_key(RAW)
    body = b"[" * 100_000 + b"]" * 100_000
    header = {"engine": cache.version, "key": key, "body": hashlib.blake2b(body, digest_size=16).hexdigest(),
              "numbers": {"verdict": "positive", "score": 0.5, "people": 1, "words": 14, "language": "en"}}
    path = cache.entry_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(header).encode() + b"\n" + body + b"\n")
    assert cache.load(key) is None  # analysed again, not a failed review


def test_the_version_in_use_is_trimmed_oldest_first_when_it_alone_is_over_the_limit(tmp_path):
    current = ResultCache(tmp_path, version="v1")
    written = time.time() - 1000
    for number in range(40):  # 40 entries of 10 KB, written a second apart
        entry = current.folder / f"{number % 4:02d}" / f"{number:04d}.json"
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(b"x" * 10 * 1024)
        os.utime(entry, (written + number, written + number))
    current.prune(max_bytes=200 * 1024)
    kept = sorted(int(path.stem) for path in current.folder.glob("*/*.json"))
    assert kept == list(range(40 - len(kept), 40))  # the newest stay
    assert len(kept) * 10 * 1024 <= 0.8 * 200 * 1024 < (len(kept) + 1) * 10 * 1024  # down to 80% of the limit


def test_a_batch_leaves_the_cache_within_its_limit(tmp_path, monkeypatch):
    from desktop.app import cache as cache_module

    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for number in range(30):
        (reviews / f"{number}_8.txt").write_text(f"Review {number}: a moving film, wonderfully acted. " * 30)
    current = ResultCache(tmp_path / "cache", version="v1")
    monkeypatch.setattr(cache_module, "MAX_BYTES", 60 * 1024)
    list(analyze_files(sorted(reviews.iterdir()), cache=current))
    assert 0 < sum(path.stat().st_size for path in current.folder.glob("*/*.json")) <= 60 * 1024
