#!/usr/bin/env python3
"""Measure the person finder against the hand-checked data in ../shared.

    .venv/bin/python build/eval_people.py            review lists and CoNLL testa
    .venv/bin/python build/eval_people.py reviews    review person lists only
    .venv/bin/python build/eval_people.py conll      CoNLL-2003 PER mentions only
    .venv/bin/python build/eval_people.py time       median find_people time per review

Review lists: a gold person is found when a listed person's name, or the text of
one of its mentions, equals the gold name or one of its aliases; a listed person
matching no gold person (and no "ambiguous" item) is a false alarm.
CoNLL: each document's sentences (tokens joined by spaces, one line each) go
through find_people; a mention counts when its token span matches a PER span exactly.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.analysis import analyze, nlp  # noqa: E402
from desktop.analysis.people import find_people  # noqa: E402
from desktop.analysis.result import Span  # noqa: E402

SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))
REVIEWS = SHARED / "reviews"
GOLD_FILES = ("people/imdb_train_gold.json", "people/seed_gold.json")


@dataclass
class Score:
    """Counts of hits, misses and false alarms, with examples of each."""

    hits: int = 0
    gold: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self, title: str) -> str:
        return (
            f"{title}: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  ({self.hits} hits, {self.gold} gold, {self.found} found)"
        )


def review_path(name: str) -> Path:
    """The review file a gold entry names ("seed" is the user's own review)."""
    return REVIEWS / "seed_review.txt" if name == "seed" else REVIEWS / "aclImdb_train" / name


def _norm(text: str) -> str:
    return " ".join(text.split())


def score_reviews(entries: list[dict] | None = None) -> Score:
    """Score the person lists of every gold review."""
    if entries is None:
        entries = [entry for name in GOLD_FILES for entry in json.loads((SHARED / name).read_text())]
    score = Score()
    for entry in entries:
        analysis = analyze(review_path(entry["file"]).read_bytes(), entry["file"])
        gold = [{_norm(p["name"]), *map(_norm, p["aliases"])} for p in entry["people"]]
        ambiguous = {_norm(item["text"]) for item in entry.get("ambiguous", [])}
        hit = [False] * len(gold)
        for person in analysis.people:
            forms = {_norm(person.name)} | {_norm(analysis.text[s:e]) for s, e in person.mentions}
            matched = [i for i, names in enumerate(gold) if forms & names]
            for i in matched:
                hit[i] = True
            if matched:
                score.found += 1
            elif not forms & ambiguous:
                score.found += 1
                score.false_alarms.append(f"{entry['file']}: {person.name}")
        score.gold += len(gold)
        score.hits += sum(hit)
        score.misses += [f"{entry['file']}: {p['name']}" for p, h in zip(entry["people"], hit) if not h]
    return score


def conll_documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, NE tag) pairs of a CoNLL-2003 file."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n") + [""]:
        if line.startswith("-DOCSTART-"):
            documents.append([])
            continue
        if not line.strip():
            if sentence:
                if not documents:
                    documents.append([])
                documents[-1].append(sentence)
                sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    return documents


def _per_spans(tags: list[str]) -> set[tuple[int, int]]:
    """Token spans (start, end) of PER entities in IOB1 tags."""
    spans, start = set(), None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag.endswith("PER")
        if start is not None and (not inside or tag.startswith("B-")):
            spans.add((start, i))
            start = None
        if inside and start is None:
            start = i
    return spans


def score_conll(path: Path | None = None) -> Score:
    """Score PER mentions on a CoNLL-2003 file (eng.testa by default)."""
    path = path or SHARED / "people" / "conll2003" / "eng.testa"
    models = nlp.models()
    score = Score()
    for document in conll_documents(path):
        lines = [" ".join(token for token, _ in sentence) for sentence in document]
        text = "\n".join(lines)
        spans, starts, ends, offset = [], [], [], 0
        for line, sentence in zip(lines, document):
            spans.append(Span(offset, offset + len(line)))
            token_starts, position = {}, offset
            for index, (token, _) in enumerate(sentence):
                token_starts[position] = index
                position += len(token) + 1
            starts.append(token_starts)
            ends.append({s + len(t): i for (s, i), (t, _) in zip(token_starts.items(), sentence)})
            offset += len(line) + 1
        gold: set[tuple[int, int, int]] = set()
        for n, sentence in enumerate(document):
            gold |= {(n, a, b) for a, b in _per_spans([tag for _, tag in sentence])}
        found: set[tuple[int, int, int]] = set()
        for person in find_people(text, spans, models):
            for start, end in person.mentions:
                n = next(i for i, s in enumerate(spans) if s.start <= start < s.end)
                a, b = starts[n].get(start), ends[n].get(end)
                if a is None or b is None:
                    score.found += 1
                    score.false_alarms.append(f"{text[start:end]} (not on token bounds)")
                else:
                    found.add((n, a, b + 1))
        score.found += len(found)
        score.gold += len(gold)
        score.hits += len(found & gold)
        for n, a, b in sorted(found - gold):
            score.false_alarms.append(" ".join(t for t, _ in document[n][a:b]))
        for n, a, b in sorted(gold - found):
            score.misses.append(" ".join(t for t, _ in document[n][a:b]))
    return score


def time_reviews(count: int = 300) -> tuple[float, float]:
    """Warm median milliseconds per review of find_people and of the whole analyze()."""
    from desktop.analysis.engine import prepare
    from desktop.analysis.sentences import sentence_spans

    files = sorted((REVIEWS / "aclImdb_train" / "pos").glob("*.txt"))[: count // 2]
    files += sorted((REVIEWS / "aclImdb_train" / "neg").glob("*.txt"))[: count - len(files)]
    models = nlp.models()
    raws = [f.read_bytes() for f in files]
    analyze(raws[0])
    people_ms, engine_ms = [], []
    for raw in raws:
        text = prepare(raw).text
        spans = sentence_spans(text, models.sentence_splitter)
        started = time.perf_counter()
        find_people(text, spans, models)
        people_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        analyze(raw)
        engine_ms.append((time.perf_counter() - started) * 1000)
    return statistics.median(people_ms), statistics.median(engine_ms)


def _report(score: Score, title: str, limit: int) -> None:
    print(score.summary(title))
    print(f"  misses ({len(score.misses)}):", "; ".join(score.misses[:limit]))
    print(f"  false alarms ({len(score.false_alarms)}):", "; ".join(score.false_alarms[:limit]))


def main(argv: list[str]) -> int:
    if not (SHARED / "people").is_dir():
        print(f"{SHARED} is not present: nothing to measure.")
        return 1
    what = argv[0] if argv else "all"
    limit = int(argv[1]) if len(argv) > 1 else 400
    if what in ("all", "reviews"):
        _report(score_reviews(), "review person lists", limit)
    if what in ("all", "conll"):
        _report(score_conll(), "CoNLL-2003 testa PER mentions", limit)
    if what == "time":
        people, engine = time_reviews()
        print(f"median per review over 300 aclImdb_train files: find_people {people:.1f} ms, analyze {engine:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
