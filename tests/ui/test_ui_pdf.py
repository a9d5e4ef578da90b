"""The PDF report reads like a printed page: measured with poppler's pdftotext (skipped without it),
and marks the text as the HTML report does: checked in the document it is drawn from."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QTextCharFormat, QTextDocument

from desktop import colours
from desktop.app.exports import fragments, pdf_report, report_document, unshowable
from desktop.engine import analyze
from desktop.paths import sample_review

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

EVIDENCE = (QTextCharFormat.UnderlineStyle.SingleUnderline, colours.LIGHT.evidence)
"""The verdict's evidence: a solid underline in the evidence colour."""
MENTION = (QTextCharFormat.UnderlineStyle.DotLine, colours.LIGHT.accent)
"""A person's mention: a dotted underline in the accent colour."""

SENTENCES = (
    "Tom Hanks gives a warm and generous performance as a tired ferry captain who keeps his passengers calm.",
    "The script is clumsy in places, and the second act drags on for far longer than it has any right to.",
    "Meryl Streep makes every one of her scenes better, even the ones that were written without much care.",
    "I loved the photography of the harbour at dawn, although the music is often louder than it needs to be.",
)


@pytest.fixture(scope="module")
def long_review():
    paragraphs = [" ".join(f"Scene {4 * i + k}. " + SENTENCES[(i + k) % 4] for k in range(4))
                  for i in range(24)]  # every line different
    return analyze("<br /><br />".join(paragraphs), name="harbour_8.txt")


def _words(pdf) -> list[tuple[float, float, float, float, str]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)
    return [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in found]


@needs_poppler
def test_a_long_review_prints_on_numbered_pages_in_book_sized_type(app, long_review, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf_report(pdf, long_review, colours.RED_GREEN)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    assert all(f"page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "Verdict:" in pages[0] and "People" in pages[0] and "Tom Hanks" in pages[0]
    heights = [bottom - top for _, top, _, bottom, _ in _words(pdf)]
    assert 11 <= statistics.median(heights) <= 16  # the word boxes of 11-point type (about 13 pt tall)
    body = [line for page in pages[1:] for line in page.splitlines() if len(line) > 40]
    assert 65 <= statistics.median(len(line) for line in body) <= 95
    # every scene once: nothing lost, and no line printed again (visibly or hidden) on the next page
    assert sorted(int(n) for n in re.findall(r"Scene (\d+)\.", text)) == list(range(96))
    for before, after in zip(pages, pages[1:]):
        last = [line for line in before.splitlines() if len(line) > 40][-1]
        assert last not in after.splitlines()[:3]


@needs_poppler
def test_characters_no_font_has_are_named_at_the_top(app, tmp_path):
    candidates = "\u65e5\u672c\u8a9e\U0001f9ec\u16a0\u0f00"
    fonts = [QFontMetrics(QFont(family)) for family in QFontDatabase.families()]
    missing = [ch for ch in candidates if not any(metrics.inFontUcs4(ord(ch)) for metrics in fonts)]
    review = analyze(f"Tom Hanks is wonderful in this film. The title reads {candidates}.", name="t.txt")
    assert unshowable(review.text) == sorted(missing)
    pdf = tmp_path / "report.pdf"
    pdf_report(pdf, review, colours.RED_GREEN)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    if not missing:
        pytest.skip("every candidate character has a font on this machine")
    assert "cannot be shown" in text and all(f"U+{ord(ch):04X}" in text for ch in missing)


@pytest.fixture(scope="module")
def sample():
    path = sample_review()
    return analyze(path.read_bytes(), name=path.name)


def _underlines(document: QTextDocument) -> dict[int, tuple[QTextCharFormat.UnderlineStyle, str]]:
    """The underline (style, colour) of each character of the document, by position (paragraph ends have none)."""
    marks = {}
    for fragment in fragments(document):
        form = fragment.charFormat()
        for position in range(fragment.position(), fragment.position() + fragment.length()):
            marks[position] = (form.underlineStyle(), form.underlineColor().name())
    return marks


def test_the_verdicts_evidence_is_underlined_and_peoples_names_dotted(app, sample):
    document = report_document(sample, colours.RED_GREEN)
    review = document.toPlainText().rindex(sample.text)
    marks = _underlines(document)
    evidence = {i for cue in sample.verdict.evidence for i in range(cue.start, cue.end)}
    mentions = {i for person in sample.people for start, end in person.mentions for i in range(start, end)}
    assert evidence and mentions - evidence
    in_text = {position - review: mark for position, mark in marks.items() if position >= review}
    assert {i for i, mark in in_text.items() if mark == EVIDENCE} == evidence
    assert {i for i, mark in in_text.items() if mark == MENTION} == mentions - evidence


@needs_poppler
def test_the_legend_at_the_top_says_what_each_mark_means(app, sample, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf_report(pdf, sample, colours.RED_GREEN)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    first_page = " ".join(text.split("\f")[0].split())
    legend = first_page[first_page.index("Legend"):first_page.index("People")]
    assert "Solid underline: the words that weighed most in the verdict (its evidence, listed above)." in legend
    assert "Dotted underline: a person\u2019s name" in legend
