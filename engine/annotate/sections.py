"""Read the article's sections out of rendered HTML: their text as a reader sees it, mapped back to the HTML.

The article page marks each section as `<section class="article-section">`. A section's id is its own
`id`, or else the id of its first heading. Each element directly inside a section other than a heading
is a block (a paragraph, a list); its text becomes one line of the section's text, normalised for
matching, with every character mapped back to its place in the HTML so that notes can be put there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .anchoring import fold_char, line_around

SECTION_CLASS = "article-section"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text a reader does not read as part of the article: permalink symbols and scripts.
_SKIPPED_CLASSES = {"headerlink"}
_SKIPPED_TAGS = {"script", "style", "template"}
_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


@dataclass
class Block:
    """One top-level element of a section: where it starts and ends in the HTML."""

    start: int
    end: int = -1
    first_char: int = 0  # index into the section text
    last_char: int = 0


@dataclass
class Section:
    """A section's normalised text, one line per block, and a map from each character to the HTML."""

    id: str
    heading: str = ""
    start: int = 0  # where <section begins in the HTML
    end: int = 0  # just after its </section>
    text: str = ""
    char_starts: list[int] = field(default_factory=list)
    char_ends: list[int] = field(default_factory=list)
    char_parents: list[int] = field(default_factory=list)  # which element holds the character
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The section's heading, or "Introduction" for the untitled opening section."""
        return self.heading or "Introduction"

    def source_text(self, source: str, first: int, last: int) -> str:
        """The text of characters [first, last) as the page shows it, typography and all (tags removed)."""
        if first >= last:
            return ""
        _, line_end = line_around(self.text, first, first)
        start = self.char_starts[first]
        # The end of a line maps to its last character's end, so the block's closing tag is left out.
        end = self.char_starts[last] if last < line_end else self.char_ends[min(last, line_end) - 1]
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", source[start:end])))

    def block_at(self, index: int) -> Block:
        """The block that holds character `index` of the text."""
        return next(block for block in self.blocks if block.first_char <= index < block.last_char)


class _SectionReader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_offsets = [0] + [m.end() for m in re.finditer("\n", source)]
        self.sections: list[Section] = []
        self.stack: list[tuple[str, int]] = []  # open elements: (tag, serial number)
        self.serial = 0
        self.section_depth: int | None = None
        self.heading_depth: int | None = None
        self.skip_depth: int | None = None
        self.block: Block | None = None
        self.space_at: int | None = None  # where a run of white space began, if one is pending
        self.chars: list[tuple[str, int, int, int]] = []  # (char, html start, html end, parent element)

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._text(" ", [self._position()], [self._position()])
            return
        attributes = {name: value or "" for name, value in attrs}
        classes = set(attributes.get("class", "").split())
        self.serial += 1
        self.stack.append((tag, self.serial))
        depth = len(self.stack)
        if self.section_depth is None:
            if tag == "section" and SECTION_CLASS in classes:
                self.section_depth = depth
                self.sections.append(Section(id=attributes.get("id", ""), start=self._position()))
                self.chars = []
            return
        if depth == self.section_depth + 1:
            if tag in _HEADINGS:
                self.heading_depth = depth
                self.sections[-1].id = self.sections[-1].id or attributes.get("id", "")
            else:
                self.block = Block(start=self._position(), first_char=len(self.chars))
                self.space_at = None
        if self.skip_depth is None and (tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES):
            self.skip_depth = depth

    def handle_endtag(self, tag: str) -> None:
        open_tags = [open_tag for open_tag, _ in self.stack]
        if tag in _VOID or tag not in open_tags:
            return
        depth = len(open_tags) - open_tags[::-1].index(tag)
        del self.stack[depth - 1:]
        if self.skip_depth is not None and depth <= self.skip_depth:
            self.skip_depth = None
        if self.section_depth is None:
            return
        if depth == self.heading_depth:
            self.heading_depth = None
        elif depth == self.section_depth + 1 and self.block is not None:
            self._finish_block(self.source.index(">", self._position()) + 1)
        elif depth == self.section_depth:
            self._finish_section(self.source.index(">", self._position()) + 1)

    def _finish_block(self, end: int) -> None:
        block, self.block = self.block, None
        block.end = end
        block.last_char = len(self.chars)
        if block.last_char > block.first_char:
            self.sections[-1].blocks.append(block)
            self.chars.append(("\n", end, end, 0))

    def _finish_section(self, end: int) -> None:
        section = self.sections[-1]
        section.end = end
        if self.chars and self.chars[-1][0] == "\n":
            self.chars.pop()
        section.text = "".join(char for char, _, _, _ in self.chars)
        section.char_starts = [start for _, start, _, _ in self.chars]
        section.char_ends = [end for _, _, end, _ in self.chars]
        section.char_parents = [parent for _, _, _, parent in self.chars]
        self.section_depth = None

    def _text(self, text: str, starts: list[int], ends: list[int]) -> None:
        """Route decoded text whose i-th character comes from the HTML span [starts[i], ends[i])."""
        if self.section_depth is None or self.skip_depth is not None:
            return
        if self.heading_depth is not None:
            self.sections[-1].heading += text
            return
        if self.block is None:
            return
        parent = self.stack[-1][1]
        for char, start, end in zip(text, starts, ends, strict=True):
            char = fold_char(char)
            if char.isspace():
                self.space_at = start if self.space_at is None else self.space_at
                continue
            if self.space_at is not None and len(self.chars) > self.block.first_char:
                self.chars.append((" ", self.space_at, self.space_at, parent))
            self.space_at = None
            self.chars.append((char, start, end, parent))

    def handle_data(self, data: str) -> None:
        start = self._position()
        self._text(data, list(range(start, start + len(data))), list(range(start + 1, start + len(data) + 1)))

    def _reference(self) -> None:
        start = self._position()
        match = _ENTITY.match(self.source, start)
        raw = match.group(0) if match else "&"
        text = html.unescape(raw)
        self._text(text, [start] * len(text), [start + len(raw)] * len(text))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()


def read_sections(source: str) -> list[Section]:
    """Every article section in rendered HTML `source`, in document order."""
    reader = _SectionReader(source)
    reader.feed(source)
    reader.close()
    for section in reader.sections:
        section.heading = " ".join(section.heading.split())
    return reader.sections
