"""Entry point of the frozen app: ``ReviewReader [FILE...]`` or ``ReviewReader --self-test``."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.__main__ import main

    sys.exit(main())
