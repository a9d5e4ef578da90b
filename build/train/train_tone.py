#!/usr/bin/env python3
"""Train the People card's tone model into resources/models/tone.tsv.

    .venv/bin/python build/train/train_tone.py [--folds 5]

Reads the hand-checked judgements of tests/data/tone_tune.json and tone_learn.json (names and labels
only), analyses their train reviews in ../shared as the app does, and fits a multinomial logistic
regression (praised, neutral, criticised; "mixed" and names that are no person left out) over
``tone.features`` with a small L2 penalty by full-batch Adam steps from zero in numpy. No randomness
but the seeded folds: the same data gives byte-identical weights. tone_validate.json and
tone_sample.json are never read here (``build/eval/eval_tone.py`` measures on them).
Retrain after changing the people finder or the tone rules: they make the features.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit

from devkit.tone_judgements import DATA, judged_people  # noqa: E402

from desktop.engine.people import tone  # noqa: E402
from desktop.engine.text.reported import reported_spans  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("tone_tune.json", "tone_learn.json")
MIN_COUNT, L2, STEPS, LEARNING_RATE, SEED, DIGITS = 2, 0.0005, 400, 0.05, 2027, 6


def examples() -> tuple[list[dict[str, float]], np.ndarray]:
    """Each judged person's features and tone (its index in ``tone.TONES``)."""
    found, labels = [], []
    current, read = None, []  # the review read last, and its people's features (a review's judgements come together)
    for name in SOURCES:
        for judged, analysis, person in judged_people(name):
            if judged["tone"] not in tone.TONES:
                continue
            if analysis is not current:
                current = analysis
                read = tone.features(analysis.people, analysis.text, analysis.sentences, reported_spans(analysis.text))
            found.append(read[analysis.people.index(person)])
            labels.append(tone.TONES.index(judged["tone"]))
    return found, np.array(labels)


class Rows:
    """Examples as a sparse matrix over a vocabulary of features."""

    def __init__(self, found: list[dict[str, float]], vocabulary: dict[str, int]):
        kept = [[(vocabulary[name], value) for name, value in sorted(row.items()) if name in vocabulary]
                for row in found]
        self.starts = np.cumsum([0] + [len(row) for row in kept[:-1]])
        self.columns = np.array([column for row in kept for column, _ in row])
        self.values = np.array([value for row in kept for _, value in row])
        self.rows = np.repeat(np.arange(len(kept)), [len(row) for row in kept])
        self.size = len(vocabulary)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        return np.add.reduceat(self.values[:, None] * weights[self.columns], self.starts)

    def transposed_dot(self, gradient: np.ndarray) -> np.ndarray:
        out = np.zeros((self.size, gradient.shape[1]))
        np.add.at(out, self.columns, self.values[:, None] * gradient[self.rows])
        return out


def vocabulary_of(found: list[dict[str, float]]) -> dict[str, int]:
    counts = Counter(name for row in found for name in row)
    return {name: k for k, name in enumerate(sorted(name for name, count in counts.items() if count >= MIN_COUNT))}


def fit(found: list[dict[str, float]], labels: np.ndarray) -> dict[str, np.ndarray]:
    """Each feature's weight per tone."""
    vocabulary = vocabulary_of(found)
    rows = Rows(found, vocabulary)
    weights = np.zeros((len(vocabulary), len(tone.TONES)))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    truth = np.eye(len(tone.TONES))[labels]
    for step in range(1, STEPS + 1):
        sums = rows.dot(weights)
        odds = np.exp(sums - sums.max(axis=1, keepdims=True))
        gradient = rows.transposed_dot(odds / odds.sum(axis=1, keepdims=True) - truth) / len(labels) + L2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        weights -= LEARNING_RATE * (first / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
    return {name: weights[k] for name, k in vocabulary.items()}


def accuracy(weights: dict[str, np.ndarray], found: list[dict[str, float]], labels: np.ndarray) -> float:
    model = tone.ToneModel({name: tuple(map(float, row)) for name, row in weights.items()})
    guesses = [int(np.argmax(model.probabilities(row))) for row in found]
    return float(np.mean(np.array(guesses) == labels))


def cross_validate(found: list[dict[str, float]], labels: np.ndarray, folds: int) -> list[float]:
    order = list(range(len(found)))
    random.Random(SEED).shuffle(order)
    scores = []
    for fold in range(folds):
        held = set(order[fold::folds])
        train = [k for k in range(len(found)) if k not in held]
        test = sorted(held)
        weights = fit([found[k] for k in train], labels[train])
        scores.append(accuracy(weights, [found[k] for k in test], labels[test]))
    return scores


def model_text(weights: dict[str, np.ndarray], examples: int) -> str:
    source = hashlib.sha256(b"".join((DATA / name).read_bytes() for name in SOURCES)).hexdigest()[:16]
    lines = [
        "# Review Reader tone model: multinomial logistic regression over desktop.engine.people.tone.features.",
        f"# Trained by build/train/train_tone.py on {examples} judgements of {' and '.join(SOURCES)}, data {source}.",
        f"# min_count={MIN_COUNT} l2={L2} steps={STEPS} learning_rate={LEARNING_RATE}",
        "# feature\tpraised\tneutral\tcriticised",
    ]
    for name, row in weights.items():
        cells = [f"{value:.{DIGITS}g}" for value in row]
        if any(cell not in ("0", "-0") for cell in cells):
            lines.append("\t".join([name, *cells]))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds to report first (0: none)")
    parser.add_argument("--output", type=Path, default=ROOT / "resources" / tone.MODEL_FILE)
    args = parser.parse_args()
    shipped = ROOT / "resources" / tone.MODEL_FILE
    if not shipped.exists():  # the engine reads it as it analyses; the features do not depend on it
        shipped.write_text("# not trained yet: every person neutral\n", encoding="utf-8")
    found, labels = examples()
    print(f"{len(found)} judgements: " + ", ".join(f"{name} {int((labels == k).sum())}"
                                                   for k, name in enumerate(tone.TONES)))
    if args.folds > 1:
        scores = cross_validate(found, labels, args.folds)
        print(f"{args.folds}-fold cross-validation: mean {np.mean(scores):.3f} ({', '.join(f'{s:.3f}' for s in scores)})")
    text = model_text(fit(found, labels), len(found))
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()) / 1e3:.0f} KB, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]})")


if __name__ == "__main__":
    main()
