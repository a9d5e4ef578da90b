"""The words a reader sees about a sentence: its tooltip and its line in the status bar (no Qt)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from desktop import colours
from desktop.engine import Evidence, Sentence


def sentence_tooltip(sentence: Sentence, evidence: Sequence[Evidence] = ()) -> str:
    """Rich text for a sentence's tooltip, with its share of the verdict; the review's words are escaped."""
    lines = [f"<b>{colours.strength(sentence.polarity).capitalize()}</b> (polarity {sentence.polarity:+.2f})"
             f" · subjectivity {sentence.subjectivity:.2f}"]
    words = ", ".join(f"{html.escape(word)} ({score:+.2f})" for word, score in _weighed(sentence))
    lines.append(f"Driven by: {words}" if words else "No scored words")
    share = sentence_share(sentence, evidence)
    if share:
        lines.append(html.escape(share))
    return "<p style='white-space:pre'>" + "<br>".join(lines) + "</p>"


def sentence_share(sentence: Sentence, evidence: Sequence[Evidence]) -> str:
    """What the sentence adds to the verdict: its evidence and that evidence's share of all of it ("" if none)."""
    inside = [cue for cue in evidence if sentence.start <= cue.start < sentence.end]
    total = sum(abs(cue.weight) for cue in evidence)
    if not inside or not total:
        return ""
    share = sum(cue.weight for cue in inside) / total
    words = ", ".join(f"\u201c{cue.phrase}\u201d ({cue.weight:+.2f})" for cue in inside)
    return f"Share of the verdict's evidence: {share:+.0%} from {words}"


def sentence_summary(sentence: Sentence) -> str:
    """One plain line about a sentence, for the status bar."""
    words = ", ".join(f"{word} ({score:+.2f})" for word, score in _weighed(sentence)) or "no scored words"
    return (f"{colours.strength(sentence.polarity).capitalize()} (polarity {sentence.polarity:+.2f}) · "
            f"subjectivity {sentence.subjectivity:.2f} · driven by: {words}")


def _weighed(sentence: Sentence) -> list[tuple[str, float]]:
    """The sentence's drivers that moved its score (not those TextBlob scored 0.00)."""
    return [(word, score) for word, score in sentence.drivers if round(score, 2)]
