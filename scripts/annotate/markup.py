"""Keep notes to Markdown: no raw HTML, no script-bearing attributes, and links only to https or within the site.

Two passes. The first reads the Markdown source, outside code, and names the line of each problem.
The second renders the text with the site's own Markdown settings and checks every element and
attribute of the result against an allowlist, so that a trick the first pass misses still cannot
reach the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_TAG = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|[?!][A-Za-z])")
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"href", "title", "class", "id", "align"}


def unsafe_url(url: str) -> str | None:
    """Why `url` may not be linked from a note, or None when it is https or a link within the site."""
    # Browsers decode entities and drop control characters and spaces inside a scheme ("java&#9;script:").
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    if cleaned.startswith("//"):
        return f"link '{url}' has no scheme; write it in full with https://"
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    if scheme and scheme.group(1) != "https":
        return (
            f"link '{url}' uses '{scheme.group(1)}:'; "
            "notes may link only to https:// addresses or to pages of this site"
        )
    if not scheme and ":" in cleaned.split("/", 1)[0]:
        return f"link '{url}' looks like a scheme in disguise; write https:// addresses in full"
    return None


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for lines outside fenced code, with inline code spans blanked out."""
    fence = None
    unfenced = []
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and not line.startswith(("    ", "\t")):
            unfenced.append((number, line))
    joined = "\n".join(line for _, line in unfenced)
    blanked = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), joined)
    for (number, _), line in zip(unfenced, blanked.split("\n"), strict=True):
        yield number, line


def source_problems(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, message) for raw HTML, unsafe links and attribute lists in Markdown source."""
    for number, line in _prose_lines(text):
        for match in _AUTOLINK.finditer(line):
            reason = unsafe_url(match.group(1))
            if reason:
                yield number, match.start() + 1, reason
        without_autolinks = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), line)
        for match in _TAG.finditer(without_autolinks):
            snippet = without_autolinks[match.start(): match.start() + 20].split(">")[0]
            yield number, match.start() + 1, (
                f"raw HTML is not allowed in notes ('{snippet}…'); write Markdown, "
                "such as [text](https://…) for a link or *words* for emphasis"
            )
        for match in _INLINE_LINK.finditer(line):
            reason = unsafe_url(match.group(1))
            if reason:
                yield number, match.start(1) + 1, reason
        definition = _REFERENCE_DEFINITION.match(line)
        if definition:
            reason = unsafe_url(definition.group(1))
            if reason:
                yield number, definition.start(1) + 1, reason
        for match in _ATTRIBUTE_LIST.finditer(line):
            yield number, match.start() + 1, (
                f"attribute list '{match.group(0)}' sets attributes; "
                "notes may add only classes and ids, like { .name }"
            )


class _RenderedChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"the Markdown renders to a <{tag}> element, which notes may not contain")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(f"the Markdown renders to a '{name}' attribute on <{tag}>; notes may not set it")
            elif name == "href" and value is not None and (reason := unsafe_url(value)):
                self.problems.append(reason)

    def handle_comment(self, data: str) -> None:
        self.problems.append("the Markdown renders to an HTML comment, which notes may not contain")


def rendered_problems(html: str) -> list[str]:
    """What the HTML rendered from a note's Markdown holds that notes may not: the second pass."""
    checker = _RenderedChecker()
    checker.feed(html)
    checker.close()
    return list(dict.fromkeys(checker.problems))


def markup_problems(text: str, render: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """Both passes over a short text such as a summary; `render` is the site's Markdown."""
    found = list(source_problems(text))
    return found or [(1, 1, message) for message in rendered_problems(render(text))]
