"""The evidence that a name names a person, with every weight in one table (``WEIGHTS``).

A mention's ``base`` is evidence from the name itself (titles, initials, first names, known surnames),
NLTK's part-of-speech tags, the layout and the learned tagger's vote; its ``cue`` is evidence from the
words around it. A name form is accepted when its best base plus the context of its family (its own
mentions, its surname and first-name forms) reaches ``accept``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.engine.people.candidates import Mention, NameForm, Quotes, Sentence
from desktop.engine.people.names import Lexicon
from desktop.engine.people.word_kinds import (
    INITIALS,
    folded,
    is_capitalised,
    is_common,
    is_known_surname,
    opens_name,
    proper,
)


@dataclass(frozen=True, slots=True)
class Weights:
    """What each piece of evidence adds to a name's score; a penalty's weight is taken away."""

    # The words of the name
    # (full_name and one_word replace NLTK's NE chunker's vote of 1.0 and 0.5: it marked 85% of full names and
    # 64% of one-word candidates, and the lists were found as well without it.)
    full_name: float = 1.0  # a name of two words or more
    one_word: float = 0.5  # a name of one word
    courtesy_title: float = 3.0  # a courtesy title in the mention ("Mr. Derbez", "Dr. Jones")
    office_before: float = 2.0  # a title of office or rank right before it ("President Clinton")
    initials: float = 3.0  # initials opening a name of two words or more ("L.Q. Jones")
    given_or_surname: float = 2.0  # a first name or a known surname in a name of two words or more
    no_common_word: float = 1.5  # a name of two words or more with no common English word ("Gael Garcia")
    first_name_alone: float = 1.5  # a first name alone that is no common word ("Kate")
    common_first_name_alone: float = 0.5  # a first name alone that is also a common word ("Will", "Rose")
    known_surname: float = 3.0  # a word alone that the mined lists know as a surname ("Kubrick's best")
    common_words_only: float = 1.5  # penalty: only common words, no first name or initials ("Lion King")
    # NLTK's part-of-speech tags
    plural_proper_noun: float = 2.0  # penalty: a one-word name tagged as a plural proper noun ("Muppets")
    not_proper_noun: float = 1.0  # penalty: no title, no first name and no word tagged as a proper noun
    # Places, things and shapes
    place_or_nationality: float = 5.0  # penalty: the whole name is a place or a nationality ("Mexico")
    thing_word: float = 4.0  # penalty: a word that names things, groups or events ("University")
    thing_word_as_surname: float = 1.0  # penalty: a singular thing word as a first name's surname ("Michael Bay")
    place_word: float = 2.0  # penalty: a nationality in the name, or a place in a longer one not its surname
    after_article: float = 1.5  # penalty: an article before it ("The Lion King", "a Star Trek fan")
    digits: float = 6.0  # penalty: a digit in the name ("Apollo 13")
    acronym: float = 3.0  # penalty: one short word in capitals ("NBC")
    acronym_inside: float = 3.0  # penalty: a short word in capitals among others ("CBS Evening News")
    too_many_words: float = 3.0  # penalty: more than four words
    quoted: float = 6.0  # penalty: inside a short quote and not introduced as a role ('"Ugly Betty"', not 'as "Toto"')
    # The learned tagger (build/eval/eval_people.py tune chooses these two)
    tagger: float = 3.0  # the most the learned tagger's vote adds to or takes from a mention's score
    tagger_clip: float = 20.0  # a tagger margin this large is a full vote
    # The words around a mention
    person_noun_before: float = 2.0  # a word for a person before it ("actor Derbez", "his father, Alois")
    person_phrase_before: float = 2.0  # a person's phrase before it ("played by Kate")
    craft_by: float = 2.0  # "by" after a craft ("cinematography by Kate", "the score is by Kate")
    as_before: float = 1.0  # "as" before it ("as Kate")
    possessive_person_noun: float = 2.0  # a possessive and a person's word after it ("Derbez's performance")
    person_verb_after: float = 2.0  # a person's verb or a relative clause after it ("Rosario never", "Ferrera, who")
    as_role_after: float = 2.0  # "as" and a role after it ("Hanks as the captain", "Theron as DeNiro's wife")
    pronoun_same_sentence: float = 1.5  # he or she soon after it in its sentence, no other name between
    pronoun_next_sentence: float = 1.0  # he or she opening the next sentence, no other name between
    # A name form as a whole
    context_cap: float = 4.0  # the most the context of a name form and its family adds
    title_use: float = 4.0  # penalty: the text uses the form as a title ("Red Sonja (1985)") and never as a person
    person_context: float = 2.0  # a mention's context this strong marks a person even in a form used as a title
    listed_with_person: float = 2.0  # listed with an accepted person ("Kyle, and Molly")
    accept: float = 2.0  # the score a name form needs to be listed as a person


WEIGHTS = Weights()
"""The weights in use (``build/eval/eval_people.py tune`` swaps in others to compare)."""

_YEAR = re.compile(r"\(\s*\d{4}\s*\)")
_QUOTE_MARKS = frozenset({'"', "“", "'", "‘"})
_ALL_QUOTE_MARKS = _QUOTE_MARKS | {"”", "’", "`"}
_ARTICLES = ("the", "a", "an")
_INDEFINITE = frozenset({"a", "an"})
_ROLE_OPENERS = frozenset({"the", "a", "an", "his", "her", "their"})
"""Words that open the role after "as" ("Hanks as the captain")."""
_POSSESSIVE = frozenset({"'s", "’s", "'S"})
_PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})
_NOT_MODIFIERS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "for", "with", "by", "from", "to", "about",
    "who", "that", "which", "his", "her", "their", "its", "my", "your",
})
"""Words that end the adjectives before the noun of "X is a bad film" (what comes after is another phrase)."""
_NOUN_PHRASE_ENDS = frozenset({
    "that", "which", "about", "with", "from", "in", "and", "but", "for", "by", "to", "of", "i", "you", "we",
    "where", "when", "as", "on", "ever", "made", "directed", "based", "starring", "set", "is", "was",
})
"""Words that may follow the noun of "X is a bad film" (not "X is a film director")."""


def weigh(mention: Mention, sentence: Sentence, next_opening, quoted: Quotes, words: Lexicon, run_start: int) -> None:
    """Weigh one mention: its ``base``, its ``cue`` and whether it names a work (``next_opening``: the first
    tokens of the next sentence; ``run_start``: where the run it was trimmed from starts)."""
    tokens = sentence.tokens
    capitalised = [margin for (word, _, _), margin in zip(
        tokens[mention.name_start : mention.name_end], sentence.margins[mention.name_start : mention.name_end])
        if word[:1].isupper()]
    mention.base = _base_score(mention, sentence, quoted, words, run_start)
    mention.base += _tagger_score(capitalised or [0.0])  # it learned from capitalised names only
    mention.cue = _context_score(mention, tokens, next_opening, words, run_start)
    mention.titled = _names_a_work(mention, tokens, quoted, words, run_start)


def _base_score(mention: Mention, sentence: Sentence, quoted: Quotes, words: Lexicon, run_start: int) -> float:
    """Evidence from the words of the name itself, their part-of-speech tags and the layout."""
    parts = mention.parts
    given = parts[0] in words.first_names
    initial = INITIALS.fullmatch(parts[0]) is not None and not is_common(parts[-1], words)  # not "rated R. Well"
    return (
        _title_score(mention, sentence.tokens, words, run_start)
        + _name_words_score(parts, given, initial, words)
        + _tags_score(mention, sentence, given)
        - _place_and_thing_penalty(parts, given, words)
        - _shape_penalty(mention, sentence.tokens)
        - _layout_penalty(mention, sentence.tokens, quoted, run_start)
    )


def _title_score(mention: Mention, tokens, words: Lexicon, run_start: int) -> float:
    """A courtesy title in the mention, a title of office cut off before it."""
    score = WEIGHTS.courtesy_title if mention.title else 0.0
    if mention.start > run_start or mention.name_start > run_start:
        leading = proper(tokens[mention.name_start - 1][0].rstrip("."))
        if leading in words.roles:
            score += WEIGHTS.office_before
    return score


def _name_words_score(parts: tuple[str, ...], given: bool, initial: bool, words: Lexicon) -> float:
    """Its length, initials, a first name, a known surname, uncommon words; only common words count against."""
    known = is_known_surname(parts[-1])
    score = WEIGHTS.full_name if len(parts) >= 2 else WEIGHTS.one_word
    if len(parts) >= 2:
        score += WEIGHTS.initials if initial else WEIGHTS.given_or_surname if given or known else 0.0
        if not any(is_common(p, words) for p in parts):
            score += WEIGHTS.no_common_word
    elif given:
        score += WEIGHTS.common_first_name_alone if is_common(parts[0], words) else WEIGHTS.first_name_alone
    elif known:
        score += WEIGHTS.known_surname
    if not given and not initial and all(is_common(p, words) for p in parts):
        score -= WEIGHTS.common_words_only  # "Lion King", "Medical": common words, no given name
    return score


def _tags_score(mention: Mention, sentence: Sentence, given: bool) -> float:
    """The part-of-speech tags of the name's words."""
    tags, parts = sentence.tags[mention.name_start : mention.name_end], mention.parts
    score = 0.0
    if len(parts) == 1 and tags[0] == "NNPS":
        score -= WEIGHTS.plural_proper_noun
    if not (mention.title or given or any(tag.startswith("NNP") for tag in tags)):
        score -= WEIGHTS.not_proper_noun
    return score


def _place_and_thing_penalty(parts: tuple[str, ...], given: bool, words: Lexicon) -> float:
    """Places, nationalities and words that name things, in the name or as the whole of it."""
    name = " ".join(parts)
    penalty = WEIGHTS.place_or_nationality if name in words.places or name in words.nationalities else 0.0
    place_as_given = len(parts) == 2 and _is_surname_like(parts[1], words)  # "Georgia Zorblat"
    for k, part in enumerate(parts):
        surname_ok = given and k == len(parts) - 1 > 0
        if part in words.non_person_words and not (k == 0 and len(parts) > 1 and opens_name(part, parts[1], words)):
            penalty += WEIGHTS.thing_word_as_surname if surname_ok and not part.endswith("s") else WEIGHTS.thing_word
        elif part in words.nationalities or part in words.places and len(parts) > 1 and not surname_ok and not (
            k == 0 and place_as_given
        ):
            penalty += WEIGHTS.place_word
    return penalty


def _is_surname_like(word: str, words: Lexicon) -> bool:
    """Whether a word can only be a name: not a common word, place, nationality or thing word."""
    return not (
        is_common(word, words) or word in words.places or word in words.nationalities or word in words.non_person_words
    )


def _shape_penalty(mention: Mention, tokens) -> float:
    """Digits, acronyms and names too long to be one."""
    raw = [tokens[k][0] for k in range(mention.name_start, mention.name_end)]
    penalty = 0.0
    if any(ch.isdigit() for ch in " ".join(mention.parts)):
        penalty += WEIGHTS.digits
    if len(raw) == 1 and len(raw[0]) <= 4 and raw[0].isupper():
        penalty += WEIGHTS.acronym
    if len(raw) > 1 and not all(w.isupper() for w in raw) and any(2 <= len(w) <= 4 and w.isalpha() and w.isupper() for w in raw):
        penalty += WEIGHTS.acronym_inside
    if len(mention.parts) > 4:
        penalty += WEIGHTS.too_many_words
    return penalty


def _layout_penalty(mention: Mention, tokens, quoted: Quotes, run_start: int) -> float:
    """An article before the name ("The Lion King"), or a short quote around it ('"Ugly Betty"')."""
    penalty = 0.0
    modifier = mention.end < len(tokens) and tokens[mention.end][0].startswith("-")  # "a Hitchcock-style twist"
    if not modifier and any(t[0].lower() in _ARTICLES for t in tokens[max(0, run_start - 1) : mention.start]):
        penalty += WEIGHTS.after_article  # "The Lion King", "a Star Trek fan", "The Full Monty"
    if quoted.enclose(mention.span) and not _introduced_as(tokens, mention.start):
        penalty += WEIGHTS.quoted
    return penalty


def _names_a_work(mention: Mention, tokens, quoted: Quotes, words: Lexicon, run_start: int) -> bool:
    """Whether the mention names a work or thing: quoted, after a work ("the film"), before a year, after "in",
    or a single word after "a" ("a Mustang", not "a Hitchcock-style twist")."""
    before = tokens[run_start - 1][0].lower() if run_start > 0 and mention.start == run_start else ""
    after = [t[0] for t in tokens[mention.end : mention.end + 3]]
    return (
        quoted.fill(mention.span) and not _introduced_as(tokens, mention.start)
        or before in words.work_nouns
        or before in _INDEFINITE and len(mention.parts) == 1 and not (after and after[0].startswith("-"))  # "a Mustang"
        or before == "in" and not (after and after[0][0] in "'’")  # not "in Euripides' play"
        or _YEAR.fullmatch("".join(after)) is not None
        or _called_a_work([t[0] for t in tokens[mention.end : mention.end + 7]], words)
    )


def _called_a_work(after: list[str], words: Lexicon) -> bool:
    """Whether the words after a name call it a work: "X is a bad film", "X was the best 1985 movie."
    (not "X is a film director", "X is the star of the film")."""
    if len(after) < 3 or after[0].lower() not in ("is", "was") or after[1].lower() not in _ARTICLES:
        return False
    for at in range(2, min(len(after), 6)):
        word = after[at]
        if word.lower() in words.work_nouns:
            following = after[at + 1] if at + 1 < len(after) else ""
            return (not following[:1].isalnum() and following not in _POSSESSIVE) or following in _NOUN_PHRASE_ENDS
        if word in _NOT_MODIFIERS or not (word.isdigit() or word.islower() and word.replace("-", "").isalpha()):
            return False
    return False


def _introduced_as(tokens, start: int) -> bool:
    """Whether a quoted name is a role: 'as "Toto"', 'as crook "Riley"'."""
    before = [t[0].lower() for t in tokens[max(0, start - 3) : start]]
    return bool(before) and before[-1] in _QUOTE_MARKS and "as" in before[:-1]


def _tagger_score(margins: list[float]) -> float:
    """The learned tagger's vote: its mean margin over the name's capitalised words, clipped and weighed."""
    mean = sum(margins) / len(margins)
    return WEIGHTS.tagger * max(-WEIGHTS.tagger_clip, min(WEIGHTS.tagger_clip, mean)) / WEIGHTS.tagger_clip


def _context_score(mention: Mention, tokens, next_opening, words: Lexicon, run_start: int) -> float:
    """Evidence from the words around the mention: roles, verbs, possessives, pronouns."""
    before = [t[0].lower() for t in tokens[max(0, run_start - 3) : mention.name_start] if t[0] not in _ALL_QUOTE_MARKS][-2:]
    after = [t[0].lower() for t in tokens[mention.end : mention.end + 4] if t[0] not in _ALL_QUOTE_MARKS][:3]
    return (
        _before_score(before, tokens, mention.name_start, words)
        + _after_score(after, tokens, mention.end, words)
        + _pronoun_score(mention, tokens, next_opening)
    )


def _before_score(before: list[str], tokens, name_start: int, words: Lexicon) -> float:
    """The (at most two) words before a name, quote marks skipped."""
    if before[-1:] and before[-1] in words.person_nouns or before[-2:-1] and before[-1] == "," and before[-2] in words.person_nouns:
        return WEIGHTS.person_noun_before  # "actor Derbez", "his father, Alois"
    if " ".join(before[-2:]) in words.person_phrases or " ".join(before[-3:-1]) in words.person_phrases:
        return WEIGHTS.person_phrase_before  # "played by Kate"
    if before[-1:] == ["by"] and _credits_craft(tokens, name_start - 1, words):
        return WEIGHTS.craft_by  # "cinematography by Kate", "the score is by Kate"
    if before[-1:] == ["as"]:
        return WEIGHTS.as_before
    return 0.0


def _after_score(after: list[str], tokens, end: int, words: Lexicon) -> float:
    """The (at most three) words after a name, quote marks skipped."""
    if after[:1] and after[0] in _POSSESSIVE:
        if after[1:2] and after[1] in words.person_nouns:
            return WEIGHTS.possessive_person_noun  # "Derbez's performance"
        return 0.0
    if after[:1] and after[0] in words.person_verbs or after[:2] in ([",", "who"], ["(", "played"]):
        return WEIGHTS.person_verb_after  # "Rosario never", "Ferrera, who", "Abu (played by"
    if after[:1] == ["as"] and len(after) > 1 and (after[1] in _ROLE_OPENERS or is_capitalised(tokens[end + 1][0])):
        return WEIGHTS.as_role_after  # "Charlize Theron as DeNiro's wife", "Hanks as the captain"
    return 0.0


def _credits_craft(tokens, by: int, words: Lexicon) -> bool:
    """Whether the "by" at index ``by`` credits a craft named up to three words before it."""
    return any(t[0].lower() in words.craft_nouns for t in tokens[max(0, by - 3) : by])


def _pronoun_score(mention: Mention, tokens, next_opening) -> float:
    """A personal pronoun soon after the mention, no other name between: more in its sentence than in the next.

    After a relative clause ("Kate, who appears briefly, better known for her role") the
    rest of the sentence still speaks of the mention.
    """
    relative = [t[0].lower() for t in tokens[mention.end : mention.end + 2]] == [",", "who"]
    window = tokens[mention.end : None if relative else mention.end + 8]
    following = [(t[0], WEIGHTS.pronoun_same_sentence) for t in window]
    following += [(t[0], WEIGHTS.pronoun_next_sentence) for t in next_opening]
    for word, weight in following:
        if word.lower() in _PRONOUNS:
            return weight
        if is_capitalised(word) and word not in ("He", "She", "His", "Her"):
            return 0.0
    return 0.0


def accepted_keys(forms: dict[tuple[tuple[str, ...], str], NameForm]) -> set[tuple[tuple[str, ...], str]]:
    """The keys of the name forms that name a person.

    A form scores its best mention's base plus the context of its whole family; then, in two
    rounds, a form listed with an accepted person ("Kyle, and Molly") gains once.
    """
    scores = _family_scores(forms)
    boosted = set()
    for _ in range(2):
        accepted = {key for key, score in scores.items() if score >= WEIGHTS.accept}
        for key, form in forms.items():
            if key not in accepted and key not in boosted and _listed_with(form, accepted):
                scores[key] += WEIGHTS.listed_with_person
                boosted.add(key)
    return {key for key, score in scores.items() if score >= WEIGHTS.accept}


def _listed_with(form: NameForm, accepted: set) -> bool:
    """Whether a form with no evidence against it is listed with an accepted person."""
    return max(m.base for m in form.mentions) >= 0 and any(
        p.key in accepted for m in form.mentions for p in m.partners
    )


def _family_scores(forms: dict) -> dict:
    """Each form's best base plus the context of its family, or minus ``title_use`` when it is used as a title.

    A full name's family is itself with its surname and first-name forms.
    """
    by_words: dict[tuple[str, ...], list[NameForm]] = {}
    for form in forms.values():
        by_words.setdefault(folded(form.parts), []).append(form)
    scores = {}
    for key, form in forms.items():
        family = [form]
        name = folded(form.parts)
        for n in range(1, len(name)):
            family += by_words.get(name[-n:], [])  # surname forms
        if len(name) >= 2:
            family += [f for f in by_words.get(name[:1], []) if not f.title]  # first name alone
        cues = sum(m.cue for member in family for m in member.mentions)
        if _used_as_title(form):  # what is said of "Sonja" is not said of "Red Sonja (1985)"
            scores[key] = max(m.base for m in form.mentions) - WEIGHTS.title_use
        else:
            scores[key] = max(m.base for m in form.mentions) + min(WEIGHTS.context_cap, cues)
    return scores


def _used_as_title(form: NameForm) -> bool:
    """Whether a mention names a work and none stands in a person's context ('named "Fido" (played by')."""
    return any(m.titled for m in form.mentions) and not any(m.cue >= WEIGHTS.person_context for m in form.mentions)
