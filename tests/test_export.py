"""Library CSV and JSON exports, the summary text, and the self-contained HTML report."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import pytest
from review_inputs import unmarked

from desktop import colours
from desktop.app.records import ROW_FIELDS, SCHEMA, LibraryRow, ReviewFile, summarise, to_json
from desktop.engine import Person, analyze
from desktop.export import counted, facts, html_report, library_csv, library_json, summary_text

ROWS = [
    LibraryRow(ReviewFile.at("lib/pos/1_8.txt"), "positive", 0.4, 2, 120, "en"),
    LibraryRow(ReviewFile.at("lib/pos/2_7.txt"), "mixed", 0.01, 0, 80, "en"),
    LibraryRow(ReviewFile.at("lib/neg/3_2.txt"), "negative", -0.3, 1, 95, "en"),
    LibraryRow(ReviewFile.at("lib/neg/4_1.txt"), error="This file is empty."),
]
HOSTILE = ("Tom Hanks is superb. <script>alert('x')</script> and <img src=x onerror=alert(1)> "
           "are kept as text. &lt;b&gt;bold&lt;/b&gt; stays literal. The ending is awful.")


def test_library_csv_has_a_header_and_one_row_per_file():
    rows = list(csv.DictReader(io.StringIO(library_csv(ROWS))))
    assert list(rows[0]) == list(ROW_FIELDS)
    assert [row["file"] for row in rows] == [row.file for row in ROWS]
    assert rows[0] == {"file": "lib/pos/1_8.txt", "row": "", "label": "positive", "rating": "8", "verdict": "positive",
                       "score": "0.4", "people": "2", "words": "120", "language": "en", "error": ""}
    assert rows[3]["verdict"] == "" and rows[3]["error"] == "This file is empty."


def test_library_json_holds_the_rows_and_their_summary():
    document = json.loads(library_json(ROWS))
    assert document["reviews"] == [to_json(row) for row in ROWS]
    assert document["reviews"][0] == {"schema": SCHEMA, "file": "lib/pos/1_8.txt", "row": None, "label": "positive",
                                      "rating": 8, "verdict": "positive", "score": 0.4, "people": 2, "words": 120,
                                      "language": "en", "error": None}
    assert document["summary"]["reviews"] == 4 and document["summary"]["failed"] == 1
    assert document["summary"]["agreement"] == pytest.approx(2 / 3)
    assert set(document) == {"engine", "summary", "reviews"}


def test_summary_text_with_labels_shows_agreement_confusion_and_ratings():
    text = summary_text(summarise(ROWS))
    assert "Reviews: 4 (3 analysed, 1 could not be analysed)" in text
    assert "Verdicts: positive 1 (33.3%), negative 1 (33.3%), mixed 1 (33.3%)" in text
    assert "Agreement with labels: 66.7% (2 of 3;" in text
    assert re.search(r"positive\s+1\s+0\s+1\n", text) and re.search(r"negative\s+0\s+1\s+0\n", text)
    assert re.search(r"\n\s+8\s+1\s+100.0%  #{30}\n", text)
    assert re.search(r"\n\s+7\s+1\s+0.0%\n", text)


def test_summary_text_without_labels_says_so():
    rows = [replace(row, review=replace(row.review, label=None, rating=None)) for row in ROWS]
    text = summary_text(summarise(rows))
    assert "Labels: none" in text and "Agreement" not in text


@pytest.fixture(scope="module")
def hostile_report():
    analysis = analyze(HOSTILE, name='reviews/<b>"odd" name</b>.txt')
    return analysis, html_report(analysis)


def test_every_piece_of_review_text_is_escaped(hostile_report):
    record, page = hostile_report
    page = unmarked(page)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; stays literal." in page  # the engine's literal <b>, escaped again
    assert "&lt;b&gt;&quot;odd&quot; name&lt;/b&gt;.txt" in page
    assert "<b>" not in page


def test_the_report_is_self_contained(hostile_report):
    _, page = hostile_report
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"\b(?:src|href)\s*=", page.replace("&lt;img src=x", ""))
    assert "url(" not in page and "@import" not in page and "http" not in page.split("</style>")[1]
    assert "default-src 'none'" in page


def test_the_report_shows_verdict_people_legend_and_sentence_colours(hostile_report):
    analysis, page = hostile_report
    verdict = analysis.verdict
    assert "Verdict: <span" in page and f"{verdict.score:+.2f}" in page
    assert f"<p>{verdict.reason.replace(chr(34), '&quot;')}</p>" in page
    assert "Tom Hanks" in page and 'class="person">Tom Hanks</span>' in page
    assert page.count('<table class="legend">') == 1
    assert all(f'<td class="{name}">&nbsp;</td>' in page for name in ("n5", "n1", "n0", "p1", "p5"))
    for sentence in analysis.sentences:
        colour = colours.sentence_colour(sentence.polarity, colours.RED_GREEN, colours.LIGHT)
        step = colours.step(sentence.polarity)
        name = f"{'p' if step > 0 else 'n'}{abs(step)}"
        assert f'<span class="{name}" title="polarity {sentence.polarity:+.2f}">' in page
        assert f".{name} {{ background: {colour or colours.LIGHT.page}; }}" in page


def test_names_reasons_and_file_names_from_a_record_are_escaped():
    analysis = analyze("A fine film.", name="x.txt")
    analysis = replace(analysis, people=(Person("<i>Eve</i>", ()),),
                       verdict=replace(analysis.verdict, reason="Because <u>I</u> said & so."))
    page = html_report(analysis, colours.BLUE_ORANGE, colours.DARK)
    assert "&lt;i&gt;Eve&lt;/i&gt;" in page and "Because &lt;u&gt;I&lt;/u&gt; said &amp; so." in page
    assert colours.DARK.page in page


def test_the_report_is_ascii_with_references_for_other_characters():
    page = unmarked(html_report(analyze("Un café très naïf – ☃ – but a wonderful film.", name="café.txt")))
    assert page.isascii()
    assert "Un caf&#233; tr&#232;s na&#239;f &#8211; &#9731;" in page and "caf&#233;.txt" in page


def test_the_report_lists_the_verdicts_evidence_and_marks_it_in_the_text():
    result = analyze("What a waste of time. The plot is boring and the acting is the worst. Avoid it.",
                     name="bad.txt")
    page = html_report(result)
    assert result.verdict.evidence
    for cue in result.verdict.evidence:
        assert f'<span class="evidence">{cue.text}</span>' in page  # marked in the text
        assert f'&#8220;{cue.text}&#8221;</span> ({cue.weight:+.2f})' in page  # listed in the verdict card


def test_the_legend_says_what_each_mark_in_the_text_means_and_only_the_marks_it_has(hostile_report):
    _, page = hostile_report
    assert '<span class="evidence">Solid underline</span>: the words that weighed most' in page
    assert '<span class="person">Dotted underline</span>: a person' in page
    nameless = html_report(analyze("What a wonderful film. I loved it.", name="good.txt"))
    assert "Solid underline</span>" in nameless and "Dotted underline" not in nameless
    plain = analyze("It is a film.", name="plain.txt")
    plain = replace(plain, verdict=replace(plain.verdict, evidence=()))
    assert "underline</span>" not in html_report(plain)


def test_library_csv_writes_formulas_as_text_and_can_start_with_a_byte_order_mark():
    row = LibraryRow(ReviewFile.at("=HYPERLINK(\"evil.example\")"), verdict="negative", score=-0.5, people=0, words=3, error="@SUM(1)")
    text = library_csv([row], bom=True)
    assert text.startswith("\ufeff")
    (parsed,) = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert parsed["file"] == "'=HYPERLINK(\"evil.example\")" and parsed["error"] == "'@SUM(1)"
    assert parsed["score"] == "-0.5"  # numbers stay numbers
    assert not library_csv([row]).startswith("\ufeff")


def test_reports_count_in_words_a_reader_reads_and_name_an_encoding_only_when_one_was_decoded():
    assert (counted(1, "sentence"), counted(0, "sentence"), counted(1200, "word")) == (
        "1 sentence", "0 sentences", "1,200 words")
    pasted = analyze("A fine film.", name="Pasted review 1")
    assert facts(pasted) == ["3 words", "1 sentence"]
    assert facts(analyze(b"A fine film. Truly.", name="f.txt")) == ["UTF-8", "4 words", "2 sentences"]
    page = html_report(pasted)
    assert "Pasted review 1 &#183; 3 words &#183; 1 sentence</p>" in page and "Sentences: 1 positive, 0 negative, 0 neutral" in page


def test_a_line_break_in_a_file_name_stays_inside_its_quoted_cell():
    name = "lib/odd\r=HYPERLINK(\"x\")\nname.txt"
    row = LibraryRow(ReviewFile.at(name), "positive", 0.5, 0, 3, "en")
    text = library_csv([row])
    assert text.count("\r\n") == 2  # the header and one row: the name's breaks are inside quotes
    (parsed,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert parsed["file"] == name and parsed["verdict"] == "positive"
    assert not any(line.startswith("=") for line in text.split("\r\n"))
