"""Edit ▸ Search the Library and Edit ▸ People in the Library: the window's ways of asking its library (whose
index answers, see ``desktop/app/index.py``)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.ui.library.pane import LibraryPane
from desktop.ui.library.people_dialog import PeopleDialog
from desktop.ui.shell.export_menu import ExportMenu


class LibraryQuestions:
    """The search field's shortcut and the People dialog of one window's library."""

    def __init__(self, window: QWidget, library: LibraryPane, show_library: QAction, exports: ExportMenu) -> None:
        self.window, self.library, self.show_library, self.exports = window, library, show_library, exports
        self.people_dialog: PeopleDialog | None = None

    def search(self) -> None:
        """Show the library with the cursor in its search field."""
        self.show_library.setChecked(True)  # which shows it
        self.library.view.query.setFocus()
        self.library.view.query.selectAll()

    def people(self) -> None:
        """Every person the library's analysed reviews name; choosing one searches the library for them."""
        if self.library.run is None:
            return
        if self.people_dialog is None:
            self.people_dialog = PeopleDialog(self.library.tasks, self.window)
            self.people_dialog.person_chosen.connect(self.search_person)
            self.people_dialog.save_asked.connect(self.exports.people_dialog)
        self.people_dialog.count(self.library.run, self.library.model.library.analysed())
        self.people_dialog.show()
        self.people_dialog.raise_()

    def search_person(self, query: str) -> None:
        """Search the library with a person's ``query`` (which marks their names in the open review)."""
        self.search()
        self.library.view.query.setText(query)
        self.library.searching.again()
