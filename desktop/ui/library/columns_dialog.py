"""The Columns dialog: which column of a table of reviews holds the text, and which the label or rating."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from desktop.app.tables import NO_COLUMN

NO_LABEL = "(none)"


class ColumnsDialog(QDialog):
    """Two choices among a table's column names; the label column may be none."""

    def __init__(self, names: Sequence[str], text: str, label: str | None, parent: QWidget | None = None):
        """Offer ``names``, with ``text`` and ``label`` (None or NO_COLUMN: none) chosen."""
        super().__init__(parent, windowTitle="Columns", minimumWidth=380)
        self.text = QComboBox()
        self.text.addItems(list(names))
        self.text.setCurrentText(text)
        self.label = QComboBox()
        self.label.addItems([NO_LABEL, *names])
        self.label.setCurrentText(label or NO_LABEL)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Review Reader found these columns; change them if it guessed wrong.", wordWrap=True))
        form.addRow("Review &text:", self.text)
        form.addRow("&Label or rating:", self.label)
        form.addRow(buttons)

    def chosen(self) -> tuple[str, str]:
        """(text column, label column or ``tables.NO_COLUMN``)."""
        label = self.label.currentText()
        return self.text.currentText(), NO_COLUMN if label == NO_LABEL else label
