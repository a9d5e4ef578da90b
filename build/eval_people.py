#!/usr/bin/env python3
"""Measure the person finder against the hand-checked data in ../shared.

    .venv/bin/python build/eval_people.py            review lists and CoNLL testa
    .venv/bin/python build/eval_people.py reviews    review person lists only
    .venv/bin/python build/eval_people.py conll      CoNLL-2003 PER mentions only
    .venv/bin/python build/eval_people.py time       median find_people time per review
    .venv/bin/python build/eval_people.py tune       grid-search the tagger's weight on the tuning data

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
sys.path.insert(0, str(ROOT / "build"))

from desktop.analysis import analyze, nlp  # noqa: E402
from desktop.analysis.people import find_people  # noqa: E402
from desktop.analysis.result import Span  # noqa: E402
from train_people import CONLL, conll_documents, conll_folds  # noqa: E402

SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))
REVIEWS = SHARED / "reviews"
GOLD_SETS = {
    "shared": [SHARED / "people" / "imdb_train_gold.json", SHARED / "people" / "seed_gold.json"],
    "tune": [ROOT / "tests" / "data" / "people_tune.json"],
    "validate": [ROOT / "tests" / "data" / "people_validate.json"],
}
"""Hand-checked review lists: the 21 in ../shared, and the tuning and validation parts of our own 180."""


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


def gold_entries(name: str) -> list[dict]:
    """The entries of one of GOLD_SETS."""
    return [entry for path in GOLD_SETS[name] for entry in json.loads(path.read_text(encoding="utf-8"))]


def score_reviews(entries: list[dict]) -> Score:
    """Score the person lists of the gold reviews ``entries``."""
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


def score_conll(documents: list) -> Score:
    """Score PER mentions on CoNLL-2003 documents (``train_people.conll_documents``)."""
    models = nlp.models()
    score = Score()
    for document in documents:
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


def tune(folds: int = 3) -> None:
    """Grid-search how much the learned tagger weighs, on the tuning data only (never validation).

    The tagger learns from the tuning reviews, so they are cross-fitted: each
    fold's reviews are scored by a tagger trained without them (and on the
    CoNLL training documents only); the CoNLL tuning fold is never trained on.
    """
    from desktop.analysis import people, person_tagger
    from desktop.analysis.names import lexicon
    import train_people

    shipped = person_tagger.tagger().model
    entries, documents = gold_entries("tune"), conll_folds()[1]
    conll_sentences = train_people.examples(conll_folds()[0])
    grid = [(0.0, 1.0)] + [(w, c) for w in (2.0, 3.0, 4.0) for c in (10.0, 20.0)]
    totals = {point: [0, 0, 0] for point in grid}  # review hits, gold, found over the folds
    conll = {}
    for fold in range(folds):
        held = entries[fold::folds]
        rest = [entry for entry in entries if entry not in held]
        model = train_people.train(train_people.training_sentences(conll_sentences, rest),
                                   shipped.capitals, shipped.surnames)
        person_tagger.tagger = lambda model=model: person_tagger.Tagger(model, lexicon())
        for point in grid:
            people.TAGGER_WEIGHT, people.TAGGER_CLIP = point
            score = score_reviews(held)
            totals[point] = [a + b for a, b in zip(totals[point], (score.hits, score.gold, score.found))]
            if fold == 0:
                conll[point] = score_conll(documents).f1
    results = []
    for point, (hits, gold, found) in totals.items():
        p, r = hits / found, hits / gold
        f1 = 2 * p * r / (p + r)
        results.append((f1 + conll[point], point, f1, conll[point]))
        print(f"weight {point[0]:.1f} clip {point[1]:4.1f}: tuning reviews (cross-fitted) P {p:.3f} R {r:.3f} "
              f"F1 {f1:.3f}; CoNLL tuning fold F1 {conll[point]:.3f}")
    best = max(results)
    print(f"best: weight {best[1][0]:.1f} clip {best[1][1]:.1f} (reviews {best[2]:.3f}, CoNLL {best[3]:.3f})")


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
        for name in GOLD_SETS:
            _report(score_reviews(gold_entries(name)), f"review person lists, {name}", limit)
    if what in ("all", "conll"):
        _report(score_conll(conll_folds()[1]), "CoNLL-2003 eng.train tuning fold PER mentions", limit)
        _report(score_conll(conll_documents(CONLL / "eng.testa")), "CoNLL-2003 testa PER mentions (validation)", limit)
    if what == "tune":
        tune()
    if what == "time":
        people, engine = time_reviews()
        print(f"median per review over 300 aclImdb_train files: find_people {people:.1f} ms, analyze {engine:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
