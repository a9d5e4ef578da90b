"""Help ▸ Keyboard Shortcuts: every menu action and its keys, read from the menus."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

MORE_KEYS = (
    "Also: in the find bar, Enter and Shift+Enter go to the next and previous match and Esc closes it. "
    "In the People list, Enter highlights a person and steps through their mentions. "
    "In the sentiment arc, Left, Right, Home and End go to a sentence. Ctrl+mouse wheel zooms. "
    "In the library, Up and Down open the previous and next review, and Esc cancels the analysis."
)


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action in the menus, in menu order."""
    rows = []

    def walk(menu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if action.menu():
                walk(action.menu(), f"{path} ▸ {text}" if path else text)
                continue
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            rows.append((path, text, keys))

    walk(menu_bar, "")
    return rows


class ShortcutsDialog(QDialog):
    """The menus' actions and their shortcuts, grouped by menu."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Action", "Shortcut"])
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, action, keys in shortcut_rows(menu_bar):
            if "Recent" in menu:
                continue
            if menu not in groups:
                groups[menu] = QTreeWidgetItem([menu])
                font = groups[menu].font(0)
                font.setBold(True)
                groups[menu].setFont(0, font)
                self.table.addTopLevelItem(groups[menu])
            groups[menu].addChild(QTreeWidgetItem([action, keys]))
        self.table.expandAll()
        for column in range(2):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        more = QLabel(MORE_KEYS, wordWrap=True, objectName="muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(more)
        layout.addWidget(buttons)
        self.resize(560, 620)
