"""What a generated page carries for the Markdown extension, and how the extension completes the page with it.

The generator writes, as the first line of a page's Markdown, one HTML comment holding JSON: the HTML
of each generated part, keyed by the marker that stands where it goes; for the article, every
highlight and note with the place it goes in the text of its section; and, when the site's address is
known, what the page needs to give its links their full address. The builder renders the rest of
the page as usual; `complete_page` then works on that HTML alone.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import urlsplit

from .addresses import is_internal, page_path, public_url, resolve
from .render import label_permalinks
from .sections import Section, read_sections
from .splice import splice
from .urls import SiteMap

_OPEN = "<!-- annotate-page "
_CLOSE = " -->"
_PART = "<!-- annotate-part:{} -->"
# JSON with the characters that could end the comment, or be read as markup, written as escapes.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_LINK = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"')
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


class PageMismatch(RuntimeError):
    """The builder rendered the page differently from the generator's reading of it; the message says how."""


@dataclass(frozen=True)
class Insertion:
    """HTML to put at a place in an article section: at a character of its text, or at a block's start or end."""

    section: str
    at: str  # "char-start", "char-end", "block-start" or "block-end"
    index: int  # the character of the section's text, or the block
    order: tuple[int, ...]  # for insertions at one place, in this order
    html: str

    def offset(self, section: Section) -> int:
        if self.at == "char-start":
            return section.char_starts[self.index]
        if self.at == "char-end":
            return section.char_ends[self.index]
        block = section.blocks[self.index]
        return block.start if self.at == "block-start" else block.end


@dataclass(frozen=True)
class ArticlePlan:
    source: str  # the article's path, for messages
    texts: dict[str, str]  # section id → fingerprint of its text, as the notes were placed in it
    insertions: tuple[Insertion, ...]


@dataclass(frozen=True)
class PageData:
    page: str  # the page's path among the pages, such as notes/x.md
    parts: dict[str, str]  # marker id → HTML
    directory_urls: bool = True
    site_url: str = ""  # when known, each link within the site also gets its full address, for print and copy-link
    article: ArticlePlan | None = None
    # The part that is the whole of the page's content: the builder's own HTML is left out, and only what it
    # made of the page's Markdown besides (its table of contents) is kept. A note's page is built so.
    whole: str | None = None

    @property
    def urls(self) -> SiteMap:
        return SiteMap(self.directory_urls, self.site_url)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def part_marker(name: str) -> str:
    """The comment that stands in the page's Markdown where the part `name` goes."""
    return _PART.format(name)


def data_line(data: PageData) -> str:
    """The page's first line of Markdown."""
    payload: dict[str, object] = {
        "page": data.page, "parts": data.parts, "directory_urls": data.directory_urls, "site_url": data.site_url,
    }
    if data.article is not None:
        payload["article"] = {
            "source": data.article.source,
            "texts": data.article.texts,
            "insertions": [[i.section, i.at, i.index, list(i.order), i.html] for i in data.article.insertions],
        }
    if data.whole is not None:
        payload["whole"] = data.whole
    return _OPEN + json.dumps(payload, ensure_ascii=False, separators=(",", ":")).translate(_UNSAFE) + _CLOSE


def take_page_data(lines: list[str]) -> tuple[PageData | None, list[str]]:
    """The page's data, from its first line that is not blank, and the lines without it."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if not (line.startswith(_OPEN) and line.rstrip().endswith(_CLOSE)):
            return None, lines
        payload = json.loads(line.rstrip()[len(_OPEN):-len(_CLOSE)])
        article = payload.get("article")
        data = PageData(
            page=payload["page"],
            parts=payload["parts"],
            directory_urls=payload["directory_urls"],
            site_url=payload["site_url"],
            article=None if article is None else ArticlePlan(
                source=article["source"],
                texts=article["texts"],
                insertions=tuple(Insertion(s, at, i, tuple(order), html)
                                 for s, at, i, order, html in article["insertions"]),
            ),
            whole=payload.get("whole"),
        )
        return data, lines[:index] + lines[index + 1:]
    return None, lines


def complete_page(html: str, data: PageData, *, to_addresses: bool) -> str:
    """The page's HTML with its generated parts, its notes and its links' full addresses.

    The engine writes each link as a page's Markdown would, to the target's file (`page.md#anchor`). With
    `to_addresses`, for a builder that has already turned the page's own Markdown links into addresses
    and leaves HTML alone (MkDocs), each generated link is turned into the target's address here; a
    builder that turns every link of a page into an address after rendering it (Zensical) is left to do so.
    """
    def generated(fragment: str) -> str:
        return addresses(fragment, data) if to_addresses else fragment

    if data.whole is not None:
        html = part_marker(data.whole)
    for name, part in data.parts.items():
        marker = part_marker(name)
        if marker not in html:
            raise PageMismatch(f"the marker of the generated part '{name}' is missing from the rendered page")
        html = html.replace(marker, generated(part))
    html = label_permalinks(html)
    if data.article is not None:
        html = place(html, data.article, generated)
    if data.site_url:
        html = with_full_addresses(html, data, from_file=not to_addresses)
    return html


def addresses(fragment: str, data: PageData) -> str:
    """The generated HTML `fragment` with each link to a file of the site turned into that file's address."""
    urls = data.urls

    def address(match: re.Match[str]) -> str:
        link = unescape(match.group(2))
        if not is_internal(link) or link.startswith("#"):
            return match.group(0)
        return match.group(1) + escape(urls.address(link, data.page)) + match.group(3)

    return _LINK_ATTRIBUTE.sub(address, fragment)


def place(html: str, plan: ArticlePlan, generated: Callable[[str], str] = lambda fragment: fragment) -> str:
    """The article's HTML with every highlight and note of `plan` put in place."""
    sections = {section.id: section for section in read_sections(html)}
    for section_id, expected in plan.texts.items():
        section = sections.get(section_id)
        if section is None or fingerprint(section.text) != expected:
            raise PageMismatch(
                f"{plan.source}: section '{section_id}' reads differently in this build than when its notes were "
                "placed; build the tree again with the Markdown settings of this builder's configuration"
            )
    return splice(html, [(i.offset(sections[i.section]), i.order, generated(i.html)) for i in plan.insertions])


def with_full_addresses(html: str, data: PageData, *, from_file: bool) -> str:
    """`data-url` with the full published address on every link of the page that leads within the site.

    With `from_file`, links are still written from the page's Markdown file, as the builder turns them into
    addresses only after the extension (Zensical); else they are addresses relative to the page as built.
    """

    def add(match: re.Match[str]) -> str:
        attributes, href = match.group(1), unescape(match.group(2))
        if not is_internal(href) or "data-url=" in attributes:
            return match.group(0)
        if from_file and not href.startswith("#"):
            target = urlsplit(href)
            path = posixpath.normpath(posixpath.join(posixpath.dirname(data.page), target.path))
            address = public_url(data.site_url, page_path(path) if path.endswith(".md") else path, target.fragment)
        else:
            address = public_url(data.site_url, *resolve(data.urls.url(data.page), href))
        return f'{match.group(0)} data-url="{escape(address)}"'

    return _LINK.sub(add, html)
