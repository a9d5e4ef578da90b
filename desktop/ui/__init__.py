"""The PySide6 reader window over the analysis engine; it shows results and computes no sentiment."""
