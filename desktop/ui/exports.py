"""Writing exports to the files the reader chose: text (CSV, JSON, HTML) and PDF.

The contents come from ``desktop.export``; this module only writes them.
A PDF is the HTML report laid out by QTextDocument and printed with QPdfWriter.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_RESOLUTION = 300
PDF_MARGIN_MM = 18


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file next to ``path``, created as any new file is, so the umask sets its mode
    (``mkstemp`` makes it 0600)."""
    temporary = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(temporary, flags, 0o666), temporary


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` in one step (a half-written file never replaces a good one).

    A file name that is not UTF-8 (lone surrogates in ``text``) is written with backslash escapes.
    """
    path = Path(path)
    handle, temporary = _temporary_beside(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_pdf(path: str | Path, html: str, title: str = "") -> None:
    """Lay out ``html`` on A4 pages and write them to ``path`` as a PDF, in one step like :func:`write_text`."""
    path = Path(path)
    handle, temporary = _temporary_beside(path)
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
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
        if Path(temporary).stat().st_size == 0:
            raise OSError(f"The PDF could not be written to {path.parent}.")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
