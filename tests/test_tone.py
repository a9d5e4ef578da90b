"""The People card's Tone column: what the review says of each person, not the mood of the sentence."""

from __future__ import annotations

import hashlib
import math
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app.records import to_json
from desktop.engine import analyze
from desktop.engine.people.tone import MODEL_FILE, REACH, features, judged, model, read_model
from desktop.engine.result import Person, Sentence, Span
from desktop.paths import resources_dir

ROOT = Path(__file__).resolve().parents[1]


def tones(text: str) -> dict[str, str]:
    return {person.name: person.tone for person in analyze(text).people}


@pytest.mark.parametrize("text, name, tone", [
    ("Meryl Streep's performance was wooden, but the story moves along.", "Meryl Streep", "criticised"),
    ("The wonderful Meryl Streep holds the screen in a film about nothing much.", "Meryl Streep", "praised"),
    ("Joan Pike was never boring, whatever the script threw at her.", "Joan Pike", "praised"),
    ("Olaf Brenner is hopelessly miscast as the surgeon.", "Olaf Brenner", "criticised"),
    ("The villain, played by Mark Ellison, is a cardboard cut-out.", "Mark Ellison", "criticised"),
])
def test_the_words_attached_to_a_name_judge_the_person(text, name, tone):
    assert tones(text)[name] == tone


def test_a_judgement_of_the_film_is_not_a_judgement_of_the_person_named_beside_it():
    assert tones("Tom Hanks is in it, but the film is dull.")["Tom Hanks"] == "neutral"
    assert tones("Rita Okoye turns up at the end. The plot is a dull and lifeless mess.")["Rita Okoye"] == "neutral"


@pytest.mark.parametrize("text, name, tone", [
    ("We get the superb cinematography by Anselm Reyes.", "Anselm Reyes", "praised"),
    ("The dull and lifeless script by Tom Fry sinks it.", "Tom Fry", "criticised"),
    ("Jan Novak's screenplay is dreadful.", "Jan Novak", "criticised"),
    ("The score by Ann Lee plays over the credits.", "Ann Lee", "neutral"),
])
def test_a_craft_credited_to_a_person_is_judged_as_the_person_is(text, name, tone):
    assert tones(text)[name] == tone


def test_a_judgement_before_in_it_is_of_the_person_not_of_it():
    assert tones("Tom Fry was dreadful in it.")["Tom Fry"] == "criticised"
    assert tones("Tom Fry was in it, and it was dreadful.")["Tom Fry"] == "neutral"


def test_being_the_yardstick_of_a_comparison_is_no_praise():
    found = tones("The sidekicks were hired just to make Arnold Brand look good by comparison.")
    assert found["Arnold Brand"] == "neutral"


def test_plot_retelling_judges_nobody_even_when_the_sentence_is_dark_or_bright():
    found = tones("Helena Marsh dies in the fire, and her evil brother swears revenge. A fine, gripping film.")
    assert found["Helena Marsh"] == "neutral"
    found = tones("The cruel Count Vargas kills the poor miller Hans Beck.")
    assert set(found.values()) == {"neutral"}


def test_what_someone_else_says_of_a_person_is_not_the_reviewer_s_judgement():
    assert tones("Critics said Bob Stone was awful. I liked the film.")["Bob Stone"] == "neutral"


def test_people_listed_together_share_the_judgement_and_others_do_not():
    found = tones("Fine work from Ann Lee, Bob Stone and Carla Diaz; Dev Patel only reads the news.")
    assert found == {"Ann Lee": "praised", "Bob Stone": "praised", "Carla Diaz": "praised", "Dev Patel": "neutral"}


@pytest.mark.parametrize("text, tone", [
    ("Billy Marsh and Sammo Kwan Lee are amazing.", "praised"),
    ("Ruth Ann Daley and Tom Fry were both dreadful as the parents.", "criticised"),
    ("Tom Fry, Ruth Ann Daley and Peter Vance give fine performances.", "praised"),
])
def test_a_judgement_after_a_list_reaches_everyone_in_it_however_long_their_names(text, tone):
    found = analyze(text).people
    assert len(found) >= 2 and {person.tone for person in found} == {tone}


@pytest.mark.parametrize("text, actor, character", [
    ("Robert Lomax is wonderful as the gangster's boss, Lopez.", "Robert Lomax", "Lopez"),
    ("Steven Baird shines as Tony's friend Manny.", "Steven Baird", "Manny"),
    ("I was impressed by Hal Merton as the mysterious psychic Lucius Gaunt.", "Hal Merton", "Lucius Gaunt"),
])
def test_an_actor_and_the_character_named_after_as_share_the_judgement(text, actor, character):
    found = tones(text)
    assert found[actor] == found[character] == "praised"
    assert found.get("Tony", "neutral") == "neutral"


def test_two_people_in_one_sentence_each_get_their_own_words():
    found = tones("Nina Holt is superb, while Paul Crane is dreadful.")
    assert found == {"Nina Holt": "praised", "Paul Crane": "criticised"}


def test_he_or_she_opening_the_next_sentence_stands_for_the_person():
    assert tones("Bob Stone turns up late in the story. He is superb.")["Bob Stone"] == "praised"
    found = tones("Bob Stone turns up late in the story. Then Ann Lee arrives. She is superb.")
    assert found == {"Bob Stone": "neutral", "Ann Lee": "praised"}


def test_someone_named_for_their_work_takes_what_the_review_says_of_the_acting():
    assert tones("Ann Lee plays the lead. The acting is superb from start to finish.")["Ann Lee"] == "praised"
    assert tones("Ann Lee walks her dog. The acting is superb from start to finish.")["Ann Lee"] == "neutral"


def test_no_opinion_word_that_may_be_about_the_person_leaves_them_neutral():
    found = tones("Ann Lee gives a performance, and the film is a triumph from start to finish.")
    assert found["Ann Lee"] == "neutral"


@pytest.mark.parametrize("text", [
    "Directed by Ann Lee, the film is a triumph from start to finish.",
    "A triumph from start to finish. Ann Lee directed it, and Tom Fry wrote it.",
    "Also starring Ann Lee and Tom Fry in this wonderful, moving film.",
    "Ann Lee plays the mother in this wonderful, moving film.",
])
def test_a_credit_is_no_judgement_however_good_the_film(text):
    assert set(tones(text).values()) == {"neutral"}


def test_the_polarity_is_the_probability_of_the_tone_shown_signed_and_goes_into_the_record():
    text = "Nina Holt is superb."
    sentence = Sentence(0, len(text), 1.0, 1.0)
    (person,) = judged([Person("Nina Holt", (Span(0, 9),))], text, [sentence], ())
    (found,) = features([person], text, [sentence], ())
    assert found["rule"] == pytest.approx(math.tanh(math.exp(-2 / REACH)))
    assert person.polarity == round(max(model().probabilities(found)), 4)
    assert [p["polarity"] for p in to_json(analyze(text))["people"]] == [person.polarity]


def test_the_model_reads_its_text_form_and_ignores_comments():
    read = read_model("# a comment\nbias\t0.5\t0\t-0.5\nR1:superb\t2\t0\t-2\n")
    assert read.weights == {"bias": (0.5, 0.0, -0.5), "R1:superb": (2.0, 0.0, -2.0)}
    praised, neutral, criticised = read.probabilities({"bias": 1.0, "R1:superb": 1.0, "rule": 0.5})
    assert praised > neutral > criticised and praised + neutral + criticised == pytest.approx(1.0)
    assert read.polarity({"bias": 1.0, "rule": 0.0}) == 0.0  # nothing may judge them: neutral


def test_the_model_file_is_small_safe_text_with_its_provenance():
    data = (resources_dir() / MODEL_FILE).read_bytes()
    assert len(data) < 8_000_000
    assert data.startswith(b"# Review Reader tone model") and b"build/train/train_tone.py" in data[:400]
    assert len(model().weights) > 1000


def test_a_review_in_another_language_judges_nobody():
    text = ("Sin embargo, la película de Carlos Montoya es una historia muy larga y aburrida, "
            "y Carlos Montoya no tiene la culpa de nada de lo que pasa en la pantalla grande.")
    result = analyze(text)
    assert result.verdict.label == "unknown"
    assert all(person.polarity == 0.0 for person in result.people)


@pytest.mark.shared
@pytest.mark.slow  # analyses 1,200 train reviews: left out of the quick run with the other retrains
def test_the_committed_model_is_what_the_build_script_makes(shared, tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "build" / "train" / "train_tone.py"), "--folds", "0",
                          "--output", str(tmp_path / "tone.tsv")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1200, check=False)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    rebuilt = (tmp_path / "tone.tsv").read_bytes()
    committed = (resources_dir() / MODEL_FILE).read_bytes()
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(committed).hexdigest()
