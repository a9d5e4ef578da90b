"""The learned person tagger, its model file, and the hand-checked development set it is tuned on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.engine import models
from desktop.engine.people.candidates import tokens_of
from desktop.engine.people.names import lexicon
from desktop.engine.people.tagger import MODEL_FILE, Tagger, read_model, shape, tagger
from desktop.engine.pipeline import prepare
from desktop.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = {split: ROOT / "tests" / "data" / f"people_{split}.json" for split in ("tune", "validate")}


def _margins(sentence: str, model_tagger: Tagger | None = None) -> dict[str, float]:
    words = [word for word, _, _ in tokens_of(sentence, 0, len(sentence))]
    tags = [tag for _, tag in models().tagger.tag(words)]
    return dict(zip(words, (model_tagger or tagger()).margins(words, tags)))


def test_shape_collapses_runs_of_the_same_kind():
    assert shape("Kubrick") == "Xx"
    assert shape("U.S.") == "X.X."
    assert shape("1990s") == "dx"
    assert shape("McDonald") == "XxXx"


def test_read_model_reads_weights_bands_and_surnames():
    model = read_model("# comment\ncapital\tkubrick\talways\nsurname\tkubrick\nw=kubrick\t-1\t2.5\t0\nb\t0.5\t0\t0\n")
    assert model.capitals == {"kubrick": "always"}
    assert model.surnames == {"kubrick"}
    assert model.weights["w=kubrick"] == (-1.0, 2.5, 0.0)


def test_margins_follow_the_weights_of_a_hand_made_model():
    model = read_model("b\t1\t0\t0\nw=kubrick\t0\t3\t0\nT=B\t0\t0\t5\n")
    margins = Tagger(model, lexicon()).margins(["Kubrick", "Kubrick", "films"], ["NNP", "NNP", "NNS"])
    assert [round(m, 6) for m in margins] == [2.0, 4.0, -1.0]  # B, then I (after B), then O


def test_shipped_tagger_marks_names_and_not_the_words_around_them():
    margins = _margins("Yesterday I watched a film by Stanley Kubrick with my brother .")
    assert margins["Stanley"] > 0 and margins["Kubrick"] > 0
    assert all(margins[word] < 0 for word in ("Yesterday", "watched", "film", "brother"))


def test_model_file_is_plain_text_and_small():
    path = resources_dir() / MODEL_FILE
    assert path.stat().st_size <= 8 * 1024 * 1024
    text = path.read_text(encoding="utf-8")
    model = read_model(text)
    assert len(model.weights) > 1000 and len(model.surnames) > 1000 and len(model.capitals) > 10000
    assert "kubrick" in model.surnames and model.capitals["kubrick"] == "always"


@pytest.mark.shared
@pytest.mark.slow
def test_training_is_reproducible_byte_for_byte(tmp_path):
    outputs = []
    for name in ("a.tsv", "b.tsv"):
        output = tmp_path / name
        subprocess.run(
            [sys.executable, str(ROOT / "build" / "train" / "train_people.py"), "--sentences", "1500", "--reviews", "300",
             "--output", str(output)], check=True, capture_output=True, timeout=600)
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
    model = read_model(outputs[0].decode())
    assert model.weights and model.capitals


@pytest.mark.shared
def test_development_set_is_exactly_the_seeded_draw():
    result = subprocess.run([sys.executable, str(ROOT / "build" / "train" / "sample_people.py")],
                            check=True, capture_output=True, text=True, timeout=120)
    drawn: dict[str, list[str]] = {"tune": [], "validate": []}
    for line in result.stdout.splitlines():
        split, name = line.split("\t")
        drawn[split].append(name)
    for split, path in DEV_SETS.items():
        assert [entry["file"] for entry in json.loads(path.read_text(encoding="utf-8"))] == drawn[split]
    assert len(drawn["tune"]) == 240 and len(drawn["validate"]) == 120


def test_development_set_holds_names_only():
    for path in DEV_SETS.values():
        for entry in json.loads(path.read_text(encoding="utf-8")):
            assert set(entry) == {"file", "people", "ambiguous"}
            for person in entry["people"]:
                assert set(person) == {"name", "aliases", "kind"} and person["kind"] in ("real", "character")
                assert all(len(form) <= 60 for form in (person["name"], *person["aliases"]))
            for item in entry["ambiguous"]:
                assert set(item) == {"text", "why"} and len(item["text"]) <= 60


@pytest.mark.shared
def test_every_listed_form_occurs_in_its_review(shared):
    for path in DEV_SETS.values():
        for entry in json.loads(path.read_text(encoding="utf-8")):
            text = prepare((shared / "reviews" / "aclImdb_train" / entry["file"]).read_bytes()).text
            forms = [form for person in entry["people"] for form in (person["name"], *person["aliases"])]
            forms += [item["text"] for item in entry["ambiguous"]]
            assert [form for form in forms if form not in text] == [], entry["file"]


@pytest.mark.shared
@pytest.mark.slow
def test_committed_model_is_what_the_build_script_makes(tmp_path):
    output = tmp_path / "people.tsv"
    subprocess.run([sys.executable, str(ROOT / "build" / "train" / "train_people.py"), "--output", str(output)],
                   check=True, capture_output=True, timeout=1800)
    assert output.read_bytes() == (resources_dir() / MODEL_FILE).read_bytes()


def test_the_tagger_adds_up_exactly_the_features_training_saw():
    """Training lists each token's features (token_features); the tagger sums them by group, cached.
    Both must mean the same features, or the weights would be read for features that never fire."""
    from desktop.engine.people.tagger import TAGS, tag_features, token_features

    shipped = tagger()
    words = "Yesterday I watched a film by Stanley Kubrick with Mr. Smith ' s brother .".split()
    tags = [tag for _, tag in models().tagger.tag(words)]
    previous, expected = "O", []
    for index in range(len(words)):
        found = token_features(words, tags, index, shipped.model, shipped.lists) + list(
            tag_features(previous, shape(words[index])))
        totals = [sum(shipped.model.weights.get(name, (0.0, 0.0, 0.0))[k] for name in found) for k in range(3)]
        best = max(range(3), key=totals.__getitem__)
        if previous == "O" and best == 2:
            best = 1 if totals[1] >= totals[0] else 0
        expected.append(max(totals[1], totals[2]) - totals[0])
        previous = TAGS[best]
    assert shipped.margins(words, tags) == pytest.approx(expected, abs=1e-9)


def test_a_taggers_remembered_sums_stay_bounded_and_change_no_margin(monkeypatch):
    monkeypatch.setattr("desktop.engine.people.tagger._CACHE_LIMIT", 40)
    small = Tagger(tagger().model, tagger().lists)
    sentences = [f"Then Anna Berg{n} met Tom Hanks{n} and the director Lee{n} in Paris{n} again." for n in range(30)]
    for sentence in sentences:
        assert _margins(sentence, small) == _margins(sentence, Tagger(tagger().model, tagger().lists))
        assert all(len(sums) <= 40 for sums in small._groups.values())
    assert max(len(sums) for sums in small._groups.values()) > 20  # it did remember, and forgot when full
