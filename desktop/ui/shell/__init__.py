"""The window's frame: the main window, menus and shortcuts, settings and themes, dialogs, background tasks."""
