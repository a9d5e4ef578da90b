#!/usr/bin/env python3
"""Train the verdict model from the IMDB train reviews in ../shared (NBSVM: Wang and Manning, 2012).

    python3 build/tasks.py train-verdict         all 25,000 reviews: 5-fold cross-validation, then the model
    .venv/bin/python build/train/train_verdict.py --subset 600 --folds 0 --output /tmp/small.tsv
                                                  a small deterministic retrain (the tests compare two)

Each review is read and cleaned as the app does, and turned into its set of
features (``desktop.engine.verdict.model.review_features``: words and word pairs
with negation scope marked, the mentions of the people the engine finds and
reported speech muted, so a name never carries a verdict). Features found in at least MIN_DF reviews make the
vocabulary. Each feature is scaled by its naive Bayes log-count ratio, and a
logistic regression with an L2 penalty is fitted on the scaled features by
full-batch gradient descent with Adam steps (numpy; a fixed number of steps from
zeros, so the same data always gives the same weights). A feature's weight in
the model is its coefficient times its ratio. The model file is plain text,
features sorted, weights rounded to 5 significant digits: byte-identical on
every run. Folds are drawn with a fixed seed and printed one by one.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from desktop.engine.people.finder import find_people
from desktop.engine.pipeline import models, prepare
from desktop.engine.result import Span, mentions_of
from desktop.engine.text.sentences import sentence_spans
from desktop.engine.verdict.model import MODEL_FILE, Model, review_features

ROOT = Path(__file__).resolve().parents[2]

TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
MIN_DF = 3
NB_ALPHA = 1.0
L2 = 1e-5
STEPS = 300
LEARNING_RATE = 0.02
SEED = 2012
DIGITS = 5


def review_paths(folder: Path = TRAIN) -> list[tuple[Path, int]]:
    """(file, 1 for pos or 0 for neg) for every labelled review, in a stable order."""
    return [(path, 1) for path in sorted(folder.glob("pos/*.txt"))] + [
        (path, 0) for path in sorted(folder.glob("neg/*.txt"))]


def subset(reviews: list, size: int, seed: int = SEED) -> list:
    """A seeded random ``size`` of ``reviews`` (all of them when ``size`` is 0), in their order."""
    if not size or size >= len(reviews):
        return reviews
    chosen = set(random.Random(seed).sample(range(len(reviews)), size))
    return [review for index, review in enumerate(reviews) if index in chosen]


def feature_sets(reviews: list[tuple[Path, int]], jobs: int = 2) -> list[frozenset[str]]:
    """The feature names of each review, read and cleaned as the app reads it, with the people the
    engine finds in it and reported speech muted (in ``jobs`` processes; 1: in this one)."""
    paths = [path for path, _label in reviews]
    if jobs == 1:
        return [_file_features(path) for path in paths]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_file_features, paths, chunksize=64))


def _file_features(path: Path) -> frozenset[str]:
    text = prepare(path.read_bytes()).text
    return text_features(text, names_in(text))


def names_in(text: str) -> tuple[Span, ...]:
    """Every mention of every person the engine finds in ``text``."""
    engine = models()
    people = find_people(text, sentence_spans(text, engine.sentence_splitter), engine)
    return mentions_of(people)


def text_features(text: str, names: Sequence[Span]) -> frozenset[str]:
    """The feature names the model trains on for ``text``: the reviewer's own words, as the app reads them."""
    return frozenset(review_features(text, names))


def fingerprint(reviews: list[tuple[Path, int]]) -> str:
    """A hash of the training data: each review's folder, name and bytes."""
    digest = hashlib.sha256()
    for path, label in reviews:
        digest.update(f"{label}/{path.name}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class Matrix:
    """Binary document-feature rows in compressed sparse row form."""

    def __init__(self, docs: list[frozenset[str]], vocabulary: dict[str, int]):
        rows = [sorted(vocabulary[name] for name in doc if name in vocabulary) for doc in docs]
        self.indptr = np.cumsum([0] + [len(row) for row in rows])
        self.indices = np.fromiter((i for row in rows for i in row), dtype=np.int64, count=int(self.indptr[-1]))
        self.rows = np.repeat(np.arange(len(rows)), np.diff(self.indptr))
        self.shape = (len(rows), len(vocabulary))

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """X @ weights."""
        return np.bincount(self.rows, weights=weights[self.indices], minlength=self.shape[0])

    def transposed_dot(self, values: np.ndarray) -> np.ndarray:
        """X.T @ values."""
        return np.bincount(self.indices, weights=values[self.rows], minlength=self.shape[1])

    def column_sums(self, mask: np.ndarray) -> np.ndarray:
        """How many of the rows selected by ``mask`` hold each feature."""
        return self.transposed_dot(mask.astype(np.float64))


def vocabulary_of(docs: list[frozenset[str]], min_df: int = MIN_DF) -> dict[str, int]:
    """Features in at least ``min_df`` of ``docs``, sorted, numbered."""
    counts: dict[str, int] = {}
    for doc in docs:
        for name in doc:
            counts[name] = counts.get(name, 0) + 1
    return {name: index for index, name in enumerate(sorted(n for n, c in counts.items() if c >= min_df))}


def fit(docs: list[frozenset[str]], labels: np.ndarray) -> tuple[float, dict[str, float]]:
    """(bias, weight per feature) of NB-scaled logistic regression on ``docs``."""
    vocabulary = vocabulary_of(docs)
    matrix = Matrix(docs, vocabulary)
    positive = labels == 1
    p = matrix.column_sums(positive) + NB_ALPHA
    q = matrix.column_sums(~positive) + NB_ALPHA
    ratio = np.log(p / p.sum()) - np.log(q / q.sum())
    coefficients, bias = np.zeros(len(vocabulary)), 0.0
    first, second = np.zeros(len(vocabulary) + 1), np.zeros(len(vocabulary) + 1)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, STEPS + 1):
        scores = matrix.dot(coefficients * ratio) + bias
        error = 1.0 / (1.0 + np.exp(-scores)) - labels
        gradient = np.append(matrix.transposed_dot(error) * ratio / len(docs) + L2 * coefficients,
                             error.mean())
        first = beta1 * first + (1 - beta1) * gradient
        second = beta2 * second + (1 - beta2) * gradient ** 2
        change = LEARNING_RATE * (first / (1 - beta1 ** step)) / (np.sqrt(second / (1 - beta2 ** step)) + 1e-8)
        coefficients -= change[:-1]
        bias -= change[-1]
    weights = coefficients * ratio
    names = sorted(vocabulary)
    return float(bias), {name: float(weights[vocabulary[name]]) for name in names}


def cross_validate(docs: list[frozenset[str]], labels: np.ndarray, folds: int,
                   scored: list[frozenset[str]] | None = None) -> tuple[list[float], np.ndarray]:
    """Accuracy of each of ``folds`` seeded folds trained on the others, and every review's held-out score
    (of ``scored[i]`` when given: the features the app reads, people's names muted too)."""
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    accuracies, held_out = [], np.zeros(len(docs))
    for fold in range(folds):
        held = set(order[fold::folds])
        train = [i for i in range(len(docs)) if i not in held]
        model = Model(*fit([docs[i] for i in train], labels[train]))
        for i in held:
            held_out[i] = model.score((scored or docs)[i])
        right = sum((held_out[i] > 0) == bool(labels[i]) for i in held)
        accuracies.append(right / len(held))
        print(f"  fold {fold + 1}: {accuracies[-1]:.4f} ({len(held)} reviews held out)", flush=True)
    return accuracies, held_out


def model_text(model: tuple[float, dict[str, float]], source: str, reviews: int) -> str:
    """The model file: provenance comments, the bias, then one sorted ``feature<TAB>weight`` line each."""
    bias, weights = model
    lines = [
        "# Review Reader verdict model: NB-weighted logistic regression over words and word pairs.",
        f"# Trained by build/train/train_verdict.py on {reviews} IMDB train reviews (Maas et al., 2011), data {source};",
        "# people's names and reported speech muted.",
        f"# min_df={MIN_DF} nb_alpha={NB_ALPHA} l2={L2} steps={STEPS} learning_rate={LEARNING_RATE} seed={SEED}",
        f"bias\t{bias:.{DIGITS}g}",
    ]
    lines += [f"{name}\t{weight:.{DIGITS}g}" for name, weight in weights.items() if f"{weight:.{DIGITS}g}" != "0"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subset", type=int, default=0, help="train on a seeded random N reviews (default: all)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds to report first (0: none)")
    parser.add_argument("--output", type=Path, default=ROOT / "resources" / MODEL_FILE)
    parser.add_argument("--train", type=Path, default=TRAIN, help="the aclImdb train folder (pos/ and neg/)")
    parser.add_argument("--jobs", type=int, default=2, help="processes that read the reviews (the model is the same)")
    args = parser.parse_args()
    reviews = subset(review_paths(args.train), args.subset)
    if not reviews:
        sys.exit(f"error: no reviews in {args.train}/pos and {args.train}/neg")
    started = time.perf_counter()
    docs = feature_sets(reviews, max(1, args.jobs))
    labels = np.array([label for _path, label in reviews], dtype=np.float64)
    print(f"{len(docs)} reviews read in {time.perf_counter() - started:.1f} s", flush=True)
    if args.folds > 1:
        print(f"{args.folds}-fold cross-validation (seed {SEED}):")
        accuracies, _held_out = cross_validate(docs, labels, args.folds)
        print(f"  mean {np.mean(accuracies):.4f}, lowest {min(accuracies):.4f}")
    model = fit(docs, labels)
    text = model_text(model, fingerprint(reviews), len(reviews))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    print(f"wrote {args.output} ({len(text.encode()) / 1e6:.2f} MB, {len(model[1])} features, sha256 {digest}) "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
