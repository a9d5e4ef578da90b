"""Writing exports to the files the reader chose: text (CSV, JSON, HTML) and PDF.

The contents come from ``desktop.export``; this module only writes them. It is the application layer's
one use of Qt: QtGui typesets the PDF (no widgets, so the CLI writes one without a window).
A PDF is the HTML report, typeset for paper, laid out by QTextDocument and drawn page by page with
QPdfWriter.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFragment,
)

from desktop import colours
from desktop.atomic import replacing
from desktop.engine import Analysis
from desktop.export import html_report

PDF_RESOLUTION = 300
PDF_MARGIN_MM = 24
"""A4 less 24 mm each side leaves lines of about 80 characters of 11-point type."""
FOOTER_PT = 18
"""Room under each page's text for its page number."""
LINE_OVERHANG = 3
"""How far (in layout pixels) a line may reach below the end of the page it is printed on."""


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` in one step (a half-written file never replaces a good one).

    A file name that is not UTF-8 (lone surrogates in ``text``) is written with backslash escapes.
    """
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8", errors="backslashreplace",
                                            newline="") as out:
        out.write(text)


def write_pdf(path: str | Path, document: QTextDocument, title: str = "") -> None:
    """Lay out ``document`` on A4 pages and write them to ``path`` as a PDF, in one step like :func:`write_text`.

    Qt lays the document out in pages (a line that would cross a page's end moves to the next page),
    and each page is drawn on its own, scaled so type keeps its point size, with "title · page N of M"
    beneath.
    """
    path = Path(path)
    with replacing(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setTitle(title)
        writer.setCreator("Review Reader")
        writer.setResolution(PDF_RESOLUTION)
        margins = QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         margins, QPageLayout.Unit.Millimeter))
        # The document lays out in screen pixels; each page is drawn scaled up to the PDF's resolution.
        screen = QGuiApplication.primaryScreen()
        scale = PDF_RESOLUTION / (screen.logicalDotsPerInchY() if screen else 96)
        footer = FOOTER_PT * PDF_RESOLUTION / 72
        page = QSizeF(writer.width() / scale, (writer.height() - footer) / scale)
        document.setPageSize(page)
        split_at_page_ends(document)
        pages = document.pageCount()
        painter = QPainter(writer)
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(8)
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -number * page.height())
            shown = QRectF(0, number * page.height(), page.width(), page.height())
            painter.setClipRect(shown)
            context = QAbstractTextDocumentLayout.PaintContext()
            # The last line of a page may reach a pixel past it: it is drawn on that page, not again on the next.
            context.clip = shown.adjusted(0, LINE_OVERHANG, 0, 0)
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor(colours.LIGHT.muted))
            painter.drawText(QRectF(0, writer.height() - footer, writer.width(), footer),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             f"{title} · page {number + 1} of {pages}" if title else f"page {number + 1} of {pages}")
        painter.end()
        del writer  # the PDF is complete once its writer is gone
        if temporary.stat().st_size == 0:
            raise OSError(f"The PDF could not be written to {path.parent}.")


def split_at_page_ends(document: QTextDocument) -> None:
    """End each paragraph that runs over a page's end there, and go on in a new one on the next page.

    Qt's pagination already moves a line that would cross a page's end to the next page, but when it
    draws a page it also draws, outside the page, the line before the first one shown: text nobody sees
    that copying and searching the PDF would find twice. Paragraphs that never span pages avoid it.
    """
    height = document.pageSize().height()
    layout = document.documentLayout()
    document.pageCount()  # lays the whole document out for its page size first
    block = document.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        first_page = int((top + lines.lineAt(0).y()) // height) if lines.lineCount() else 0
        split = next((lines.lineAt(i).textStart() for i in range(1, lines.lineCount())
                      if int((top + lines.lineAt(i).y()) // height) != first_page), None)
        if split is not None:
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + split)
            cursor.insertBlock()
        block = block.next()


def pdf_report(path: str | Path, analysis: Analysis, scale: colours.Scale) -> None:
    """Write the review's report (:func:`report_document`) as a PDF."""
    write_pdf(path, report_document(analysis, scale), PurePath(analysis.name).name or "Review")


def report_document(analysis: Analysis, scale: colours.Scale) -> QTextDocument:
    """The review's HTML report typeset for paper: light theme, 11-point type, and a note at the top
    naming any characters no installed font can show (they would be empty boxes).

    The review text stays escaped text in the HTML; Qt's rich text reads its marks from the report's
    style sheet, all but a person's dotted underline, which :func:`dot_underlines` gives it.
    """
    missing = unshowable(analysis.text)
    note = ""
    if missing:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:12]) + (", …" if len(missing) > 12 else "")
        note = (f"{len(missing)} kind{'s' if len(missing) > 1 else ''} of character in this review cannot be "
                f"shown: no font installed here has {'them' if len(missing) > 1 else 'it'} ({shown}), so "
                f"{'they appear' if len(missing) > 1 else 'it appears'} as empty boxes below.")
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Serif", 11))
    document.setHtml(html_report(analysis, scale, colours.LIGHT, printed=True, note=note))
    dot_underlines(document, QColor(colours.LIGHT.accent))
    return document


def dot_underlines(document: QTextDocument, colour: QColor) -> None:
    """Make the underlines drawn in ``colour`` dotted: Qt's rich text reads an underline's colour from CSS
    but not its ``text-decoration-style``."""
    dotted = QTextCharFormat()
    dotted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    cursor = QTextCursor(document)
    for start, end in underlined(document, colour):
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(dotted)


def underlined(document: QTextDocument, colour: QColor) -> list[tuple[int, int]]:
    """The (start, end) document positions of each run of text with a solid underline in ``colour``."""
    return [(fragment.position(), fragment.position() + fragment.length()) for fragment in fragments(document)
            if fragment.charFormat().fontUnderline() and fragment.charFormat().underlineColor() == colour]


def fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every run of text in one format, block by block, in document order."""
    block = document.begin()
    while block.isValid():
        runs = block.begin()
        while not runs.atEnd():
            yield runs.fragment()
            runs += 1
        block = block.next()


def unshowable(text: str) -> list[str]:
    """The distinct characters of ``text`` that no installed font has a glyph for."""
    wanted = sorted({ch for ch in text if ord(ch) > 0x24F and not ch.isspace() and ch.isprintable()})
    if not wanted:
        return []
    fonts = [QFontMetrics(QFont(family)) for family in QFontDatabase.families()]
    return [ch for ch in wanted if not any(metrics.inFontUcs4(ord(ch)) for metrics in fonts)]
