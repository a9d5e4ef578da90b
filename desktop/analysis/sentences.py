"""Sentence spans: NLTK's punkt (english), never across a line or paragraph break."""

from __future__ import annotations

from typing import Any

from desktop.analysis.errors import CancelEvent, check_cancel
from desktop.analysis.result import Span


def sentence_spans(text: str, splitter: Any, cancel: CancelEvent | None = None) -> tuple[Span, ...]:
    """Spans of the sentences of cleaned ``text``, in order; raises Cancelled once ``cancel`` is set."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for start, end in splitter.span_tokenize(line):
                check_cancel(cancel)
                spans.append(Span(offset + start, offset + end))
        offset += len(line) + 1
    return tuple(spans)
