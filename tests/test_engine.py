"""The engine end to end: sentences, per-sentence TextBlob scores, results, data checks."""

import dataclasses

import nltk
import pytest
from textblob import TextBlob

from desktop.app.records import analysis_from_json, to_json
from desktop.engine import Analysis, MissingDataError, ReviewError, analyze, nlp, prepare
from desktop.engine.text.sentiment import normalise

REVIEW = (
    "The acting was superb and the story was moving. I loved every minute.<br /><br />"
    "Sadly the ending was terrible.The music was dull, boring and far too loud. "
    "Mr. Smith arrived at 10 a.m. on the set.<br />It isn\u2019t good at all."
)


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(REVIEW.encode(), name="42_7.txt")


def sentence_texts(result: Analysis) -> list[str]:
    return [result.text[s.start:s.end] for s in result.sentences]


def test_sentences_come_from_punkt_and_respect_breaks(result):
    assert sentence_texts(result) == [
        "The acting was superb and the story was moving.",
        "I loved every minute.",
        "Sadly the ending was terrible.",
        "The music was dull, boring and far too loud.",
        "Mr. Smith arrived at 10 a.m. on the set.",
        "It isn\u2019t good at all.",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("I loved the cast (esp. the lead) and the music.", ["I loved the cast (esp. the lead) and the music."]),
    ("It runs approx. two hours. I was never bored.", ["It runs approx. two hours.", "I was never bored."]),
    ("Great cameos, e.g. Bill Murray, i.e. fun.", ["Great cameos, e.g. Bill Murray, i.e. fun."]),
    ("Songs, dances etc. and nothing else. Boring.", ["Songs, dances etc. and nothing else.", "Boring."]),
    ("Songs, dances etc. The plot is thin.", ["Songs, dances etc.", "The plot is thin."]),
    ("Sgt. Pepper was 30 yrs. old then.", ["Sgt. Pepper was 30 yrs. old then."]),
])
def test_abbreviations_reviews_use_do_not_end_a_sentence(text, expected):
    analysis = analyze(text)
    assert [analysis.text[s.start:s.end] for s in analysis.sentences] == expected


def test_no_sentence_crosses_a_paragraph(result):
    for sentence in result.sentences:
        assert sum(p.start <= sentence.start and sentence.end <= p.end for p in result.paragraphs) == 1


def test_spans_are_ordered_and_inside_the_text(result):
    previous_end = 0
    for sentence in result.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(result.text)
        previous_end = sentence.end


def test_each_polarity_is_textblobs_for_the_normalised_sentence(result):
    for sentence, text in zip(result.sentences, sentence_texts(result)):
        blob = TextBlob(normalise(text)).sentiment
        assert (sentence.polarity, sentence.subjectivity) == (blob.polarity, blob.subjectivity)


def test_known_positive_and_negative_sentences(result):
    polarities = [s.polarity for s in result.sentences]
    assert polarities[0] >= 0.5 and polarities[1] >= 0.5
    assert polarities[2] < -0.5 and polarities[3] < 0


def test_contraction_negation_is_read_as_not(result):
    last = result.sentences[-1]
    assert TextBlob("It isn\u2019t good at all.").sentiment.polarity > 0
    assert last.polarity < 0
    assert ("not good", last.polarity) in last.drivers


@pytest.mark.parametrize(
    ("sentence", "scored"),
    [("This isn't good.", "This is not good."), ("I can\u2019t stand it.", "I can not stand it."),
     ("Won't watch it.", "Will not watch it."), ("They don't care.", "They do not care.")],
)
def test_normalisation(sentence, scored):
    assert normalise(sentence) == scored


def test_drivers_name_the_scored_words(result):
    assert any(words == "superb" for words, _ in result.sentences[0].drivers)


def test_result_is_frozen(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]


def test_json_form_has_the_documented_keys(result):
    data = to_json(result)
    assert {"schema", "file", "ok", "label", "rating", "encoding", "text", "sentences", "people",
            "verdict"} <= data.keys()
    assert data["ok"] is True and data["file"] == "42_7.txt" and data["rating"] == 7 and data["label"] == "positive"
    assert analysis_from_json(data, name="42_7.txt", size=result.size) == result
    assert {"start", "end", "polarity", "subjectivity"} <= data["sentences"][0].keys()
    assert data["verdict"]["label"] in ("positive", "negative", "mixed")
    assert -1 <= data["verdict"]["score"] <= 1


def test_sentence_at_finds_the_sentence_holding_an_offset(result):
    second = result.sentences[1]
    assert result.sentence_at(second.start) == 1
    assert result.sentence_at(second.end - 1) == 1
    assert result.sentence_at(len(result.text) + 5) is None


def test_text_input_is_accepted_as_is():
    assert analyze("Good.<br />Bad.").text == "Good.\nBad."


@pytest.mark.parametrize("raw", [b"", b"   \n\t ", b"<br /><br /><br />"])
def test_empty_reviews_are_refused_plainly(raw):
    with pytest.raises(ReviewError, match="empty|no review text"):
        prepare(raw)


def test_missing_nltk_data_names_the_packages_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(nlp, "_path_ready", True)
    with pytest.raises(MissingDataError) as raised:
        nlp._load()
    message = str(raised.value)
    assert "punkt_tab" in message and "averaged_perceptron_tagger_eng" in message
    assert nlp.FIX_COMMAND in message


def test_silent_textblob_lexicon_is_caught():
    class Silent:
        def analyze(self, _text):
            return TextBlob("").sentiment

    with pytest.raises(MissingDataError, match="lexicon"):
        nlp._check_textblob(Silent())


def test_models_are_loaded_once():
    assert nlp.models() is nlp.models()


def test_seed_review_has_about_27_sentences(seed_review):
    result = analyze(seed_review, name="seed_review.txt")
    assert 25 <= len(result.sentences) <= 29
    assert result.text.count("\n\n") == 5
    assert "<br" not in result.text


def test_a_value_built_once_is_built_once_when_threads_race():
    import threading
    import time

    from desktop.engine.once import once

    calls = []

    @once
    def slow():
        calls.append(1)
        time.sleep(0.05)
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(value) for value in results}) == 1


def test_the_engine_models_are_nltks_with_every_word_list_and_learned_model_loaded():
    from desktop.engine import models
    from desktop.engine import pipeline as engine
    from desktop.engine.people import names
    from desktop.engine.people import tagger as person_tagger
    from desktop.engine.verdict import decision as verdict
    from desktop.engine.verdict import model as verdict_model

    assert models() is nlp.models() and engine.models is models
    for loader in (names.lexicon, person_tagger.tagger, verdict.phrases, verdict_model.model):
        assert loader() is loader()


def test_nlp_no_longer_imports_the_word_lists():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(nlp))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"desktop.engine.people.names", "desktop.engine.verdict.decision", "desktop.engine.verdict.model"}
