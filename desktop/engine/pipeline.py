"""One call from raw review bytes to an immutable Analysis."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.engine import nlp
from desktop.engine.errors import CancelEvent, ReviewError, StepReport, check_cancel
from desktop.engine.once import once
from desktop.engine.people import tagger as person_tagger
from desktop.engine.people import tone
from desktop.engine.people.finder import find_people
from desktop.engine.people.names import lexicon
from desktop.engine.result import GIVEN_AS_TEXT, UNKNOWN, Analysis, Sentence, Span, Verdict, mentions_of
from desktop.engine.text.clean import clean, paragraphs
from desktop.engine.text.decode import decode
from desktop.engine.text.language import detect, language_name, stopword_index
from desktop.engine.text.reported import reported_spans
from desktop.engine.text.sentences import sentence_spans
from desktop.engine.text.sentiment import score_sentence
from desktop.engine.verdict import model as verdict_model
from desktop.engine.verdict.decision import decide, phrases

STAGES = {"sentences": (0, 10), "sentiment": (10, 65), "people": (65, 87)}
"""Each stage's share of an analysis, in percent (measured on a 1 MB review; the verdict takes the rest)."""


class _Progress:
    """Turns each stage's (done, total) into one percentage, reported once per change."""

    def __init__(self, report: Callable[[int], None] | None) -> None:
        self.report = report
        self.percent = -1

    def stage(self, name: str) -> StepReport | None:
        """The step report for stage ``name`` (None when nobody listens)."""
        report = self.report
        if report is None:
            return None
        start, end = STAGES[name]

        def step(done: int, total: int) -> None:
            percent = start + (end - start) * done // max(total, 1)
            if percent != self.percent:
                self.percent = percent
                report(percent)

        return step


@dataclass(frozen=True, slots=True)
class Prepared:
    """The cleaned text of a review, available before any model runs."""

    text: str
    encoding: str
    paragraphs: tuple[Span, ...]
    size: int


def raw_size(raw: bytes | str) -> int:
    """The size of a review in bytes (text counts as UTF-8)."""
    return len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", errors="replace"))


def prepare(raw: bytes | str, read_as: str = GIVEN_AS_TEXT) -> Prepared:
    """Decode and clean a review; raise ReviewError when it holds no text. Text was decoded already:
    ``read_as`` names the encoding it was read in (a collection's), if any."""
    size = raw_size(raw)
    if isinstance(raw, bytes):
        decoded, encoding = decode(raw)
    else:
        decoded, encoding = raw, read_as
    text = clean(decoded)
    if not any(ch.isalnum() for ch in text):
        raise ReviewError("This file holds no review text." if size else "This file is empty.")
    return Prepared(text, encoding, paragraphs(text), size)


def analyze(
    raw: bytes | str, name: str = "", cancel: CancelEvent | None = None,
    progress: Callable[[int], None] | None = None, as_english: bool = False,
) -> Analysis:
    """Analyse one review: cleaned text, language, sentence sentiment, people and verdict.

    When ``cancel`` (a ``threading.Event`` or anything with ``is_set()``) is set
    while it runs, it raises :class:`Cancelled` soon after. ``progress(percent)``
    is called each time the percentage done changes. A review that seems to be in
    another language (see :func:`reads_as_english`) gets no sentiment and the verdict
    "unknown", unless ``as_english``.
    """
    prepared = prepare(raw)
    return analyze_prepared(prepared, name, cancel, progress, as_english)


def reads_as_english(text: str, language: str) -> bool:
    """Whether the English sentiment models may read ``text`` in ``language``: it is English, or it has
    no letters to tell ("10/10")."""
    return language == "en" or not any(ch.isalpha() for ch in text)


def unread_verdict(language: str, sentences: int) -> Verdict:
    """The verdict of a review the sentiment models cannot read: "unknown", and why."""
    seems = (f"seems to be in {language_name(language)}" if language != "und"
             else "does not seem to be in English")
    return Verdict(UNKNOWN, 0.0, 0, 0, sentences,
                   f"This review {seems}; the sentiment colours and verdict are made for English.")


@once
def models() -> nlp.Models:
    """The shared models, loaded on first use, with the word lists and learned models the engine
    reads (the person finder's lists and tagger, the verdict's phrases and model), so no review pays
    for them."""
    loaded = nlp.models()
    lexicon()
    person_tagger.tagger()
    stopword_index()
    phrases()
    verdict_model.model()
    tone.words()
    tone.model()
    return loaded


def analyze_prepared(
    prepared: Prepared, name: str = "", cancel: CancelEvent | None = None,
    progress: Callable[[int], None] | None = None, as_english: bool = False,
) -> Analysis:
    """Finish the analysis of text that :func:`prepare` already cleaned (arguments as for :func:`analyze`)."""
    check_cancel(cancel)
    shared = models()
    text = prepared.text
    language = detect(text)
    english = as_english or reads_as_english(text, language)
    meter = _Progress(progress)
    spans = sentence_spans(text, shared.sentence_splitter, cancel, meter.stage("sentences"))
    scored = []
    step = meter.stage("sentiment")
    for done, span in enumerate(spans):
        check_cancel(cancel)
        if step is not None:
            step(done, len(spans))
        scored.append(score_sentence(text, span, shared.sentiment) if english
                      else Sentence(span[0], span[1], 0.0, 0.0))
    sentences = tuple(scored)
    people = find_people(text, spans, shared, cancel, meter.stage("people"), language == "en")
    if english:
        reported = reported_spans(text)
        verdict = decide(text, sentences, prepared.paragraphs, cancel, mentions_of(people), reported)
        people = tone.judged(people, text, sentences, reported)
    else:
        verdict = unread_verdict(language, len(sentences))
    return Analysis(
        name=name,
        encoding=prepared.encoding,
        text=text,
        paragraphs=prepared.paragraphs,
        sentences=sentences,
        people=people,
        verdict=verdict,
        size=prepared.size,
        language=language,
    )
