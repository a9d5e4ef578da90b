"""Raw review text to the clean text a reader sees.

Line-break tags become line breaks (two or more in a row make a paragraph
break), formatting tags are removed, entities are unescaped *after* tags are
removed (so ``&lt;b&gt;`` stays the literal text ``<b>``), white space is
collapsed and a missing space after sentence punctuation is put back.
Links, embedded content and scripts (``<a href=...>``, ``<img>``, ``<script>``,
...) are not formatting: they are kept as literal characters, so the reader
sees what the file holds, and they are never interpreted.
"""

from __future__ import annotations

import html
import html.parser
import re

from desktop.engine.result import Span

_BREAK = re.compile(r"<\s*(?:br|p)\b[^<>]{0,200}?/?\s*>|<\s*/\s*p\s*>", re.IGNORECASE)

# Elements that only format or structure prose: removed, their text kept.
# Inline ones vanish ("<i>so</i>good" stays one word), block ones leave a space.
_INLINE = "abbr|acronym|b|bdi|bdo|big|blink|cite|code|del|dfn|em|font|i|ins|kbd|mark|nobr|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var|wbr"
_BLOCK = (
    "address|article|aside|blockquote|caption|center|dd|div|dl|dt|figcaption|figure|footer|"
    "h[1-6]|header|hr|li|main|marquee|ol|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
# Attributes must carry values, so prose such as "a<b and c>d" is not a tag.
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))*"""


def _tag(names: str) -> re.Pattern:
    return re.compile(rf"<\s*/?\s*(?:{names})\b{_ATTRIBUTES}\s*/?\s*>", re.IGNORECASE)


_INLINE_TAG = _tag(_INLINE)
_BLOCK_TAG = _tag(_BLOCK)

# Runs of white space, or one white-space character that is not a plain space (a lone space stays).
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u200b\ufeff\u00ad"), None)

# "good.The" -> "good. The": a word of two or more lower-case letters (so not
# "U.S." or "e.g."), one sentence mark (so not an ellipsis), an optional closing
# quote or bracket, then a capitalised word.
_MISSING_SPACE = re.compile(r"(?<=[a-z]{2})([.!?][\"')\]\u201d\u2019]?)(?=[\"'(\u201c\u2018]?[A-Z][a-z'\u2019 ,])")
_URLISH = re.compile(r"(?:www|https?|://)\S*$", re.IGNORECASE)


def clean(raw: str) -> str:
    """The cleaned review text: paragraphs separated by one blank line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAK.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = _BLOCK_TAG.sub(" ", text)
    text = html.unescape(text)
    text = text.translate(_INVISIBLE).replace("\u00a0", " ").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _PARAGRAPH_BREAK.sub("\n\n", text)
    text = _repair_missing_spaces(text)
    return text.strip()


def paragraphs(text: str) -> tuple[Span, ...]:
    """Spans of the paragraphs of cleaned ``text``."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            spans.append(Span(start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return tuple(spans)


def _repair_missing_spaces(text: str) -> str:
    def insert_space(match: re.Match) -> str:
        before = text[max(0, match.start() - 40):match.start()]
        if _URLISH.search(before):
            return match.group(1)
        return match.group(1) + " "

    return _MISSING_SPACE.sub(insert_space, text)


_HIDDEN_ELEMENTS = {"script", "style", "head", "title", "template", "noscript", "svg", "object", "iframe"}
_BLOCK_ELEMENTS = set(_BLOCK.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("|")) | {"p", "br", "tr"}


class _TextOfHtml(html.parser.HTMLParser):
    """Collects the text of an HTML document: blocks end lines, hidden elements are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self.hidden += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n" if tag in ("br", "tr", "li") else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n" if tag in ("p", "div") else "\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The plain text of an HTML document (a web page copied to the clipboard): paragraphs and line breaks
    kept, scripts and styles dropped, entities read. Nothing is rendered or fetched."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return _PARAGRAPH_BREAK.sub("\n\n", "\n".join(lines)).strip()
