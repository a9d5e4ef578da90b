"""Named people: NLTK tokens, POS tags and the binary NE chunker, typed by our own rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from desktop.analysis.result import Person, Span

_TOKEN = re.compile(r"[A-Za-z]+\.(?=\s)|\w+(?:[-']\w+)*|[^\w\s]")


def find_people(text: str, sentences: Sequence[Span], models: Any) -> tuple[Person, ...]:
    """The people named in ``text``, ordered by first mention."""
    found: dict[str, list[Span]] = {}
    for sentence in sentences:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, sentence.start, sentence.end)]
        if not tokens:
            continue
        tagged = models.tagger.tag([word for word, _, _ in tokens])
        labels = models.chunker._tagger.tag(tagged)
        index = 0
        while index < len(labels):
            if labels[index][1] == "B-NE" or labels[index][1] == "I-NE":
                end = index + 1
                while end < len(labels) and labels[end][1] == "I-NE":
                    end += 1
                span = Span(tokens[index][1], tokens[end - 1][2])
                found.setdefault(text[span.start:span.end], []).append(span)
                index = end
            else:
                index += 1
    return tuple(Person(name, tuple(spans)) for name, spans in found.items())
