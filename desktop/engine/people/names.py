"""Word lists for the person finder, loaded once per process (lazily, thread-safely).

NLTK corpora give first names (``names``), places and nationalities
(``gazetteers``); common English words are the lower-case words that both
NLTK's ``words`` list and TextBlob's tagger lexicon know (so obscure entries
such as "goran" or "abu" do not count). The project's hand-written lists in
``resources/people/`` give titles, context words and words that name things
rather than people.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.engine import nlp
from desktop.engine.once import once
from desktop.paths import resources_dir


@dataclass(frozen=True)
class Lexicon:
    """Every word list the person finder consults."""

    first_names: frozenset[str]
    """Given names as written in NLTK's names corpus ("Kate")."""
    common_words: frozenset[str]
    """Lower-case English words in common use ("wonderful", "terror")."""
    places: frozenset[str]
    """Countries, cities, states and provinces ("Los Angeles", "Mexico")."""
    nationalities: frozenset[str]
    """Nationality words and their plurals ("Mexican", "Americans")."""
    honorifics: frozenset[str]
    """Courtesy titles, part of a mention ("Mr", "Dona")."""
    roles: frozenset[str]
    """Titles of office or rank, evidence but not part of a mention ("President")."""
    non_person_words: frozenset[str]
    """Capitalised words that name things, groups, places or events ("University")."""
    person_nouns: frozenset[str]
    """Words next to a name that make it a person's ("actor", "performance")."""
    person_verbs: frozenset[str]
    """Words right after a name that make it a person's ("said", "who")."""
    person_phrases: frozenset[str]
    """Two-word phrases before a name that make it a person's ("played by")."""
    craft_nouns: frozenset[str]
    """Crafts credited with "by" ("cinematography by", "the score is by")."""
    work_nouns: frozenset[str]
    """Works whose title follows them ("the film ...")."""
    foreign_articles: frozenset[str]
    """Articles of other languages that are also given names ("les", "una")."""


@once
def lexicon() -> Lexicon:
    """The shared word lists, read on first use."""
    return _load()


def _nltk_lines(resource: str) -> list[str]:
    import nltk

    nlp.use_project_data()
    raw = nltk.data.find(resource).open().read()
    return [line.strip() for line in raw.decode("latin-1").splitlines() if line.strip()]


def own_lines(name: str) -> list[str]:
    """The entries of one of the project's lists in ``resources/people/`` (``#`` lines are comments)."""
    path = resources_dir() / "people" / name
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _brill_common_words() -> set[str]:
    """Lower-case words TextBlob's tagger lexicon knows as anything but a proper noun."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.partition(" ")
        if word.islower() and not tag.startswith("NNP"):
            words.add(word)
    return words


def _load() -> Lexicon:
    gazetteers = ("countries", "isocountries", "uscities", "usstates", "caprovinces", "mexstates")
    places = {line for name in gazetteers for line in _nltk_lines(f"corpora/gazetteers/{name}.txt")}
    nationalities = set(_nltk_lines("corpora/gazetteers/nationalities.txt"))
    nationalities |= {word + ("es" if word.endswith("s") else "s") for word in nationalities}
    return Lexicon(
        first_names=frozenset(_nltk_lines("corpora/names/male.txt") + _nltk_lines("corpora/names/female.txt")),
        common_words=frozenset(_brill_common_words() & {word for word in _nltk_lines("corpora/words/en") if word.islower()}),
        places=frozenset(places | set(own_lines("places.txt"))),
        nationalities=frozenset(nationalities),
        honorifics=frozenset(own_lines("honorifics.txt")),
        roles=frozenset(own_lines("roles.txt")),
        non_person_words=frozenset(own_lines("non_person_words.txt")),
        person_nouns=frozenset(own_lines("person_nouns.txt")),
        person_verbs=frozenset(own_lines("person_verbs.txt")),
        person_phrases=frozenset(own_lines("person_phrases.txt")),
        craft_nouns=frozenset(own_lines("craft_nouns.txt")),
        work_nouns=frozenset(own_lines("work_nouns.txt")),
        foreign_articles=frozenset(own_lines("foreign_articles.txt")),
    )
