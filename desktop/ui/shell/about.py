"""Help ▸ About: the app's version and commit, and the versions of the libraries it reads with."""

from __future__ import annotations

import html

from desktop.version import version_line


def about_text() -> str:
    """The About box's text: app version and commit, Qt, NLTK and TextBlob versions."""
    from importlib import metadata

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    from PySide6 import __version__ as pyside

    return (
        f"<h3>{html.escape(version_line())}</h3>"
        "<p>An offline reader for movie reviews: every sentence coloured by its "
        "sentiment, the people named, and an overall verdict.</p>"
        f"<p>NLTK {version('nltk')}<br>TextBlob {version('textblob')}<br>"
        f"PySide6 {pyside}</p>"
    )
