"""The person finder tags only the stretches around capitalised runs, and gets what tagging whole sentences gets."""

from __future__ import annotations

import random

import pytest

from desktop.engine import analyze, models, prepare
from desktop.engine.people import candidates
from desktop.engine.people.candidates import tokens_of
from desktop.engine.people.tagger import tagger
from desktop.engine.text.sentences import sentence_spans

SENTENCES = [
    "Directed by Patricia Riggen, the film stars America Ferrera and Eugenio Derbez.",
    "Mr. Derbez's performance in Los Angeles was praised by The New York Times in 2007.",
    "tom hanks and BRAD PITT aren't in this one -- it's a low-budget, self-made movie.",
    "Little Carlitos meets Dona Carmen near El Paso, Texas, on 10am Sunday.",
    "Zorblat Quennix Vardo Mikkelsen Trondheim Oslo Bergen Stavanger were all there with Ann.",
    "Kubrick",
    "The cinematography by Checco Varese and the music by Jo Blue, whom Qwerty Zed hired, glow.",
]


def _words(sentence: str) -> list[str]:
    return [word for word, _, _ in tokens_of(sentence, 0, len(sentence))]


def _windows(size: int):
    for begin in range(size):
        for end in range(begin + 1, min(size, begin + 4) + 1):
            for lowest in sorted({0, max(0, begin - 6), max(0, begin - 2), begin}):
                yield begin, end, lowest


def _check_windows(sentences):
    fast = models()
    person = tagger()
    for sentence in sentences:
        words = _words(sentence)
        tagged = fast.tagger.tag(words)
        tags = [tag for _, tag in tagged]
        margins = person.margins(words, tags)
        for begin, end, lowest in _windows(len(words)):
            assert fast.tagger.tag_window(words, begin, end) == tags[begin:end], (sentence, begin, end)
            # Tags the window may not read are blanked: a window that read them would differ.
            seen = [tag if lowest <= k <= end else "" for k, tag in enumerate(tags)]
            weighed = person.margins_window(words, seen, begin, end, lowest)
            assert weighed is None or weighed == margins[begin:end], (sentence, begin, end, lowest)
            if lowest == 0:
                assert weighed == margins[begin:end]


def test_every_window_of_written_sentences_is_tagged_as_the_whole_sentence_is():
    _check_windows(SENTENCES)


def _whole_sentences(sentence, models_):
    """The finder's old way: tag and weigh every token of the sentence."""
    words = [word for word, _, _ in sentence.tokens]
    tagged = models_.tagger.tag(words)
    sentence.tags = [tag for _, tag in tagged]
    sentence.margins = tagger().margins(words, sentence.tags)


def _same_analysis(raw_reviews, monkeypatch):
    windowed = [analyze(raw) for raw in raw_reviews]
    monkeypatch.setattr(candidates, "_tag_runs", _whole_sentences)
    whole = [analyze(raw) for raw in raw_reviews]
    assert windowed == whole
    return windowed


def test_reviews_get_the_same_people_as_when_whole_sentences_were_tagged(monkeypatch):
    reviews = [" ".join(SENTENCES).encode(), " ".join(reversed(SENTENCES)).encode()]
    found = _same_analysis(reviews, monkeypatch)
    assert {"Patricia Riggen", "Eugenio Derbez", "Checco Varese", "Jo Blue"} <= {p.name for p in found[0].people}


@pytest.mark.slow
def test_imdb_reviews_get_the_same_analysis_and_windows_as_whole_sentences(shared, monkeypatch):
    files = random.Random(11).sample(sorted((shared / "reviews" / "aclImdb_train").glob("*/*.txt")), 150)
    raws = [path.read_bytes() for path in files]
    splitter = models().sentence_splitter
    sentences = []
    for raw in raws[:40]:
        text = prepare(raw).text
        sentences += [text[s.start:s.end] for s in sentence_spans(text, splitter)]
    _check_windows(sentences)
    _same_analysis(raws, monkeypatch)
