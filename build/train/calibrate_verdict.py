#!/usr/bin/env python3
"""Calibrate the verdict on four kinds of review, and measure what the reader sees on each.

    .venv/bin/python build/train/calibrate_verdict.py            fit on the tuning parts, report both parts
    .venv/bin/python build/train/calibrate_verdict.py --judge vader_lexicon.txt
                                                            also judge the evidence by an independent lexicon

The reviews (build/devkit/verdict_corpus.py): the 25,000 IMDB train reviews, the movie and product
one-liners and the Amazon book reviews, each with a tuning part and a validation part. IMDB reviews
are scored by the learned model of the cross-validation folds without them (out of fold); the
others by the shipped model, which never saw them. Fitted on the tuning parts, each kind weighing
the same: the calibration of the log-odds (with the review's length), the odds of a written
rating, the score's spread and the confidence under which a review that weighs both ways is mixed.
The printed constants go into desktop/engine/verdict/decision.py; the validation parts are only measured.

Reported per kind and part: the leaning (the score's sign) right, the label right (mixed counts as
wrong), the mixed share, the expected calibration error of the confidence (10 bins), the share
shown as +/-1.00, and the evidence: spans with an opinion word of the judge's lexicon, spans of
function words only, spans on a person's name.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit the tests share

import train_verdict  # noqa: E402
from devkit import verdict_corpus  # noqa: E402

from desktop.engine.text.reported import inside, reported_spans  # noqa: E402
from desktop.engine.verdict import decision as verdict
from desktop.engine.verdict import model as verdict_model
from desktop.engine.verdict import opinion  # noqa: E402
from desktop.engine.verdict.decision import (  # noqa: E402
    _strong_both,
    calibrated_log_odds,
    confidence_of,
    gather,
    label_of,
    rated_log_odds,
    rating_sign,
    rule_log_odds,
)

ROOT = Path(__file__).resolve().parents[2]
SHORT_GRID = (5, 10, 20)
SPREAD_GRID = (3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
MIXED_GRID = (0.55, 0.6, 0.65, 0.7)
MAX_SATURATED = 0.01
"""The most of any tuning kind the score may show as +/-1.00."""
MAX_MIXED = 0.03
"""The most of any tuning kind that may be labelled mixed."""


@dataclass
class Scored:
    """One review reduced to what the verdict's constants act on."""

    kind: str
    positive: bool
    validation: bool
    model: float
    rule: float
    lexicon: float
    words: int
    sign: int
    middle: bool
    strong_both: bool


def held_out_scores(reviews: list[verdict_corpus.Review]) -> np.ndarray:
    """The learned model's out-of-fold log-odds of every IMDB review (5 folds, as train_verdict), cached."""
    digest = hashlib.sha1(b"".join((ROOT / path).read_bytes() for path in (
        "build/train/train_verdict.py", "desktop/engine/verdict/model.py", "desktop/engine/text/reported.py",
        "desktop/engine/verdict/opinion.py")) + verdict_corpus._cache_file().name.encode())
    saved = verdict_corpus.CACHE_DIR / f"held-out-{digest.hexdigest()[:12]}.npy"
    if saved.exists():
        return np.load(saved)
    docs = [train_verdict.text_features(r.text, r.names) for r in reviews]
    scored = [frozenset(verdict_model.review_features(r.text, r.names)) for r in reviews]
    labels = np.array([r.positive for r in reviews], dtype=np.float64)
    print("The learned model, 5-fold cross-validation on the IMDB train reviews:", flush=True)
    accuracies, held_out = train_verdict.cross_validate(docs, labels, 5, scored)
    print(f"  mean {np.mean(accuracies):.4f}", flush=True)
    np.save(saved, held_out)
    return held_out


def score_all(reviews: list[verdict_corpus.Review]) -> list[Scored]:
    imdb = [r for r in reviews if r.kind == "imdb"]
    held = dict(zip(map(id, imdb), held_out_scores(imdb)))
    shipped = verdict_model.model()
    scored = []
    for review in reviews:
        reported = reported_spans(review.text)
        signals = gather(review.text, review.sentences, review.paragraphs, reported=reported)
        found = verdict_model.review_features(review.text, review.names, reported)
        model = held[id(review)] if review.kind == "imdb" else shipped.score(found)
        sign = rating_sign(signals.rating)
        scored.append(Scored(review.kind, review.positive, review.validation, float(model),
                             rule_log_odds(signals), opinion.balance(found), len(review.text.split()), sign,
                             signals.rating is not None and not sign, _strong_both(signals)))
    return scored


def design(rows: list[Scored], short_words: float) -> np.ndarray:
    """The calibration's inputs: model and rule log-odds and the opinion words' balance, each also times
    the centred log length."""
    words = np.array([r.words for r in rows], dtype=float)
    share = words / (words + short_words)
    length = np.log(np.maximum(words, 1)) - verdict.LOG_WORDS
    model = np.array([r.model for r in rows]) * share
    rule = np.array([r.rule for r in rows])
    lexicon = np.array([r.lexicon for r in rows])
    return np.column_stack([model, model * length, rule, rule * length, lexicon, lexicon * length])


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, l2: float = 1e-4) -> tuple[np.ndarray, float]:
    """Weighted logistic regression by Newton's method: weights and bias."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    ridge = l2 * np.eye(len(w))
    ridge[-1, -1] = 0
    total = weights.sum()
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x1 @ w, -30, 30)))
        gradient = x1.T @ (weights * (p - y)) / total + ridge @ w
        hessian = (x1 * (weights * p * (1 - p))[:, None]).T @ x1 / total + ridge
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1], float(w[-1])


def kind_weights(rows: list[Scored]) -> np.ndarray:
    """Each kind of review weighs the same in a fit, however many it has."""
    counts = {kind: sum(r.kind == kind for r in rows) for kind in verdict_corpus.KINDS}
    return np.array([1 / counts[r.kind] for r in rows])


def calibration_of(rows: list[Scored]) -> tuple[tuple[float, ...], float]:
    """CALIBRATION and SHORT_WORDS: for each SHORT_WORDS of the grid, the weighted fit on the tuning
    reviews that no rating decides; the one with the lowest weighted log loss."""
    free = [r for r in rows if not r.sign]
    y = np.array([r.positive for r in free], dtype=float)
    weights = kind_weights(free)
    best = None
    for short_words in SHORT_GRID:
        x = design(free, short_words)
        w, b = fit(x, y, weights)
        p = np.clip(1 / (1 + np.exp(-(x @ w + b))), 1e-9, 1 - 1e-9)
        loss = -(weights * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / weights.sum()
        print(f"  SHORT_WORDS={short_words}: log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, (b, *w), short_words)
    return best[1], best[2]


def rated_of(rows: list[Scored], calibration, short_words) -> tuple[float, float]:
    """RATED: how often a decisive written rating is right, with the text agreeing or not."""
    rated = [r for r in rows if r.sign]
    text = np.array([log_odds_of(r, calibration, short_words) for r in rated])
    agree = np.array([r.sign for r in rated]) * text
    right = np.array([(r.sign > 0) == r.positive for r in rated], dtype=float)
    w, b = fit(agree[:, None], right, np.ones(len(rated)), l2=1e-3)
    print(f"  {len(rated)} tuning reviews decided by a rating, {right.mean():.4f} of them right")
    return b, float(w[0])


def log_odds_of(row: Scored, calibration, short_words) -> float:
    return calibrated_log_odds(row.model, row.rule, row.lexicon, row.words, calibration, short_words)


@dataclass
class Seen:
    """What the reader sees of one review."""

    row: Scored
    log_odds: float
    label: str
    score: float


def seen(rows: list[Scored], calibration, short_words, rated, spread, mixed) -> list[Seen]:
    results = []
    for row in rows:
        z = log_odds_of(row, calibration, short_words)
        if row.sign:
            z = rated_log_odds(row.sign, z, rated)
            label = "positive" if row.sign > 0 else "negative"
        else:
            if row.middle:
                z *= verdict.MIDDLE_SHRINK
            label = label_of(z, row.middle, row.strong_both, mixed)
        results.append(Seen(row, z, label, round(math.tanh(z / spread), 2)))
    return results


def figures(results: list[Seen]) -> dict[str, float]:
    n = len(results)
    right = np.array([(s.log_odds > 0) == s.row.positive for s in results])
    label_right = np.array([s.label == ("positive" if s.row.positive else "negative") for s in results])
    confidence = np.array([confidence_of(s.log_odds) for s in results])
    ece = 0.0
    for low in np.arange(0.5, 1.0, 0.05):
        chosen = (confidence >= low) & (confidence < low + 0.05 if low < 0.95 else confidence <= 1.0)
        if chosen.any():
            ece += abs(right[chosen].mean() - confidence[chosen].mean()) * chosen.sum() / n
    return {"n": n, "leaning": right.mean(), "label": label_right.mean(),
            "mixed": np.mean([s.label == "mixed" for s in results]), "ece": ece,
            "saturated": np.mean([abs(s.score) >= 1.0 for s in results])}


def print_figures(results: list[Seen], title: str) -> dict[str, dict[str, float]]:
    print(f"\n{title}")
    print(f"{'':>28}{'reviews':>8}{'leaning':>9}{'label':>8}{'mixed':>8}{'ECE':>8}{'±1.00':>8}")
    table = {}
    for kind in verdict_corpus.KINDS:
        for validation in (False, True):
            part = [s for s in results if s.row.kind == kind and s.row.validation == validation]
            if not part:
                continue
            f = figures(part)
            table[f"{kind} {'validation' if validation else 'tuning'}"] = f
            name = f"{kind}, {'validation' if validation else 'tuning'}"
            print(f"{name:>28}{f['n']:>8}{f['leaning']:>9.4f}{f['label']:>8.4f}{f['mixed']:>8.2%}"
                  f"{f['ece']:>8.4f}{f['saturated']:>8.2%}")
    return table


def evidence_figures(reviews: list[verdict_corpus.Review], judge: dict[str, float] | None) -> None:
    """The evidence the app shows (the shipped model), judged per kind on the validation parts."""
    from desktop.engine.nlp import use_project_data
    from desktop.engine.text.language import stopword_index  # noqa: F401  (provisions NLTK's path)

    use_project_data()
    from nltk.corpus import stopwords

    function_words = set(stopwords.words("english"))
    print("\nEvidence on the validation parts (the shipped model, people's names muted as in the app)")
    print(f"{'':>22}{'spans':>7}{'opinion':>9}{'function words':>16}{'names':>7}{'none':>7}")
    for kind in verdict_corpus.KINDS:
        part = [r for r in reviews if r.kind == kind and r.validation]
        spans = opinion = function = named = empty = 0
        for review in part:
            cues = verdict.decide(review.text, review.sentences, review.paragraphs, names=review.names).evidence
            empty += not cues
            for cue in cues:
                words = verdict_model._WORD.findall(verdict_model.lower(cue.text))
                spans += 1
                opinion += judge is not None and any(w in judge for w in words)
                function += all(w in function_words for w in words)
                named += bool(review.names) and inside(tuple(review.names), cue.start, cue.end)
        share = f"{opinion / max(spans, 1):>9.3f}" if judge is not None else f"{'-':>9}"
        print(f"{kind:>22}{spans:>7}{share}{function / max(spans, 1):>16.3f}{named / max(spans, 1):>7.3f}"
              f"{empty / len(part):>7.1%}")


def read_judge(path: Path) -> dict[str, float]:
    """A lexicon file of ``word<TAB>score`` lines (VADER's vader_lexicon.txt, for one)."""
    judge = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            try:
                judge[fields[0].lower()] = float(fields[1])
            except ValueError:
                continue
    return judge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--judge", type=Path, help="an opinion lexicon (word<TAB>score) to judge the evidence by")
    parser.add_argument("--shipped", action="store_true", help="measure the constants in verdict/decision.py; fit nothing")
    args = parser.parse_args()
    reviews = verdict_corpus.load()
    rows = score_all(reviews)
    tuning = [r for r in rows if not r.validation]
    if args.shipped:
        calibration, short_words, rated = verdict.CALIBRATION, verdict.SHORT_WORDS, verdict.RATED
        spread, mixed = verdict.SPREAD, verdict.MIXED_CONFIDENCE
    else:
        print("Fitting on the tuning parts, each kind weighing the same:")
        calibration, short_words = calibration_of(tuning)
        rated = rated_of(tuning, calibration, short_words)
        spread = next((s for s in SPREAD_GRID if all(
            figures([x for x in seen(tuning, calibration, short_words, rated, s, 0.5) if x.row.kind == kind])
            ["saturated"] <= MAX_SATURATED for kind in verdict_corpus.KINDS)), SPREAD_GRID[-1])
        mixed = max((m for m in MIXED_GRID if all(
            figures([x for x in seen(tuning, calibration, short_words, rated, spread, m) if x.row.kind == kind])
            ["mixed"] <= MAX_MIXED for kind in verdict_corpus.KINDS)), default=0.5)
        print(f"CALIBRATION = ({', '.join(f'{c:.4f}' for c in calibration)})\nSHORT_WORDS = {short_words}\n"
              f"RATED = ({rated[0]:.4f}, {rated[1]:.4f})\nSPREAD = {spread}\nMIXED_CONFIDENCE = {mixed}")
    print_figures(seen(rows, calibration, short_words, rated, spread, mixed), "What the reader sees")
    if args.shipped:
        evidence_figures(reviews, read_judge(args.judge) if args.judge else None)


if __name__ == "__main__":
    main()
