"""The PDF report reads like a printed page: measured with poppler's pdftotext (skipped without it)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from desktop import colours
from desktop.analysis import analyze
from desktop.ui.exports import pdf_report, unshowable

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

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
