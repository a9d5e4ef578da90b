#!/usr/bin/env python3
"""Measure the People card's Tone column against hand-checked judgements of what reviews say of each person.

    .venv/bin/python build/eval/eval_tone.py            tuning, validation and sample judgements (tests/data/tone_*.json)

The tone model trains on tone_tune.json and tone_learn.json (build/train/train_tone.py); tone_validate.json
and tone_sample.json are never trained on, so their figures are validation figures.

Each judgement names a train review in ../shared, a person and a tone (praised, criticised, neutral or
mixed: see tests/data/README.md). The review is analysed as the app does; the person is the one the
engine lists under that name (else under a name sharing its last word: ``devkit.tone_judgements``). Prints, per file, how many
judged people the engine lists, the 3-way accuracy of its tone on them (a judged "mixed" counts as right
for neither side, so it is always wrong: the engine has no "mixed" tone), and how often it takes the
judges' side when both take one. The sample's judges also marked the names the engine listed that are
not people; those are counted apart.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # build/, for the devkit

from devkit.tone_judgements import TRAIN, judged_people, judgements  # noqa: E402

FILES = {"tone_tune.json": "trained on", "tone_validate.json": "validation", "tone_sample.json": "validation"}


def main() -> int:
    if not TRAIN.is_dir():
        print(f"{TRAIN} is not present: nothing to measure.")
        return 1
    for name, part in FILES.items():
        everyone = judgements(name)
        confusion = Counter((judged["tone"], person.tone) for judged, _analysis, person in judged_people(name))
        found = sum(confusion.values())
        right = sum(count for (judged, given), count in confusion.items() if judged == given)
        print(f"{name} ({part}): {len(everyone)} judgements, {found} of those people listed by the engine; "
              f"tone right on {right / max(found, 1):.3f} of them")
        not_people = sum(1 for judged in everyone if judged.get("not_person"))
        if not_people:
            print(f"  {not_people} of the names judged are not people (left out above)")
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
