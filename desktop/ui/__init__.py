"""The PySide6 reader window: it shows results and forwards the reader's actions; it computes nothing.

Four rooms: ``shell`` (the main window, menus, settings, dialogs) wires ``reading``
(the text view, find, its background analysis), ``panel`` (the side cards) and
``library`` (the folder table); those three share ``tasks`` and never each other.
"""
