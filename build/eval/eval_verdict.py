#!/usr/bin/env python3
"""Measure the verdict on the labelled IMDB train reviews in ../shared.

    .venv/bin/python build/eval/eval_verdict.py              all 25,000 reviews
    .venv/bin/python build/eval/eval_verdict.py --sample 2000  a seeded random subset
    .venv/bin/python build/eval/eval_verdict.py --fit        also print the constants fitted on them

Prints the accuracy of the score's sign with its confusion matrix, the accuracy
per star rating, the share labelled mixed and how often its leaning is right,
how often an explicit rating in the text decided, a 5-fold cross-validated
accuracy for the tuned constants, and the time decide() takes.

Only what decide() needs is computed (cleaned text, paragraphs, scored
sentences; no people finder) and cached under /tmp, keyed by the engine files
that produce it, so re-runs take seconds.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit the tests share
from devkit.verdict_corpus import cached

from desktop.app.files import imdb_rating
from desktop.engine import models, prepare
from desktop.engine.result import Sentence, Span, Verdict
from desktop.engine.text.sentences import sentence_spans
from desktop.engine.text.sentiment import score_sentence
from desktop.engine.verdict.decision import Signals, decide, gather, phrases, rating_sign
from desktop.engine.verdict.ratings import explicit_rating

ROOT = Path(__file__).resolve().parents[2]

TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
CACHE_DIR = Path("/tmp/review_reader_verdict")
ENGINE_FILES = ("text/clean.py", "text/decode.py", "pipeline.py", "text/sentences.py", "text/sentiment.py")
"""The engine files (under desktop/engine/) the cached features depend on."""
# The candidate (phrase_step, after_but) pairs; the weights are fitted for each.
GRID = ((0.15, 0.5), (0.15, 0.7), (0.3, 0.7), (0.5, 0.7))

Review = tuple[str, int, str, tuple[Sentence, ...], tuple[Span, ...]]
"""(file name, star rating, cleaned text, scored sentences, paragraphs)."""


def review_paths(train: Path = TRAIN) -> list[Path]:
    """Every labelled review file, in a stable order."""
    return sorted(train.glob("pos/*.txt")) + sorted(train.glob("neg/*.txt"))


def _cache_file() -> Path:
    digest = hashlib.sha1()
    for name in ENGINE_FILES:
        digest.update((ROOT / "desktop" / "engine" / name).read_bytes())
    return CACHE_DIR / f"features-{digest.hexdigest()[:12]}.pickle"


def _features(path: Path) -> Review:
    engine = models()
    prepared = prepare(path.read_bytes())
    text = prepared.text
    spans = sentence_spans(text, engine.sentence_splitter)
    sentences = tuple(score_sentence(text, span, engine.sentiment) for span in spans)
    return path.name, imdb_rating(path.name), text, sentences, prepared.paragraphs


def load_reviews(train: Path = TRAIN) -> list[Review]:
    """The inputs of decide() for every train review, from the cache when fresh."""

    def score_all() -> list[Review]:
        paths = review_paths(train)
        reviews = []
        started = time.perf_counter()
        for count, path in enumerate(paths, 1):
            reviews.append(_features(path))
            if count % 2500 == 0:
                print(f"  scored {count}/{len(paths)} reviews ({time.perf_counter() - started:.0f} s)", flush=True)
        return reviews

    return cached(_cache_file(), score_all)


def sample(reviews: list[Review], size: int | None, seed: int) -> list[Review]:
    """A seeded random subset of ``size`` reviews (all of them when size is None)."""
    if size is None or size >= len(reviews):
        return reviews
    return random.Random(seed).sample(reviews, size)


def verdicts(reviews: list[Review]) -> tuple[list[Verdict], list[float]]:
    """decide() on every review, with the time each call took in seconds."""
    phrases()  # loaded once per process: not part of a call's cost
    results, times = [], []
    for _name, _stars, text, sentences, paragraphs in reviews:
        started = time.perf_counter()
        results.append(decide(text, sentences, paragraphs))
        times.append(time.perf_counter() - started)
    return results, times


def report(reviews: list[Review], results: list[Verdict]) -> None:
    """Print accuracy, confusion matrix, per-rating accuracy and the mixed share."""
    n = len(reviews)
    truth = [stars >= 7 for _, stars, *_ in reviews]
    leans = [v.score > 0 for v in results]
    right = [t == lean for t, lean in zip(truth, leans)]
    accuracy = sum(right) / n
    print(f"\nReviews: {n}   accuracy of the score's sign: {accuracy:.4f}")
    print("\nConfusion (rows: the reviewer's rating, columns: label, and the score's sign)")
    print(f"{'':>16}{'positive':>10}{'negative':>10}{'mixed':>8}{'score>0':>9}{'score<=0':>9}")
    for actual in (True, False):
        rows = [v for t, v in zip(truth, results) if t == actual]
        labels = [sum(v.label == label for v in rows) for label in ("positive", "negative", "mixed")]
        signs = [sum(v.score > 0 for v in rows), sum(v.score <= 0 for v in rows)]
        name = "positive (7-10)" if actual else "negative (1-4)"
        print(f"{name:>16}{labels[0]:>10}{labels[1]:>10}{labels[2]:>8}{signs[0]:>9}{signs[1]:>9}")
    print("\nAccuracy per star rating")
    for stars in (1, 2, 3, 4, 7, 8, 9, 10):
        marks = [ok for (_, s, *_), ok in zip(reviews, right) if s == stars]
        if marks:
            print(f"  {stars:>2}/10: {sum(marks) / len(marks):.4f}  ({len(marks)} reviews)")
    mixed = [ok for v, ok in zip(results, right) if v.label == "mixed"]
    print(f"\nLabelled mixed: {len(mixed) / n:.2%}; its leaning is right in {sum(mixed) / max(1, len(mixed)):.2%}")
    clear = [ok for v, ok in zip(results, right) if v.label != "mixed"]
    print(f"Accuracy outside mixed: {sum(clear) / max(1, len(clear)):.4f}")
    rated = [ok for (_, _, text, *_), ok in zip(reviews, right) if rating_sign(explicit_rating(text))]
    print(f"Decided by a rating in the text: {len(rated) / n:.2%}; right in {sum(rated) / max(1, len(rated)):.2%}")


def fit(features: np.ndarray, positive: np.ndarray, l2: float = 1e-3) -> tuple[np.ndarray, float]:
    """Logistic-regression weights and bias (Newton's method, a little L2)."""
    x = np.hstack([features, np.ones((len(features), 1))])
    w = np.zeros(x.shape[1])
    ridge = l2 * np.eye(len(w))
    ridge[-1, -1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - positive) / len(x) + ridge @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x / len(x) + ridge
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1])


def leanings(evidence: list[Signals], features: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    """Whether each review leans positive: its decisive rating, else the weighed text."""
    text = features @ weights + bias > 0
    rated = [rating_sign(e.rating) for e in evidence]
    return np.array([t if not r else r > 0 for t, r in zip(text, rated)])


def cross_validate(reviews: list[Review], folds: int, seed: int) -> None:
    """k-fold estimate: on each k-1 folds pick the grid point and fit the weights, test on the rest."""
    truth = np.array([stars >= 7 for _, stars, *_ in reviews], dtype=float)
    print(f"\n{folds}-fold cross-validation of the tuned constants (grid {GRID})")
    evidence = {
        point: [gather(text, s, p, phrase_step=point[0], after_but=point[1]) for _, _, text, s, p in reviews]
        for point in GRID
    }
    features = {point: np.array([e.features for e in found]) for point, found in evidence.items()}
    order = np.random.default_rng(seed).permutation(len(reviews))
    scores = []
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)

        def train_accuracy(point, train=train):
            w, b = fit(features[point][train], truth[train])
            lean = leanings([evidence[point][i] for i in train], features[point][train], w, b)
            return (lean == truth[train]).mean(), w, b

        point = max(GRID, key=lambda g: train_accuracy(g)[0])
        _, w, b = train_accuracy(point)
        lean = leanings([evidence[point][i] for i in test], features[point][test], w, b)
        scores.append((lean == truth[test]).mean())
        print(f"  fold {fold + 1}: picked phrase_step={point[0]}, after_but={point[1]}; held-out accuracy {scores[-1]:.4f}")
    print(f"Cross-validated accuracy: {np.mean(scores):.4f} (folds {min(scores):.4f}-{max(scores):.4f})")


def print_fit(reviews: list[Review]) -> None:
    """The constants fitted on all the given reviews, to paste into verdict.py."""
    truth = np.array([stars >= 7 for _, stars, *_ in reviews], dtype=float)
    best = None
    for point in GRID:
        found = [gather(text, s, p, phrase_step=point[0], after_but=point[1]) for _, _, text, s, p in reviews]
        x = np.array([e.features for e in found])
        w, b = fit(x, truth)
        accuracy = (leanings(found, x, w, b) == truth).mean()
        print(f"  phrase_step={point[0]} after_but={point[1]}: accuracy {accuracy:.4f}")
        if best is None or accuracy > best[0]:
            best = (accuracy, point, w, b)
    _, point, w, b = best
    print(f"PHRASE_STEP = {point[0]}\nAFTER_BUT = {point[1]}")
    print(f"WEIGHTS = ({', '.join(f'{x:.3f}' for x in w)})\nBIAS = {b:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, help="use a seeded random subset of this many reviews")
    parser.add_argument("--seed", type=int, default=1, help="seed for the subset and the folds")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 skips it)")
    parser.add_argument("--fit", action="store_true", help="print the constants fitted on the reviews used")
    args = parser.parse_args()
    if not TRAIN.is_dir():
        sys.exit(f"The IMDB train reviews are not at {TRAIN}")
    reviews = sample(load_reviews(), args.sample, args.seed)
    gc.freeze()  # the 25,000 cached reviews are no garbage: keep collections from timing them
    results, times = verdicts(reviews)
    report(reviews, results)
    print(f"decide() time per review: median {statistics.median(times) * 1e3:.3f} ms, "
          f"mean {statistics.fmean(times) * 1e3:.3f} ms, "
          f"99th percentile {statistics.quantiles(times, n=100)[98] * 1e3:.3f} ms")
    if args.folds:
        cross_validate(reviews, args.folds, args.seed)
    if args.fit:
        print_fit(reviews)


if __name__ == "__main__":
    main()
