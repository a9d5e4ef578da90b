#!/usr/bin/env python3
"""Choose the reviews of the people development set, once and reproducibly.

    python3 build/tasks.py sample-people        print "split<TAB>file" for every chosen review

Reviews of ../shared/reviews/aclImdb_train are drawn with a fixed seed from every
review not already in ../shared/people/imdb_train_gold.json, in batches of 180
from one seeded sequence (a second batch was drawn after the first was checked;
the first stays as it was). In each batch the first 120 drawn are tuning
reviews and the other 60 validation reviews. The hand-checked lists live in
tests/data/people_tune.json and tests/data/people_validate.json; tests check
that their files are exactly this draw.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("REVIEW_READER_SHARED", ROOT.parent / "shared"))
SEED = 14
TUNE, VALIDATE = 120, 60
BATCHES = 2


def draw(shared: Path = SHARED) -> dict[str, list[str]]:
    """The chosen review files ("pos/123_8.txt"), by split."""
    train = shared / "reviews" / "aclImdb_train"
    taken = {entry["file"] for entry in json.loads((shared / "people" / "imdb_train_gold.json").read_text())}
    files = sorted(f"{label}/{path.name}" for label in ("neg", "pos") for path in (train / label).glob("*.txt"))
    size = TUNE + VALIDATE
    chosen = random.Random(SEED).sample([name for name in files if name not in taken], size * BATCHES)
    batches = [chosen[start:start + size] for start in range(0, len(chosen), size)]
    return {"tune": [name for batch in batches for name in batch[:TUNE]],
            "validate": [name for batch in batches for name in batch[TUNE:]]}


def main() -> int:
    for split, names in draw().items():
        for name in names:
            print(f"{split}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
