"""Generated IMDB-style reviews for the soak test and benchmark: every one different, of varied length."""

from __future__ import annotations

import random
from pathlib import Path

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
