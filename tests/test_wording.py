"""The words about a sentence, checked without a window."""

from __future__ import annotations

import subprocess
import sys

from desktop.engine import Evidence, Sentence
from desktop.ui.reading.wording import sentence_share, sentence_summary, sentence_tooltip

SENTENCE = Sentence(10, 40, 0.6, 0.7, (("fine", 0.0), ("wonderful", 1.0)))


def test_the_status_line_names_the_strength_and_the_words_that_moved_the_score():
    assert sentence_summary(SENTENCE) == ("Strongly positive (polarity +0.60) · subjectivity 0.70 · "
                                          "driven by: wonderful (+1.00)")
    assert sentence_summary(Sentence(0, 5, 0.0, 0.0, ())).endswith("driven by: no scored words")


def test_the_share_counts_only_the_evidence_inside_the_sentence():
    evidence = (Evidence("wonderful", 20, 29, 1.5), Evidence("dull", 50, 54, -0.5))
    assert sentence_share(SENTENCE, evidence) == "Share of the verdict's evidence: +75% from \u201cwonderful\u201d (+1.50)"
    assert sentence_share(SENTENCE, evidence[1:]) == ""
    assert "evidence: +75% from" in sentence_tooltip(SENTENCE, evidence)  # escaped for rich text


def test_the_words_need_no_qt():
    code = "import sys, desktop.ui.reading.wording; print('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
