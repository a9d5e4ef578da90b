"""Cleaning raw review text: breaks, tags, entities, spaces, missing spaces."""

import re

import pytest

from desktop.engine.text.clean import clean, paragraphs


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize("br", ["<br>", "<br/>", "<br />", "<BR>", "<Br  />", "< br/ >", "<p>", "</p>"])
def test_every_break_tag_spelling_becomes_a_line_break(br):
    assert clean(f"One line.{br}Two line.") == "One line.\nTwo line."


def test_two_or_more_breaks_make_one_paragraph_break():
    assert clean("First.<br /><br />Second.<br /><br /><br /><br />Third.") == "First.\n\nSecond.\n\nThird."


def test_nested_and_mixed_breaks_with_spaces_between():
    text = clean("A.<br /> <br/>\n<BR>B.<p><br>C.")
    assert text == "A.\n\nB.\n\nC."
    assert [text[p.start:p.end] for p in paragraphs(text)] == ["A.", "B.", "C."]


def test_entities_are_unescaped():
    assert clean("Fish &amp; chips, &quot;great&quot;, caf&eacute; &#8212; 5&nbsp;stars") == (
        'Fish & chips, "great", café — 5 stars'
    )


def test_escaped_html_stays_literal_text():
    assert clean("&lt;b&gt;bold&lt;/b&gt; and &lt;script&gt;") == "<b>bold</b> and <script>"


def test_formatting_tags_are_removed_and_their_words_kept():
    assert clean("I <i>loved</i> it, <b>really</b>. <span class='x'>Yes</span> <DIV>here</DIV>") == (
        "I loved it, really. Yes here"
    )


def test_links_embedded_content_and_scripts_are_kept_literally():
    raw = '<a href="http://x.org/">Link</a> <img src="x.png"> and <script>alert(1)</script>'
    assert clean(raw) == raw


@pytest.mark.parametrize("raw", ["I <3 this film", "if a < b then", "a<b and c>d", "x <= y", "<<great>>"])
def test_text_that_only_looks_like_tags_is_kept(raw):
    assert clean(raw) == raw


def test_spaces_collapse_and_crlf_is_normalised():
    assert clean("  Too    many \t spaces.\r\n\r\nNext\rline  ") == "Too many spaces.\n\nNext\nline"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("It was good.The end.", "It was good. The end."),
        ("Really?Yes!Great.", "Really? Yes! Great."),
        ('He said "awful."Then left.', 'He said "awful." Then left.'),
        ("Rated 3.5 stars.", "Rated 3.5 stars."),
        ("The U.S.Army and U.S. troops.", "The U.S.Army and U.S. troops."),
        ("Wait...What happened", "Wait...What happened"),
        ("See www.Example.com today.", "See www.Example.com today."),
        ("Version 2.0 is out.", "Version 2.0 is out."),
    ],
)
def test_missing_space_after_sentence_punctuation_is_repaired(raw, expected):
    assert clean(raw) == expected


def test_unicode_quotes_and_dashes_survive():
    raw = "\u201cIt\u2019s great\u201d \u2013 she said\u2026"
    assert clean(raw) == raw


def test_no_word_is_lost():
    raw = "Great<br />film &amp; cast. <i>Really</i> good.The end <3 a<b.<br /><br />Bye &lt;3"
    visible = raw.replace("<br />", " ").replace("<i>", "").replace("</i>", "")
    assert sorted(words(clean(raw))) == sorted(words(visible.replace("&amp;", "&").replace("&lt;", "<")))


def test_paragraph_spans_cover_the_text_between_breaks():
    text = clean("One.<br /><br />Two two.<br />Still two.<br /><br />Three.")
    spans = paragraphs(text)
    assert [text[s.start:s.end] for s in spans] == ["One.", "Two two.\nStill two.", "Three."]


def test_empty_and_tag_only_input_cleans_to_nothing():
    assert clean("") == ""
    assert clean("<br /><br />  <br/>") == ""
