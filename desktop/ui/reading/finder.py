"""Finding in the review: Edit ▸ Find, a person's mentions, and the selected sentence's line in the status bar."""

from __future__ import annotations

from desktop.app.query import QueryError, parse
from desktop.export import counted
from desktop.ui.reading.host import FinderWindow
from desktop.ui.reading.wording import sentence_summary


class Finder:
    """Find and mention highlights of one window: one kind at a time, F3 stepping through either."""

    def __init__(self, window: FinderWindow) -> None:
        self.window = window
        self.person = -1
        """The person whose mentions are highlighted, or -1."""
        reader, find_bar = window.reader, window.find_bar
        find_bar.query_changed.connect(self.find)
        find_bar.next_requested.connect(lambda: reader.next_hit(1))
        find_bar.previous_requested.connect(lambda: reader.next_hit(-1))
        find_bar.closed.connect(self._closed)
        reader.hits_changed.connect(self._hits_changed)
        reader.sentence_selected.connect(self._sentence_selected)
        window.panel.people.person_activated.connect(self.show_person)

    def open(self) -> None:
        """Edit ▸ Find…"""
        self.window.statusBar().clearMessage()  # a person's "mention 2 of 3" no longer applies
        self.window.find_bar.open_bar()
        self.refresh()

    def refresh(self) -> None:
        """Find the find bar's text again, if it is open (in a new review, or once its text is complete)."""
        field = self.window.find_bar.field
        if self.window.find_bar.isVisible() and field.text():
            self.find(field.text())

    def find(self, query: str) -> int:
        """Highlight every match of ``query``; return how many there are."""
        self.person = -1
        self.window.panel.people.clearSelection()
        return self.window.reader.find(query)

    def _closed(self) -> None:
        reader = self.window.reader
        if reader.hit_kind == "find":
            reader.set_hits([], "")
        reader.setFocus()

    def show_person(self, index: int) -> None:
        """Highlight a person's mentions and go to the first; again: go to the next."""
        analysis, reader = self.window.analysis, self.window.reader
        if index < 0 or analysis is None:
            return
        if index == self.person and reader.hit_kind == "mention":
            reader.next_hit(1)
            return
        self.person = index
        reader.set_hits(analysis.people[index].mentions, "mention")
        reader.next_hit(1)

    def show_search(self, text: str) -> None:
        """Highlight where the library's search ``text`` finds its words and names in the open review (unless
        Find or a person's mentions are highlighted); F3 steps through them."""
        analysis, reader = self.window.analysis, self.window.reader
        if analysis is None or reader.hit_kind in ("find", "mention"):
            return
        try:
            spans = parse(text).highlights(analysis.text) if text.strip() else []
        except QueryError:
            return
        reader.set_hits(spans, "search")
        if spans:
            self.window.statusBar().showMessage(f"The search's words: {counted(len(spans), 'place')} in this "
                                                "review (F3 for the next)")

    def _hits_changed(self, current: int, total: int) -> None:
        analysis = self.window.analysis
        kind = self.window.reader.hit_kind
        if kind == "mention" and analysis and 0 <= self.person < len(analysis.people):
            name = analysis.people[self.person].name
            self.window.statusBar().showMessage(f"{name}: mention {current + 1} of {total} (F3 for the next)")
        elif kind == "search":
            if current >= 0:
                self.window.statusBar().showMessage(f"The search's words: {current + 1} of {total} (F3 for the next)")
        else:
            self.window.find_bar.set_count(current, total)

    def _sentence_selected(self, index: int) -> None:
        analysis = self.window.analysis
        self.window.panel.arc.set_current(index)
        if analysis is None:  # a sentence is selected only in an analysed review
            return
        self.window.statusBar().showMessage(
            f"Sentence {index + 1} of {len(analysis.sentences)} · {sentence_summary(analysis.sentences[index])}")
