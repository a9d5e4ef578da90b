"""The reader's main window: menus, welcome screen, reading view, side panel, library, status bar."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.app.batch import default_jobs
from desktop.app.cache import ResultCache
from desktop.app.memory import ReadingMemory
from desktop.app.records import ReviewFile
from desktop.app.session import ReviewSession, Source, sort_opened
from desktop.engine import Analysis, Prepared
from desktop.engine.result import UNKNOWN
from desktop.engine.text.language import language_name
from desktop.export import counted
from desktop.paths import sample_review
from desktop.trace import trace
from desktop.ui.library.pane import LibraryPane
from desktop.ui.panel.panel import SidePanel
from desktop.ui.reading.finder import Finder
from desktop.ui.reading.reader_view import ReaderView
from desktop.ui.reading.worker import Analyst
from desktop.ui.shell import menus
from desktop.ui.shell.appearance import Appearance
from desktop.ui.shell.central import Central
from desktop.ui.shell.drops import FileDrops
from desktop.ui.shell.export_menu import ExportMenu
from desktop.ui.shell.file_dialogs import choose_reviews
from desktop.ui.shell.icons import app_icon
from desktop.ui.shell.library_questions import LibraryQuestions
from desktop.ui.shell.model_status import ModelStatus
from desktop.ui.shell.paste import Paster
from desktop.ui.shell.placement import (
    add_dock,
    fit_to_screen,
    panel_width,
    place_library,
    restore_layout,
    save_layout,
)
from desktop.ui.shell.settings import Settings

APP_TITLE = "Review Reader"
LIBRARY_WIDTH = 580
FIRST_SIZE = (1180, 780)
"""The first window's size, on a screen that has room for it."""
WIDE_SCREEN = 1400
LIBRARY_ACTIONS = ("library", "search_library", "library_people")
"""The actions that need a library open."""
"""On narrower screens the library opens as a tab beside the side panel, not as a third column."""
CLOSE_WAIT_MS = 2000
"""How long closing waits for a running analysis before leaving it behind."""


class MainWindow(QMainWindow):
    """One review at a time, opened off the UI thread."""

    review_shown = Signal(object)
    """The text of a newly opened review is on screen (its file's path)."""
    review_ready = Signal(object)
    """The review is fully coloured and the panel filled (its file's path)."""
    open_failed = Signal(object, str)
    """A review could not be opened or analysed (its file's path, message)."""
    library_filled = Signal()
    """The library's background analysis ended (done, cancelled or failed)."""
    actions: dict[str, QAction]  # type: ignore[assignment]  # the menus' actions by name, hiding QWidget.actions()
    reader: ReaderView  # this and the next four declared: mypy reads them in menus.py before it infers them here
    exports: ExportMenu
    appearance: Appearance
    finder: Finder
    paster: Paster

    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.memory = ReadingMemory(self.settings)
        self._panel_sized = False
        self.finished_cleanly = True
        """False when the window closed while an analysis was still running."""
        self.cache = ResultCache()
        self.library_jobs = default_jobs()
        """Worker processes for a library's analysis."""

        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        FileDrops(self, self.open_files)
        self.analyst = Analyst(self, cache=self.cache)
        self.analyst.prepared.connect(self._on_prepared)
        self.analyst.analyzed.connect(self._on_analyzed)
        self.analyst.progressed.connect(self._on_progressed)
        self.analyst.failed.connect(self._on_failed)
        self.session = ReviewSession(self.analyst.open, self.analyst.cancel)

        self._build_central()
        self._build_panel()
        self._build_library()
        self.models = ModelStatus(self.statusBar(), self.analyst, self.banner.show_message)
        self.zoom_label = QLabel(toolTip="Text size (Ctrl+= / Ctrl+- / Ctrl+0)")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions = menus.build_actions(self)
        self.actions["panel"].setChecked(self.settings.panel_visible)
        for name in LIBRARY_ACTIONS:
            self.actions[name].setEnabled(False)
        self.recent = menus.RecentMenu(self.settings, lambda path: self.open_files([path]),
                                       lambda: self.welcome.set_recent(()))
        menus.build_menus(self, self.actions, self.recent)
        say = self.statusBar().showMessage
        self.exports = ExportMenu(self, self.settings, self.actions, self.session, self.library, self.open_files, say)
        self.appearance = Appearance(self.settings, self.actions, self.reader, (self.reader, self.panel, self.library),
                                     self.zoom_label)
        self.finder = Finder(self)
        self.library_questions: LibraryQuestions = LibraryQuestions(self, self.library, self.actions["library"],
                                                                    self.exports)
        self.library.searching.searched.connect(self.finder.show_search)
        self.paster = Paster(self.open_file, say)
        self._restore()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.appearance.follow_system)

    # --- construction ---------------------------------------------------
    def _build_central(self) -> None:
        self.central = Central()
        self.banner, self.welcome = self.central.banner, self.central.welcome
        self.reader, self.find_bar = self.central.reader, self.central.find_bar
        self.welcome.open_requested.connect(lambda: choose_reviews(self))
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.recent_requested.connect(lambda path: self.open_files([path]))
        self.welcome.paste_requested.connect(lambda: self.paster.paste())
        self.reader.painted.connect(self._on_painted)
        self.reader.zoom_requested.connect(lambda direction: self.appearance.step_zoom(direction))
        self.setCentralWidget(self.central)

    def _build_panel(self) -> None:
        self.panel = SidePanel()
        self.panel.arc.sentence_clicked.connect(self.reader.select_sentence)
        self.dock = add_dock(self, "Review", "panelDock", self.panel, Qt.DockWidgetArea.RightDockWidgetArea)

    def _build_library(self) -> None:
        self.library = LibraryPane()
        self.library.review_selected.connect(self.open_file)
        self.library.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.library.failed.connect(self.banner.show_message)
        self.library.filled.connect(self.library_filled)
        self.library.listed.connect(self._on_library_listed)
        self.library_dock = add_dock(self, "Library", "libraryDock", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)

    def _restore(self) -> None:
        restore_layout(self, self.settings, FIRST_SIZE)
        self.library_dock.hide()  # a restored layout may show it: only an open folder does
        self.appearance.restore()
        self._show_page(reading=False)
        self.exports.update()

    # --- opening files --------------------------------------------------
    def open_files(self, paths: Sequence[str | Path]) -> None:
        """Open the first of ``paths`` (a folder or a table of reviews opens in the library); Next/Previous
        then step through all."""
        shelf, files = sort_opened(paths)
        if shelf is not None:
            self.memory.opened_table(shelf)
            self.open_folder(shelf)
            return
        first = self.session.open_list(files)
        if first is not None:
            self.memory.opened_by_reader(first.path)
            self.statusBar().showMessage(f"Opening {first.title}…")

    def open_file(self, source: Source) -> None:
        """Open a review (a file's path, or a listed review) in the background; the current review stays
        until it is ready."""
        review = self.session.open(source)
        self.statusBar().showMessage(f"Opening {review.title}…")

    @property
    def path(self) -> Path | None:
        """The review on screen."""
        return self.session.path

    @property
    def analysis(self) -> Analysis | None:
        return self.session.analysis

    def open_folder(self, folder: str | Path) -> None:
        """List every review below ``folder`` (or in a collection file) in the library and analyse them in
        the background."""
        folder = Path(folder).absolute()
        self.settings.last_folder = str(folder if folder.is_dir() else folder.parent)
        self.library.open_folder(folder, self.cache, self.library_jobs)
        for name in LIBRARY_ACTIONS:
            self.actions[name].setEnabled(True)
        self.actions["library"].setChecked(True)
        place_library(self, self.library_dock, self.dock, WIDE_SCREEN, LIBRARY_WIDTH)
        self.exports.update()
        if self.path is None:
            self.setWindowTitle(f"{folder.name} — {APP_TITLE}")
        self.statusBar().showMessage(f"Listing the reviews in {folder.name or folder}…")

    def _on_library_listed(self, count: int) -> None:
        """The library holds the folder's files: open the first and say how many there are."""
        if count:
            self.library.view.select_row(0)
            self.library.table.setFocus()
            self.statusBar().showMessage(
                f"Listed {count:,} reviews in {self.library.listing_seconds:.2f} s; analysing…", 5000)

    def close_folder(self) -> None:
        """Stop the library's analysis and hide the library."""
        self.library.clear()
        self.library_dock.hide()
        self.actions["library"].setChecked(False)
        for name in LIBRARY_ACTIONS:
            self.actions[name].setEnabled(False)
        self.exports.update()

    def open_sample(self) -> None:
        """Open the sample review shipped with the app."""
        self.open_file(sample_review())

    def reload(self) -> None:
        """Read the open review again."""
        if self.session.review is not None:
            self.open_file(self.session.review)

    def step_file(self, direction: int) -> None:
        """Open the next (1) or previous (-1) review (``ReviewSession.step`` decides which)."""
        in_library = self.library.view.step if self.library_dock.isVisible() else None
        message = self.session.step(direction, in_library, self.open_file)
        if message:
            self.statusBar().showMessage(message, 4000)

    def close_review(self) -> None:
        """Back to the welcome screen."""
        self._remember_place(self.session.review)
        self.session.close()
        self.reader.clear_review()
        self.panel.clear()
        self.find_bar.hide()
        self.setWindowTitle(APP_TITLE)
        self.setWindowFilePath("")
        self._show_page(reading=False)
        self.exports.update()

    def _on_prepared(self, token: int, review: ReviewFile, prepared: Prepared) -> None:
        leaving = self.session.review  # its text is still on screen
        if not self.session.show_prepared(token, review, prepared):
            return
        self._remember_place(leaving)
        path = review.path
        self.finder.person = -1
        self.exports.update()
        self.banner.hide()
        self.reader.show_text(prepared.text, prepared.paragraphs)
        self.reader.scroll_to_offset(self.memory.place(review))
        self.panel.show_prepared(review.title, prepared, "Analysing…" if self.models.ready
                                 else "Waiting for the language models…")
        self.finder.refresh()
        self.setWindowTitle(f"{review.title} — {APP_TITLE}")
        self.setWindowFilePath(str(path) if review.text is None else "")
        if self.memory.shown(review):
            self.welcome.set_recent(self.memory.recent)
        self._show_page(reading=True)
        self.review_shown.emit(path)

    def _remember_place(self, review: ReviewFile | None) -> None:
        """Remember where the reader is in ``review``, whose text is on screen, for the next time it opens."""
        if review is not None and self.reader.text_complete:
            self.memory.leave(review, self.reader.top_offset())

    def _on_analyzed(self, token: int, review: ReviewFile, analysis: Analysis) -> None:
        if not self.session.show_analysis(token, analysis):
            return
        if analysis.verdict.label == UNKNOWN:
            self.banner.show_note(f"{analysis.verdict.reason} (View ▸ Analyse as English Anyway reads it all the same.)")
        self.exports.update()
        self.panel.show_analysis(analysis, review, self.library.model.library.scale_of(review))
        self.reader.show_analysis(analysis)

    def _on_progressed(self, token: int, percent: int) -> None:
        """A long review's analysis goes on: say how far it has got."""
        if self.session.shows_progress(token):
            self.panel.show_progress(percent)

    def _on_painted(self) -> None:
        """The reader finished colouring: the review is ready."""
        review = self.session.coloured()
        if review is None or self.analysis is None:  # coloured() gives a review only with its analysis
            return
        self.finder.refresh()
        label, sentences = self.analysis.verdict.label, counted(len(self.analysis.sentences), "sentence")
        if label == UNKNOWN:
            said = f"{sentences}, not analysed ({language_name(self.analysis.language)})."
        else:
            said = f"{sentences}, {label}. Hover a sentence for its score; click it to select it."
        self.statusBar().showMessage(f"{review.title}: {said}", 8000)
        self.finder.show_search(self.library.view.query.text())  # a review opened from a search shows its words
        self.review_ready.emit(review.path)
        trace("analysis-finished")

    def _on_failed(self, token: int, review: ReviewFile, message: str) -> None:
        if not self.session.concerns(token):
            return
        self.banner.show_message(message if review.path.name in message else f"{review.title}: {message}")
        self.statusBar().clearMessage()
        if self.memory.failed(review):
            self.welcome.set_recent(self.memory.recent)
        if self.session.awaits_analysis(review):
            self.panel.show_unanalyzed()
        self.open_failed.emit(review.path, message)

    # --- models -----------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.models.start():
            QTimer.singleShot(0, lambda: fit_to_screen(self))  # again once the frame is known

    # --- view -------------------------------------------------------------
    def _show_page(self, reading: bool) -> None:
        self.central.show_page(reading)
        self.dock.setVisible(reading and self.settings.panel_visible)
        if reading and self.settings.window_bytes("state") is None and not self._panel_sized:
            self._panel_sized = True
            self.resizeDocks([self.dock], [panel_width(self.width())], Qt.Orientation.Horizontal)
        for name in menus.READING_ACTIONS:
            self.actions[name].setEnabled(reading)
        if reading and not self.library.isAncestorOf(self.focusWidget()):
            self.reader.setFocus()
        else:
            self.welcome.set_recent(self.memory.recent)

    def on_panel_toggled(self, visible: bool) -> None:
        self.settings.panel_visible = visible
        self.dock.setVisible(visible and self.central.reading)

    def set_as_english(self, on: bool) -> None:
        """View ▸ Analyse as English Anyway: read reviews in other languages with the English models too."""
        self.analyst.as_english = on
        self.reload()

    def on_library_toggled(self, visible: bool) -> None:
        self.library_dock.setVisible(visible and self.library.folder is not None)

    # --- closing --------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._remember_place(self.session.review)
        save_layout(self, self.settings)
        self.settings.store.sync()
        self.session.forget_pending()
        self.library.stop(CLOSE_WAIT_MS)
        self.finished_cleanly = self.analyst.shutdown(CLOSE_WAIT_MS)
        super().closeEvent(event)
