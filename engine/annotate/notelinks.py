"""Links in notes to pages and notes of the site: checked once, then written for each place the text is shown.

A note links to another page as it would in any page of the site, by the page's Markdown file from
its own (`[the method](../about.md)`, `[this other note](other-note.md#sources)`). The same summary is
shown on the article, on the note's page, in the worksheet's answers and in the exports, each at
another address; so the link is written anew for each of them: relative to the page that shows it,
or in full for an export, which is read away from the site.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import unescape

from .allowlist import PAGE_LINK, plain
from .contributor import ContributorMarkdown
from .fields import located
from .markers import numbered_markers
from .notes import Note, Quote
from .problems import Problems
from .schema import did_you_mean
from .urls import SiteMap

# In HTML the allowlist check wrote: its own serialisation, so every href is in double quotes, escaped.
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
_HREF_ANY = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


def _targets(html: str, source: str) -> list[tuple[str, str, str]]:
    """(href, the page it leads to as a source path, anchor) for each link in `html` to a page of the site."""
    found = []
    for match in _HREF.finditer(html):
        href = unescape(match.group(2))
        page = PAGE_LINK.match(href)
        if page:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), page.group(1)))
            found.append((href, target, page.group(2) or ""))
    return found


def link_problems(
    note: Note, source: str, text: ContributorMarkdown, pages: set[str], file_lines: list[str]
) -> Problems:
    """A problem for each link of the note's summary or body to a page that the site does not have.

    `source` is the note's path among the pages (notes/x.md); `pages` every page and note there.
    """
    problems = Problems()
    for html, start in ((text.summary_html(note.summary), note.position("summary")),
                        (text.body(note.body).html, (note.body_line, 1))):
        for href, target, _ in _targets(html, source):
            if target not in pages:
                problems.add(note.path, *located(file_lines, start, (href,)), (
                    f"link '{href}' leads to '{target}', which is not a page or a note of the site; "
                    "link to a page as its file from this note, such as ../page.md, or to a note as other-note.md"
                ))
    return problems


def _missing_anchor(href: str, target: str, anchor: str, anchors: dict[str, set[str]]) -> str | None:
    """Why the link `href` to `anchor` on `target` leads nowhere, or None; a target not in `anchors` is not known."""
    known = anchors.get(target)
    if not anchor or known is None or anchor in known:
        return None
    return (f"link '{href}' leads to '#{anchor}' on '{target}', which has no such anchor"
            f"{did_you_mean(anchor, sorted(known))}; link to a heading or a part that '{target}' has")


def anchor_problems(
    note: Note, source: str, text: ContributorMarkdown, anchors: dict[str, set[str]], file_lines: list[str]
) -> Problems:
    """A problem for each link of the note's summary or body to an anchor that its page does not have; `#…` in the
    body is an anchor of the note's own page. `anchors` holds every id of every page, by its source path."""
    problems = Problems()
    for html, start in ((text.summary_html(note.summary), note.position("summary")),
                        (text.body(note.body).html, (note.body_line, 1))):
        links = [(href, target, anchor) for href, target, anchor in _targets(html, source)]
        links += [(href, source, href[1:]) for href in _fragments(html)]
        for href, target, anchor in links:
            if (reason := _missing_anchor(href, target, anchor, anchors)) is not None:
                problems.add(note.path, *located(file_lines, start, (href,)), reason)
    return problems


def page_anchor_problems(
    shown: str, source: str, html: str, anchors: dict[str, set[str]], file_lines: list[str]
) -> Problems:
    """The same for a page as written, from the HTML its Markdown renders to."""
    problems = Problems()
    links = [*_targets(html, source), *((href, source, href[1:]) for href in _fragments(html))]
    for href, target, anchor in links:
        if (reason := _missing_anchor(href, target, anchor, anchors)) is not None:
            problems.add(shown, *located(file_lines, (1, 1), (href,)), reason)
    return problems


def _fragments(html: str) -> list[str]:
    """Each link to an anchor of the same page, `#…`, in `html`."""
    return [href for match in _HREF_ANY.finditer(html) if (href := unescape(match.group(1))).startswith("#")]


class NoteText:
    """The HTML of a note's summary and body, with its links to the site written for the page that shows them."""

    def __init__(self, text: ContributorMarkdown, notes_folder: str, urls: SiteMap) -> None:
        self.text = text
        self.notes_folder = notes_folder
        self.urls = urls

    def source(self, note: Note) -> str:
        return f"{self.notes_folder}/{note.id}.md"

    def summary(self, note: Note, page: str | None) -> str:
        """The summary for the page `page` (a source path), or, with None, for an export: full addresses."""
        return self.summary_of(note.summary, page)

    def summary_of(self, summary: str, page: str | None) -> str:
        """As `summary`, from the summary's text; every note is in the same folder, so links read the same."""
        return self._linked(self.text.summary_html(summary), page)

    def explanation(self, note: Note, quote: Quote, page: str | None) -> str:
        """Why `quote` got its verdict, as HTML for `page` (None for an export): a further claim's own summary,
        plain text; the note's summary for the note's own quote."""
        if quote.summary is not None:
            return plain(quote.summary)
        return self.summary(note, page)

    def body(self, note: Note) -> str:
        """The body, on the note's own page, each citation marker a numbered link to its source."""
        cited = [(number, source) for number, source in enumerate(note.sources, start=1) if source.id]
        return numbered_markers(
            self._linked(self.text.body(note.body).html, self.source(note)),
            numbers={source.id: number for number, source in cited},
            titles={source.id: source.title for _, source in cited},
        )

    def _linked(self, html: str, page: str | None) -> str:
        source = f"{self.notes_folder}/index.md"  # any note's path: links are read from the notes' folder
        address: Callable[[str, str], str] = (
            (lambda target, anchor: self.urls.link(target, page, anchor)) if page is not None
            else self.urls.absolute_or_root
        )

        def rewrite(match: re.Match[str]) -> str:
            href = unescape(match.group(2))
            link = PAGE_LINK.match(href)
            if not link:
                return match.group(0)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), link.group(1)))
            written = address(target, link.group(2) or "")
            return match.group(1) + written.replace("&", "&amp;").replace('"', "&quot;") + match.group(3)

        return _HREF.sub(rewrite, html)
