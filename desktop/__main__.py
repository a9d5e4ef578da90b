"""``python -m desktop``: the Review Reader app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Print a text summary of the files given (until the window exists)."""
    from desktop import cli

    return cli.main(["analyze", "--format", "text", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
