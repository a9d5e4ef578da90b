"""The hand-checked tone judgements (tests/data/tone_*.json), read against the engine's people.

Each judgement names a train review in ../shared, a person and a tone; the person is the one the
engine lists under that name, else under a name sharing its last word.

    .venv/bin/python build/devkit/tone_judgements.py draw      print the reviews of tone_learn.json's draw as JSON
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop.engine import analyze
from desktop.engine.result import Analysis, Person

ROOT = Path(__file__).resolve().parents[2]
TRAIN = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared")) / "reviews" / "aclImdb_train"
DATA = ROOT / "tests" / "data"
LEARN_DRAWS = ((2027, 1280), (2028, 1280), (2029, 1280))
"""tone_learn.json's draws, one after the other: (seed, how many reviews with one to eight listed people)."""


def judgements(name: str) -> list[dict]:
    """The judgements of ``tests/data/<name>``."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def listed(people: Sequence[Person], name: str) -> Person | None:
    """The person the engine lists as ``name`` (else by its last word), or None."""
    wanted = name.lower()
    last = wanted.split()[-1]
    return (next((person for person in people if person.name.lower() == wanted), None)
            or next((person for person in people if person.name.lower().split()[-1] == last), None))


def judged_people(name: str) -> Iterator[tuple[dict, Analysis, Person]]:
    """Each judgement of a person of ``tests/data/<name>`` the engine lists, with its review's analysis
    (names judged as no person are left out)."""
    analyses: dict[str, Analysis] = {}
    for judged in judgements(name):
        if judged.get("not_person"):
            continue
        file = judged["file"]
        if file not in analyses:
            analyses[file] = analyze((TRAIN / file).read_bytes(), name=file)
        person = listed(analyses[file].people, judged["person"])
        if person is not None:
            yield judged, analyses[file], person


def draw() -> list[dict]:
    """tone_learn.json's reviews: train reviews none of the other judgement or person files hold, each
    draw in its seeded order, each review with the people the engine lists (the first draw was made at
    commit 0bf6527, the second at 522e06b, the third at 15583df: the same people finder)."""
    taken = {entry["file"] for name in ("people_tune.json", "people_validate.json", "tone_sample.json",
                                         "tone_tune.json", "tone_validate.json") for entry in judgements(name)}
    files = sorted(f"{label}/{path.name}" for label in ("neg", "pos") for path in (TRAIN / label).glob("*.txt"))
    chosen: list[dict] = []
    for seed, count in LEARN_DRAWS:
        drawn = 0
        taken |= {entry["file"] for entry in chosen}
        for file in random.Random(seed).sample([file for file in files if file not in taken], 4000):
            people = analyze((TRAIN / file).read_bytes(), name=file).people
            if 1 <= len(people) <= 8:
                chosen.append({"file": file, "people": [person.name for person in people]})
                drawn += 1
            if drawn == count:
                break
    return chosen


if __name__ == "__main__" and sys.argv[1:] == ["draw"]:
    print(json.dumps(draw(), indent=1))
