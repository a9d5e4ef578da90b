"""Review Reader: an offline reader for reviews."""

__version__ = "0.1.0"
