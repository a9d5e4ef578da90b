"""The fast tagger gives exactly NLTK's output."""

import random

import pytest
from nltk.tag import PerceptronTagger
from nltk.tokenize import word_tokenize

from desktop.engine import models, prepare
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
    return PerceptronTagger()


def check_identical(sentences, reference):
    fast = models()
    for sentence in sentences:
        words = word_tokenize(sentence, preserve_line=True)
        assert fast.tagger.tag(words) == reference.tag(words), sentence


def test_identical_on_written_sentences(reference):
    check_identical(SENTENCES, reference)


def test_empty_sentence(reference):
    assert models().tagger.tag([]) == []


@pytest.mark.slow
def test_identical_on_imdb_reviews(shared, reference):
    files = sorted((shared / "reviews" / "aclImdb_train").glob("*/*.txt"))
    splitter = models().sentence_splitter
    sentences = []
    for path in random.Random(7).sample(files, 120):
        text = prepare(path.read_bytes()).text
        sentences += [text[s.start:s.end] for s in sentence_spans(text, splitter)]
    check_identical(sentences, reference)
