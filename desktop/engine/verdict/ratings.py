"""Explicit ratings a reviewer writes into the text: "7/10", "3 out of 10", "one star".

The reviewer's own rating is usually the last one they write, so
:func:`explicit_rating` returns the last rating found that is not somebody
else's ("IMDb users rate it 8/10", "Ebert gave it two stars", "the one star
reviews" are skipped) and not something else ("the two stars of the film",
"1/4 of the way through").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_GRADES = {
    "a+": 10, "a": 9.5, "a-": 9, "b+": 8.5, "b": 8, "b-": 7.5, "c+": 6.5, "c": 5.5,
    "c-": 5, "d+": 4.5, "d": 4, "d-": 3.5, "e": 2, "f+": 1.5, "f": 1, "f-": 0.5,
}
_DIGITS = r"(?<![-\d,$#])(?<![\d$]\.)\d{1,3}(?:\.\d)?(?![\d,]|\.\d)"
"""A number up to 999 (one decimal), not part of a longer number; a full stop glued to it is punctuation
(".8/10"), one after a digit a decimal point ("3.8" is not "8")."""
_NUMBER = rf"(?:{_DIGITS}|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_HALF = r"(?:\s*(?:and\s+a\s+half|½|1/2)|\s+1/2|½)?"
_SCALE = r"(?:10|ten|5|five|4|four|100|\*{4,5})"
_OBJECT = r"(?:\s+(?:it|this|that|them|him|her|(?:this|the|that)(?:\s+[a-z]+)?))?"
_ARTICLE = r"(?:\s+(?:a|an|only|just|a\s+[a-z]+|an\s+[a-z]+))?"

# (anchor, pattern): a pattern is only tried near its anchor (a quick literal search),
# out to the end of the line for the patterns that need to see it.
_ANCHORED = (
    # 7/10, 3.5/5, 8 / 10, 80/100 (not a date, a fraction of something or a longer number)
    ("/", re.compile(rf"(?P<value>{_DIGITS})\s*/\s*(?P<scale>10|5|100)(?![\d/]|th\b)(?!\s+of\b)")),
    # 3 out of 10, one out of five stars, 2 and a half out of 4, *** out of ****
    (r"out\s+of|outta", re.compile(
        rf"(?:\b(?P<value>{_NUMBER})|(?P<asterisks>\*{{1,5}})){_HALF}\s*(?:stars?\s+)?"
        rf"(?:out\s+of|outta)\s+(?:a\s+(?:possible|maximum)\s+(?:of\s+)?)?(?P<scale>{_SCALE})(?![\d*])"
        rf"(?!\s+(?:times|people|of)\b)"
    )),
    # one star, 4 stars, two and a half stars, zero stars (out of 5, or of 10 above five)
    (r"star|\*", re.compile(
        rf"\b(?P<value>{_NUMBER}){_HALF}[\s-]+(?:stars?\b|\*)"
        rf"(?!\s*(?:reviews?|ratings?|votes?|hotel|scale|system|collector|of\b|are\b|were\b|who\b|and\b|\())"
    )),
    # I give it a 7, I'd rate this film an 8, my rating: 4, score - 9
    ("giv|gave|rat|scor|vot|verdict", re.compile(
        rf"\b(?:give|gives|gave|giving|rate|rated|rating|score|vote|voted|verdict)"
        rf"{_OBJECT}\s*[:=-]?{_ARTICLE}\s*[\"']?(?P<value>{_DIGITS})"
        rf"(?!\s*(?:-|/|\)|out\b|stars?\b|%|years?\b|minutes?\b|times\b|people\b|of\b|or\b|thumbs\b|hours?\b|\w))"
    )),
    # grade: B+, my grade - C
    ("grade", re.compile(
        r"\bgrade\s*(?:of\s+|[:=-]\s*)?(?:an?\s+)?(?P<grade>[a-df][+-]?)(?=\s*(?:[.,;!)]|$))", re.MULTILINE
    )),
    # *1/2 of 4 stars, 2 of 5 stars
    ("stars", re.compile(
        rf"(?:\b(?P<value>{_NUMBER})|(?P<asterisks>\*{{1,5}})){_HALF}\s+of\s+(?P<scale>{_SCALE})\s+stars\b"
    )),
    # a line holding only asterisks: "***1/2", "Rating: ****"
    (r"\*", re.compile(
        rf"(?:^|\b(?:rating|grade|verdict)\s*:?\s*)(?P<asterisks>\*{{1,5}}){_HALF}\s*(?:$|\.)", re.MULTILINE
    )),
)
_PATTERNS = tuple((re.compile(anchor), pattern) for anchor, pattern in _ANCHORED)
_BEFORE, _AFTER = 40, 80
"""How far from its anchor a rating may start and end."""
_HALF_WORDS = re.compile(r"and\s+a\s+half|½|1/2")
_SOMEONE_ELSES = re.compile(
    r"\b(?:imdb|average|users?|voters?|others|people|critics?|metacritic|rotten|currently"
    r"|who|they|trolls?|reviewers?|someone|anyone|ebert|maltin|extra"
    r"|could|if|been|gotten|instead|wish|why|perhaps|maybe)[^\w.!?]+(?:[\w']+[^\w.!?]+){0,3}$"
    r"|\b(?:the|its|these|those|both|his|her|their|this)\s+$"
)


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating found in the text: ``value`` out of ``scale``, at ``text[start:end]``."""

    value: float
    scale: int
    start: int
    end: int

    @property
    def fraction(self) -> float:
        """The rating on a 0-1 scale."""
        return self.value / self.scale

    def __str__(self) -> str:
        return f"{self.value:g}/{self.scale}"


def explicit_rating(text: str) -> Rating | None:
    """The reviewer's own rating written in ``text``, or None."""
    lowered = text.lower()
    matches = sorted(
        {(match.start(), -match.end()): match for match in _candidates(lowered)}.items()
    )
    found: list[Rating] = []
    taken_until = 0
    for _, match in matches:
        if match.start() < taken_until:
            continue  # inside a longer rating: "10 stars" in "1 out of 10 stars"
        taken_until = match.end()
        rating = _rating(match, lowered)
        if rating is not None:
            found.append(rating)
    return found[-1] if found else None


def _candidates(lowered: str):
    """Every match of every pattern, searched only in windows around its anchors."""
    for anchor, pattern in _PATTERNS:
        needs_line = pattern.flags & re.MULTILINE
        window_start = window_end = -1
        for hit in anchor.finditer(lowered):
            start = max(0, hit.start() - _BEFORE)
            end = hit.end() + _AFTER
            if needs_line:
                line_end = lowered.find("\n", end)
                end = len(lowered) if line_end < 0 else line_end
            if start <= window_end:
                window_end = max(window_end, end)
                continue
            if window_end >= 0:
                yield from pattern.finditer(lowered, window_start, window_end)
            window_start, window_end = start, end
        if window_end >= 0:
            yield from pattern.finditer(lowered, window_start, window_end)


def _rating(match: re.Match, lowered: str) -> Rating | None:
    groups = match.groupdict()
    if groups.get("grade"):
        value = float(_GRADES[groups["grade"]])
    elif groups.get("asterisks"):
        value = float(len(groups["asterisks"]))
    else:
        raw = groups["value"]
        value = float(_WORDS.get(raw, raw) if raw in _WORDS else raw)
    if _HALF_WORDS.search(match.group(0)[len(groups.get("value") or ""):]):
        value += 0.5
    scale_text = groups.get("scale")
    if scale_text:
        scale = len(scale_text) if scale_text.startswith("*") else int(_WORDS.get(scale_text, scale_text))
    elif groups.get("asterisks") or "star" in match.group(0) or match.group(0).endswith("*"):
        scale = 5 if value <= 5 else 10
    else:
        scale = 10
    if value > scale:
        return None
    if _SOMEONE_ELSES.search(lowered[max(0, match.start() - 40):match.start()]):
        return None
    return Rating(value, scale, match.start(), match.end())
