"""The learned verdict model: its features, its file, its training, and the evidence it gives."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app.cache import ResultCache, content_key
from desktop.app.records import to_json
from desktop.engine import analyze
from desktop.engine.verdict.model import MODEL_FILE, evidence, features, model, read_model
from desktop.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent
BAD = ("What a waste of time. The acting is wooden, the plot is boring and the ending is the worst I have "
       "seen. The cast looks good on paper, but nothing works. Avoid it.")
GOOD = ("A beautiful, moving film. The performances are superb and the score is wonderful. "
        "It is not perfect, but I loved every minute and will watch it again. Highly recommended.")


def test_words_after_a_negation_are_marked_until_the_next_punctuation():
    text = "It is not good, but never boring. Fine!"
    found = features(text)
    assert {"not", "not_good", "not not_good", "never", "not_boring", "never not_boring", "fine", "!"} <= set(found)
    assert "good" not in found and "but" in found and "not_but" not in found  # the comma ends the scope
    assert "not_boring fine" not in found and "boring fine" not in found  # no pair across a sentence end
    for name, (start, end) in found.items():
        shown = text[start:end].lower()
        first = name.split()[0]
        assert shown.startswith(("not", "never") if first.startswith("not_") else first)  # a negated word shows
        assert shown.endswith(name.split()[-1].removeprefix("not_"))  # with its negator: "not good"
    assert text[slice(*found["not_boring"])] == "never boring"


def test_the_model_file_is_small_safe_text_with_its_provenance():
    path = resources_dir() / MODEL_FILE
    assert path.stat().st_size <= 8 * 1024 * 1024
    head = path.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# Review Reader verdict model")
    assert "IMDB train reviews" in head[1] and "build/train/train_verdict.py" in head[1]
    loaded = model()
    assert len(loaded.weights) > 50_000
    assert loaded.weights["worst"] < -0.5 < 0.5 < loaded.weights["excellent"]
    assert loaded.weights["not_bad"] > loaded.weights["bad"]  # negation scope is learned
    assert loaded.weights["not_good"] < 0 < loaded.weights["good"]


def test_read_model_reads_the_text_form():
    loaded = read_model("# a comment\nbias\t-0.5\ngreat\t1.25\nwaste of\t-2\n")
    assert loaded.bias == -0.5 and loaded.weights == {"great": 1.25, "waste of": -2.0}
    assert loaded.score(features("A great film.")) == pytest.approx(0.75)


def test_a_strongly_negative_review_is_negative_and_names_its_evidence():
    verdict = analyze(BAD).verdict
    assert verdict.label == "negative"
    cues = verdict.evidence
    assert 1 <= len(cues) <= 8
    assert any(cue.weight < 0 and "waste" in cue.text.lower() for cue in cues)
    strongest = max((cue for cue in cues if cue.weight < 0), key=lambda cue: -cue.weight)
    assert verdict.reason.startswith("Negative: ") and f'"{strongest.text}"' in verdict.reason


def test_a_positive_review_is_positive_with_evidence_each_way():
    verdict = analyze(GOOD).verdict
    assert verdict.label == "positive"
    assert any(cue.weight > 0 for cue in verdict.evidence)


@pytest.mark.parametrize("text", [BAD, GOOD, "Meh.", "Wow!!!", "Tom Hanks."])
def test_evidence_spans_are_valid_ordered_and_apart(text):
    result = analyze(text)
    cues = result.verdict.evidence
    assert len(cues) <= 8
    for cue in cues:
        assert 0 <= cue.start < cue.end <= len(result.text) and result.text[cue.start:cue.end] == cue.text
        assert cue.weight != 0
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


def test_overlapping_features_pushing_the_same_way_become_one_phrase():
    text = "This was a waste of time."
    weights = {"waste of": -2.0, "of time": -1.0, "waste": -0.5, "this": 0.1}
    cues = evidence(text, features(text), weights, leaning=-1)
    assert [(cue.text, cue.weight) for cue in cues] == [("waste of time", -3.5)]  # "This" holds no opinion


def test_evidence_starts_only_from_an_opinion_that_pushes_its_way():
    text = "Only if you like looked-like plots, a man named Bob: it is lovely, not good, and a waste."
    weights = {"only if": -3.0, "looked like": -2.5, "man named": -2.0, "lovely": -1.0, "not_good": -0.8,
               "waste": -0.6, "bob": -4.0}
    cues = evidence(text, features(text), weights, leaning=-1)
    assert [cue.text for cue in cues] == ["not good", "waste"]  # "lovely" pushes against its meaning


def test_evidence_goes_through_the_json_record_and_the_cache(tmp_path):
    result = analyze(BAD, name="bad.txt")
    record = to_json(result)
    assert record["verdict"]["evidence"] == [
        {"text": cue.text, "start": cue.start, "end": cue.end, "weight": cue.weight} for cue in result.verdict.evidence]
    cache = ResultCache(tmp_path, version="test")
    key = content_key(BAD.encode())
    cache.store(key, result)
    assert cache.load(key, name="bad.txt", size=len(BAD.encode())) == result


def train(tmp_path: Path, name: str, *args: str) -> bytes:
    """The model build/train/train_verdict.py writes to ``name``."""
    run = subprocess.run([sys.executable, str(ROOT / "build" / "train" / "train_verdict.py"),
                          "--output", str(tmp_path / name), *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1200, check=False)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    return (tmp_path / name).read_bytes()


@pytest.mark.shared
@pytest.mark.slow  # three processes load the models: left out of the quick run with the other retrains
def test_a_small_retrain_on_a_fixed_subset_is_byte_identical_in_one_process_or_two(shared, tmp_path):
    first = train(tmp_path, "a.tsv", "--subset", "400", "--folds", "0", "--jobs", "1")
    second = train(tmp_path, "b.tsv", "--subset", "400", "--folds", "0", "--jobs", "2")
    assert first == second
    assert read_model(first.decode()).weights  # a usable model


@pytest.mark.shared
@pytest.mark.slow
def test_the_committed_model_is_what_the_build_script_makes(shared, tmp_path):
    rebuilt = train(tmp_path, "verdict.tsv", "--folds", "0")
    committed = (resources_dir() / MODEL_FILE).read_bytes()
    assert hashlib.sha256(rebuilt).hexdigest() == hashlib.sha256(committed).hexdigest()
