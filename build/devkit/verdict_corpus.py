"""The labelled reviews the verdict is trained, calibrated and measured on, read as the app reads them.

Four kinds, all from ../shared: the 25,000 IMDB train reviews, 1,000 one-sentence movie reviews,
1,000 one-sentence product reviews, and 2,000 full Amazon book reviews. Each short set and the
books are split once, by a fixed seed, into a tuning half and a validation half; IMDB's validation
part is every fifth review of a seeded order. Constants are fitted on the tuning parts only; the
validation parts are only measured.

Each review is cleaned, split into sentences, scored by TextBlob and searched for people exactly as
the engine does; the result is cached under /tmp, keyed by the engine files that produce it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from desktop.engine import models, prepare
from desktop.engine.people.finder import find_people
from desktop.engine.result import Sentence, Span, mentions_of
from desktop.engine.text.sentences import sentence_spans
from desktop.engine.text.sentiment import score_sentence

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reviews"
CACHE_DIR = Path("/tmp/review_reader_verdict")
SEED = 23
KINDS = ("imdb", "movie one-liners", "product one-liners", "books")
T = TypeVar("T")
ENGINE = ROOT / "desktop" / "engine"
VERDICT_FILES = ("verdict/", "text/reported.py")
"""Engine files (under ``ENGINE``) the cached inputs do not depend on."""


@dataclass(frozen=True, slots=True)
class Review:
    """One labelled review as decide() sees it."""

    kind: str
    positive: bool
    validation: bool
    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Span, ...]
    names: tuple[Span, ...]
    """Every mention of every person the engine finds."""


def _sources() -> list[tuple[str, bool, bool, str | bytes]]:
    """(kind, positive, validation, raw review) for every review, in a stable order."""
    rows = []
    train = SHARED / "aclImdb_train"
    paths = sorted(train.glob("pos/*.txt")) + sorted(train.glob("neg/*.txt"))
    order = list(range(len(paths)))
    random.Random(SEED).shuffle(order)
    held = set(order[::5])
    rows += [("imdb", path.parent.name == "pos", i in held, path.read_bytes()) for i, path in enumerate(paths)]
    for kind, name in (("movie one-liners", "imdb_labelled.txt"), ("product one-liners", "amazon_cells_labelled.txt")):
        lines = (SHARED / "short" / name).read_text(encoding="utf-8").strip().split("\n")
        rows += _split(kind, [(line.rstrip().rpartition("\t")[2] == "1", line.rstrip().rpartition("\t")[0])
                              for line in lines])
    books = [json.loads(line) for line in (SHARED / "products" / "amazon_books.jsonl").open(encoding="utf-8")]
    rows += _split("books", [(book["label"] == "positive", book["text"]) for book in books])
    return rows


def _split(kind: str, labelled: list[tuple[bool, str]]) -> list[tuple[str, bool, bool, str]]:
    """The reviews of one kind, shuffled by SEED: the first half tunes, the second validates."""
    order = list(range(len(labelled)))
    random.Random(SEED).shuffle(order)
    half = len(order) // 2
    return [(kind, labelled[i][0], rank >= half, labelled[i][1]) for rank, i in enumerate(order)]


def _read(source: tuple[str, bool, bool, str | bytes]) -> Review:
    kind, positive, validation, raw = source
    engine = models()
    prepared = prepare(raw)
    text = prepared.text
    spans = sentence_spans(text, engine.sentence_splitter)
    sentences = tuple(score_sentence(text, span, engine.sentiment) for span in spans)
    people = find_people(text, spans, engine)
    names = mentions_of(people)
    return Review(kind, positive, validation, text, sentences, prepared.paragraphs, names)


def _cache_file() -> Path:
    digest = hashlib.sha1()
    engine = [path for path in sorted(ENGINE.rglob("*.py"))
              if not path.relative_to(ENGINE).as_posix().startswith(VERDICT_FILES)]
    for path in engine + sorted((ROOT / "resources" / "people").glob("*")) + [
            ROOT / "resources" / "models" / "people.tsv"]:
        digest.update(path.name.encode() + path.read_bytes())
    return CACHE_DIR / f"corpus-{digest.hexdigest()[:12]}.pickle"


def load(jobs: int = 2) -> list[Review]:
    """Every review of every kind, from the cache when it is fresh."""
    cache = _cache_file()

    def read_all() -> list[Review]:
        sources = _sources()
        print(f"Reading {len(sources)} reviews as the engine does (cached afterwards in {cache})", flush=True)
        with ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(_read, sources, chunksize=64))

    return cached(cache, read_all)


def cached(cache: Path, compute: Callable[[], T]) -> T:
    """What ``cache`` (a pickle this script wrote under /tmp) holds, else ``compute()``, saved there."""
    if cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    found = compute()
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(found, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)
    return found
