"""From accepted name forms to people: aliases join their full name, later bare surnames join too.

Full names absorb their surname, title and unique first-name forms ("Mr. Derbez", "Derbez",
"Derbez's"); different people who share a word stay apart ("Dona Carmen" and "Carmen Salinas").
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.engine.people.candidates import NameForm
from desktop.engine.people.word_kinds import folded, proper
from desktop.engine.result import Person, Span


class Capitals:
    """Where each capitalised token occurs, by its word in name case: two integers an occurrence."""

    def __init__(self) -> None:
        self._spans: dict[str, array] = {}

    def add(self, tokens) -> None:
        for word, start, end in tokens:
            if word[:1].isupper():
                name_case = proper(word)
                found = self._spans.get(name_case)
                if found is None:
                    found = self._spans[name_case] = array("q")
                found.extend((start, end))

    def spans(self, word: str) -> Iterator[Span]:
        """The spans of the capitalised tokens that read ``word`` in name case."""
        found = self._spans.get(word, ())
        return (Span(found[k], found[k + 1]) for k in range(0, len(found), 2))


def people(text: str, forms: dict[tuple[tuple[str, ...], str], NameForm], accepted: set,
           capitals: Capitals) -> tuple[Person, ...]:
    """Each form joins the person it is an alias of, or becomes one if ``accepted``; ordered by first mention."""
    persons = _Persons()
    # Longest names first, so shorter forms ("Del Castillo", "Derbez") find their owner.
    for form in sorted(forms.values(), key=lambda f: -len(f.parts)):
        owners = persons.owners(form.parts, form.title)
        if owners:
            for mention in form.mentions:
                _latest_before(owners, mention.span).spans.append(mention.span)
        elif (form.parts, form.title) in accepted:
            spans = [m.span for m in form.mentions]
            suffix = next((m.suffix for m in form.mentions if m.suffix), "")
            persons.add(_Person(form.parts, spans, form.title if len(form.parts) == 1 else "", suffix))
    _add_unmarked_mentions(persons, capitals)
    result = [_person(p, text) for p in persons]
    result.sort(key=lambda p: p.mentions[0])
    return tuple(result)


@dataclass
class _Person:
    """A person being assembled: name words, mention spans, the title of a one-word name, a generational
    suffix ("Jr.")."""

    parts: tuple[str, ...]
    spans: list[Span]
    title: str
    suffix: str = ""

    def __post_init__(self) -> None:
        self.words = folded(self.parts)


class _Persons(list):
    """The accepted persons, indexed by their words so alias look-ups stay fast in long texts."""

    def __init__(self) -> None:
        super().__init__()
        self._by_words: dict[tuple[str, ...], list[_Person]] = {}
        self._by_surname: dict[tuple[str, ...], list[_Person]] = {}
        self._by_given: dict[str, list[_Person]] = {}

    def add(self, person: _Person) -> None:
        self.append(person)
        words = person.words
        self._by_words.setdefault(words, []).append(person)
        for n in range(1, len(words)):
            self._by_surname.setdefault(words[-n:], []).append(person)
        if len(words) > 1 or person.title:
            self._by_given.setdefault(words[0], []).append(person)

    def owners(self, parts: tuple[str, ...], title: str) -> list[_Person]:
        """Who a form may belong to: the person with the same words (titles agreeing),
        else everyone with that surname, else the only person with that first name."""
        words = folded(parts)
        same = [p for p in self._by_words.get(words, ()) if p.title == title or not p.title or not title]
        if same:
            return same if len(same) == 1 else []
        by_surname = self._by_surname.get(words)
        if by_surname:
            return list(by_surname)
        if title or len(words) != 1:
            return []
        by_given = self._by_given.get(words[0], [])
        return list(by_given) if len(by_given) == 1 else []


def _latest_before(owners: list[_Person], span: Span) -> _Person:
    """The owner mentioned last before ``span`` ("Naina Yeltsin ... Yeltsin"), else the first."""
    if len(owners) == 1:
        return owners[0]

    def latest(person: _Person) -> int:
        return max((s.start for s in person.spans if s.start < span.start), default=-1)

    return max(owners, key=latest)


def _add_unmarked_mentions(persons: list[_Person], capitals: Capitals) -> None:
    """Capitalised words equal to one full name's surname that no candidate covered."""
    surnames: dict[str, list[_Person]] = {}
    for person in persons:
        if len(person.parts) >= 2:
            surnames.setdefault(person.parts[-1], []).append(person)
    taken = sorted(span for person in persons for span in person.spans)
    taken_starts = [span.start for span in taken]
    for surname, owners in surnames.items():
        if len(owners) != 1:
            continue
        for span in capitals.spans(surname):
            before = bisect.bisect_right(taken_starts, span.start) - 1
            if before < 0 or taken[before].end <= span.start:
                owners[0].spans.append(span)


def _person(person: _Person, text: str) -> Person:
    """The public Person: fullest name in name case and its suffix (with its title if that is all there is)."""
    spans = tuple(sorted(set(person.spans)))
    name = " ".join((*person.parts, person.suffix) if person.suffix else person.parts)
    if person.title:
        name = " ".join(text[spans[0].start : spans[0].end].split())
    return Person(name, spans)
