"""The evidence that a name names a person: the words of the name, the layout, the taggers and the context.

A mention's ``base`` is evidence from the name itself, NLTK's tagger and chunker, the layout and the
learned tagger's vote; its ``cue`` is evidence from the words around it. A name form is accepted when
its best base plus the context of its family (its own mentions, its surname and first-name forms)
reaches ``ACCEPT``.
"""

from __future__ import annotations

import re

from desktop.engine.people.candidates import Mention, NameForm, Quotes, Sentence
from desktop.engine.people.names import Lexicon
from desktop.engine.people.word_kinds import INITIALS, folded, is_capitalised, is_common, is_known_surname, proper

ACCEPT = 2.0
_INDEFINITE = frozenset({"a", "an"})
_ROLE_OPENERS = frozenset({"the", "a", "an", "his", "her", "their"})
"""Words that open the role after "as" ("Hanks as the captain")."""
TAGGER_WEIGHT = 3.0
"""The most the learned tagger's vote adds to or takes from a mention's score."""
TAGGER_CLIP = 20.0
"""A tagger margin this large is a full vote."""
KNOWN_SURNAME = 3.0
"""The evidence of a word alone that the mined lists know as a surname ("Kubrick's best")."""
TITLE_USE = 4.0
"""What a name form loses when the text uses it as a title and never in a person's context."""
_YEAR = re.compile(r"\(\s*\d{4}\s*\)")
_QUOTE_MARKS = frozenset({'"', "“", "'", "‘"})
_ALL_QUOTE_MARKS = _QUOTE_MARKS | {"”", "’", "`"}
_POSSESSIVE = frozenset({"'s", "’s", "'S"})
_PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})


def weigh(mention: Mention, sentence: Sentence, next_opening, quoted: Quotes, words: Lexicon, run_start: int) -> None:
    """Weigh one mention: its ``base``, its ``cue`` and whether it names a work (``next_opening``: the first
    tokens of the next sentence; ``run_start``: where the run it was trimmed from starts)."""
    tokens = sentence.tokens
    mention.base = _base_score(mention, tokens, sentence.tags, sentence.chunked, quoted, words, run_start)
    mention.base += _tagger_score([margin for (word, _, _), margin in zip(
        tokens[mention.name_start : mention.end], sentence.margins[mention.name_start : mention.end])
        if word[:1].isupper()] or [0.0])  # it learned from capitalised names only
    mention.cue = _context_score(mention, tokens, next_opening, words, run_start)
    mention.titled = _names_a_work(mention, tokens, quoted, words, run_start)


def _base_score(mention: Mention, tokens, tags, chunked, quoted, words: Lexicon, run_start: int) -> float:
    """Evidence from the words of the name itself, the chunker and the layout."""
    parts = mention.parts
    name = " ".join(parts)
    first = parts[0]
    score = 3.0 if mention.title else 0.0
    if mention.start > run_start or mention.name_start > run_start:
        leading = proper(tokens[mention.name_start - 1][0].rstrip("."))
        if leading in words.roles:
            score += 2.0
    initial = INITIALS.fullmatch(first) is not None and not is_common(parts[-1], words)  # not "rated R. Well"
    given = first in words.first_names
    known = is_known_surname(parts[-1])
    if len(parts) >= 2:
        score += 3.0 if initial else 2.0 if given or known else 0.0
        if not any(is_common(p, words) for p in parts):
            score += 1.5
    elif given:
        score += 0.5 if is_common(first, words) else 1.5
    elif known:
        score += KNOWN_SURNAME
    if not given and not initial and all(is_common(p, words) for p in parts):
        score -= 1.5  # "Lion King", "Medical": common words, no given name
    if any(chunked[mention.name_start : mention.end]):
        score += 1.0 if len(parts) >= 2 else 0.5
    if name in words.places or name in words.nationalities:
        score -= 5.0
    place_as_given = len(parts) == 2 and _is_surname_like(parts[1], words)  # "Georgia Zorblat"
    for k, part in enumerate(parts):
        surname_ok = given and k == len(parts) - 1 > 0
        if part in words.non_person_words:
            score -= 1.0 if surname_ok and not part.endswith("s") else 4.0
        elif part in words.nationalities or part in words.places and len(parts) > 1 and not surname_ok and not (
            k == 0 and place_as_given
        ):
            score -= 2.0
    modifier = mention.end < len(tokens) and tokens[mention.end][0].startswith("-")  # "a Hitchcock-style twist"
    if not modifier and any(t[0].lower() in ("the", "a", "an") for t in tokens[max(0, run_start - 1) : mention.start]):
        score -= 1.5  # "The Lion King", "a Star Trek fan", "The Full Monty"
    if any(ch.isdigit() for ch in name):
        score -= 6.0
    raw = [tokens[k][0] for k in range(mention.name_start, mention.end)]
    if len(raw) == 1 and len(raw[0]) <= 4 and raw[0].isupper():
        score -= 3.0
    if len(raw) > 1 and not all(w.isupper() for w in raw) and any(2 <= len(w) <= 4 and w.isalpha() and w.isupper() for w in raw):
        score -= 3.0
    if len(parts) == 1 and tags[mention.name_start] == "NNPS":
        score -= 2.0
    if len(parts) > 4:
        score -= 3.0
    span = mention.span
    if quoted.enclose(span) and not _introduced_as(tokens, mention.start):
        score -= 6.0
    if not (mention.title or given or any(tag.startswith("NNP") for tag in tags[mention.name_start : mention.end])):
        score -= 1.0
    return score


def _is_surname_like(word: str, words: Lexicon) -> bool:
    """Whether a word can only be a name: not a common word, place, nationality or thing word."""
    return not (
        is_common(word, words) or word in words.places or word in words.nationalities or word in words.non_person_words
    )


def _names_a_work(mention: Mention, tokens, quoted, words: Lexicon, run_start: int) -> bool:
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
    )


def _introduced_as(tokens, start: int) -> bool:
    """Whether a quoted name is a role: 'as "Toto"', 'as crook "Riley"'."""
    before = [t[0].lower() for t in tokens[max(0, start - 3) : start]]
    return bool(before) and before[-1] in _QUOTE_MARKS and "as" in before[:-1]


def _tagger_score(margins: list[float]) -> float:
    """The learned tagger's vote: its mean margin over the name's capitalised words, clipped and weighed."""
    mean = sum(margins) / len(margins)
    return TAGGER_WEIGHT * max(-TAGGER_CLIP, min(TAGGER_CLIP, mean)) / TAGGER_CLIP


def _context_score(mention: Mention, tokens, next_opening, words: Lexicon, run_start: int) -> float:
    """Evidence from the words around the mention: roles, verbs, possessives, pronouns."""
    score = 0.0
    before = [t[0].lower() for t in tokens[max(0, run_start - 3) : mention.name_start] if t[0] not in _ALL_QUOTE_MARKS][-2:]
    if before[-1:] and before[-1] in words.person_nouns or before[-2:-1] and before[-1] == "," and before[-2] in words.person_nouns:
        score += 2.0  # "actor Derbez", "his father, Alois"
    elif " ".join(before[-2:]) in words.person_phrases or " ".join(before[-3:-1]) in words.person_phrases:
        score += 2.0  # "played by Kate"
    elif before[-1:] == ["by"] and _credits_craft(tokens, mention.name_start - 1, words):
        score += 2.0  # "cinematography by Kate", "the score is by Kate"
    elif before[-1:] == ["as"]:
        score += 1.0
    after = [t[0].lower() for t in tokens[mention.end : mention.end + 4] if t[0] not in _ALL_QUOTE_MARKS][:3]
    if after[:1] and after[0] in _POSSESSIVE:
        if after[1:2] and after[1] in words.person_nouns:
            score += 2.0  # "Derbez's performance"
    elif after[:1] and after[0] in words.person_verbs or after[:2] in ([",", "who"], ["(", "played"]):
        score += 2.0  # "Rosario never", "Ferrera, who", "Abu (played by"
    elif after[:1] == ["as"] and len(after) > 1 and (after[1] in _ROLE_OPENERS or is_capitalised(tokens[mention.end + 1][0])):
        score += 2.0  # "Charlize Theron as DeNiro's wife", "Hanks as the captain"
    return score + _pronoun_score(mention, tokens, next_opening)


def _credits_craft(tokens, by: int, words: Lexicon) -> bool:
    """Whether the "by" at index ``by`` credits a craft named up to three words before it."""
    return any(t[0].lower() in words.craft_nouns for t in tokens[max(0, by - 3) : by])


def _pronoun_score(mention: Mention, tokens, next_opening) -> float:
    """A personal pronoun soon after the mention, no other name between: 1.5 in its sentence, 1 in the next.

    After a relative clause ("Kate, who appears briefly, better known for her role") the
    rest of the sentence still speaks of the mention.
    """
    relative = [t[0].lower() for t in tokens[mention.end : mention.end + 2]] == [",", "who"]
    following = [(t[0], 1.5) for t in tokens[mention.end : None if relative else mention.end + 8]]
    following += [(t[0], 1.0) for t in next_opening]
    for word, weight in following:
        if word.lower() in _PRONOUNS:
            return weight
        if is_capitalised(word) and word not in ("He", "She", "His", "Her"):
            return 0.0
    return 0.0


def form_scores(forms: dict) -> dict:
    """Each name form's evidence: its best name evidence plus the context of its whole family.

    A full name's family is itself with its surname and first-name forms; a
    form coordinated with an accepted person ("Kyle, and Molly") gains too.
    """
    by_words: dict[tuple[str, ...], list[NameForm]] = {}
    for form in forms.values():
        by_words.setdefault(folded(form.parts), []).append(form)
    scores = {}
    for key, form in forms.items():
        family = [form]
        words = folded(form.parts)
        for n in range(1, len(words)):
            family += by_words.get(words[-n:], [])  # surname forms
        if len(words) >= 2:
            family += [g for g in by_words.get(words[:1], []) if not g.title]  # first name alone
        cues = sum(m.cue for member in family for m in member.mentions)
        if _used_as_title(form):  # what is said of "Sonja" is not said of "Red Sonja (1985)"
            scores[key] = max(m.base for m in form.mentions) - TITLE_USE
        else:
            scores[key] = max(m.base for m in form.mentions) + min(4.0, cues)
    boosted = set()
    for _ in range(2):
        accepted = {key for key, score in scores.items() if score >= ACCEPT}
        for key, form in forms.items():
            if key not in accepted and key not in boosted and max(m.base for m in form.mentions) >= 0:
                if any(p.key in accepted for m in form.mentions for p in m.partners):
                    scores[key] += 2.0
                    boosted.add(key)
    return scores


def _used_as_title(form: NameForm) -> bool:
    """Whether a mention names a work and none stands in a person's context ('named "Fido" (played by')."""
    return any(m.titled for m in form.mentions) and not any(m.cue >= 2.0 for m in form.mentions)
