#!/usr/bin/env python3
"""Train the person tagger and mine its word lists from ../shared (averaged perceptron, Collins 2002).

    python3 build/tasks.py train-people         mine, train, report, write resources/models/people.tsv
    .venv/bin/python build/train/train_people.py --sentences 2000 --reviews 500 --output /tmp/small.tsv
                                                 a small deterministic retrain (the tests compare two)

1. Word lists mined from the IMDB train reviews, cleaned and tokenised as the app
   does, leaving out the validation reviews of tests/data/people_validate.json:
   how often each word is capitalised when it does not open a sentence (kept
   as a band for words seen at least MIN_SEEN times), and the capitalised words
   that follow a given name at least MIN_SURNAME times.
2. The tagger, trained on the CoNLL-2003 ``eng.train`` documents outside the
   tuning fold (every TUNE_EVERY-th document is kept back for tuning how the
   finder weighs the tagger): tokens tagged by NLTK's POS tagger as the app tags
   them, PER tokens as B/I, EPOCHS passes in a seeded order, weights averaged.

The model file is plain text, sorted, weights rounded to DIGITS decimals:
byte-identical on every run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit the tests share
from devkit import CONLL, ROOT, SHARED, conll_documents, conll_folds

from desktop.engine import nlp
from desktop.engine.people.candidates import tokens_of
from desktop.engine.people.names import lexicon
from desktop.engine.people.tagger import CAPITAL_BANDS, MODEL_FILE, TAGS, Model, shape, tag_features, token_features
from desktop.engine.pipeline import prepare

TRAIN_REVIEWS = SHARED / "reviews" / "aclImdb_train"
VALIDATION = ROOT / "tests" / "data" / "people_validate.json"
MIN_SEEN = 5
MIN_SURNAME = 3
TUNE = ROOT / "tests" / "data" / "people_tune.json"
REVIEW_REPEAT = 3
"""Each tuning review's sentences are seen this many times an epoch (they are few beside the news)."""
EPOCHS = 6
SEED = 2002
DIGITS = 3
_OPENERS = frozenset('.!?:;"“”(-–—'.split()) | {".", "!", "?", ":", "(", '"', "“", "”", "-", "--", "..."}


def name_tags(ne_tags: list[str]) -> list[str]:
    """IOB1 CoNLL tags -> O/B/I for PER only."""
    result, inside = [], False
    for tag in ne_tags:
        if tag.endswith("PER"):
            result.append("I" if inside and not tag.startswith("B-") else "B")
            inside = True
        else:
            result.append("O")
            inside = False
    return result


def mine(review_files: list[Path]) -> tuple[dict[str, str], list[str]]:
    """(word -> capitalisation band, surnames) from the reviews' tokens."""
    given = lexicon().first_names
    common = lexicon().common_words
    seen: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    after_given: Counter[str] = Counter()
    for path in review_files:
        text = prepare(path.read_bytes()).text
        previous = "."
        for word, _, _ in tokens_of(text, 0, len(text)):
            if word.isalpha() and previous not in _OPENERS and not previous.endswith("\n"):
                lower = word.lower()
                seen[lower] += 1
                if word[0].isupper() and not word.isupper():
                    capitalised[lower] += 1
            if (word[:1].isupper() and word.isalpha() and word.lower() not in common
                    and previous in given and word not in given):
                after_given[word.lower()] += 1
            previous = word
    capitals = {}
    for word, count in seen.items():
        if count >= MIN_SEEN:
            ratio = capitalised[word] / count
            capitals[word] = next(band for floor, band in CAPITAL_BANDS if ratio >= floor)
    surnames = sorted(word for word, count in after_given.items() if count >= MIN_SURNAME)
    return capitals, surnames


def review_examples(entries: list[dict]) -> list[tuple[list[str], list[str], list[str]]]:
    """(words, POS tags, name tags) for each sentence of hand-checked reviews.

    Every listed form of every person (name and aliases, longest first) marks the
    token runs it matches as a name; sentences holding an ``ambiguous`` text are
    left out, since they teach neither way.
    """
    from desktop.engine.text.sentences import sentence_spans

    models = nlp.models()
    result = []
    for entry in entries:
        text = prepare((TRAIN_REVIEWS / entry["file"]).read_bytes()).text
        forms = sorted({tuple(word for word, _, _ in tokens_of(form, 0, len(form)))
                        for person in entry["people"] for form in (person["name"], *person["aliases"])},
                       key=len, reverse=True)
        ambiguous = [item["text"] for item in entry["ambiguous"]]
        for span in sentence_spans(text, models.sentence_splitter):
            if any(item in text[span.start:span.end] for item in ambiguous):
                continue
            words = [word for word, _, _ in tokens_of(text, span.start, span.end)]
            labels = ["O"] * len(words)
            for form in forms:
                for i in range(len(words) - len(form) + 1):
                    if tuple(words[i:i + len(form)]) == form and all(label == "O" for label in labels[i:i + len(form)]):
                        labels[i:i + len(form)] = ["B"] + ["I"] * (len(form) - 1)
            result.append((words, [tag for _, tag in models.tagger.tag(words)], labels))
    return result


def review_files(limit: int = 0) -> list[Path]:
    """The train reviews to mine: all but the validation reviews (the first ``limit`` if set)."""
    held_out = {entry["file"] for entry in json.loads(VALIDATION.read_text())}
    files = [path for label in ("neg", "pos") for path in sorted((TRAIN_REVIEWS / label).glob("*.txt"))
             if f"{label}/{path.name}" not in held_out]
    return files[:limit] if limit else files


def examples(documents: list, limit: int = 0) -> list[tuple[list[str], list[str], list[str]]]:
    """(words, POS tags, name tags) for each sentence of the documents (the first ``limit`` if set)."""
    tagger = nlp.models().tagger
    sentences = [sentence for document in documents for sentence in document]
    if limit:
        sentences = sentences[:limit]
    result = []
    for sentence in sentences:
        words = [word for word, _ in sentence]
        result.append((words, [tag for _, tag in tagger.tag(words)], name_tags([tag for _, tag in sentence])))
    return result


class Perceptron:
    """A three-class averaged perceptron over string features."""

    def __init__(self) -> None:
        self.weights: dict[str, list[float]] = {}
        self.totals: dict[str, list[float]] = {}
        self.stamps: dict[str, list[int]] = {}
        self.clock = 0

    def best(self, features: list[str]) -> int:
        scores = [0.0, 0.0, 0.0]
        for name in features:
            row = self.weights.get(name)
            if row:
                scores[0] += row[0]
                scores[1] += row[1]
                scores[2] += row[2]
        return max(range(3), key=scores.__getitem__)

    def update(self, features: list[str], truth: int, guess: int) -> None:
        self.clock += 1
        if truth == guess:
            return
        for name in features:
            row = self.weights.setdefault(name, [0.0, 0.0, 0.0])
            total = self.totals.setdefault(name, [0.0, 0.0, 0.0])
            stamp = self.stamps.setdefault(name, [0, 0, 0])
            for label, change in ((truth, 1.0), (guess, -1.0)):
                total[label] += (self.clock - stamp[label]) * row[label]
                stamp[label] = self.clock
                row[label] += change

    def averaged(self) -> dict[str, tuple[float, float, float]]:
        result = {}
        for name, row in self.weights.items():
            total, stamp = self.totals[name], self.stamps[name]
            result[name] = tuple(
                round((total[k] + (self.clock - stamp[k]) * row[k]) / self.clock, DIGITS) for k in range(3))
        return result


def training_sentences(conll: list, reviews: list[dict]) -> list:
    """The CoNLL sentences and, REVIEW_REPEAT times over, the sentences of the hand-checked ``reviews``."""
    return conll + review_examples(reviews) * REVIEW_REPEAT


def train(sentences: list, capitals: dict[str, str], surnames: list[str] | frozenset[str],
          epochs: int = EPOCHS) -> Model:
    """The averaged perceptron trained on ``sentences``, with the mined lists."""
    lists = lexicon()
    model = Model({}, capitals, frozenset(surnames))
    cached = [[token_features(words, tags, i, model, lists) for i in range(len(words))]
              for words, tags, _ in sentences]
    perceptron = Perceptron()
    order = list(range(len(sentences)))
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(order)
        mistakes = tokens = 0
        for index in order:
            words, _, truth = sentences[index]
            previous = "O"
            for i, features in enumerate(cached[index]):
                full = features + list(tag_features(previous, shape(words[i])))
                guess = perceptron.best(full)
                gold = TAGS.index(truth[i])
                perceptron.update(full, gold, guess)
                mistakes += guess != gold
                tokens += 1
                previous = truth[i]
        print(f"  epoch {epoch + 1}: {mistakes} token mistakes of {tokens}", flush=True)
    weights = {name: row for name, row in perceptron.averaged().items() if any(row)}
    return Model(weights, capitals, frozenset(surnames))


def write(model: Model) -> str:
    """The model's text form (see ``person_tagger.read_model``)."""
    lines = [
        "# Review Reader person tagger: averaged perceptron, tags O B I (build/train/train_people.py).",
        "# Trained on CoNLL-2003 eng.train and tests/data/people_tune.json; word lists mined from the IMDB train reviews.",
    ]
    lines += [f"capital\t{word}\t{band}" for word, band in sorted(model.capitals.items())]
    lines += [f"surname\t{word}" for word in sorted(model.surnames)]
    for name in sorted(model.weights):
        lines.append(name + "\t" + "\t".join(f"{w:g}" for w in model.weights[name]))
    return "\n".join(lines) + "\n"


def span_score(model: Model, sentences: list) -> tuple[float, float, float]:
    """Precision, recall and F1 of PER spans when the tagger alone decides (margin > 0)."""
    from desktop.engine.people.tagger import Tagger

    tagger = Tagger(model, lexicon())
    hits = found = gold = 0
    for words, tags, truth in sentences:
        margins = tagger.margins(words, tags)
        predicted = _spans([m > 0 for m in margins])
        expected = _spans([t != "O" for t in truth], [t == "B" for t in truth])
        hits += len(predicted & expected)
        found += len(predicted)
        gold += len(expected)
    p = hits / found if found else 1.0
    r = hits / gold if gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _spans(inside: list[bool], begins: list[bool] | None = None) -> set[tuple[int, int]]:
    spans, start = set(), None
    for i, flag in enumerate(inside + [False]):
        if start is not None and (not flag or begins and begins[i]):
            spans.add((start, i))
            start = None
        if flag and start is None:
            start = i
    return spans


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=0, help="train on the first N sentences only")
    parser.add_argument("--reviews", type=int, default=0, help="mine the first N reviews only")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--output", type=Path, default=ROOT / "resources" / MODEL_FILE)
    args = parser.parse_args(argv)
    if not CONLL.is_dir() or not TRAIN_REVIEWS.is_dir():
        print(f"{SHARED} is not present: nothing to train on.")
        return 1
    started = time.perf_counter()
    capitals, surnames = mine(review_files(args.reviews))
    print(f"mined {len(capitals)} capitalisation bands and {len(surnames)} surnames "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    train_documents, tune_documents = conll_folds()
    reviews = json.loads(TUNE.read_text(encoding="utf-8"))
    sentences = training_sentences(examples(train_documents, args.sentences), reviews[: args.reviews // 50 or None])
    print(f"training on {len(sentences)} sentences: CoNLL, then {len(reviews)} tuning reviews "
          f"{REVIEW_REPEAT} times", flush=True)
    model = train(sentences, capitals, surnames, args.epochs)
    if not args.sentences:
        for title, documents in (("eng.train tuning fold", tune_documents),
                                 ("eng.testa (validation)", conll_documents(CONLL / "eng.testa"))):
            p, r, f = span_score(model, examples(documents))
            print(f"tagger alone, {title}: PER precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    text = write(model)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    print(f"wrote {args.output} ({len(text.encode()) / 1e6:.2f} MB, {len(model.weights)} features, "
          f"sha256 {digest[:16]}) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
