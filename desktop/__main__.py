"""``python -m desktop [FILE...]`` and the ``review-reader`` command: the reader window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Open the Review Reader window with the files given; return the exit status."""
    from desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
