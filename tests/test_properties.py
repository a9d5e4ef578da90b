"""Property-based tests of cleaning and analysis on arbitrary input."""

from __future__ import annotations

import html
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.app.files import saved_text
from desktop.engine import ReviewError, analyze, prepare
from desktop.engine.text.clean import clean

WORD = re.compile(r"\w+")
QUICK = os.environ.get("REVIEW_READER_QUICK_RUN") == "1"
"""Set by ``build/tasks.py test --quick``: a quick run tries a fifth of each test's examples, the full run all."""


def examples(count: int) -> settings:
    """Try ``count`` examples (a fifth of them in the quick run), however slow each is."""
    return settings(max_examples=count // 5 if QUICK else count, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


EXAMPLES = examples(600)

# Pieces of IMDB-like raw text: words, spaces, punctuation, line-break and formatting tags, entities.
words = st.from_regex(r"[A-Za-z0-9\u00e9\u00fc\u4e2d\u0416]{1,10}", fullmatch=True)
pieces = st.one_of(
    words,
    st.sampled_from([" ", "  ", "\n", "\r\n", "\t", ". ", "! ", "? ", ", ", "...", "'s", "n't", "\u2019", '"', "(", ")"]),
    st.sampled_from([" <br /> ", " <br/><br /> ", " <BR> ", " <p> ", " <i> ", " </i> ", " <b> ", " </b> "]),
    st.sampled_from([" &amp; ", " &quot; ", " &#39; ", " &lt;3 ", " a < b ", " &eacute; "]),
)
raw_reviews = st.lists(pieces, min_size=1, max_size=60).map("".join)


def content_words(raw: str) -> list[str]:
    """The words a reader sees: without tags, entities unescaped."""
    visible = re.sub(r"<\s*/?\s*(?:br|p|i|b)\s*/?\s*>", " ", raw, flags=re.IGNORECASE)
    return WORD.findall(html.unescape(visible))


@EXAMPLES
@given(raw_reviews)
def test_no_word_of_the_text_content_is_lost(raw):
    assert sorted(WORD.findall(clean(raw))) == sorted(content_words(raw))


@EXAMPLES
@given(st.one_of(raw_reviews, st.text()))
def test_cleaning_is_idempotent(raw):
    once = clean(raw)
    # Escaped markup ("&lt;br&gt;") is shown literally once unescaped; cleaning that text
    # again would read it as markup, so such outputs are outside this property.
    if html.unescape(once) == once and not re.search(r"<\s*/?\s*[A-Za-z]", once):
        assert clean(once) == once


# Markup written as text ("&lt;b&gt;"): shown literally, it must not turn into markup when saved and read back.
escaped_markup = st.sampled_from([" &lt;b&gt;bold&lt;/b&gt; ", " &lt;br /&gt; ", " &amp;amp; ", " &amp;lt;i&amp;gt; ",
                                  " &lt;p&gt; ", " &amp;quot; "])
with_escaped_markup = st.lists(st.one_of(pieces, escaped_markup), min_size=1, max_size=60).map("".join)


@EXAMPLES
@given(st.one_of(with_escaped_markup, st.text()))
def test_a_saved_review_reads_back_as_it_was_shown(raw):
    shown = clean(raw)
    assert clean(saved_text(shown)) == shown


@examples(500)
@given(st.one_of(raw_reviews, st.text(min_size=1)))
def test_spans_lie_inside_the_text_and_sentences_do_not_overlap(raw):
    try:
        result = analyze(raw)
    except ReviewError:
        assert not any(ch.isalnum() for ch in clean(raw))
        return
    text = result.text
    previous = 0
    for sentence in result.sentences:
        assert previous <= sentence.start < sentence.end <= len(text)
        assert -1.0 <= sentence.polarity <= 1.0 and 0.0 <= sentence.subjectivity <= 1.0
        previous = sentence.end
    for paragraph in result.paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= len(text)
    for person in result.people:
        assert person.mentions
        for start, end in person.mentions:
            assert 0 <= start < end <= len(text)
    assert -1.0 <= result.verdict.score <= 1.0


@examples(500)
@given(st.binary(max_size=2000))
def test_analysis_never_raises_on_arbitrary_bytes(raw):
    try:
        prepared = prepare(raw)
    except ReviewError as error:
        assert str(error)
        return
    result = analyze(raw)
    assert result.text == prepared.text
