"""A generated folder of IMDB-style reviews (pos/ and neg/, ID_RATING.txt) for the library tests."""

from __future__ import annotations

from pathlib import Path

PEOPLE = ("Anna Berg", "Tom Reyes", "Clara Voss", "Ivan Petrov", "Maya Lind", "Omar Haddad")
POSITIVE = (
    "{person} is wonderful in this film. The story is moving and the photography is beautiful. "
    "I loved every minute of it and would happily watch it again.",
    "A great, funny and warm movie. {person} gives a brilliant performance and the script is clever. "
    "One of the best films I have seen this year.",
)
NEGATIVE = (
    "This film is a waste of time. {person} looks bored and the plot is dull and stupid. "
    "The dialogue is awful and I fell asleep halfway through.",
    "A terrible, boring movie. Even {person} cannot save the horrible script. "
    "Avoid it: the worst film I have seen in years.",
)


def review_text(number: int, positive: bool) -> str:
    """A short review, different for every ``number``."""
    templates = POSITIVE if positive else NEGATIVE
    person = PEOPLE[number % len(PEOPLE)]
    return f"Review number {number}.<br /><br />" + templates[number % len(templates)].format(person=person)


def make_library(root: Path, per_folder: int) -> Path:
    """``root`` with ``per_folder`` reviews in each of pos/ (ratings 7-10) and neg/ (ratings 1-4).

    Every tenth positive and every twelfth negative review reads the other way.
    """
    for label, ratings in (("pos", (7, 8, 9, 10)), ("neg", (1, 2, 3, 4))):
        folder = root / label
        folder.mkdir(parents=True)
        for number in range(per_folder):
            rating = ratings[number % len(ratings)]
            # A few reviews read against their folder, so agreement is not 100%.
            against = number % 10 == 9 if label == "pos" else number % 12 == 11
            positive = (label == "pos") != against
            text = review_text(number if label == "pos" else number + per_folder, positive)
            (folder / f"{number}_{rating}.txt").write_text(text, encoding="utf-8")
    return root
