"""The review analysis engine: pure Python, no Qt.

``analyze(raw, name=..., cancel=...)`` turns review bytes (or text) into a frozen
:class:`Analysis`, or raises :class:`Cancelled` soon after ``cancel`` (a
``threading.Event``) is set; ``prepare`` gives the cleaned text alone, before models load.
"""

ENGINE_VERSION = "6"
"""Bump whenever a change can alter any analysis result: cached results of other versions are ignored."""

from desktop.analysis.engine import Prepared, analyze, analyze_prepared, models, prepare
from desktop.analysis.errors import Cancelled, ReviewError
from desktop.analysis.files import MAX_BYTES, read_review, review_files
from desktop.analysis.nlp import MissingDataError
from desktop.analysis.result import Analysis, Evidence, Person, Sentence, Span, Verdict, imdb_rating

__all__ = [
    "ENGINE_VERSION",
    "MAX_BYTES",
    "Analysis",
    "Cancelled",
    "Evidence",
    "MissingDataError",
    "Person",
    "Prepared",
    "ReviewError",
    "Sentence",
    "Span",
    "Verdict",
    "analyze",
    "analyze_prepared",
    "imdb_rating",
    "models",
    "prepare",
    "read_review",
    "review_files",
]
