"""Named people: NLTK tokens, POS tags and the binary NE chunker, typed by our own rules and a learned tagger.

For each sentence the perceptron tagger and the binary ACE chunker (label NE)
run over our own tokens. Candidates are runs of capitalised words (the chunker's
NE chunks among them); leading adjectives, sentence-start words and
nationalities are trimmed off, courtesy titles kept in the mention. Each
candidate is then scored on general evidence: titles, initials, first names,
surnames the mined lists know, the shape of a name, the chunker's vote, the
learned person tagger's vote (``person_tagger``) and the context around every
mention in the document; places, nationalities, organisation words, quoted
titles and numbers count against. Accepted full names absorb their
surname-only, first-name-only and titled mentions. Sentences that cannot hold a
candidate skip the taggers and chunker altogether.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.engine.errors import CancelEvent, StepReport, check_cancel
from desktop.engine.people import tagger as person_tagger
from desktop.engine.people.names import Lexicon, lexicon
from desktop.engine.result import Person, Span

_TOKEN = re.compile(
    r"""
    [A-Za-z]\.(?:[A-Za-z]\.)+               # U.S., e.g.
    | (?:Mrs?|Ms|Dr|Mme|Mlle|Prof|Rev|Fr|St|Gen|Col|Capt|Lt|Sgt|Det|Gov|Sen|[A-Z])\.(?=\s*[A-Z])  # Mr. P. before a capital
    | \w+?(?=n['’]t\b) | n['’]t\b           # do|n't
    | ['’](?:[sS]|re|ve|ll|d|m)\b           # 's 're ...
    | [A-Z]\w+(?=-[a-z])                     # Altman|-like, Oscar|-winning
    | (?<=\w)-[a-z]\w*(?:-\w+)*
    | \w+(?:-\w+|['’](?!(?:[sS]|re|ve|ll|d|m|t)\b)\w+)*
    | \S
    """,
    re.VERBOSE,
)
_QUOTE_MARKS = frozenset({'"', "“", "'", "‘"})
_ALL_QUOTE_MARKS = _QUOTE_MARKS | {"”", "’", "`"}
_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{1,80})[\"“”]|(?<!\w)['‘]([^'‘’\n]{1,60})['’](?!\w)")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "y", "bin", "al", "dos", "das", "ter"})
_PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})
_POSSESSIVE = frozenset({"'s", "’s", "'S"})
_INFLECTIONS = (("s", ("",)), ("es", ("",)), ("ies", ("y",)), ("ied", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")))
_COORDINATION = frozenset({",", "and", "&", "or"})
_NOT_NAMES = frozenset({"I", "OK", "TV", "Jr", "Sr"})
# Capitalised closed-class words end a name ("Dave Engle This", "Gandhi My Father").
_FUNCTION_WORDS = frozenset(
    "the a an this that these those my your his her its our their we you he she it they "
    "of in on at for with from by to and or but nor is was are were be".split()
)
_ACCEPT = 2.0
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


@dataclass(slots=True)
class _Mention:
    """One candidate occurrence: the token range and what was said about it."""

    start: int
    """Index of the first token of the mention (a kept honorific included)."""
    name_start: int
    end: int
    span: Span
    parts: tuple[str, ...]
    title: str
    """The courtesy title kept in the mention ("Mr"), or ""."""
    base: float
    cue: float
    titled: bool = False
    """Whether this mention names a work ('"Red Sonja"', "the film Willow", "Willow (1988)", "in Willow")."""
    partners: tuple[_Mention, ...] = ()
    """Mentions joined to this one by commas and "and" ("Brandon, Kyle, and Molly")."""

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        return self.parts, self.title


@dataclass
class _Group:
    """All mentions of one name form: same words, same title ("Mr. Smith" is not "Mrs. Smith")."""

    parts: tuple[str, ...]
    title: str
    mentions: list[_Mention] = field(default_factory=list)


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
    quoted = _Quotes(text)
    capitals = _Capitals()
    groups: dict[tuple[tuple[str, ...], str], _Group] = {}
    analysed = (_analyze(text, sentence, models, words, english) for sentence in sentences)
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
        _link_coordinated(found, sentence.tokens)
        for mention in found:
            groups.setdefault(mention.key, _Group(*mention.key)).mentions.append(mention)
        sentence = following
    return _people(text, groups, _scores(groups), capitals)


def _link_coordinated(mentions: list[_Mention], tokens) -> None:
    """Join neighbouring mentions of one sentence separated only by commas and "and"."""
    mentions = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(mentions, mentions[1:]):
        gap = [t[0].lower() for t in tokens[a.end : b.start]]
        if gap and all(word in _COORDINATION for word in gap):
            a.partners += (b,)
            b.partners += (a,)


def _scores(groups: dict) -> dict:
    """Each group's evidence: its best name evidence plus the context of its whole family.

    A full name's family is itself with its surname and first-name forms; a
    group coordinated with an accepted person ("Kyle, and Molly") gains too.
    """
    by_words: dict[tuple[str, ...], list[_Group]] = {}
    for group in groups.values():
        by_words.setdefault(_folded(group.parts), []).append(group)
    scores = {}
    for key, group in groups.items():
        family = [group]
        words = _folded(group.parts)
        for n in range(1, len(words)):
            family += by_words.get(words[-n:], [])  # surname forms
        if len(words) >= 2:
            family += [g for g in by_words.get(words[:1], []) if not g.title]  # first name alone
        cues = sum(m.cue for member in family for m in member.mentions)
        if _used_as_title(group):  # what is said of "Sonja" is not said of "Red Sonja (1985)"
            scores[key] = max(m.base for m in group.mentions) - TITLE_USE
        else:
            scores[key] = max(m.base for m in group.mentions) + min(4.0, cues)
    boosted = set()
    for _ in range(2):
        accepted = {key for key, score in scores.items() if score >= _ACCEPT}
        for key, group in groups.items():
            if key not in accepted and key not in boosted and max(m.base for m in group.mentions) >= 0:
                if any(p.key in accepted for m in group.mentions for p in m.partners):
                    scores[key] += 2.0
                    boosted.add(key)
    return scores


def _used_as_title(group: _Group) -> bool:
    """Whether a mention names a work and none stands in a person's context ('named "Fido" (played by')."""
    return any(m.titled for m in group.mentions) and not any(m.cue >= 2.0 for m in group.mentions)


def _folded(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Name words compared without case ("Van der Westhuizen" is "van der Westhuizen")."""
    return tuple(part.lower() for part in parts)


@dataclass
class _Sentence:
    """One sentence: tokens with spans, runs of name-like tokens, POS tags and NE flags."""

    tokens: list[tuple[str, int, int]]
    runs: list[tuple[int, int]]
    tags: list[str] = field(default_factory=list)
    chunked: list[bool] = field(default_factory=list)
    margins: list[float] = field(default_factory=list)
    """The person tagger's margin for each token (positive: part of a name)."""


def _analyze(text: str, sentence: Span, models: Any, words: Lexicon, english: bool = True) -> _Sentence:
    """Tokenise a sentence; tag and chunk it only when it may name someone.

    A sentence whose only capitalised word is a common word opening it ("The",
    "Wonderful") holds no candidate, so the tagger and chunker are skipped.
    """
    tokens = list(tokens_of(text, sentence.start, sentence.end))
    runs = list(_runs(tokens, _is_shouting(tokens), words, english)) + (_lowercase_pairs(tokens, words) if english else [])
    analysed = _Sentence(tokens, runs)
    if any(start > 0 or end - start > 1 or _trim(tokens, [], start, end, words) for start, end in runs):
        tagged = models.tagger.tag([word for word, _, _ in tokens])
        analysed.tags = [tag for _, tag in tagged]
        analysed.chunked = [label != "O" for _, label in models.chunker.tag(tagged)]
        analysed.margins = person_tagger.tagger().margins([word for word, _, _ in tokens], analysed.tags)
    return analysed


def tokens_of(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The finder's tokens of ``text[start:end]``: (word, start, end); "Smith's" is "Smith", "'s"."""
    return ((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end))


class _Quotes:
    """Short quoted stretches that read like titles ("Ugly Betty"), not dialogue."""

    def __init__(self, text: str) -> None:
        self.spans = []
        for match in _QUOTED.finditer(text):
            inner = match.group(1) or match.group(2)
            if len(inner.split()) <= 8 and not inner.rstrip().endswith(("!", "?", ".")):
                self.spans.append(Span(match.start(), match.end()))
        self.starts = [span.start for span in self.spans]

    def fill(self, span: Span) -> bool:
        """Whether ``span`` is all a quote holds ('"Red Sonja"')."""
        at = bisect.bisect_left(self.starts, span.start) - 1
        return at >= 0 and self.spans[at].start == span.start - 1 and self.spans[at].end == span.end + 1

    def enclose(self, span: Span) -> bool:
        """Whether a quote strictly encloses ``span`` (quotes never overlap, so only one can)."""
        before = bisect.bisect_left(self.starts, span.start) - 1
        return before >= 0 and span.end < self.spans[before].end


def _proper(word: str) -> str:
    """A word in ordinary name case ("BRAD" and "brad" -> "Brad")."""
    if _INITIALS.fullmatch(word):
        return word
    return word.capitalize() if word.isupper() or word.islower() else word


def _name_case(word: str) -> str:
    """A word of a name as a display name writes it: particles stay lower case ("van der")."""
    return word if word in _PARTICLES else _proper(word)


def _is_capitalised(word: str) -> bool:
    """Whether a token starts with a capital and may belong to a name ("Kate", "O'Brien", "P.")."""
    return word[0].isupper() and any(ch.isalpha() for ch in word) and word.rstrip(".") not in _NOT_NAMES


def _is_common(word: str, words: Lexicon) -> bool:
    """Whether a word (or its stem: "takes", "moved", "controlled", "cities") is a common English word."""
    lower = word.lower()
    common = words.common_words
    if lower in common:
        return True
    for suffix, replacements in _INFLECTIONS:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            if any(stem + extra in common for extra in replacements):
                return True
            if stem[-1] == stem[-2] and stem[:-1] in common:  # "controll|ed"
                return True
    return False


def _candidates(sentence: _Sentence, next_opening, quoted, words: Lexicon):
    """The person-name candidates of one sentence, trimmed and scored (``next_opening``:
    the first tokens of the next sentence)."""
    tokens, tags = sentence.tokens, sentence.tags
    for start, end in sentence.runs:
        mention = _trim(tokens, tags, start, end, words)
        if mention is None:
            continue
        mention.base = _base_score(mention, tokens, tags, sentence.chunked, quoted, words, start)
        mention.base += _tagger_score([margin for (word, _, _), margin in zip(
            tokens[mention.name_start : mention.end], sentence.margins[mention.name_start : mention.end])
            if word[:1].isupper()] or [0.0])  # it learned from capitalised names only
        mention.cue = _context_score(mention, tokens, next_opening, words, start)
        mention.titled = _names_a_work(mention, tokens, quoted, words, start)
        yield mention


def _is_shouting(tokens) -> bool:
    """Whether a sentence is written in capitals ("HENKE TAKES LEAD IN MILWAUKEE")."""
    alphabetic = [word for word, _, _ in tokens if word.isalpha()]
    return len(alphabetic) >= 3 and sum(word.isupper() for word in alphabetic) >= 0.6 * len(alphabetic)


def _runs(tokens, shouting: bool, words: Lexicon, english: bool = True):
    """Maximal runs of capitalised tokens (name particles allowed inside).

    In a sentence written in capitals, common words that are not given names
    end a run. In text that is not ``english``, articles of other languages
    ("Les", "Una") are never part of a name and no lower-case word joins one.
    """
    start = None
    for i, (word, _, _) in enumerate(tokens + [("", 0, 0)]):
        inside = bool(word) and _is_capitalised(word) and not _is_compound_adjective(word, words)
        if inside and i + 1 < len(tokens) and tokens[i + 1][0].startswith("-") and not _is_known_surname(word):
            inside = False  # "Oscar-winning", but "a Hitchcock-style twist"
        if inside and shouting and _is_common(word, words) and _proper(word) not in words.first_names:
            inside = False
        if inside and not english and word.lower() in words.foreign_articles:
            inside = False
        if inside and start is not None and word.lower() in _FUNCTION_WORDS:
            yield start, i
            start = None
        if not inside and start is not None and english and word.islower() and _is_known_surname(word):
            inside = True  # "Adam sandler"
        if not inside and start is not None and word.lower() in _PARTICLES:
            k = i + 1
            while k < len(tokens) and tokens[k][0].lower() in _PARTICLES:
                k += 1
            inside = k < len(tokens) and _is_capitalised(tokens[k][0])  # "van der Westhuizen"
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield start, i
            start = None


def _is_known_surname(word: str) -> bool:
    """Whether reviews write ``word`` after given names and always with a capital ("Kubrick")."""
    model = person_tagger.tagger().model
    lower = word.lower()
    return lower in model.surnames and model.capitals.get(lower) == "always"


def _is_compound_adjective(word: str, words: Lexicon) -> bool:
    """A hyphenated word ending in a common lower-case word ("Oscar-winning", "Cassavetes-like")."""
    last = word.rsplit("-", 1)[-1]
    return "-" in word and last.islower() and _is_common(last, words)


def _lowercase_pairs(tokens, words: Lexicon):
    """'kevin spacey': a rare given name and a rare word, both lower case."""
    pairs = []
    for i in range(len(tokens) - 1):
        first, last = tokens[i][0], tokens[i + 1][0]
        if (
            first.islower()
            and last.islower()
            and first not in _PARTICLES
            and first not in words.foreign_articles
            and last.isalpha()
            and len(last) > 2
            and first.capitalize() in words.first_names
            and not _is_common(first, words)
            and not _is_common(last, words)
        ):
            pairs.append((i, i + 2))
    return pairs


def _trim(tokens, tags, start, end, words: Lexicon) -> _Mention | None:
    """Cut leading places, titles of office, adjectives, sentence-start words and nationalities.

    Courtesy titles stay in the mention ("Mr. Derbez"); a common word is cut
    when it opens the sentence or the tagger does not call it a proper noun.
    """
    mention_start, title, i = start, "", start
    for size in (3, 2):  # "Los Angeles", "New York" before a name
        if end - start >= size and " ".join(_proper(t[0]) for t in tokens[start : start + size]) in words.places:
            mention_start = i = start + size
            break
    for k in range(end - 2, i, -1):  # "Palestinian President Yasser Arafat"
        bare = _proper(tokens[k][0].rstrip("."))
        if bare in words.roles or bare in words.honorifics:
            mention_start = i = k
            break
    while i < end:
        word = tokens[i][0]
        bare = _proper(word.rstrip("."))
        if bare in words.honorifics and i + 1 < end:
            title, i = bare, i + 1
            continue
        if bare in words.roles:
            if i + 1 == end:
                return None  # a title alone ("Mr. President") names no one
            i += 1
            mention_start = i
            continue
        if (
            word.endswith(".") and len(word) > 2 and not _starts_name(tokens, i, end, words)
            or _is_common(word, words) and bare not in words.first_names and (i == 0 or not tags[i].startswith("NNP"))
            or bare in words.nationalities
            or bare in words.non_person_words and i + 1 < end
        ):
            i += 1
            mention_start, title = i, ""
            continue
        break
    while end - i >= 3 and _proper(tokens[end - 1][0]) in words.non_person_words and _is_common(tokens[end - 1][0], words):
        end -= 1
    if i >= end:
        return None
    parts = tuple(_name_case(tokens[k][0]) for k in range(i, end))
    span = Span(tokens[mention_start][1], tokens[end - 1][2])
    return _Mention(mention_start, i, end, span, parts, title, 0.0, 0.0)


def _starts_name(tokens, i: int, end: int, words: Lexicon) -> bool:
    """Initials that open a name ("L.Q. Jones", "T.L. Lankford"), not an abbreviation ("U.S. Army")."""
    word = tokens[i][0]
    return (
        _INITIALS.fullmatch(word) is not None
        and i + 1 < end
        and not _is_common(tokens[i + 1][0], words)
        and _proper(word) not in words.places
        and word not in words.places
    )


def _base_score(mention: _Mention, tokens, tags, chunked, quoted, words: Lexicon, run_start: int) -> float:
    """Evidence from the words of the name itself, the chunker and the layout."""
    parts = mention.parts
    name = " ".join(parts)
    first = parts[0]
    score = 3.0 if mention.title else 0.0
    if mention.start > run_start or mention.name_start > run_start:
        leading = _proper(tokens[mention.name_start - 1][0].rstrip("."))
        if leading in words.roles:
            score += 2.0
    initial = _INITIALS.fullmatch(first) is not None and not _is_common(parts[-1], words)  # not "rated R. Well"
    given = first in words.first_names
    known = _is_known_surname(parts[-1])
    if len(parts) >= 2:
        score += 3.0 if initial else 2.0 if given or known else 0.0
        if not any(_is_common(p, words) for p in parts):
            score += 1.5
    elif given:
        score += 0.5 if _is_common(first, words) else 1.5
    elif known:
        score += KNOWN_SURNAME
    if not given and not initial and all(_is_common(p, words) for p in parts):
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
        _is_common(word, words) or word in words.places or word in words.nationalities or word in words.non_person_words
    )


def _names_a_work(mention: _Mention, tokens, quoted, words: Lexicon, run_start: int) -> bool:
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


def _context_score(mention: _Mention, tokens, next_opening, words: Lexicon, run_start: int) -> float:
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
    elif after[:1] == ["as"] and len(after) > 1 and (after[1] in _ROLE_OPENERS or _is_capitalised(tokens[mention.end + 1][0])):
        score += 2.0  # "Charlize Theron as DeNiro's wife", "Hanks as the captain"
    return score + _pronoun_score(mention, tokens, next_opening)


def _credits_craft(tokens, by: int, words: Lexicon) -> bool:
    """Whether the "by" at index ``by`` credits a craft named up to three words before it."""
    return any(t[0].lower() in words.craft_nouns for t in tokens[max(0, by - 3) : by])


def _pronoun_score(mention: _Mention, tokens, next_opening) -> float:
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
        if _is_capitalised(word) and word not in ("He", "She", "His", "Her"):
            return 0.0
    return 0.0


@dataclass
class _Person:
    """A person being assembled: name words, mention spans, the title of a one-word name."""

    parts: tuple[str, ...]
    spans: list[Span]
    title: str

    def __post_init__(self) -> None:
        self.words = _folded(self.parts)


def _people(text: str, groups: dict, scores: dict, capitals: _Capitals) -> tuple[Person, ...]:
    """Accept groups, merge aliases into full names and list the people."""
    persons = _Persons()
    # Longest names first, so shorter forms ("Del Castillo", "Derbez") find their owner.
    for group in sorted(groups.values(), key=lambda g: -len(g.parts)):
        owners = persons.owners(group.parts, group.title)
        if owners:
            for mention in group.mentions:
                _latest_before(owners, mention.span).spans.append(mention.span)
        elif scores[(group.parts, group.title)] >= _ACCEPT:
            spans = [m.span for m in group.mentions]
            persons.add(_Person(group.parts, spans, group.title if len(group.parts) == 1 else ""))
    _add_unmarked_mentions(persons, capitals)
    result = [_person(p, text) for p in persons]
    result.sort(key=lambda p: p.mentions[0])
    return tuple(result)


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
        words = _folded(parts)
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


class _Capitals:
    """Where each capitalised token occurs, by its word in name case: two integers an occurrence."""

    def __init__(self) -> None:
        self._spans: dict[str, array] = {}

    def add(self, tokens) -> None:
        for word, start, end in tokens:
            if word[:1].isupper():
                proper = _proper(word)
                found = self._spans.get(proper)
                if found is None:
                    found = self._spans[proper] = array("q")
                found.extend((start, end))

    def spans(self, word: str) -> Iterator[Span]:
        """The spans of the capitalised tokens that read ``word`` in name case."""
        found = self._spans.get(word, ())
        return (Span(found[k], found[k + 1]) for k in range(0, len(found), 2))


def _add_unmarked_mentions(persons: list[_Person], capitals: _Capitals) -> None:
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
    """The public Person: fullest name in name case (with its title if that is all there is)."""
    spans = tuple(sorted(set(person.spans)))
    name = " ".join(person.parts)
    if person.title:
        name = " ".join(text[spans[0].start : spans[0].end].split())
    return Person(name, spans)
