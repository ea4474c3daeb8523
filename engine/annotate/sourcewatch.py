"""The source drift watch: is each cited page still where the note says, and does it still say the passage?

For every source of every note it reads the page once (the same address cited twice is read once) and
reports, at the source's entry in its note:

- a permanent redirect, with the new address to cite;
- a page that is gone (404 Not Found, 410 Gone);
- a passage no longer found in the page's text. The page's HTML is reduced to the text a reader sees, and
  passage and text are compared as the engine compares quotes with the article (`anchoring.normalise`:
  whitespace runs collapsed, typographic and straight quotes equivalent), on whole words;
- a page that could not be read or checked (a time-out, a refusal, a page too large or not text), in
  plain words, so that a reviewer confirms it by hand.

Reading is left to the `read` function it is given (`webapi.PageReader.read` for the real one), which
never raises; hosts are read side by side, each host's pages one after another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .anchoring import AnchorFailure, anchor_quote, closest_text, normalise
from .notes import Note
from .problems import Problems
from .webapi import PageAnswer

HOSTS_AT_ONCE = 4
# Beyond this many characters of page text, looking for the closest wording would take too long.
CLOSEST_TEXT_LIMIT = 200_000

# Elements whose text a reader does not see as the page's words.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# Elements that start a new block of text: their text never runs into the text around them.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})


class _TextOfPage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(answer: PageAnswer) -> str:
    """The words of a page as matching sees them: HTML reduced to its visible text, then normalised."""
    if not answer.html:
        return normalise(answer.text or "")
    parser = _TextOfPage()
    parser.feed(answer.text or "")
    parser.close()
    return normalise("".join(parser.parts))


@dataclass(frozen=True)
class CitedSource:
    """One source of one note, with the places in the note to point at."""

    path: str
    key: str  # "sources[2]"
    url: str
    accessed: str
    passage: str | None
    prefix: str | None
    suffix: str | None
    url_at: tuple[int, int]
    passage_at: tuple[int, int]


def cited_sources(notes: Iterable[Note]) -> list[CitedSource]:
    return [
        CitedSource(note.path, source.key, source.url, source.accessed, source.passage, source.prefix, source.suffix,
                    note.position(source.field("url")), note.position(source.field("passage")))
        for note in notes for source in note.sources
    ]


def read_all(urls: Iterable[str], read: Callable[[str], PageAnswer]) -> dict[str, PageAnswer]:
    """Each address read once: hosts side by side, a host's pages one after another, in the order given."""
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(urlsplit(url).hostname or "", []).append(url)

    def read_host(host_urls: list[str]) -> list[tuple[str, PageAnswer]]:
        return [(url, read(url)) for url in host_urls]

    with ThreadPoolExecutor(max_workers=HOSTS_AT_ONCE) as pool:
        return {url: answer for answers in pool.map(read_host, by_host.values()) for url, answer in answers}


def drift(sources: list[CitedSource], read: Callable[[str], PageAnswer]) -> Problems:
    """Every source that moved, is gone, no longer says its passage, or could not be checked."""
    problems = Problems()
    answers = read_all((source.url for source in sources), read)
    texts: dict[str, str] = {}
    for source in sources:
        answer = answers[source.url]
        where = f"{source.key}.url"
        if answer.moved_to:
            problems.add(source.path, *source.url_at, (
                f"{where} {source.url} has moved for good to {answer.moved_to}; confirm the passage there, "
                "then cite the new address and set accessed to that day"
            ))
        if answer.gone:
            problems.add(source.path, *source.url_at, (
                f"{where} {source.url} is gone ({answer.gone}); find where the source now lives, or another primary "
                "source that says the same, and log the change; if none says it, remove the statement"
            ))
            continue
        if answer.unread:
            # A page that is there but was not read matters only for the passage it should hold.
            if source.passage is not None or not answer.reached:
                problems.add(source.path, *source.url_at, f"{where} {source.url} not checked: {answer.unread}")
            continue
        if source.passage is None:
            continue
        if source.url not in texts:
            texts[source.url] = page_text(answer)
        message = _passage_message(source, texts[source.url])
        if message:
            problems.add(source.path, *source.passage_at, message)
    return problems


def _passage_message(source: CitedSource, text: str) -> str | None:
    found = anchor_quote(text, source.passage or "", source.prefix, source.suffix)
    if not isinstance(found, AnchorFailure):
        return None
    where = f"{source.key}.passage"
    if found.reason == "ambiguous":
        return (f"{where} occurs {found.matches} times on {source.url}; add a prefix or a suffix (the words right "
                "before or after it there) so that its link opens at the right one")
    near = closest_text(text, normalise(source.passage or "")) if len(text) <= CLOSEST_TEXT_LIMIT else None
    closest = f'; the closest text there now: "{near}"' if near else ""
    return (f"{where} is no longer found on {source.url} (confirmed {source.accessed}){closest}; re-read the source: "
            "correct the passage and set accessed to the day you confirm it, or, if the source no longer says it, "
            "correct the note and log the change")
