"""The overall verdict of a review from its sentence scores."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.analysis.result import Sentence, Span, Verdict

NEUTRAL_BAND = 0.05
THRESHOLD = 0.1


def decide(text: str, sentences: Sequence[Sentence], paragraphs: Sequence[Span]) -> Verdict:
    """Label, score and reason from the sentence polarities."""
    positive = sum(1 for s in sentences if s.polarity > NEUTRAL_BAND)
    negative = sum(1 for s in sentences if s.polarity < -NEUTRAL_BAND)
    neutral = len(sentences) - positive - negative
    mean = sum(s.polarity for s in sentences) / len(sentences) if sentences else 0.0
    score = max(-1.0, min(1.0, mean - THRESHOLD))
    label = "positive" if score > 0.02 else "negative" if score < -0.02 else "mixed"
    reason = f"{label.capitalize()}: {positive} of {len(sentences)} sentences are positive."
    return Verdict(label, round(score, 4), positive, negative, neutral, reason)
