"""Where the window and its docks go: on the screen, whatever its size, and where they were last time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from desktop.ui.shell.settings import Settings


def fit_to_screen(window: QMainWindow) -> None:
    """Keep the whole window on the available area of its screen (smaller, and moved, if need be)."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    border_w, border_h = frame.width() - window.width(), frame.height() - window.height()
    width = max(window.minimumSizeHint().width(), min(window.width(), area.width() - border_w))
    height = max(window.minimumSizeHint().height(), min(window.height(), area.height() - border_h))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    left = min(max(frame.x(), area.x()), area.x() + area.width() - width - border_w)
    top = min(max(frame.y(), area.y()), area.y() + area.height() - height - border_h)
    if (left, top) != (frame.x(), frame.y()):
        window.move(max(left, area.x()), max(top, area.y()))


PANEL_WIDTH = (320, 480)
"""The narrowest and widest first width of the side panel."""


def panel_width(window_width: int) -> int:
    """The side panel's first width in a window this wide: a fifth of it, within PANEL_WIDTH (a wide screen
    gives names and reasons room instead of wrapping them beside an empty page)."""
    narrowest, widest = PANEL_WIDTH
    return max(narrowest, min(widest, window_width // 5))


def add_dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A movable, floatable dock holding ``widget``, hidden until there is something to show."""
    dock = QDockWidget(title, window, objectName=name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(area, dock)
    dock.hide()
    return dock


def place_library(window: QMainWindow, library: QDockWidget, beside: QDockWidget, wide_screen: int, width: int,
                  ) -> None:
    """Show the library dock: the first time, as a tab beside ``beside`` on a screen narrower than
    ``wide_screen`` (not a third column), else as a column ``width`` wide; then keep the window on screen."""
    first_time = not library.isVisible()
    library.show()
    if first_time and window.screen().availableGeometry().width() < wide_screen:
        window.tabifyDockWidget(beside, library)
        library.raise_()
    elif first_time:
        window.resizeDocks([library], [width], Qt.Orientation.Horizontal)
    fit_to_screen(window)


def restore_layout(window: QMainWindow, settings: Settings, first_size: tuple[int, int]) -> None:
    """Give the window its size, place and docks of last time (``first_size`` the first time), on screen."""
    geometry = settings.window_bytes("geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*first_size)
    fit_to_screen(window)
    state = settings.window_bytes("state")
    if state is not None:
        window.restoreState(state)


def save_layout(window: QMainWindow, settings: Settings) -> None:
    """Keep the window's size, place and docks for next time."""
    settings.set_window_bytes("geometry", window.saveGeometry())
    settings.set_window_bytes("state", window.saveState())
