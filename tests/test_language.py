"""Telling the language of a review from stopwords: English is never called anything else."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from desktop.engine import nlp
from desktop.engine.text import language
from desktop.engine.text.language import detect, language_name

SAMPLES = json.loads((Path(__file__).parent / "data" / "language_samples.json").read_text(encoding="utf-8"))


def grouped(name: str) -> list[tuple[str, str]]:
    return [(code, text) for code, texts in SAMPLES[name].items() for text in texts]


@pytest.mark.parametrize("text", SAMPLES["english"] + SAMPLES["mixed"])
def test_english_one_liners_and_english_naming_foreign_titles_are_english(text):
    assert detect(text) == "en"


@pytest.mark.parametrize(("code", "text"), grouped("ordinary") + grouped("short"))
def test_reviews_in_the_named_languages_are_recognised(code, text):
    assert detect(text) == code


@pytest.mark.parametrize(("code", "text"), SAMPLES["too_short"].items())
def test_short_reviews_with_too_little_evidence_read_as_english(code, text):
    assert code != "en" and detect(text) == "en"


@pytest.mark.parametrize(("code", "text"), SAMPLES["other"].items())
def test_unnamed_neighbours_and_other_scripts_are_undetermined(code, text):
    assert code not in language.LANGUAGES and detect(text) == "und"


@pytest.mark.parametrize("text", ["", "   ", "10/10", "5 / 5 !!! :-)", "2024-01-31"])
def test_text_without_letters_is_undetermined(text):
    assert detect(text) == "und"


def test_three_telling_stopwords_are_needed():
    assert detect("casa del sol con amigos") == "en"  # del, con
    assert detect("casa del sol con los amigos") == "es"  # del, con, los


def test_a_language_needs_twice_as_many_telling_stopwords_as_english():
    assert detect("del con los the and") == "en"  # 3 against 2
    assert detect("del con los del the and") == "es"  # 4 against 2


def test_case_and_decomposed_accents_do_not_matter():
    text = SAMPLES["ordinary"]["pt"][0]
    assert detect(text.upper()) == "pt"
    assert detect(unicodedata.normalize("NFD", text)) == "pt"


def test_language_names():
    assert language_name("es") == "Spanish"
    assert language_name("en") == "English"
    assert language_name("und") == language_name("xx") == "Undetermined"


def test_stopwords_are_a_required_package_and_are_provisioned():
    assert "stopwords" in nlp.required_packages()
    assert "stopwords" not in nlp.missing_packages()


def test_the_lists_are_read_once(monkeypatch):
    detect("The lists are read on the first call.")
    monkeypatch.setattr(language, "_stopwords", lambda name: pytest.fail(f"{name} read again"))
    assert detect(SAMPLES["ordinary"]["fr"][0]) == "fr"


def test_missing_stopwords_name_the_fix(monkeypatch):
    import nltk

    def not_found(resource):
        raise LookupError(resource)

    language.stopword_index.cache_clear()
    monkeypatch.setattr(nltk.data, "find", not_found)
    try:
        with pytest.raises(nlp.MissingDataError, match="stopwords") as missing:
            detect("Any text at all.")
        assert nlp.FIX_COMMAND in str(missing.value)
    finally:
        language.stopword_index.cache_clear()
