"""The File section: name, size, words, sentences, encoding, language and the reviewer's rating."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from desktop.app.records import RATING_BOUNDS, ReviewFile, label_for_rating
from desktop.engine import GIVEN_AS_TEXT, Analysis, Prepared
from desktop.engine.result import UNKNOWN
from desktop.engine.text.language import language_name


def rating_line(rating: float, label: str, scale: int = 10) -> str:
    """ "8/10 · the verdict agrees" (or disagrees, saying what the rating implies), for a rating out of
    ``scale`` (10 or 5)."""
    expected = label_for_rating(rating, scale)
    given = f"{rating:g}/{scale}"
    if expected is None:
        negative, positive = RATING_BOUNDS[scale]
        return f"{given} · no label ({positive}–{scale} reads positive, 1–{negative} negative)"
    if label == UNKNOWN:
        return f"{given} · reads {expected}"
    if expected == label:
        return f"{given} · the verdict agrees"
    return f"{given} · the verdict disagrees (the rating reads {expected})"


def human_size(size: int) -> str:
    """A byte count for people: "812 bytes", "2.7 KB", "1.2 MB"."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1_048_576:.1f} MB"


class FileInfo(QWidget):
    """Facts about the open file."""

    FIELDS = ("Name", "Size", "Words", "Sentences", "Encoding", "Language", "Rating")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for field in self.FIELDS:
            value = QLabel(wordWrap=True)
            self.values[field] = value
            self.form.addRow(f"{field}:", value)
        self.clear()

    def clear(self) -> None:
        """Show no file."""
        for value in self.values.values():
            value.setText("—")
        for field in ("Language", "Rating"):
            self.form.setRowVisible(self.FIELDS.index(field), False)

    def show_prepared(self, name: str, prepared: Prepared) -> None:
        """What is known before analysis."""
        self.values["Name"].setText(name)
        self.values["Size"].setText(human_size(prepared.size))
        self.values["Words"].setText(f"{len(prepared.text.split()):,}")
        self.values["Sentences"].setText("…")
        self._show_encoding(prepared.encoding)
        for field in ("Language", "Rating"):  # shown once analysed, when they have something to say
            self.form.setRowVisible(self.FIELDS.index(field), False)

    def show_analysis(self, analysis: Analysis, review: ReviewFile, scale: int = 10) -> None:
        """Everything, once analysed; the rating is the one ``review`` carries, out of ``scale``."""
        self.values["Name"].setText(analysis.name)
        self.values["Size"].setText(human_size(analysis.size))
        self.values["Words"].setText(f"{analysis.word_count:,}")
        self.values["Sentences"].setText(f"{len(analysis.sentences):,}")
        self._show_encoding(analysis.encoding)
        rating = review.rating
        if rating is not None:
            self.values["Rating"].setText(rating_line(rating, analysis.verdict.label, scale))
        self.form.setRowVisible(self.FIELDS.index("Rating"), rating is not None)
        unread = analysis.verdict.label == UNKNOWN
        self.values["Language"].setText(language_name(analysis.language) + (" (not analysed)" if unread else ""))
        self.form.setRowVisible(self.FIELDS.index("Language"), analysis.language != "en")

    def _show_encoding(self, encoding: str) -> None:
        """The file's encoding; no row for a review given as text (a table's row, a pasted review)."""
        self.values["Encoding"].setText(encoding)
        self.form.setRowVisible(self.FIELDS.index("Encoding"), encoding != GIVEN_AS_TEXT)

    def text(self, field: str) -> str:
        """The displayed value of one field."""
        return self.values[field].text()
