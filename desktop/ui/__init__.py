"""The PySide6 reader window over the analysis engine; it shows results and computes no sentiment."""

from desktop.ui.pyside_guard import protect_none

protect_none()
