"""Candidate mentions: the finder's tokens, runs of capitalised words, and each run trimmed to a mention.

A run is a stretch of capitalised tokens (name particles allowed inside, and a lower-case known surname
after a capital: "Adam sandler"), or a lower-case pair of a rare given name and a rare word ("kevin
spacey"). Trimming cuts leading places, titles of office, adjectives, sentence-start words and
nationalities, and keeps a courtesy title in the mention ("Mr. Derbez").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop.engine.people import tagger as person_tagger
from desktop.engine.people.names import Lexicon
from desktop.engine.people.word_kinds import INITIALS, is_capitalised, is_common, is_known_surname, opens_name, proper
from desktop.engine.result import Span

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
LOOK_BACK = 6
"""How far before a run the models look for a token the tags before it cannot change."""
_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{1,80})[\"“”]|(?<!\w)['‘]([^'‘’\n]{1,60})['’](?!\w)")
_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "y", "bin", "al", "dos", "das", "ter"})
_COORDINATION = frozenset({",", "and", "&", "or"})
_SUFFIXES = frozenset({"Jr", "Sr", "JR", "SR"})
"""Generational suffixes, kept with a name of two words or more ("Alan Hale Jr.") but not among its words."""
# Capitalised closed-class words end a name ("Dave Engle This", "Gandhi My Father").
_FUNCTION_WORDS = frozenset(
    "the a an this that these those my your his her its our their we you he she it they "
    "of in on at for with from by to and or but nor is was are were be".split()
)


@dataclass(slots=True)
class Mention:
    """One candidate occurrence: the token range and what was said about it."""

    start: int
    """Index of the first token of the mention (a kept honorific included)."""
    name_start: int
    end: int
    span: Span
    parts: tuple[str, ...]
    title: str
    """The courtesy title kept in the mention ("Mr"), or ""."""
    name_end: int
    """Index after the name's last word: before a generational suffix ("Jr."), which ``end`` includes."""
    suffix: str = ""
    """The generational suffix written after the name, as written ("Jr.", "Sr"), or ""."""
    base: float = 0.0
    """Evidence from the name itself, its POS tags, the layout and the learned tagger (see scoring)."""
    cue: float = 0.0
    """Evidence from the words around it (see scoring)."""
    titled: bool = False
    """Whether this mention names a work ('"Red Sonja"', "the film Willow", "Willow (1988)", "in Willow")."""
    partners: tuple[Mention, ...] = ()
    """Mentions joined to this one by commas and "and" ("Brandon, Kyle, and Molly")."""

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        return self.parts, self.title


@dataclass
class NameForm:
    """All mentions of one name form: same words, same title ("Mr. Smith" is not "Mrs. Smith")."""

    parts: tuple[str, ...]
    title: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence: tokens with spans, runs of name-like tokens, POS tags and the person tagger's margins."""

    tokens: list[tuple[str, int, int]]
    runs: list[tuple[int, int]]
    tags: list[str] = field(default_factory=list)
    margins: list[float] = field(default_factory=list)
    """The person tagger's margin for each token (positive: part of a name)."""


def read_sentence(text: str, sentence: Span, models: Any, words: Lexicon, english: bool = True) -> Sentence:
    """Tokenise a sentence; tag it only when it may name someone.

    A sentence whose only capitalised word is a common word opening it ("The",
    "Wonderful") holds no candidate, so the taggers are skipped.
    """
    tokens = list(tokens_of(text, sentence.start, sentence.end))
    runs = list(_runs(tokens, _is_shouting(tokens), words, english)) + (_lowercase_pairs(tokens, words) if english else [])
    analysed = Sentence(tokens, runs)
    if any(start > 0 or end - start > 1 or trim(tokens, [], start, end, words) for start, end in runs):
        _tag_runs(analysed, models)
    return analysed


def _tag_runs(sentence: Sentence, models: Any) -> None:
    """POS-tag and weigh the tokens of the sentence's runs, as tagging the whole sentence would.

    Each model decides a token from the tags before it, so each starts a little before a run, where
    what came earlier cannot matter (see ``tag_window``); a run with no such place nearby is done from
    the sentence's start. The tokens between runs keep blank tags: nothing reads them.
    """
    words = [word for word, _, _ in sentence.tokens]
    size = len(words)
    sentence.tags, sentence.margins = [""] * size, [0.0] * size
    for begin, end in _windows(sentence.runs):
        stop = min(size, end + 1)
        for lowest in dict.fromkeys((max(0, begin - LOOK_BACK), 0)):  # from the sentence's start, margins are found
            sentence.tags[lowest:stop] = models.tagger.tag_window(words, lowest, stop)
            margins = person_tagger.tagger().margins_window(words, sentence.tags, begin, end, lowest)
            if margins is not None:
                break
        sentence.margins[begin:end] = margins or ()


def _windows(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs, those less than LOOK_BACK tokens apart joined into one window."""
    windows: list[tuple[int, int]] = []
    for start, end in sorted(runs):
        if windows and start - windows[-1][1] < LOOK_BACK:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def tokens_of(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The finder's tokens of ``text[start:end]``: (word, start, end); "Smith's" is "Smith", "'s"."""
    return ((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end))


class Quotes:
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
        inside = bool(word) and is_capitalised(word) and not _is_compound_adjective(word, words)
        if (inside and _glued_suffix(tokens, i) and not is_known_surname(word)
                and not (start == i - 1 and proper(tokens[start][0]) in words.first_names)):
            inside = False  # "Oscar-winning", but "a Hitchcock-style twist", "Ed Wood-style schlock"
        if inside and shouting and is_common(word, words) and proper(word) not in words.first_names:
            inside = False
        if inside and not english and word.lower() in words.foreign_articles:
            inside = False
        if inside and start is not None and word.lower() in _FUNCTION_WORDS:
            yield start, i
            start = None
        if not inside and start is not None and english and word.islower() and is_known_surname(word):
            inside = True  # "Adam sandler"
        if not inside and start is not None and word.lower() in _PARTICLES:
            k = i + 1
            while k < len(tokens) and tokens[k][0].lower() in _PARTICLES:
                k += 1
            inside = k < len(tokens) and is_capitalised(tokens[k][0])  # "van der Westhuizen"
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield start, i
            start = None


def _glued_suffix(tokens, i: int) -> bool:
    """Whether the token after token ``i`` is a suffix glued to it ("-winning", "-style"), not a dash."""
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return following[:1] == "-" and following[1:2].isalpha()


def _is_compound_adjective(word: str, words: Lexicon) -> bool:
    """A hyphenated word ending in a common lower-case word ("Oscar-winning", "Cassavetes-like")."""
    last = word.rsplit("-", 1)[-1]
    return "-" in word and last.islower() and is_common(last, words)


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
            and not is_common(first, words)
            and not is_common(last, words)
        ):
            pairs.append((i, i + 2))
    return pairs


def trim(tokens, tags, start, end, words: Lexicon) -> Mention | None:
    """Cut leading places, titles of office, adjectives, sentence-start words and nationalities.

    Courtesy titles stay in the mention ("Mr. Derbez"); a common word is cut
    when it opens the sentence or the tagger does not call it a proper noun.
    """
    mention_start, title, i, run_end = start, "", start, end
    for size in (3, 2):  # "Los Angeles", "New York" before a name
        if end - start >= size and " ".join(proper(t[0]) for t in tokens[start : start + size]) in words.places:
            mention_start = i = start + size
            break
    for k in range(end - 2, i, -1):  # "Palestinian President Yasser Arafat"
        bare = proper(tokens[k][0].rstrip("."))
        if bare in words.roles or bare in words.honorifics:
            mention_start = i = k
            break
    while i < end:
        word = tokens[i][0]
        bare = proper(word.rstrip("."))
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
            or is_common(word, words) and bare not in words.first_names and (i == 0 or not tags[i].startswith("NNP"))
            or bare in words.nationalities
            or bare in words.non_person_words and i + 1 < end and not opens_name(bare, tokens[i + 1][0], words)
        ):
            i += 1
            mention_start, title = i, ""
            continue
        break
    while end - i >= 3 and proper(tokens[end - 1][0]) in words.non_person_words and is_common(tokens[end - 1][0], words):
        end -= 1
    if i >= end:
        return None
    parts = tuple(_name_case(tokens[k][0]) for k in range(i, end))
    after, suffix = _suffix_after(tokens, end) if len(parts) > 1 and end == run_end else (end, "")
    span = Span(tokens[mention_start][1], tokens[after - 1][2])
    return Mention(mention_start, i, after, span, parts, title, end, suffix)


def _suffix_after(tokens, end: int) -> tuple[int, str]:
    """A generational suffix right after a name ("Jr", ", Jr.", "Sr."): the index after it and its text,
    else ``end`` and ""."""
    at = end + 1 if end < len(tokens) and tokens[end][0] == "," else end
    if at >= len(tokens) or tokens[at][0] not in _SUFFIXES:
        return end, ""
    word, _, word_end = tokens[at]
    if at + 1 < len(tokens) and tokens[at + 1][0] == "." and tokens[at + 1][1] == word_end:
        return at + 2, word + "."
    return at + 1, word


def _starts_name(tokens, i: int, end: int, words: Lexicon) -> bool:
    """Initials that open a name ("L.Q. Jones", "T.L. Lankford"), not an abbreviation ("U.S. Army")."""
    word = tokens[i][0]
    return (
        INITIALS.fullmatch(word) is not None
        and i + 1 < end
        and not is_common(tokens[i + 1][0], words)
        and proper(word) not in words.places
        and word not in words.places
    )


def _name_case(word: str) -> str:
    """A word of a name as a display name writes it: particles stay lower case ("van der")."""
    return word if word in _PARTICLES else proper(word)


def link_coordinated(mentions: list[Mention], tokens) -> None:
    """Join neighbouring mentions of one sentence separated only by commas and "and"."""
    mentions = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(mentions, mentions[1:]):
        gap = [t[0].lower() for t in tokens[a.end : b.start]]
        if gap and all(word in _COORDINATION for word in gap):
            a.partners += (b,)
            b.partners += (a,)
