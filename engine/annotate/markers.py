"""Citation markers in a note's body: `[@id]` or `[@id1; @id2]` names the sources that carry a block.

One reading of the markers for the check (which block cites what, at which line) and for the note page
(each marker a numbered link to its source in the Sources list). `[@article]` marks a block that only
reports what the article itself says; it names no source and shows nothing on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

ARTICLE = "article"
# Loose on purpose: a marker with a mistyped id is still found, and reported, instead of passing as text.
MARKER = re.compile(r"\[@([^\[\]\n]*)\]")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_BLOCK_OPENER = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")  # an admonition or collapsible block's first line
# Code and preformatted text in checked HTML (the allowlist's own serialisation): markers there are shown as written;
# and link texts, where a marker's own link would nest one link in another.
_HTML_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<a\b.*?</a>)", re.DOTALL)


@dataclass(frozen=True)
class Marker:
    """One marker as written: the ids it names, and where it is in the file."""

    ids: tuple[str, ...]
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph or a list item of the body: where it starts, and the markers it holds."""

    line: int
    column: int
    kind: str  # "paragraph" or "list item"
    markers: tuple[Marker, ...]


def marker_ids(inside: str) -> tuple[str, ...]:
    """The ids written inside one marker's brackets, '@a; @b' → ('a', 'b')."""
    return tuple(part.strip().removeprefix("@").strip() for part in inside.split(";"))


def _markers(line: str, number: int) -> Iterator[Marker]:
    # Code spans are blanked, not removed, so that columns stay those of the file.
    visible = _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), line)
    for match in MARKER.finditer(visible):
        yield Marker(marker_ids(match.group(1)), number, match.start() + 1, match.group(0))


def body_blocks(body: str, body_line: int) -> list[Block]:
    """The paragraphs and list items of `body` (outside fenced code, headings and rules), with their markers."""
    blocks: list[Block] = []
    current: list[Marker] | None = None
    start = (0, 0, "")
    fence = None

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Block(start[0], start[1], start[2], tuple(current)))
        current = None

    for offset, line in enumerate(body.split("\n")):
        number = body_line + offset
        opening = _FENCE.match(line)
        if fence is not None:
            fence = None if opening and opening.group(1)[0] == fence else fence
            continue
        if opening:
            close()
            fence = opening.group(1)[0]
            continue
        if not line.strip() or _HEADING.match(line) or _RULE.match(line) or _BLOCK_OPENER.match(line):
            close()
            continue
        if current is None or _LIST_ITEM.match(line):
            close()
            current = []
            kind = "list item" if _LIST_ITEM.match(line) else "paragraph"
            start = (number, len(line) - len(line.lstrip()) + 1, kind)
        current.extend(_markers(line, number))
    close()
    return blocks


def numbered_markers(html: str, numbers: dict[str, int], titles: dict[str, str]) -> str:
    """Checked body HTML with each marker outside code written as numbered links to its sources.

    `numbers` gives each source id its number in the Sources list; a marker naming an id not there is left
    as written (the check reports it before any page is written). `[@article]` is taken out.
    """

    def link(source_id: str) -> str:
        return (
            f'<a href="#source-{escape(source_id)}" title="{escape(titles[source_id])}">{numbers[source_id]}</a>'
        )

    def replace(match: re.Match[str]) -> str:
        ids = marker_ids(match.group(1))
        cited = [source_id for source_id in ids if source_id != ARTICLE]
        if any(source_id not in numbers for source_id in cited):
            return match.group(0)
        if not cited:
            return ""
        return '<sup class="ann-cite">[' + ", ".join(link(source_id) for source_id in cited) + "]</sup>"

    parts = _HTML_CODE.split(html)
    return "".join(part if index % 2 else _drop_space_before_nothing(MARKER.sub(replace, part))
                   for index, part in enumerate(parts))


def _drop_space_before_nothing(html: str) -> str:
    """A removed `[@article]` leaves no space before the end of its sentence or block."""
    return re.sub(r" +(?=</(?:p|li)>)", "", html)
