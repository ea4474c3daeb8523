"""Reading built pages in tests, independently of the code that wrote them."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr"})


class _TextExtractor(HTMLParser):
    """Visible text of the element with `root_class`, leaving out elements with any of `skip_classes`."""

    def __init__(self, root_class: str, skip_classes: set[str]) -> None:
        super().__init__()
        self.root_class, self.skip_classes = root_class, skip_classes
        self.depth = 0
        self.root_depth: int | None = None
        self.skip_depth: int | None = None
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if self.root_depth is None and self.root_class in classes:
            self.root_depth = self.depth
        if self.root_depth is not None and self.skip_depth is None and classes & self.skip_classes:
            self.skip_depth = self.depth
        if tag in {"p", "h1", "h2", "h3", "li", "div", "section", "aside"}:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.root_depth == self.depth:
            self.root_depth = -1  # done: only the first root is read
        self.depth -= 1

    def handle_data(self, data):
        if self.root_depth not in (None, -1) and self.skip_depth is None:
            self.parts.append(data)


def visible_text(html: str, root_class: str, skip_classes: set[str] = frozenset()) -> str:
    extractor = _TextExtractor(root_class, set(skip_classes))
    extractor.feed(html)
    return re.sub(r"[ \t\r\f\v]+", " ", "".join(extractor.parts))


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if s]


class _QuoteNumbers(HTMLParser):
    """The number each highlight carries: the ann-ref link inside it, owned by the innermost open highlight."""

    def __init__(self) -> None:
        super().__init__()
        self.open_marks: list[str] = []
        self.numbers: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "mark" and "ann-quote" in (attributes.get("class") or "").split():
            self.open_marks.append(attributes["id"])
        elif tag == "a" and "data-number" in attributes and self.open_marks:
            self.numbers[self.open_marks[-1]] = int(attributes["data-number"])

    def handle_endtag(self, tag):
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()


def quote_numbers(html: str) -> dict[str, int]:
    """Each highlighted quote's id and the number shown after it."""
    reader = _QuoteNumbers()
    reader.feed(html)
    return reader.numbers


def html_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities decoded, white space collapsed."""
    spaced = re.sub(r"</?(?:p|blockquote|br|ul|ol|li|div)\b[^>]*>", " ", fragment)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", spaced)).split())
