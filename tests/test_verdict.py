"""The verdict: labels, scores, reasons, explicit ratings and the phrase list."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.app.files import imdb_rating
from desktop.engine import analyze, models, prepare
from desktop.engine.result import Sentence, Span
from desktop.engine.text.sentences import sentence_spans
from desktop.engine.text.sentiment import score_sentence
from desktop.engine.verdict.decision import decide, phrases
from desktop.engine.verdict.ratings import explicit_rating
from desktop.paths import resources_dir

_COUNTS = re.compile(r"(\d+) of (\d+) sentences are (positive|negative) \((\d+) (positive|negative)\)")


def verdict_of(text: str):
    """decide() on text scored by the real engine pieces (no people finder)."""
    engine = models()
    prepared = prepare(text)
    spans = sentence_spans(prepared.text, engine.sentence_splitter)
    sentences = tuple(score_sentence(prepared.text, span, engine.sentiment) for span in spans)
    return decide(prepared.text, sentences, prepared.paragraphs)


def made_up(polarities: list[float]) -> tuple[str, tuple[Sentence, ...], tuple[Span, ...]]:
    """A text of neutral filler sentences (to the learned model too: no digits) carrying the given polarities."""
    text, sentences = "", []
    for index, polarity in enumerate(polarities):
        body = f"This is line {chr(97 + index % 26)} of the text."
        start = len(text)
        text += body + " "
        sentences.append(Sentence(start, start + len(body), polarity, 0.5))
    text = text.rstrip()
    return text, tuple(sentences), (Span(0, len(text)),)


def assert_consistent(verdict, sentence_count: int) -> None:
    assert verdict.label in ("positive", "negative", "mixed")
    assert -1.0 <= verdict.score <= 1.0
    if verdict.label == "positive":
        assert verdict.score > 0
    if verdict.label == "negative":
        assert verdict.score < 0
    assert verdict.positive + verdict.negative + verdict.neutral == sentence_count
    assert verdict.reason.endswith(".") and verdict.reason.count(". ") == 0


def test_clearly_positive_review():
    verdict = verdict_of(
        "What a wonderful film. The acting is superb and the story is moving.\n\n"
        "A masterpiece that I highly recommend to everyone."
    )
    assert verdict.label == "positive"
    assert verdict.score > 0.5
    assert_consistent(verdict, 3)


def test_clearly_negative_review():
    verdict = verdict_of(
        "This was a waste of time. The plot makes no sense and the acting is wooden.\n\n"
        "I fell asleep halfway through. Avoid it."
    )
    assert verdict.label == "negative"
    assert verdict.score < -0.5
    assert_consistent(verdict, 4)


def test_balanced_strong_praise_and_criticism_is_mixed():
    text, sentences, paragraphs = made_up([0.9, -0.9, 0.8, -0.8, 0.0, 0.0])
    verdict = decide(text, sentences, paragraphs)
    assert verdict.label == "mixed"
    assert verdict.reason.startswith("Mixed, leaning ")
    assert (verdict.score > 0) == ("leaning positive" in verdict.reason)


def test_explicit_rating_decides_and_says_so():
    verdict = verdict_of("The sets are beautiful, the music is great and the cast is wonderful. "
                         "A moving, funny, lovely film.\n\nStill, 3/10.")
    assert verdict.label == "negative"
    assert verdict.score < 0
    assert verdict.reason.startswith("Negative: the reviewer rates it 3/10")
    assert "the text alone leans positive" in verdict.reason


def test_a_middle_rating_is_mixed():
    verdict = verdict_of("Good actors, weak script. I would give it a 6 out of 10.")
    assert verdict.label == "mixed"
    assert "6/10" in verdict.reason


@pytest.mark.parametrize(
    ("text", "value", "scale"),
    [
        ("I give it 7/10.", 7, 10),
        ("Three out of ten.", 3, 10),
        ("3 out of 10 stars, sadly.", 3, 10),
        ("One star.", 1, 5),
        ("Rating: 4/5", 4, 5),
        ("Two and a half stars.", 2.5, 5),
        ("My grade: B+", 8.5, 10),
        ("***1/2 out of ****", 3.5, 4),
        ("I'd give this movie an 8.", 8, 10),
        ("IMDb users rate it 8/10, but I say 2/10.", 2, 10),
        ("It gave me nightmares .8/10 .", 8, 10),
        ("Worth it. 8/10.", 8, 10),
        ("A fine sequel (8/10)", 8, 10),
        ("My score: 8 / 10", 8, 10),
        ("Final verdict...6/10", 6, 10),
        ("It earns a 3.8/10 from me.", 3.8, 10),
    ],
)
def test_explicit_ratings_are_read(text, value, scale):
    rating = explicit_rating(text)
    assert rating is not None
    assert (rating.value, rating.scale) == (value, scale)


@pytest.mark.parametrize(
    "text",
    [
        "The two stars of the film have real chemistry.",
        "The killer is revealed 1/4 of the way through.",
        "It opened on 9/11 in a few cinemas.",
        "Most IMDb users rate it 8/10.",
        "He was paid $1,000,000 for the role.",
        "It is rated R for violence.",
    ],
)
def test_things_that_are_not_the_reviewers_rating(text):
    assert explicit_rating(text) is None


def test_listed_phrases_move_a_sentence_textblob_misses():
    assert verdict_of("It was a waste of time.").score < 0
    assert verdict_of("It is a masterpiece.").score > 0
    assert verdict_of("It was not a waste of time at all.").score > verdict_of("It was a waste of time.").score


def test_phrase_file_is_well_formed():
    listed = phrases()
    lines = [
        line for line in (resources_dir() / "verdict_phrases.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(listed.weights) + len(listed.stems) == len(lines)
    assert all(-2 <= weight <= 2 for weight in listed.weights.values())
    assert listed.weight("disappointing") < 0


def test_reason_counts_match_the_verdict():
    for text in (
        "Great cast. Lovely music. The plot is silly. Overall I enjoyed it a lot.",
        "Terrible film. The only good thing is the music. Boring and stupid.",
    ):
        verdict = verdict_of(text)
        match = _COUNTS.search(verdict.reason)
        assert match, verdict.reason
        lead, total, side, other, other_side = match.groups()
        counts = {"positive": verdict.positive, "negative": verdict.negative}
        assert int(total) == verdict.positive + verdict.negative + verdict.neutral
        assert (int(lead), int(other)) == (counts[side], counts[other_side])
        assert side == ("positive" if verdict.score > 0 else "negative")


def test_counts_are_the_sentence_colours_even_where_phrases_adjust_the_score():
    # "fell asleep" is a listed phrase in a sentence TextBlob scores 0.0: the score counts
    # it, but the counts are what the reader sees as colours, so it stays neutral there.
    text = "I fell asleep halfway through. The acting is great. The music is lovely."
    engine = models()
    prepared = prepare(text)
    spans = sentence_spans(prepared.text, engine.sentence_splitter)
    sentences = tuple(score_sentence(prepared.text, span, engine.sentiment) for span in spans)
    verdict = decide(prepared.text, sentences, prepared.paragraphs)
    signs = [s.sign for s in sentences]
    assert (verdict.positive, verdict.negative, verdict.neutral) == (
        signs.count(1), signs.count(-1), signs.count(0))
    assert sentences[0].sign == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-1, max_value=1), min_size=0, max_size=40))
def test_score_is_bounded_and_its_sign_is_the_leaning(polarities):
    text, sentences, paragraphs = made_up(polarities)
    verdict = decide(text or "Nothing.", sentences, paragraphs)
    assert_consistent(verdict, len(polarities))
    assert verdict.positive == sum(1 for p in polarities if p > 0.05)
    assert verdict.negative == sum(1 for p in polarities if p < -0.05)


def test_a_long_verdict_stops_when_cancelled():
    import threading

    from desktop.engine import Cancelled
    from desktop.engine.verdict.decision import CANCEL_EVERY

    text, sentences, paragraphs = made_up([0.5, -0.5] * 10)
    text = (text + " A wonderful, brilliant, awful film.") * (CANCEL_EVERY // 2)
    cancel = threading.Event()
    assert decide(text, sentences, paragraphs, cancel).label  # not yet set: decides as usual
    cancel.set()
    with pytest.raises(Cancelled):
        decide(text, sentences, paragraphs, cancel)


@pytest.mark.shared
def test_accuracy_on_a_seeded_sample_of_imdb_train(shared: Path):
    train = shared / "reviews" / "aclImdb_train"
    files = sorted(train.glob("pos/*.txt")) + sorted(train.glob("neg/*.txt"))
    chosen = random.Random(20241121).sample(files, 1000)
    right = 0
    mixed = 0
    for path in chosen:
        verdict = verdict_of(path.read_bytes())
        right += (verdict.score > 0) == (imdb_rating(path.name) >= 7)
        mixed += verdict.label == "mixed"
    assert right / len(chosen) >= 0.80
    assert mixed / len(chosen) <= 0.12


@pytest.mark.shared
def test_seed_review_is_positive_and_its_evidence_is_opinion(seed_review: bytes):
    from desktop.engine.verdict.model import lower
    from desktop.engine.verdict.opinion import opinion_words

    verdict = analyze(seed_review, name="seed_review.txt").verdict
    assert verdict.label == "positive"
    assert verdict.score > 0 and verdict.confidence > 0.8
    assert verdict.evidence
    for cue in verdict.evidence:
        assert set(re.findall(r"[a-z']+", lower(cue.text))) & set(opinion_words()), cue


def analysed_verdict(text: str):
    """The verdict the app shows for ``text``: the whole engine, people found and muted."""
    return analyze(text).verdict


def test_a_one_line_review_that_dismisses_the_film_is_negative():
    verdict = analysed_verdict("Read the book, forget the movie!")
    assert verdict.label == "negative"


@pytest.mark.parametrize("text", [
    "Great fun, and it gave me nightmares for a week. It is long and the ending drags .8/10 .",
    "Long, slow, and the ending drags, but it stays with you (8/10)",
    "The ending drags and the middle sags. Still: 8 / 10",
])
def test_a_written_rating_decides_however_it_is_punctuated(text):
    verdict = analysed_verdict(text)
    assert verdict.label == "positive"
    assert "rates it 8/10" in verdict.reason


def test_confidence_is_a_probability_of_the_leaning_and_the_score_ranks():
    weak = analysed_verdict("It was fine, I guess.")
    strong = analysed_verdict("A masterpiece. The acting is superb, the score is wonderful and the story is "
                              "moving. I loved every minute and I highly recommend it to everyone.")
    for verdict in (weak, strong):
        assert 0.5 <= verdict.confidence <= 1
        assert -1 < verdict.score < 1
    assert strong.label == "positive" and strong.confidence > 0.95
    assert strong.confidence > weak.confidence and abs(strong.score) > abs(weak.score)


def test_a_short_review_that_is_only_unsure_is_not_mixed():
    for text in ("Not bad.", "Decent phone for the price.", "The battery could be better."):
        assert analysed_verdict(text).label != "mixed", text


@pytest.mark.parametrize("text", [
    "Uwe Boll directed this. Uwe Boll wrote it too. The story follows a detective through the city at night.",
    "Meryl Streep plays the mother, and Meryl Streep's daughter is played by a newcomer. It runs two hours.",
])
def test_a_name_never_pushes_the_verdict_or_shows_as_evidence(text):
    analysis = analyze(text)
    named = [mention for person in analysis.people for mention in person.mentions]
    assert named, "the people finder found the names"
    for cue in analysis.verdict.evidence:
        assert not any(cue.start < end and start < cue.end for start, end in named), cue
    assert analysis.verdict.confidence < 0.9  # nothing but names and plot: no strong verdict


def test_evidence_is_made_of_opinion_words_that_push_its_way():
    from desktop.engine.verdict.model import features
    from desktop.engine.verdict.opinion import leaning

    text = ("I only watched it because a man named Harold Finch recommended it, and it looked like a capital "
            "city drama. It is a waste of time: dull, badly acted and far too long, though the music is lovely.")
    analysis = analyze(text)
    assert analysis.verdict.evidence
    spans = features(text)
    for cue in analysis.verdict.evidence:
        inside = [name for name, (start, end) in spans.items() if cue.start <= start and end <= cue.end]
        assert any(leaning(name) == (1 if cue.weight > 0 else -1) for name in inside), cue
        assert cue.phrase.lower() not in ("only if", "looked like", "man named", "capital city")


def test_reported_speech_is_not_the_reviewers_view():
    own = analysed_verdict("I loved every minute of it.")
    reported = analysed_verdict("Critics called it 'the worst and most boring film of the year', but I loved "
                                "every minute of it.")
    assert reported.label == "positive"
    assert not any("worst" in cue.text.lower() or "boring" in cue.text.lower() for cue in reported.evidence)
    assert own.label == "positive"
    others = analysed_verdict("Some say it is a masterpiece. It is dull and far too long.")
    assert others.label == "negative"
    assert not any("masterpiece" in cue.text.lower() for cue in others.evidence)


def test_hedged_negation_is_not_read_as_criticism():
    verdict = analysed_verdict("It is hardly the worst film I have seen, and the cast is lovely.")
    assert not any(cue.phrase.lower() == "worst" for cue in verdict.evidence)
    assert verdict.confidence < 0.7  # faint praise at worst: never a confident "negative" for "worst"
    assert analysed_verdict("It was never boring and I laughed a lot.").label == "positive"


@pytest.mark.shared
@pytest.mark.parametrize("name", ["imdb_labelled.txt", "amazon_cells_labelled.txt"])
def test_one_line_reviews_get_a_label_and_a_calibrated_confidence(shared: Path, name):
    lines = (shared / "reviews" / "short" / name).read_text(encoding="utf-8").strip().split("\n")
    verdicts, truth = [], []
    for line in lines:
        sentence, _, label = line.rstrip().rpartition("\t")
        verdicts.append(verdict_of(sentence))
        truth.append(label == "1")
    labels_right = sum(v.label == ("positive" if t else "negative") for v, t in zip(verdicts, truth))
    assert labels_right / len(lines) >= 0.85  # "mixed" counts as wrong
    assert sum(v.label == "mixed" for v in verdicts) / len(lines) <= 0.08
    leaning_right = [(v.score > 0) == t for v, t in zip(verdicts, truth)]
    gap = 0.0  # expected calibration error over 10 bins of confidence
    for low in [0.5 + 0.05 * i for i in range(10)]:
        chosen = [i for i, v in enumerate(verdicts) if low <= v.confidence < low + 0.05 or (low > 0.94 and v.confidence >= 1)]
        if chosen:
            right = sum(leaning_right[i] for i in chosen) / len(chosen)
            sure = sum(verdicts[i].confidence for i in chosen) / len(chosen)
            gap += abs(right - sure) * len(chosen) / len(lines)
    assert gap <= 0.05


def test_a_rating_the_text_contradicts_keeps_its_leaning_in_label_and_score():
    verdict = verdict_of("The worst film of the year: boring, stupid, ugly, badly acted, a waste of time and "
                         "money, awful from start to end, avoid it. 9/10")
    assert verdict.label == "positive" and verdict.score > 0
    assert 0.5 <= verdict.confidence < 0.8
