"""The fast tagger and chunker give exactly NLTK's output."""

import random

import pytest
from nltk.chunk import ne_chunker
from nltk.tag import PerceptronTagger
from nltk.tokenize import word_tokenize

from desktop.engine import models, prepare
from desktop.engine.fastnltk import shape
from desktop.engine.text.sentences import sentence_spans

SENTENCES = [
    "Directed by Patricia Riggen, the film stars America Ferrera and Eugenio Derbez.",
    "Mr. Derbez's performance in Los Angeles was praised by The New York Times in 2007.",
    "I saw it at the Sundance Film Festival; U.S. critics loved it, 8.5/10!",
    "tom hanks and BRAD PITT aren't in this one -- it's a low-budget, self-made movie.",
    "Little Carlitos meets Dona Carmen near El Paso, Texas, on 10am Sunday.",
    "\u201cLa misma luna\u201d opened at No. 3 with $2.7 million \u2014 caf\u00e9 owners cheered.",
    "It",
    "42",
]


@pytest.fixture(scope="module")
def reference():
    models()  # puts the project's NLTK data on NLTK's path
    return PerceptronTagger(), ne_chunker(fmt="binary")


def check_identical(sentences, reference):
    nltk_tagger, nltk_chunker = reference
    fast = models()
    for sentence in sentences:
        words = word_tokenize(sentence, preserve_line=True)
        tagged = nltk_tagger.tag(words)
        assert fast.tagger.tag(words) == tagged, sentence
        assert fast.chunker.tag(tagged) == nltk_chunker._tagger.tag(tagged), sentence
        assert fast.chunker.parse(tagged) == nltk_chunker.parse(tagged), sentence


def test_identical_on_written_sentences(reference):
    check_identical(SENTENCES, reference)


def test_the_chunker_holds_nltks_own_weights_for_every_feature(reference):
    nltk_model = reference[1]._tagger._classifier
    encoding, weights = nltk_model._encoding, nltk_model._weights
    chunker = models().chunker
    labels = list(chunker._labels)
    assert labels == list(encoding._labels)
    expected: dict = {}
    for (name, value, label), feature_id in encoding._mapping.items():
        expected.setdefault((name, value), []).append((labels.index(label), float(weights[feature_id])))
    assert chunker._table == expected  # values decoded as NLTK decodes them (ints, None, text)
    assert sorted(chunker._alwayson) == sorted((labels.index(label), float(weights[feature_id]))
                                               for label, feature_id in encoding._alwayson.items())


def test_empty_sentence(reference):
    assert models().tagger.tag([]) == []
    assert models().chunker.tag([]) == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [("1990", "number"), ("3.5", "number"), ("1990s", "number"), ("--", "punct"), ("Derbez", "upcase"),
     ("film", "downcase"), ("McDonald", "mixedcase"), ("U.S.", "other"), ("caf\u00e9", "downcase")],
)
def test_shape_matches_nltks(word, expected):
    from nltk.chunk.named_entity import shape as nltk_shape

    assert shape(word) == nltk_shape(word) == expected


@pytest.mark.slow
def test_identical_on_imdb_reviews(shared, reference):
    files = sorted((shared / "reviews" / "aclImdb_train").glob("*/*.txt"))
    splitter = models().sentence_splitter
    sentences = []
    for path in random.Random(7).sample(files, 120):
        text = prepare(path.read_bytes()).text
        sentences += [text[s.start:s.end] for s in sentence_spans(text, splitter)]
    check_identical(sentences, reference)
