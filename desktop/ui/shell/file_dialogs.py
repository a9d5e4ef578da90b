"""File ▸ Open… and File ▸ Open Folder…: the reader chooses, the window opens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from desktop.app.tables import COLLECTION_SUFFIXES

if TYPE_CHECKING:  # imported only to check what the dialogs use of the window
    from desktop.ui.shell.main_window import MainWindow

TABLES = " ".join(f"*{suffix}" for suffix in COLLECTION_SUFFIXES)
OPEN_FILTER = f"Reviews and tables (*.txt {TABLES});;Review files (*.txt);;Tables of reviews ({TABLES});;All files (*)"
"""The Open dialog's filters; the first, its default, shows review files and tables alike."""


def choose_reviews(window: MainWindow) -> None:
    """File ▸ Open…: one or more reviews, or a table of them; starts in the folder last used."""
    start = window.settings.last_folder or (str(window.path.parent) if window.path else "")
    paths, _ = QFileDialog.getOpenFileNames(window, "Open review", start, OPEN_FILTER)
    if paths:
        window.settings.last_folder = str(Path(paths[0]).parent)
        window.open_files(paths)


def choose_folder(window: MainWindow) -> None:
    """File ▸ Open Folder…: a folder of reviews for the library."""
    folder = QFileDialog.getExistingDirectory(window, "Open folder of reviews", window.settings.last_folder)
    if folder:
        window.open_folder(folder)
