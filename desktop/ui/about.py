"""Help ▸ About: the app's version and the versions of the libraries it reads with."""

from __future__ import annotations

from importlib import metadata

import desktop


def about_text() -> str:
    """The About box's text: app, Qt, NLTK and TextBlob versions."""

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    from PySide6 import __version__ as pyside

    return (
        f"<h3>Review Reader {desktop.__version__}</h3>"
        "<p>An offline reader for movie reviews: every sentence coloured by its "
        "sentiment, the people named, and an overall verdict.</p>"
        f"<p>NLTK {version('nltk')}<br>TextBlob {version('textblob')}<br>"
        f"PySide6 {pyside}</p>"
    )
