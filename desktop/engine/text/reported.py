"""Words that are not the reviewer's own view: quoted and reported speech.

"Critics called it 'the worst film of the year'", "some say it is a
masterpiece", a line of dialogue in quotation marks: the verdict's model and
rule both read such words as someone else's, so they neither push the verdict
nor show as its evidence. Short quotations that are not said by anyone ("the
'comedy'", a quoted title) stay the reviewer's own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from desktop.engine.result import Span

_QUOTE = re.compile(
    r'"(?P<straight>[^"\n]{1,400})"'
    r"|\u201c(?P<curly>[^\u201d\n]{1,400})\u201d"
    r"|(?<![\w'])'(?P<single>[^'\n]{1,400}?)'(?![\w'])"
    r"|\u2018(?P<curly_single>[^\u2019\n]{1,400}?)\u2019(?![\w])"
)
_SAYING = re.compile(
    r"\b(?:call(?:s|ed|ing)?|sa(?:y|ys|id|ying)|describ(?:e|es|ed|ing)(?:\s+\w+)?\s+as|dubb?(?:ed|s)?|"
    r"label(?:l?ed|s)?|hail(?:ed|s)?\s+as|tout(?:ed|s)?\s+as|bill(?:ed|s)?\s+as|claim(?:s|ed|ing)?|"
    r"promis(?:e|es|ed|ing)|tag\s*line|advertis\w*|known\s+as|so-called|quote[sd]?|wrote|writes?|"
    r"tells?|told|asks?|asked|shouts?|shouted|screams?|screamed|yells?|yelled|exclaim(?:s|ed)?)"
    r"(?:\s+(?:it|this|that|them|him|her|me|us|the\s+\w+|this\s+\w+))?[\s,:]*$"
)
_OTHERS_SAY = re.compile(
    r"\b(?:some(?:one|body)?|many|most|others?|people|critics?|reviewers?|fans|everyone|everybody|they|"
    r"he|she|my\s+\w+|the\s+(?:critics?|reviewers?|reviews|ads?|trailers?|posters?|box|blurbs?))"
    r"(?:\s+(?:here|online|out\s+there|on\s+imdb|on\s+this\s+site))?"
    r"\s+(?:have\s+|had\s+|will\s+|would\s+|might\s+|may\s+)?"
    r"(?:say|says|said|claim(?:s|ed)?|call(?:s|ed)?|praised?|raved?|hail(?:s|ed)?|consider(?:s|ed)?|"
    r"describe[sd]?|complain(?:s|ed)?|insist(?:s|ed)?|wrote|write|writes|told\s+me|tell\s+me|"
    r"think|thinks|thought|feel|feels|felt|believe[sd]?|found|find|finds|love[sd]?|hate[sd]?|"
    r"seem\s+to\s+(?:think|love|hate|like)|rate[sd]?|gave\s+it)\b"
    r"|\baccording\s+to\b"
)
_CLAUSE_END = re.compile(r"[.;!?\n]|,?\s+(?:but|however|yet|although|though|while)\b|\s[-\u2013\u2014]\s")
DIALOGUE_WORDS = 4
"""A quotation of this many words or more is somebody's speech even without a verb of saying."""


def reported_spans(text: str) -> tuple[Span, ...]:
    """The spans of ``text`` (in order, not overlapping) that report someone else's words."""
    lowered = text.lower()
    found = [*_quoted(lowered), *_others_say(lowered)]
    return merge_spans(found)


def _quoted(lowered: str) -> list[Span]:
    spans = []
    for match in _QUOTE.finditer(lowered):
        inside = next(group for group in match.groups() if group is not None)
        said = _SAYING.search(lowered, max(0, match.start() - 40), match.start())
        if said or len(inside.split()) >= DIALOGUE_WORDS:
            spans.append(Span(match.start(), match.end()))
    return spans


def _others_say(lowered: str) -> list[Span]:
    spans = []
    for match in _OTHERS_SAY.finditer(lowered):
        end = _CLAUSE_END.search(lowered, match.end())
        spans.append(Span(match.start(), end.start() if end else len(lowered)))
    return spans


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """``spans`` sorted, with overlapping or touching ones joined."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def inside(spans: tuple[Span, ...], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans`` (sorted, apart)."""
    index = bisect_right(spans, (start, float("inf"))) - 1
    if index >= 0 and spans[index].end > start:
        return True
    return index + 1 < len(spans) and spans[index + 1].start < end
