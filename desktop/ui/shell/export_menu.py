"""File ▸ Save Review As and File ▸ Export: the open review as a .txt of its clean text or as an HTML or
PDF report, the library as CSV or JSON, and the People dialog's people as CSV."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from desktop import colours
from desktop.app.exports import pdf_report, write_text
from desktop.app.files import saved_text
from desktop.app.records import LibraryRow, PersonTally
from desktop.app.session import ReviewSession
from desktop.export import html_report, library_csv, library_json, people_csv_lines
from desktop.ui.library.pane import LibraryPane
from desktop.ui.shell import theming
from desktop.ui.shell.settings import Settings

log = logging.getLogger(__name__)

FILTERS = {"txt": "Reviews (*.txt)", "csv": "CSV (*.csv)", "json": "JSON (*.json)", "html": "HTML (*.html)", "pdf": "PDF (*.pdf)"}


class ExportMenu:
    """The export actions of a window: when they are enabled, where the dialogs start, what gets written."""

    def __init__(self, parent: QWidget, settings: Settings, actions: Mapping[str, QAction], session: ReviewSession,
                 library: LibraryPane, open_files: Callable[[Sequence[str | Path]], None],
                 say: Callable[[str, int], None]) -> None:
        """``parent`` owns the dialogs; ``open_files`` reopens a saved pasted review; ``say(message, ms)``
        tells the status bar."""
        self.parent, self.settings, self.actions = parent, settings, actions
        self.session, self.library_pane = session, library
        self.open_files, self.say = open_files, say

    def update(self) -> None:
        """Enable what there is something to export from."""
        actions, session = self.actions, self.session
        for name in ("export_csv", "export_json", "close_folder"):
            actions[name].setEnabled(self.library_pane.folder is not None)
        for name in ("export_html", "export_pdf"):
            actions[name].setEnabled(session.analysis is not None)
        actions["save_as"].setEnabled(session.prepared is not None)

    def save_review_dialog(self) -> None:
        """File ▸ Save Review As…: keep the open review's clean text as a .txt file; a pasted review then
        reopens from it, as any review file."""
        review, prepared = self.session.review, self.session.prepared
        if review is None or prepared is None:
            return
        name = f"{review.path.stem}-row{review.row}" if review.row is not None else review.path.stem
        path = self._save_name("Save review as", f"{name}.txt", "txt")
        if path and self._write(path, lambda target: write_text(target, saved_text(prepared.text) + "\n"), review.title):
            if review.unsaved:
                self.open_files([path])

    def folder(self) -> str:
        """Where save dialogs start: the last export folder, else Documents, else home (never the reviews'
        folder; a folder that no longer exists is passed over)."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (self.settings.export_folder, documents):
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def _save_name(self, title: str, name: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, str(Path(self.folder()) / name), FILTERS[kind])
        if path:
            self.settings.export_folder = str(Path(path).parent)
            if not Path(path).suffix:
                path += f".{kind}"
        return path

    def library_dialog(self, kind: str) -> None:
        """File ▸ Export Library as CSV/JSON…"""
        folder = self.library_pane.folder
        if folder is None:
            return
        path = self._save_name(f"Export library as {kind.upper()}", f"{folder.name or 'library'}-library.{kind}", kind)
        if path:
            self.library(path, kind)

    def library(self, path: str | Path, kind: str) -> bool:
        """Write the library rows the table shows (filtered, in its order) that have results, as "csv" or
        "json" (whose summary holds the people they name); False if it failed."""
        library = self.library_pane
        rows = library.view.shown_results()
        text = library_csv(rows, bom=True) if kind == "csv" else library_json(rows, self._people(rows))
        total = len(library.model.library.results())
        what = f"{len(rows):,} reviews" + (f" (the {len(rows):,} of {total:,} the filter shows)"
                                            if len(rows) < total else "")
        return self._write(path, lambda target: write_text(target, text), what)

    def _people(self, rows: Sequence[LibraryRow]) -> list[PersonTally]:
        """The people the analysed ``rows`` name (the library index counts them: about a second for 25,000)."""
        run = self.library_pane.run
        if run is None:
            return []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return run.people([row.review for row in rows if row.verdict is not None], threading.Event())
        except (sqlite3.Error, OSError) as error:
            log.warning("The people of %s could not be counted for the export: %s", run.source, error)
            return []
        finally:
            QApplication.restoreOverrideCursor()

    def people_dialog(self, people: Sequence[PersonTally]) -> None:
        """People in the Library ▸ Save as CSV…: the people listed, as they are sorted."""
        folder = self.library_pane.folder
        path = self._save_name("Save people as CSV", f"{folder.name if folder else 'library'}-people.csv", "csv")
        if path:
            self._write(path, lambda target: write_text(target, "".join(people_csv_lines(people, bom=True))),
                        f"{len(people):,} people")

    def review_dialog(self, kind: str) -> None:
        """File ▸ Export Review as HTML/PDF…"""
        if self.session.analysis is None or self.session.path is None:
            return
        path = self._save_name(f"Export review as {kind.upper()}", f"{self.session.path.stem}.{kind}", kind)
        if path:
            self.review(path, kind)

    def review(self, path: str | Path, kind: str) -> bool:
        """Write the open review's report as "html" (current theme) or "pdf" (light, for paper); False when
        it was not written (or no review is open)."""
        analysis, settings = self.session.analysis, self.settings
        if analysis is None:
            return False
        scale = colours.SCALES[settings.scale]
        if kind == "html":
            html = html_report(analysis, scale, theming.resolve(settings.theme))
            return self._write(path, lambda target: write_text(target, html), analysis.name)
        return self._write(path, lambda target: pdf_report(target, analysis, scale), analysis.name)

    def _write(self, path: str | Path, writer: Callable[[str | Path], None], what: str) -> bool:
        """Run ``writer(path)``; say where it went, or show why it could not be written."""
        try:
            writer(path)
        except OSError as error:
            QMessageBox.warning(self.parent, "Export failed", f"{Path(path).name} could not be written:\n{error}")
            return False
        self.say(f"Exported {what} to {path}", 8000)
        return True
