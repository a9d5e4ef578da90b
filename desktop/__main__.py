"""``python -m desktop [FILE...]`` and the ``review-reader`` command: the reader window.

``--version``, ``--self-test``, ``--install`` and ``--uninstall`` are answered here,
without loading Qt; anything else opens the window.
"""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    """``review-reader [FILE...] | --self-test | --install | --uninstall | --version``."""
    parser = argparse.ArgumentParser(prog="review-reader", description="Read movie reviews colour-coded by sentiment.")
    parser.add_argument("files", nargs="*", help="review files to open, or a folder to open in the library")
    task = parser.add_mutually_exclusive_group()
    task.add_argument("--self-test", action="store_true",
                      help="analyse the bundled sample and report whether the app works (no window)")
    task.add_argument("--install", action="store_true",
                      help="add Review Reader to your applications menu and to Open With for text files")
    task.add_argument("--uninstall", action="store_true", help="remove what --install added")
    task.add_argument("--version", action="store_true", help="print the version and the commit it was built from")
    options = parser.parse_args(argv)
    if options.files and (options.self_test or options.install or options.uninstall or options.version):
        parser.error("--self-test, --install, --uninstall and --version take no files")
    return options


def main(argv: list[str] | None = None) -> int:
    """Run what the command line asks for; return the exit status."""
    options = parse_args(sys.argv[1:] if argv is None else list(argv))
    if options.version:
        from desktop.version import version_line

        print(version_line())
        return 0
    if options.install or options.uninstall:
        from desktop import install

        return install.main(remove=options.uninstall)
    if options.self_test:
        from desktop import selftest

        return 0 if selftest.run() else 1
    from desktop.ui.shell.app import run

    return run(options.files)


if __name__ == "__main__":
    sys.exit(main())
