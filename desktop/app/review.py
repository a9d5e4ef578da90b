"""Opening one review: from the result cache when it holds it, else analysed and kept. No Qt.

The one path by which the window, the CLI and the library get a review's
Analysis, so the cache's rules (its key, the separate "as English" reading,
whether a new result was kept) live here alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from desktop.app.cache import ResultCache, content_key
from desktop.app.records import ReviewFile
from desktop.engine.errors import CancelEvent
from desktop.engine.pipeline import Prepared, analyze_prepared, prepare, raw_size
from desktop.engine.result import GIVEN_AS_TEXT, Analysis

Origin = Literal["cached", "analyzed", "unsaved"]
CACHED: Origin = "cached"
ANALYZED: Origin = "analyzed"
UNSAVED: Origin = "unsaved"
"""Where an Analysis came from: the cache, a new analysis, or a new analysis the cache could not keep."""


def cache_key(raw: bytes | str, as_english: bool = False) -> str:
    """The cache key of a review's bytes, the English reading of a review in another language apart."""
    return content_key(raw, "as-english" if as_english else "")


def open_review(
    review: ReviewFile,
    cache: ResultCache | None = None,
    *,
    raw: bytes | str | None = None,
    name: str | None = None,
    as_english: bool = False,
    cancel: CancelEvent | None = None,
    progress: Callable[[int], None] | None = None,
    on_prepared: Callable[[Prepared], None] | None = None,
) -> tuple[Analysis, Origin]:
    """The Analysis of ``review`` (named ``name``, by default its title) and where it came from; ``raw`` is
    its bytes when the caller has read them already.

    ``on_prepared`` is given the cleaned text before the cache is asked or any
    model runs (the window shows it at once); without it a cached review is not
    even cleaned. ``cancel`` and ``progress`` are the engine's. Raises ReviewError
    when the review cannot be read or holds no text, Cancelled when cancelled.
    """
    raw = review.raw() if raw is None else raw
    name = review.title if name is None else name
    read_as = review.encoding or GIVEN_AS_TEXT
    ready = None
    if on_prepared is not None:
        ready = prepare(raw, read_as)
        on_prepared(ready)
    key = cache_key(raw, as_english) if cache is not None else ""
    if cache is not None:
        stored = cache.load(key, name=name, size=raw_size(raw))
        if stored is not None:  # a text's key is its words alone: the same row in two files shares it
            return (stored if isinstance(raw, bytes) else replace(stored, encoding=read_as)), CACHED
    analysis = analyze_prepared(ready or prepare(raw, read_as), name, cancel, progress, as_english)
    if cache is None or cache.store(key, analysis):
        return analysis, ANALYZED
    return analysis, UNSAVED
