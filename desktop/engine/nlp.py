"""The NLTK and TextBlob models, found offline and loaded once.

NLTK 3.9+ reloads its tagger on every ``pos_tag()`` call, so this module builds
each model once, lazily and thread-safely, and the whole process shares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.engine.once import once
from desktop.paths import nltk_data_dir, resources_dir

if TYPE_CHECKING:
    from desktop.engine.fastnltk import FastTagger

PACKAGES_FILE = "nltk_packages.txt"
"""In resources/: the NLTK packages the app needs (read by build/tasks.py too)."""


def required_packages() -> dict[str, str]:
    """NLTK package id -> a file that proves the package is installed (relative to the data root)."""
    lines = (resources_dir() / PACKAGES_FILE).read_text(encoding="utf-8").splitlines()
    return {fields[0]: fields[2] for fields in (line.split("\t") for line in lines if line and not line.startswith("#"))}


FIX_COMMAND = "python3 build/tasks.py setup"


class MissingDataError(RuntimeError):
    """NLTK or TextBlob data the engine needs is not installed."""


@dataclass(frozen=True)
class Models:
    """The loaded models, shared by every analysis in the process.

    ``tagger.tag(words)`` gives exactly NLTK's perceptron tagger's output, faster
    (see ``fastnltk``).
    """

    sentence_splitter: Any
    tagger: FastTagger
    sentiment: Any


_path_ready = False


def use_project_data() -> None:
    """Put the project's NLTK data first on NLTK's search path and turn NLTK's downloader off (once)."""
    global _path_ready
    if _path_ready:
        return
    import nltk
    import nltk.downloader

    ours = str(nltk_data_dir())
    if ours not in nltk.data.path:
        nltk.data.path.insert(0, ours)
    relax_regex_time_limit()
    nltk.download = nltk.downloader.download = nltk.downloader.Downloader.download = refuse_download
    _path_ready = True


REGEX_TIME_LIMIT = 60.0
"""Seconds NLTK (3.10.4 and later) lets one regular-expression match run before it gives up.

Its default of 5 s is wall-clock time, which a busy machine or a busy window can
use up on any input. The engine hands punkt at most ``sentences.MAX_PIECE``
characters at a time, which takes milliseconds, so the limit only guards
against a hang.
"""


def relax_regex_time_limit() -> None:
    """Raise NLTK's time limit on its own regular expressions to ``REGEX_TIME_LIMIT`` (where it has one)."""
    try:
        from nltk import redos
    except ImportError:
        return
    redos.DEFAULT_TIMEOUT = max(redos.DEFAULT_TIMEOUT or 0, REGEX_TIME_LIMIT)


def refuse_download(*_args: Any, **_kwargs: Any) -> NoReturn:
    """Stands in for NLTK's downloader in this process: Review Reader never downloads."""
    raise MissingDataError(f"Review Reader never downloads NLTK data. Install it with: {FIX_COMMAND}")


def missing_packages() -> list[str]:
    """The required NLTK packages that cannot be found."""
    use_project_data()
    import nltk

    missing = []
    for package, resource in required_packages().items():
        try:
            nltk.data.find(resource)
        except LookupError:
            missing.append(package)
    return missing


@once
def models() -> Models:
    """The shared NLTK and TextBlob models, loaded on first use."""
    return _load()


def _load() -> Models:
    missing = missing_packages()
    if missing:
        raise MissingDataError(
            f"NLTK data package{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} not installed. "
            f"Install {'them' if len(missing) > 1 else 'it'} with: {FIX_COMMAND}"
        )
    from nltk.tag import PerceptronTagger
    from textblob.en.sentiments import PatternAnalyzer

    from desktop.engine.fastnltk import FastTagger
    from desktop.engine.text.sentences import english_splitter

    sentiment = PatternAnalyzer()
    _check_textblob(sentiment)
    return Models(
        sentence_splitter=english_splitter(),
        tagger=FastTagger(PerceptronTagger()),
        sentiment=sentiment,
    )


def _check_textblob(sentiment: Any) -> None:
    """TextBlob scores everything 0.0 when its lexicon is missing: refuse that."""
    try:
        polarity = sentiment.analyze("This is a wonderful, excellent film.").polarity
    except (OSError, LookupError) as error:
        raise MissingDataError(f"TextBlob's sentiment lexicon cannot be read: {error}") from error
    if polarity <= 0:
        raise MissingDataError(
            "TextBlob's sentiment lexicon is missing (a known-positive sentence scored "
            f"{polarity}). Reinstall textblob: {FIX_COMMAND}"
        )
