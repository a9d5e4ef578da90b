"""The review analysis engine: pure Python, no Qt, no files of its own but its models and word lists.

``analyze(raw, name=..., cancel=...)`` turns review bytes (or text) into a frozen
:class:`Analysis`, or raises :class:`Cancelled` soon after ``cancel`` (a
``threading.Event``) is set; ``prepare`` gives the cleaned text alone, before models load.
The stages live in ``text/`` (decoding, cleaning, sentences, language, sentence
sentiment, reported speech), ``people/`` and ``verdict/``; ``pipeline`` runs them.
This module is the engine's public surface.
"""

ENGINE_VERSION = "6"
"""Bump whenever a change can alter any analysis result: cached results of other versions are ignored."""

from desktop.engine.errors import Cancelled, ReviewError
from desktop.engine.nlp import MissingDataError
from desktop.engine.pipeline import Prepared, analyze, analyze_prepared, models, prepare
from desktop.engine.result import GIVEN_AS_TEXT, Analysis, Evidence, Person, Sentence, Span, Verdict

__all__ = [
    "ENGINE_VERSION",
    "GIVEN_AS_TEXT",
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
    "models",
    "prepare",
]
