"""Named people: our own tokens, NLTK's POS tags, our own rules and a learned tagger.

For each sentence NLTK's perceptron tagger and the learned person tagger run
over our own tokens, around the runs that may hold a name; sentences that cannot
hold a candidate skip them altogether. The work is done in three steps, one
module each:

- ``candidates``: runs of capitalised words, trimmed of leading adjectives,
  sentence-start words and nationalities, courtesy titles kept in the mention;
- ``scoring``: the evidence for a person (titles, initials, first names, known
  surnames, the shape of a name, the POS tags, the learned tagger's vote,
  the context of every mention in the document) and against one (places,
  nationalities, organisation words, quoted titles, numbers), weighed by one
  table, ``scoring.WEIGHTS``;
- ``grouping``: accepted full names absorb their surname-only, first-name-only
  and titled mentions, and become the public ``Person`` records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from desktop.engine.errors import CancelEvent, StepReport, check_cancel
from desktop.engine.people import scoring
from desktop.engine.people.candidates import Mention, NameForm, Quotes, Sentence, link_coordinated, read_sentence, trim
from desktop.engine.people.grouping import Capitals, people
from desktop.engine.people.names import Lexicon, lexicon
from desktop.engine.result import Person, Span


def find_people(
    text: str, sentences: Sequence[Span], models: Any, cancel: CancelEvent | None = None,
    step: StepReport | None = None, english: bool = True,
) -> tuple[Person, ...]:
    """The people named in ``text``, ordered by first mention; raises Cancelled once ``cancel`` is set.

    ``step(sentences done, sentences in all)`` is called as it goes. In text that is not ``english``,
    only capitalised names are looked for: telling a lower-case name ("kevin spacey") from the words
    around it needs the English vocabulary.

    Sentences are analysed one at a time, a sentence ahead (for the pronouns that
    open the next one), so a long review never holds every sentence's tokens.
    """
    words = lexicon()
    quoted = Quotes(text)
    capitals = Capitals()
    forms: dict[tuple[tuple[str, ...], str], NameForm] = {}
    analysed = (read_sentence(text, sentence, models, words, english) for sentence in sentences)
    sentence = next(analysed, None)
    done = 0
    while sentence is not None:
        check_cancel(cancel)
        if step is not None:
            step(done, len(sentences))
        done += 1
        following = next(analysed, None)
        capitals.add(sentence.tokens)
        found = list(_candidates(sentence, following.tokens[:3] if following else [], quoted, words))
        link_coordinated(found, sentence.tokens)
        for mention in found:
            forms.setdefault(mention.key, NameForm(*mention.key)).mentions.append(mention)
        sentence = following
    return people(text, forms, scoring.accepted_keys(forms), capitals)


def _candidates(sentence: Sentence, next_opening, quoted: Quotes, words: Lexicon) -> Iterator[Mention]:
    """The person-name candidates of one sentence, trimmed and scored (``next_opening``:
    the first tokens of the next sentence)."""
    for start, end in sentence.runs:
        mention = trim(sentence.tokens, sentence.tags, start, end, words)
        if mention is not None:
            scoring.weigh(mention, sentence, next_opening, quoted, words, start)
            yield mention
