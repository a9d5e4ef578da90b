"""A guard against a PySide6 6.12.0 reference-count bug on Python 3.11.

The PySide6 6.12.0 wheel (abi3) gives up one reference to ``None`` that it
does not own on every call of a Qt method that returns nothing
(``QLabel.setText``, ``QCoreApplication.processEvents``, ``QPainter.drawLine``,
``QTextCursor.setPosition``...). Python 3.12 and later make ``None`` immortal,
so nothing happens there; on Python 3.11 its count falls with every call until
the interpreter aborts with "Fatal Python error: none_dealloc", in a long
session or at exit. :func:`protect_none` gives ``None`` enough spare
references, once, that no session can use them up.
"""

from __future__ import annotations

import ctypes
import sys

SPARE_REFERENCES = 1 << 40


def needs_guard() -> bool:
    """Whether ``None`` is mortal in this interpreter (CPython before 3.12)."""
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def protect_none() -> None:
    """Add SPARE_REFERENCES to ``None``'s reference count (once, and only where needed)."""
    if not needs_guard() or sys.getrefcount(None) > SPARE_REFERENCES // 2:
        return
    # ob_refcnt is the first field of every CPython object; the GIL is held here.
    ctypes.c_ssize_t.from_address(id(None)).value += SPARE_REFERENCES
