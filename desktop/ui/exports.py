"""Writing exports to the files the reader chose: text (CSV, JSON, HTML) and PDF.

The contents come from ``desktop.export``; this module only writes them.
A PDF is the HTML report laid out by QTextDocument and printed with QPdfWriter.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.atomic import replacing

PDF_RESOLUTION = 300
PDF_MARGIN_MM = 18


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` in one step (a half-written file never replaces a good one).

    A file name that is not UTF-8 (lone surrogates in ``text``) is written with backslash escapes.
    """
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8", errors="backslashreplace",
                                            newline="") as out:
        out.write(text)


def write_pdf(path: str | Path, html: str, title: str = "") -> None:
    """Lay out ``html`` on A4 pages and write them to ``path`` as a PDF, in one step like :func:`write_text`."""
    path = Path(path)
    with replacing(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setTitle(title)
        writer.setCreator("Review Reader")
        writer.setResolution(PDF_RESOLUTION)
        margins = QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         margins, QPageLayout.Unit.Millimeter))
        document = QTextDocument()
        document.setHtml(html)
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        document.print_(writer)
        del writer  # the PDF is complete once its writer is gone
        if temporary.stat().st_size == 0:
            raise OSError(f"The PDF could not be written to {path.parent}.")
