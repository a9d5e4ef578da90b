#!/usr/bin/env python3
"""Measure the People card's Tone column against hand-checked judgements of what reviews say of each person.

    .venv/bin/python build/eval/eval_tone.py            tuning, validation and sample judgements (tests/data/tone_*.json)

Each judgement names a train review in ../shared, a person and a tone (praised, criticised, neutral or
mixed: see tests/data/README.md). The review is analysed as the app does; the person is the one the
engine lists under that name (else under a name sharing its last word). Prints, per file, how many
judged people the engine lists, the 3-way accuracy of its tone on them (a judged "mixed" counts as right
for neither side, so it is always wrong: the engine has no "mixed" tone), and how often it takes the
judges' side when both take one. The sample's judges also marked the names the engine listed that are
not people; those are counted apart.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from desktop.engine import analyze

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT.parent / "shared" / "reviews" / "aclImdb_train"
FILES = ("tone_tune.json", "tone_validate.json", "tone_sample.json")


def engine_tone(people, name: str) -> str | None:
    """The tone the engine gives the person listed as ``name`` (else by its last word), or None."""
    wanted = name.lower()
    for person in people:
        if person.name.lower() == wanted:
            return person.tone
    last = wanted.split()[-1]
    for person in people:
        if person.name.lower().split()[-1] == last:
            return person.tone
    return None


def main() -> int:
    if not TRAIN.is_dir():
        print(f"{TRAIN} is not present: nothing to measure.")
        return 1
    for name in FILES:
        judgements = json.loads((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        analyses = {}
        found = right = 0
        confusion: Counter = Counter()
        not_people = [judged for judged in judgements if judged.get("not_person")]
        for judged in judgements:
            if judged.get("not_person"):
                continue
            file = judged["file"]
            if file not in analyses:
                analyses[file] = analyze((TRAIN / file).read_bytes(), name=file).people
            tone = engine_tone(analyses[file], judged["person"])
            if tone is None:
                continue
            found += 1
            right += tone == judged["tone"]
            confusion[(judged["tone"], tone)] += 1
        print(f"{name}: {len(judgements)} judgements, {found} of those people listed by the engine; "
              f"tone right on {right / max(found, 1):.3f} of them")
        if not_people:
            print(f"  {len(not_people)} of the names judged are not people (left out above)")
        sided = {"praised", "criticised"}
        both = sum(count for (judged, given), count in confusion.items() if judged in sided and given in sided)
        agreed = sum(count for (judged, given), count in confusion.items() if judged in sided and given == judged)
        print(f"  where both the judges and the engine say praised or criticised, the same side on "
              f"{agreed}/{both} = {agreed / max(both, 1):.3f}")
        for (judged, given), count in sorted(confusion.items()):
            print(f"  judged {judged:>10}, shown {given:>10}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
