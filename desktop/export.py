"""Exports shared by the CLI and the window: library CSV and JSON, the summary as text, and the HTML report.

Pure functions from records (``desktop.app.records``) to strings; no Qt, no files.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from html import escape
from pathlib import PurePath

from desktop import colours
from desktop.app.records import ROW_FIELDS, LibraryRow, PersonTally, Summary, summarise, to_json
from desktop.engine import ENGINE_VERSION, GIVEN_AS_TEXT, Analysis
from desktop.engine.result import LABELS, UNKNOWN, Evidence, Person, sureness

BAR_WIDTH = 30
"""Characters in the longest bar of the text chart."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts so as a formula: such text cells get a leading apostrophe."""


def library_csv(rows: Iterable[LibraryRow], bom: bool = False) -> str:
    """Library rows as CSV with a header line (``ROW_FIELDS``); empty cells for missing values.

    Text that a spreadsheet would run as a formula ("=HYPERLINK(...)" in a file name) is written as
    text; ``bom`` starts the file with a UTF-8 byte-order mark, so spreadsheets read it as UTF-8. Lines end
    in CR LF (RFC 4180), so a cell holding a line break of either kind (a file name may) is quoted and stays
    one cell of its row.
    """
    return "".join(library_csv_lines(rows, bom))


def library_csv_lines(rows: Iterable[LibraryRow], bom: bool = False) -> Iterator[str]:
    """:func:`library_csv` a line at a time, each made as its row comes."""
    return _csv_lines(ROW_FIELDS, rows, bom)


def _csv_lines(names: Sequence[str], records: Iterable[object], bom: bool) -> Iterator[str]:
    """A header of ``names``, then a line per record of those attributes (``safe_cell``), each made as it comes."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(names)
    for record in records:
        yield writer.writerow([safe_cell(getattr(record, name)) for name in names])


class _Echo:
    """A file for ``csv.writer`` that hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def safe_cell(value: object) -> object:
    """A CSV cell: empty for None, a tuple's items joined by "; ", and text a spreadsheet would run as a formula
    behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def library_json(rows: Iterable[LibraryRow], people: Iterable[PersonTally] = ()) -> str:
    """Library rows and their summary (with ``people``, the tallies of those they name) as one JSON document:
    ``{"engine", "summary", "reviews"}``, each record in its JSON form (``records.to_json``)."""
    rows = list(rows)
    document = {"engine": ENGINE_VERSION, "summary": to_json(summarise(rows, people)),
                "reviews": [to_json(row) for row in rows]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


PEOPLE_SHOWN = 20
"""People in a summary's text (its JSON form holds them all)."""

PERSON_FIELDS = tuple(field.name for field in fields(PersonTally))
"""The columns of a people CSV."""


def summary_text(summary: Summary) -> str:
    """A readable summary: verdict counts, with labels the agreement, confusion table and agreement by rating, and
    the people most named."""
    analysed = summary.reviews - summary.failed
    lines = [f"Reviews: {summary.reviews} ({analysed} analysed, {summary.failed} could not be analysed)"]
    lines.append("Verdicts: " + ", ".join(
        f"{label} {count} ({_share(count, analysed)})" for label, count in summary.verdicts.items()))
    if summary.agreement is None:
        lines.append("Labels: none (no pos/neg folders, no label column, no ratings)")
        return "\n".join(lines + _people_lines(summary.people)) + "\n"
    lines += [
        "",
        "Labels come from pos/neg folders or a table's label column, else from the rating (in a name such as"
        " 123_8.txt, or a rating column): out of 10, 7-10 is positive and 1-4 negative; out of 5, 4-5 and 1-2.",
        f"Agreement with labels: {summary.agreement:.1%} ({summary.agreed} of {summary.labelled}; mixed counts as"
        " a disagreement)",
        "",
        "Confusion table (rows: label, columns: verdict):",
        f"  {'':<10}" + "".join(f"{label:>10}" for label in LABELS),
    ]
    for expected, counts in summary.confusion.items():
        lines.append(f"  {expected:<10}" + "".join(f"{counts[label]:>10}" for label in LABELS))
    if summary.by_rating:
        lines += ["", "Agreement by rating:", f"  {'rating':>6}{'reviews':>9}{'agree':>8}"]
        for rating, tally in summary.by_rating.items():
            if tally["labelled"]:
                share = tally["agreed"] / tally["labelled"]
                bar = "#" * round(share * BAR_WIDTH)
                lines.append(f"  {rating:>6}{tally['reviews']:>9}{share:>8.1%}  {bar}".rstrip())
            else:
                lines.append(f"  {rating:>6}{tally['reviews']:>9}{'-':>8}  (no label)")
    return "\n".join(lines + _people_lines(summary.people)) + "\n"


def _people_lines(people: Sequence[PersonTally]) -> list[str]:
    """The summary's lines of the people most named (none when no one is)."""
    if not people:
        return []
    shown = people[:PEOPLE_SHOWN]
    heading = (f"People named ({len(shown):,}):" if len(shown) == len(people) else
               f"People most named ({len(shown)} of {len(people):,}; review-reader-cli people lists them all):")
    return ["", heading, *("  " + line for line in people_table(shown))]


def people_table(tallies: Sequence[PersonTally]) -> list[str]:
    """The tallies as lines of a text table: name, reviews, mentions, praised, criticised, neutral."""
    width = max((len(tally.name) for tally in tallies), default=4)
    return [f"{'Name':<{width}}  Reviews  Mentions  Praised  Criticised  Neutral", *(
        f"{tally.name:<{width}}  {tally.reviews:>7,}  {tally.mentions:>8,}  {tally.praised:>7,}  "
        f"{tally.criticised:>10,}  {tally.neutral:>7,}" for tally in tallies)]


def people_csv_lines(tallies: Iterable[PersonTally], bom: bool = False) -> Iterator[str]:
    """The tallies as CSV lines (``PERSON_FIELDS``; a person's merged names joined by "; "), as
    :func:`library_csv_lines` writes rows."""
    return _csv_lines(PERSON_FIELDS, tallies, bom)


def _share(count: int, total: int) -> str:
    return f"{count / total:.1%}" if total else "-"


def counted(number: int, noun: str) -> str:
    """ "1 sentence", "12 sentences": a number and a noun that takes an s."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def facts(analysis: Analysis) -> list[str]:
    """Its encoding (unless it was given as text), words and sentences: "UTF-8", "120 words", "1 sentence"."""
    encoding = [] if analysis.encoding == GIVEN_AS_TEXT else [analysis.encoding]
    return [*encoding, counted(analysis.word_count, "word"), counted(len(analysis.sentences), "sentence")]


def html_report(analysis: Analysis, scale: colours.Scale = colours.RED_GREEN,
                theme: colours.Theme = colours.LIGHT, printed: bool = False, note: str = "") -> str:
    """A self-contained HTML page for one review: coloured sentences, legend, people, verdict and reason.

    Every piece of review text is escaped; the page loads nothing and runs no script.
    It is pure ASCII (other characters as numeric references), so any output encoding carries it.
    ``printed`` sizes the type in points for a printed page (the PDF); ``note`` is a line said at the top.
    """
    verdict = analysis.verdict
    title = PurePath(analysis.name).name or "Review"
    verdict_ink = colours.ink(colours.label_sign(verdict.label), scale, theme)
    page = "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} – Review Reader</title>",
        f"<style>\n{_style(scale, theme, printed)}\n</style>",
        "</head>",
        "<body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="muted">{" · ".join(map(escape, [analysis.name, *facts(analysis)]))}</p></header>',
        f'<p class="note">{escape(note)}</p>' if note else "",
        '<section class="card">',
        f'<h2>Verdict: <span style="color:{verdict_ink}">{escape(verdict.label)}</span> '
        f'{escape(_in_brackets(sureness(verdict)))}</h2>',
        f'<p>{escape(verdict.reason)}</p>',
        "" if verdict.label == UNKNOWN else f'<p class="muted">Sentences: {verdict.positive} positive, '
        f'{verdict.negative} negative, {verdict.neutral} neutral</p>',
        _evidence(verdict.evidence),
        "</section>",
        _legend(scale, _marks(analysis)),
        _people(analysis.people),
        f'<main class="review">{_coloured_text(analysis)}</main>',
        "</body>",
        "</html>",
        "",
    ])
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")


PRINT_STYLE = """body { font-family: 'DejaVu Serif', Georgia, serif; font-size: 11pt; }
h1 { font-size: 17pt; margin-bottom: 0; }
h2 { font-size: 12.5pt; margin-top: 8pt; margin-bottom: 4pt; }
p, li { line-height: 135%; }
.muted { font-size: 9.5pt; }
.review { margin-top: 12pt; line-height: 140%; }"""
"""Type for a printed page, in points: the PDF's body text is 11 pt."""


def _style(scale: colours.Scale, theme: colours.Theme, printed: bool = False) -> str:
    steps = range(-colours.STEPS, colours.STEPS + 1)
    tints = "\n".join(
        f".{_step_class(step)} {{ background: {colours.step_colour(step, scale, theme)}; }}" for step in steps if step
    )
    return f"""body {{ background: {theme.page}; color: {theme.text}; font: 16px/1.6 Georgia, serif;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; margin-bottom: 0; }}
h2 {{ font-size: 1.1rem; }}
.muted {{ color: {theme.muted}; font-size: 0.9rem; }}
.note {{ color: {theme.text}; border-left: 3px solid {theme.accent}; padding-left: 0.5rem; }}
.card {{ background: {theme.card}; border: 1px solid {theme.border}; border-radius: 6px; padding: 0 1rem;
  margin: 1rem 0; }}
.legend {{ width: 100%; border-collapse: separate; border-spacing: 2px; margin-bottom: 0.8rem; }}
.legend td {{ width: 9%; border: 1px solid {theme.border}; }}
.legend tr.muted td {{ border: none; }}
.review {{ white-space: pre-wrap; margin: 1.5rem 0; }}
.person {{ text-decoration: underline; text-decoration-style: dotted; text-decoration-color: {theme.accent};
  text-underline-offset: 3px; }}
.evidence {{ text-decoration: underline; text-decoration-color: {theme.evidence}; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }}
.n0 {{ background: {theme.page}; }}
{tints}
{PRINT_STYLE if printed else ""}"""


def _step_class(step: int) -> str:
    return f"{'p' if step > 0 else 'n'}{abs(step)}"


def _in_brackets(words: str) -> str:
    return f"({words})" if words else ""


def _legend(scale: colours.Scale, marks: str) -> str:
    """Swatches from most negative to most positive; a table, so Qt's rich text (for PDF) draws it too.

    ``marks`` follows them: what the marks in the text mean (:func:`_marks`).
    """
    steps = range(-colours.STEPS, colours.STEPS + 1)
    swatches = "".join(f'<td class="{_step_class(step)}">&nbsp;</td>' for step in steps)
    side = colours.STEPS - 1
    return (f'<section class="card"><h2>Legend</h2><p class="muted">Each sentence is tinted by its polarity '
            f'({escape(scale.title)} scale); stronger tints are stronger sentiment.</p>'
            f'<table class="legend"><tr>{swatches}</tr>'
            f'<tr class="muted"><td colspan="{side}">negative</td><td colspan="3" align="center">neutral</td>'
            f'<td colspan="{side}" align="right">positive</td></tr></table>{marks}</section>')


def _marks(analysis: Analysis) -> str:
    """What each mark in the text means, each said in words drawn with its own mark ("" for a text with none).

    The verdict's evidence has a solid underline and a person's name a dotted one, so the two stay apart in
    any colour, and on paper printed in black.
    """
    lines: list[str] = []
    if analysis.verdict.evidence:
        lines.append('<span class="evidence">Solid underline</span>: the words that weighed most in the verdict '
                     '(its evidence, listed above).')
    if analysis.people:
        lines.append('<span class="person">Dotted underline</span>: a person&#8217;s name (people are listed '
                     'below).')
    return f'<p class="muted">{"<br>".join(lines)}</p>' if lines else ""


def _people(people: tuple[Person, ...]) -> str:
    if not people:
        return '<section class="card"><h2>People</h2><p class="muted">No people found.</p></section>'
    items = "".join(
        f"<li>{escape(person.name)} <span class=\"muted\">({len(person.mentions)} "
        f"mention{'s' if len(person.mentions) != 1 else ''}; {person.tone})</span></li>"
        for person in people
    )
    return f'<section class="card"><h2>People</h2><ul>{items}</ul></section>'


def _evidence(cues: tuple[Evidence, ...]) -> str:
    """The verdict's evidence as a line of quoted phrases with their weights ("" when there is none)."""
    if not cues:
        return ""
    items = ", ".join(f'<span class="evidence">\u201c{escape(cue.phrase)}\u201d</span> '
                      f'({cue.weight:+.2f})' for cue in sorted(cues, key=lambda cue: -abs(cue.weight)))
    return (f'<p>Evidence, strongest first (log-odds each adds; + towards positive, underlined in the text): '
            f'{items}</p>')


def _coloured_text(analysis: Analysis) -> str:
    """The review text, each sentence in a span tinted by its polarity, each mention of a person and each
    piece of the verdict's evidence marked."""
    text = analysis.text
    marks = sorted([(start, end, "person") for person in analysis.people for start, end in person.mentions]
                   + [(cue.start, cue.end, "evidence") for cue in analysis.verdict.evidence])
    parts: list[str] = []
    position = 0
    for sentence in analysis.sentences:
        start, end = max(sentence.start, position), sentence.end
        if end <= start:
            continue
        parts.append(escape(text[position:start]))
        step = colours.step(sentence.polarity)
        parts.append(f'<span class="{_step_class(step)}" title="polarity {sentence.polarity:+.2f}">')
        parts.append(_with_marks(text, start, end, marks))
        parts.append("</span>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def _with_marks(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` escaped, with the parts of the marks (start, end, class) inside it in spans."""
    parts: list[str] = []
    position = start
    for mark_start, mark_end, kind in marks:
        mark_start, mark_end = max(mark_start, position), min(mark_end, end)
        if mark_end <= mark_start:
            continue
        parts.append(escape(text[position:mark_start]))
        parts.append(f'<span class="{kind}">{escape(text[mark_start:mark_end])}</span>')
        position = mark_end
    parts.append(escape(text[position:end]))
    return "".join(parts)
