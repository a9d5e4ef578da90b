"""The person finder: rules on text written here, and accuracy on ../shared (skipped when absent)."""

from __future__ import annotations

import json

import devkit
import pytest

from desktop.engine import analyze, models
from desktop.engine.people.finder import find_people
from desktop.engine.result import Span


def people(text: str) -> dict[str, list[str]]:
    """Display name -> the text of every mention, in order."""
    analysis = analyze(text)
    return {p.name: [analysis.text[s:e] for s, e in p.mentions] for p in analysis.people}


def test_full_name_absorbs_title_surname_and_possessive_forms():
    found = people(
        "Brad Pitt gives a fine performance. Pitt's accent is odd, and Mr. Pitt knows it. "
        "The best scene belongs to Pitt."
    )
    assert found == {"Brad Pitt": ["Brad Pitt", "Pitt", "Mr. Pitt", "Pitt"]}


def test_honorifics_stay_in_mentions_but_not_in_full_display_names():
    found = people("Dame Judi Dench and Sir John Mills appear. Mrs. Hughes is kind to them.")
    assert found["Judi Dench"] == ["Dame Judi Dench"]
    assert found["John Mills"] == ["Sir John Mills"]
    assert found["Mrs. Hughes"] == ["Mrs. Hughes"]


def test_mentions_are_ordered_and_exclude_the_possessive():
    analysis = analyze("Kate Winslet's Rose is moving. Winslet's voice carries the film.")
    (person,) = [p for p in analysis.people if p.name == "Kate Winslet"]
    texts = [analysis.text[s:e] for s, e in person.mentions]
    assert texts == ["Kate Winslet", "Winslet"]
    assert list(person.mentions) == sorted(person.mentions)


def test_character_with_title_and_actress_sharing_a_word_stay_apart():
    found = people("Dona Carmen is played by Carmen Salinas. Later Dona Carmen helps the boy.")
    assert found == {"Dona Carmen": ["Dona Carmen", "Dona Carmen"], "Carmen Salinas": ["Carmen Salinas"]}


def test_a_shared_surname_goes_to_the_latest_full_name_before_it():
    found = people("Paul Newman stars and Thomas Newman wrote the score. Newman's music is lovely.")
    assert found == {"Paul Newman": ["Paul Newman"], "Thomas Newman": ["Thomas Newman", "Newman"]}


def test_name_particles_stay_inside_a_name():
    found = people("Scrum-half Joost van der Westhuizen scored twice. Van der Westhuizen was tireless.")
    assert found == {"Joost van der Westhuizen": ["Joost van der Westhuizen", "Van der Westhuizen"]}


def test_different_titles_make_different_people():
    found = people("Mr. Smith leaves and Mrs. Smith cries. Later Mrs. Smith smiles.")
    assert found == {"Mr. Smith": ["Mr. Smith"], "Mrs. Smith": ["Mrs. Smith", "Mrs. Smith"]}


def test_first_name_alone_joins_only_a_unique_owner():
    assert people("Meryl Streep and Anne Hathaway star. Meryl is fine.")["Meryl Streep"] == ["Meryl Streep", "Meryl"]
    found = people("Tom Cruise and Tom Hanks appear together. Tom is fine.")
    assert found["Tom Cruise"] == ["Tom Cruise"]
    assert found["Tom Hanks"] == ["Tom Hanks"]


def test_leading_adjectives_are_not_part_of_a_name():
    found = people("Wonderful Kate Del Castillo plays Rosario. Little Carlitos misses his mother. Carlitos waits for her.")
    assert "Kate Del Castillo" in found
    assert found["Kate Del Castillo"] == ["Kate Del Castillo"]
    assert found.get("Carlitos") == ["Carlitos", "Carlitos"]
    assert not any(name.startswith(("Wonderful", "Little")) for name in found)
    assert people("Oscar-winning Tom Hanks stars.") == {"Tom Hanks": ["Tom Hanks"]}


def test_places_nationalities_and_festivals_are_not_people():
    found = people(
        "The crew shot in El Paso, Los Angeles and Mexico. Mexican and American actors met at Sundance. "
        "The Americans he meets are bad."
    )
    assert found == {}


def test_quoted_titles_are_not_people():
    found = people('I watched "Ugly Betty" and "La misma luna" with Salma Hayek, who produced it.')
    assert list(found) == ["Salma Hayek"]


def test_capitalised_words_at_a_sentence_start_are_not_people():
    assert people("Terrible. Awful pacing. Brilliant score though. Suspense never comes.") == {}


def test_context_makes_an_unknown_single_name_a_person():
    found = people("The villain is played by Zorblat. Zorblat's performance is the best thing here.")
    assert "Zorblat" in found


def test_odd_casing_names_are_found():
    assert people("BRAD PITT IS GREAT IN THIS MOVIE. I loved it.") == {"Brad Pitt": ["BRAD PITT"]}
    assert list(people("i met kevin spacey at the premiere and he was nice.")) == ["Kevin Spacey"]


def test_all_capital_headline_words_are_not_people():
    assert people("STAY AWAY FROM THIS DISASTER! GUILTY AS SIN IS AWFUL.") == {}


def test_lists_of_names_share_their_evidence():
    found = people("Brandon, Kyle, and Molly move in with Leslie Nielsen.")
    assert {"Brandon", "Kyle", "Molly", "Leslie Nielsen"} <= set(found)


class _CountingTagger:
    """Wraps the shared tagger and counts the sentences it tags."""

    def __init__(self, tagger):
        self.tagger, self.sentences = tagger, set()

    def tag_window(self, words, begin, end):
        self.sentences.add(tuple(words))
        return self.tagger.tag_window(words, begin, end)


def test_models_run_only_on_sentences_that_may_name_someone():
    shared = models()
    tagger = _CountingTagger(shared.tagger)
    counting = type(shared)(shared.sentence_splitter, tagger, shared.sentiment)
    text = "The film is slow. Wonderful music though. Brad Pitt is good."
    spans = [Span(0, 17), Span(18, 41), Span(42, len(text))]
    found = find_people(text, spans, counting)
    assert [p.name for p in found] == ["Brad Pitt"]
    assert len(tagger.sentences) == 1


@pytest.mark.shared
def test_seed_review_gives_exactly_the_gold_people(shared, seed_review):
    gold = json.loads((shared / "people" / "seed_gold.json").read_text())[0]["people"]
    analysis = analyze(seed_review)
    assert len(analysis.people) == len(gold) == 13
    unmatched = list(gold)
    for person in analysis.people:
        forms = {person.name} | {analysis.text[s:e] for s, e in person.mentions}
        match = next(g for g in unmatched if forms & {g["name"], *g["aliases"]})
        unmatched.remove(match)
    assert unmatched == []
    titled = next(g for g in gold if any(alias.startswith("Mr. ") for alias in g["aliases"]))
    person = next(p for p in analysis.people if p.name == titled["name"])
    assert {analysis.text[s:e] for s, e in person.mentions} == {titled["name"], *titled["aliases"]} - {titled["name"].split()[-1]}


@pytest.mark.shared
def test_review_person_lists_f1(shared):
    score = devkit.score_reviews(devkit.gold_entries("shared"))
    assert score.f1 >= 0.90, score.summary("review person lists")


@pytest.mark.shared
def test_conll_testa_per_mention_f1(shared):
    score = devkit.score_conll(devkit.conll_documents(shared / "people" / "conll2003" / "eng.testa"))
    assert score.f1 >= 0.88, score.summary("CoNLL testa PER")


def test_a_known_surname_alone_names_someone_even_inside_a_compound_adjective():
    found = people("It has a Hitchcock-style twist, and Kubrick would have liked the ending.")
    assert found == {"Hitchcock": ["Hitchcock"], "Kubrick": ["Kubrick"]}


def test_a_given_name_glued_to_an_adjective_is_not_a_person():
    assert people("The Oscar-winning score is the best thing in this Disney-like film.") == {}


def test_initials_open_a_name_and_do_not_end_its_sentence():
    text = "The cast includes L.Q. Jones, R.G. Armstrong and T.L. Lankford. The U.S. Army helped."
    analysis = analyze(text)
    assert [p.name for p in analysis.people] == ["L.Q. Jones", "R.G. Armstrong", "T.L. Lankford"]
    assert len(analysis.sentences) == 2


def test_a_quoted_name_after_as_is_a_role_not_a_title():
    found = people('I liked William H. Macy as crook "Riley", and the song "Yellow Submarine".')
    assert "Riley" in found and "Yellow Submarine" not in found


def test_a_surname_written_in_lower_case_stays_with_its_given_name():
    assert people("Even Adam sandler could not save this one.") == {"Adam Sandler": ["Adam sandler"]}


@pytest.mark.shared
def test_validation_reviews_person_lists_f1(shared):
    score = devkit.score_reviews(devkit.gold_entries("validate"))
    assert score.f1 >= 0.85, score.summary("validation reviews")


def test_a_name_followed_by_as_and_a_role_is_a_person():
    assert people("Good work by Zorblat as the mother.") == {"Zorblat": ["Zorblat"]}
    assert people("Good work by Zorblat in the end.") == {}


def test_a_relative_clause_and_a_pronoun_in_it_make_a_place_word_a_given_name():
    text = ("Georgia Quellmore, who appears in a small role, better known for her role in a sitcom, "
            "is credited as a producer.")
    assert people(text) == {"Georgia Quellmore": ["Georgia Quellmore"]}
    assert list(people("Dakota Brindlevane, who is seen briefly, is known for his voice work.")) == ["Dakota Brindlevane"]
    assert people("We flew from Georgia to Montana in the spring.") == {}


def test_by_after_a_craft_names_a_person():
    text = "The cinematography by Pallo Verrine is lush. The musical score is by Zandro Quillet."
    assert list(people(text)) == ["Pallo Verrine", "Zandro Quillet"]
    assert list(people("The editing by Tormund Vashek is brisk.")) == ["Tormund Vashek"]


def test_a_name_used_as_a_title_is_not_a_person():
    assert people("I finally saw the film Mulholland Drive. Mulholland Drive is a puzzle.") == {}
    assert people("We rented Willow (1988) again, and Willow has aged well.") == {}
    assert people('I rewatched "Copper Lantern" and Copper Lantern still works.') == {}
    assert people("She was great in Bramble Hollow, and Bramble Hollow is a fine film.") == {}


def test_a_given_name_that_names_a_thing_opens_a_name_before_a_known_surname():
    assert people("The ghost of Oscar Duprez haunts it, and Duprez would have laughed.") == {
        "Oscar Duprez": ["Oscar Duprez", "Duprez"]}
    assert list(people("Thinking Christian Wilde is able to act was a mistake.")) == ["Christian Wilde"]
    assert people("The Oscar Academy loved it, and Warner Bros made it in June Valley.") == {}


def test_a_dash_after_a_name_keeps_it_whole_and_a_suffix_glued_to_a_surname_is_cut_off():
    assert list(people("We saw Corbin Thale - and he was fine. Then Mara Dunleigh--who knew?")) == [
        "Corbin Thale", "Mara Dunleigh"]
    assert people("It is cheesy Ed Marsh-style schlock, a bit Tim Birch-ish.") == {
        "Ed Marsh": ["Ed Marsh"], "Tim Birch": ["Tim Birch"]}
    assert people("The Oscar-winning film, an Academy Award-winning score.") == {}


def test_a_generational_suffix_stays_with_the_name_and_out_of_its_words():
    text = "The cast has Dorian Valecourt Jr. and Mabel Quist. Later, Valecourt sings."
    assert people(text) == {"Dorian Valecourt Jr.": ["Dorian Valecourt Jr.", "Valecourt"], "Mabel Quist": ["Mabel Quist"]}
    assert people("Ansel Tremaine, Sr played the father.") == {"Ansel Tremaine Sr": ["Ansel Tremaine, Sr"]}
    assert people("The Jr. High kids liked it.") == {}


def test_a_name_called_a_film_is_a_title_and_one_called_its_director_or_star_a_person():
    assert people("Quarry Bellweather is a bad film, and Quarry Bellweather was a flop.") == {}
    assert people("I think Tamsin Varrow was the most beautiful 1950s movie. Tamsin Varrow is a sequel.") == {}
    assert list(people("Odran Pellicott is a film director of note.")) == ["Odran Pellicott"]
    assert list(people("Odran Pellicott is the star of the film.")) == ["Odran Pellicott"]
    assert list(people("Odran Pellicott is the film's heart and soul.")) == ["Odran Pellicott"]
    assert list(people("Odran Pellicott is a man and the film is his.")) == ["Odran Pellicott"]


def test_a_title_keeps_the_character_the_text_speaks_of_apart_from_it():
    text = "Red Sonja (1985) is a mess. Sonja wants revenge and she gets it. Red Sonja was panned."
    assert people(text) == {"Sonja": ["Sonja"]}
    text = "The movie Blue Yvaine is slow. Yvaine wants her crown back and she fights for it."
    assert people(text) == {"Yvaine": ["Yvaine"]}


def test_a_quoted_name_in_a_person_context_is_a_character_not_a_title():
    found = people("A boy adopts a zombie named 'Quorvo' (played by a veteran actor). Quorvo steals the film.")
    assert found == {"Quorvo": ["Quorvo", "Quorvo"]}


def test_a_thing_after_an_indefinite_article_is_not_a_person():
    assert people("He drives a Mustang through the desert. The Mustang breaks down in the end.") == {}
    assert people("She buys a Zephyrine at the market. Zephyrine is a cheap brand.") == {}


def test_articles_of_other_languages_are_not_names():
    text = "Les acteurs sont bons. Les dialogues sont faibles, mais Juliette Vernac est superbe. Les images sont belles."
    assert people(text) == {"Juliette Vernac": ["Juliette Vernac"]}
    assert people("Una noche en la ciudad. Una mujer espera, y Lucia Parvena canta.") == {"Lucia Parvena": ["Lucia Parvena"]}


def test_lower_case_foreign_words_are_never_promoted_to_names():
    text = "This is una película about family, una historia that moved me. Diego Tarrant is great."
    assert people(text) == {"Diego Tarrant": ["Diego Tarrant"]}
    assert people("It is una comedia and los actores are fine.") == {}
