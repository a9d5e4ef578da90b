#!/usr/bin/env python3
"""Measure the person finder against the hand-checked data in ../shared.

    .venv/bin/python build/eval/eval_people.py            review lists and CoNLL testa
    .venv/bin/python build/eval/eval_people.py reviews    review person lists only
    .venv/bin/python build/eval/eval_people.py conll      CoNLL-2003 PER mentions only
    .venv/bin/python build/eval/eval_people.py time       median find_people time per review
    .venv/bin/python build/eval/eval_people.py tune       grid-search the tagger's weight on the tuning data

Review lists: a gold person is found when a listed person's name, or the text of
one of its mentions, equals the gold name or one of its aliases; a listed person
matching no gold person (and no "ambiguous" item) is a false alarm.
CoNLL: each document's sentences (tokens joined by spaces, one line each) go
through find_people; a mention counts when its token span matches a PER span exactly.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit the tests share
from devkit import (
    CONLL,
    GOLD_SETS,
    REVIEWS,
    SHARED,
    Score,
    conll_documents,
    conll_folds,
    gold_entries,
    score_conll,
    score_reviews,
)

from desktop.engine import analyze, nlp
from desktop.engine.people.finder import find_people


def time_reviews(count: int = 300) -> tuple[float, float]:
    """Warm median milliseconds per review of find_people and of the whole analyze()."""
    from desktop.engine.pipeline import prepare
    from desktop.engine.text.sentences import sentence_spans

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
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train"))
    import train_people  # build/train/train_people.py, which trains the shipped tagger

    from desktop.engine.people import scoring
    from desktop.engine.people import tagger as person_tagger
    from desktop.engine.people.names import lexicon

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
            scoring.WEIGHTS = dataclasses.replace(scoring.WEIGHTS, tagger=point[0], tagger_clip=point[1])
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
