"""Opinion words: what the verdict's evidence may be made of."""

from __future__ import annotations

import pytest

from desktop.engine.nlp import use_project_data
from desktop.engine.verdict.model import features
from desktop.engine.verdict.opinion import OPINION_FILE, balance, leaning, opinion_words
from desktop.paths import resources_dir


@pytest.mark.parametrize(("feature", "sign"), [
    ("masterpiece", 1), ("waste of", -1), ("not_good", -1), ("not_worst", 1), ("highly recommend", 1),
    ("stopped working", 0), ("broke", -1), ("8", 0),
    ("only if", 0), ("looked like", 0), ("man named", 0), ("capital city", 0), ("nine years", 0),
    ("leave your", 0), ("brigitte", 0), ("many", 0), ("late", 0),
])
def test_a_feature_leans_by_its_opinion_words(feature, sign):
    assert leaning(feature) == sign


def test_no_function_word_is_an_opinion_word():
    use_project_data()
    from nltk.corpus import stopwords

    assert not set(stopwords.words("english")) & set(opinion_words())


def test_the_hand_list_is_well_formed():
    import textblob.en

    lines = [line for line in (resources_dir() / OPINION_FILE).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    entries = [line.split() for line in lines]
    assert all(len(entry) == 2 and entry[0] in "+-0" and entry[1] == entry[1].lower() for entry in entries)
    words = [word for _, word in entries]
    assert len(words) == len(set(words)), "a word is listed twice"
    removed = [word for sign, word in entries if sign == "0"]
    assert all(word in textblob.en.sentiment for word in removed), "a 0 entry removes what TextBlob has"


def test_balance_leans_with_the_opinion_words():
    assert balance(features("Great screen, and it works. Highly recommended.")) > 0
    assert balance(features("It broke after a week and I returned it. Avoid.")) < 0
    assert balance(features("The box holds a phone, a cable and a charger.")) == 0
