"""Helpers that the tests and the scripts in build/ share, outside the product (never in the wheel or the app).

Generated reviews (the large-review benchmark's, the soak test's), the hand-checked
person lists and how a person list is scored against them, and CoNLL-2003 reading.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from desktop.engine import analyze, nlp
from desktop.engine.people.finder import find_people
from desktop.engine.result import Span

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))
REVIEWS = SHARED / "reviews"
CONLL = SHARED / "people" / "conll2003"
GOLD_SETS = {
    "shared": [SHARED / "people" / "imdb_train_gold.json", SHARED / "people" / "seed_gold.json"],
    "tune": [ROOT / "tests" / "data" / "people_tune.json"],
    "validate": [ROOT / "tests" / "data" / "people_validate.json"],
}
"""Hand-checked review lists: the 21 in ../shared, and the tuning and validation parts of our own 360."""
TUNE_EVERY = 5
"""Every TUNE_EVERY-th CoNLL eng.train document tunes the person finder; the tagger never trains on it."""


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


def conll_folds(path: Path = CONLL / "eng.train") -> tuple[list, list]:
    """(training documents, tuning documents) of eng.train: every TUNE_EVERY-th document tunes."""
    documents = conll_documents(path)
    tune = [doc for i, doc in enumerate(documents) if i % TUNE_EVERY == TUNE_EVERY - 1]
    train = [doc for i, doc in enumerate(documents) if i % TUNE_EVERY != TUNE_EVERY - 1]
    return train, tune



# The large-review benchmark's review (build/bench/bench_large.py).

PEOPLE = ["Tom Hanks", "Meryl Streep", "Mr. Derbez", "Kate Del Castillo", "Denzel Washington", "Greta Gerwig",
          "Ingrid Bergman", "Akira Kurosawa", "Naomi Watts", "Hugo Weaving"]
THINGS = ["the script", "the score", "the ending", "the cinematography", "the editing", "the second act",
          "the dialogue", "the casting", "the pacing", "the final scene"]
WORDS = ["wonderful", "dull", "clumsy", "moving", "terrible", "superb", "predictable", "honest", "awful",
         "beautiful", "forced", "funny", "boring", "brilliant", "weak"]
SENTENCES = [
    "{person} is {word} as the lead, and {thing} is {word2}.",
    "I thought {thing} was {word}, but {thing2} felt {word2}.",
    "Directed by {person}, it never quite decides what it wants to be.",
    "{person}'s performance is {word}; {person2} is {word2} in a smaller part.",
    "The film was a waste of time, and {thing} isn't {word} at all.",
    "We saw it in Paris with friends, who found {thing} {word}.",
    "\u201cA {word} picture,\u201d said {person}, and I can\u2019t disagree \u2013 not really.",
    "Honestly, {thing} made me laugh; it was {word} and {word2} at once.",
    "THE PLOT IS {upper} AND {thing_upper} IS {upper2}.",
    "{person} plays a detective who moves to Lisbon after the war.",
]


def large_review(megabytes: float, seed: int = 8) -> bytes:
    """A review of about ``megabytes`` MB: varied sentences in paragraphs, IMDB-style breaks."""
    rng = random.Random(seed)
    target = int(megabytes * 1_048_576)
    paragraphs, size = [], 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            word, word2 = rng.sample(WORDS, 2)
            thing, thing2 = rng.sample(THINGS, 2)
            person, person2 = rng.sample(PEOPLE, 2)
            sentences.append(rng.choice(SENTENCES).format(
                person=person, person2=person2, word=word, word2=word2, thing=thing, thing2=thing2,
                upper=word.upper(), upper2=word2.upper(), thing_upper=thing.upper()))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 12
    return "<br /><br />".join(paragraphs).encode()


# The soak test's reviews (tests/ui/test_ui_soak.py, build/bench/bench_soak.py).

FIRST_NAMES = ("Anna", "Tom", "Clara", "Ivan", "Maya", "Omar", "Julia", "Peter", "Sofia", "Daniel", "Helen", "Marco")
SURNAMES = ("Berg", "Reyes", "Voss", "Petrov", "Lind", "Haddad", "Moreau", "Keller", "Novak", "Okafor", "Brennan")
TITLES = ("The Long Night", "Harbour Lights", "A Quiet Year", "Iron Valley", "The Last Letter", "Paper Moons")
POSITIVE = (
    "{person} is wonderful in this film and carries every scene.",
    "The story is moving and the photography is beautiful.",
    "I loved every minute of it and would happily watch it again.",
    "{person} gives a brilliant, funny and warm performance.",
    "The script is clever and the music is lovely.",
    "One of the best films I have seen this year.",
    "The direction by {person} is confident and the pacing is perfect.",
)
NEGATIVE = (
    "This film is a waste of time.",
    "{person} looks bored and the plot is dull and stupid.",
    "The dialogue is awful and I fell asleep halfway through.",
    "Even {person} cannot save the horrible script.",
    "The editing is clumsy and the ending makes no sense.",
    "Avoid it: the worst film I have seen in years.",
)
NEUTRAL = (
    "{person} plays a teacher who moves to a small town by the sea.",
    "The film runs for about two hours and was shot in the winter.",
    "Her brother, played by {person}, arrives in the second half.",
    "It is based on a novel from the seventies.",
    "I watched it with my sister on a Sunday afternoon.",
)


def soak_review(number: int) -> str:
    """Review ``number``: one to six paragraphs, a few named people, unlike every other number's."""
    chooser = random.Random(number)
    people = [f"{chooser.choice(FIRST_NAMES)} {chooser.choice(SURNAMES)}" for _ in range(3)]
    leaning = POSITIVE if number % 2 else NEGATIVE
    opening = f"I saw {chooser.choice(TITLES)} at screening number {number} of the festival."
    paragraphs = []
    for _ in range(chooser.choice((1, 1, 2, 3, 4, 6))):
        pool = leaning * 2 + NEUTRAL + (NEGATIVE if leaning is POSITIVE else POSITIVE)
        sentences = [chooser.choice(pool).format(person=chooser.choice(people)) for _ in range(chooser.randint(2, 7))]
        paragraphs.append(" ".join(sentences))
    return "<br /><br />".join([opening + " " + paragraphs[0], *paragraphs[1:]])


def write_soak_reviews(folder: Path, first: int, count: int) -> list[Path]:
    """Write reviews ``first`` .. ``first + count - 1`` as ``folder/NUMBER_RATING.txt``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        rating = 8 if number % 2 else 3
        path = folder / f"{number}_{rating}.txt"
        path.write_text(soak_review(number), encoding="utf-8")
        paths.append(path)
    return paths
