"""The window's actions and menus, declared as tables: every action is in a menu and has its keys here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from desktop import colours
from desktop.paths import place_label
from desktop.ui.shell.about import about_text
from desktop.ui.shell.file_dialogs import choose_folder, choose_reviews
from desktop.ui.shell.settings import Settings
from desktop.ui.shell.shortcuts import ShortcutsDialog

if TYPE_CHECKING:  # the window builds its actions from this table; it is imported only to check the table's types
    from desktop.ui.shell.main_window import MainWindow

KEY = QKeySequence.StandardKey

# name, text, what it does (given the window and the checked state), keys, status tip
ACTIONS: tuple[tuple[str, str, Callable[[MainWindow, bool], object], tuple, str], ...] = (
    ("open", "&Open…", lambda w, _: choose_reviews(w), (KEY.Open,), "Open a review file, or a table of reviews"),
    ("open_folder", "Open &Folder…", lambda w, _: choose_folder(w), ("Ctrl+Shift+O",),
     "Open every review below a folder in the library"),
    ("close_folder", "Close Fo&lder", lambda w, _: w.close_folder(), (), "Close the library"),
    ("sample", "Open &Sample Review", lambda w, _: w.open_sample(), (), ""),
    ("paste", "&Paste Review", lambda w, _: w.paster.paste(), ("Ctrl+Shift+V",),
     "Read the review on the clipboard (plain text or a copied web page)"),
    ("save_as", "Save Review &As…", lambda w, _: w.exports.save_review_dialog(), (KEY.SaveAs, "Ctrl+Shift+S"),
     "Keep the open review's text as a .txt file"),
    ("export_csv", "Export Library as &CSV…", lambda w, _: w.exports.library_dialog("csv"), ("Ctrl+Shift+E",),
     "Save the library's rows as CSV"),
    ("export_json", "Export Library as &JSON…", lambda w, _: w.exports.library_dialog("json"), ("Ctrl+Shift+J",),
     "Save the library's rows and summary as JSON"),
    ("export_html", "Export Review as &HTML…", lambda w, _: w.exports.review_dialog("html"), ("Ctrl+E",),
     "Save the open review as a self-contained HTML report"),
    ("export_pdf", "Export Review as P&DF…", lambda w, _: w.exports.review_dialog("pdf"), ("Ctrl+P",),
     "Save the open review as a PDF report"),
    ("previous_file", "&Previous Review", lambda w, _: w.step_file(-1), ("Alt+Left",),
     "The review before this one in the library (as sorted and filtered) or its folder"),
    ("next_file", "&Next Review", lambda w, _: w.step_file(1), ("Alt+Right",),
     "The review after this one in the library (as sorted and filtered) or its folder"),
    ("reload", "&Reload", lambda w, _: w.reload(), ("F5",), ""),
    ("close", "&Close Review", lambda w, _: w.close_review(), (KEY.Close,), ""),
    ("quit", "&Quit", lambda w, _: w.close(), (KEY.Quit, "Ctrl+Q"), ""),
    ("copy", "&Copy", lambda w, _: w.reader.copy_plain(), (KEY.Copy,), ""),
    ("select_all", "Select &All", lambda w, _: w.reader.selectAll(), (KEY.SelectAll,), ""),
    ("find", "&Find…", lambda w, _: w.finder.open(), (KEY.Find,), ""),
    ("find_next", "Find &Next / Next Mention", lambda w, _: w.reader.next_hit(1), ("F3",), ""),
    ("find_previous", "Find Pre&vious / Previous Mention", lambda w, _: w.reader.next_hit(-1), ("Shift+F3",), ""),
    ("search_library", "Search the &Library…", lambda w, _: w.library_questions.search(), ("Ctrl+Shift+F",),
     'Search the reviews of the library: words, "phrases", verdict:negative, person:Kubrick …'),
    ("library_people", "&People in the Library…", lambda w, _: w.library_questions.people(), ("Ctrl+Shift+P",),
     "Every person the library's reviews name: in how many, and how they speak of them"),
    ("next_sentence", "Next &Sentence", lambda w, _: w.reader.step_sentence(1), ("Alt+Down",), ""),
    ("previous_sentence", "Previous S&entence", lambda w, _: w.reader.step_sentence(-1), ("Alt+Up",), ""),
    ("zoom_in", "Zoom &In", lambda w, _: w.appearance.step_zoom(1), ("Ctrl+=", "Ctrl++"), ""),
    ("zoom_out", "Zoom &Out", lambda w, _: w.appearance.step_zoom(-1), ("Ctrl+-",), ""),
    ("zoom_reset", "&Actual Size", lambda w, _: w.appearance.set_zoom(100), ("Ctrl+0",), ""),
    ("full_screen", "&Full Screen", lambda w, _: w.setWindowState(w.windowState() ^ Qt.WindowState.WindowFullScreen),
     (KEY.FullScreen, "F11"), ""),
    ("shortcuts", "&Keyboard Shortcuts", lambda w, _: ShortcutsDialog(w.menuBar(), w).exec(), ("F1",), ""),
    ("about", "&About Review Reader", lambda w, _: QMessageBox.about(w, "About Review Reader", about_text()), (), ""),
    ("library", "&Library", lambda w, on: w.on_library_toggled(on), ("F8",), ""),
    ("panel", "Side &Panel", lambda w, on: w.on_panel_toggled(on), ("F9",), ""),
    ("evidence", "Show Verdict &Evidence", lambda w, on: w.appearance.show_evidence(on), ("F7",),
     "Underline the words and phrases that pushed the verdict most"),
    ("as_english", "Analyse as En&glish Anyway", lambda w, on: w.set_as_english(on), (),
     "Colour and judge reviews that seem to be in another language with the English models all the same"),
)
CHECKABLE = ("library", "panel", "evidence", "as_english")
READING_ACTIONS = ("previous_file", "next_file", "reload", "close", "copy", "select_all", "find", "find_next",
                   "find_previous", "next_sentence", "previous_sentence", "panel")
"""The actions that need a review on screen."""

# Menu title -> action names; None is a separator, "recent" the Open Recent submenu, "theme"/"scale" the choices.
MENUS = {
    "&File": ("open", "open_folder", "recent", "sample", "paste", None, "save_as", "previous_file", "next_file", "reload", None,
              "export_csv", "export_json", "export_html", "export_pdf", None, "close", "close_folder", "quit"),
    "&Edit": ("copy", "select_all", None, "find", "find_next", "find_previous", "search_library", "library_people",
              None, "next_sentence", "previous_sentence"),
    "&View": ("zoom_in", "zoom_out", "zoom_reset", None, "theme", "scale", "tint", "evidence", "as_english", None,
              "library", "panel", "full_screen"),
    "&Help": ("shortcuts", "about"),
}
THEMES = (("system", "&System"), ("light", "&Light"), ("dark", "&Dark"))
TINTS = (("full", "&Full"), ("soft", "&Soft"), ("off", "&Off (the sentence under the pointer only)"))
CHOICES = {"theme": "&Theme", "scale": "&Colour Scale", "tint": "Tint &Strength"}
"""The View menu's submenus of exclusive choices."""


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Every action of ``window`` by name, added to it so its keys work everywhere (themes and scales
    as exclusive choices ``theme_NAME`` and ``scale_NAME``)."""
    actions: dict[str, QAction] = {}

    def add(name: str, text: str, slot: Callable[..., object], keys=(), tip: str = "") -> QAction:  # slot(checked)
        action = QAction(text, window, objectName=name)
        shortcuts = list(dict.fromkeys(k for k in map(QKeySequence, keys) if not k.isEmpty()))
        if shortcuts:
            action.setShortcuts(shortcuts)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        window.addAction(action)
        actions[name] = action
        return action

    for name, text, does, keys, tip in ACTIONS:
        add(name, text, lambda checked=False, does=does: does(window, checked), keys, tip)
        actions[name].setCheckable(name in CHECKABLE)
    for prefix, choices, choose in (
        ("theme", THEMES, lambda name: window.appearance.set_theme(name)),
        ("scale", [(scale.name, scale.title) for scale in colours.SCALES.values()], lambda name: window.appearance.set_scale(name)),
        ("tint", TINTS, lambda name: window.appearance.set_tint(name)),
    ):
        group = QActionGroup(window)
        for name, text in choices:
            action = add(f"{prefix}_{name}", text, lambda _=False, n=name, choose=choose: choose(n))
            action.setCheckable(True)
            group.addAction(action)
    return actions


def build_menus(window: QMainWindow, actions: dict[str, QAction], recent: RecentMenu) -> None:
    """The menu bar, from MENUS."""
    for title, names in MENUS.items():
        menu = window.menuBar().addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            elif name == "recent":
                menu.addMenu(recent.menu)
            elif name in CHOICES:
                choices = menu.addMenu(CHOICES[name])
                choices.addActions([a for key, a in actions.items() if key.startswith(name + "_")])
            else:
                menu.addAction(actions[name])


class RecentMenu:
    """File ▸ Open Recent: the settings' recent files, numbered, filled each time it opens."""

    def __init__(self, settings: Settings, open_file: Callable[[str], object], cleared: Callable[[], object]) -> None:
        self.settings, self._open, self._cleared = settings, open_file, cleared
        self.menu = QMenu("Open &Recent")
        self.menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        """List the recent files again."""
        self.menu.clear()
        recent = self.settings.recent_files
        for number, path in enumerate(recent, start=1):
            action = self.menu.addAction(f"&{number % 10} {place_label(path).replace('&', '&&')}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, chosen=path: self._open(chosen))
        if not recent:
            self.menu.addAction("No recent reviews").setEnabled(False)
        self.menu.addSeparator()
        clear = self.menu.addAction("&Clear Recent")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.clear)

    def clear(self) -> None:
        """Forget every recent file."""
        self.settings.clear_recent()
        self._cleared()
