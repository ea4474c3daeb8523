"""The one check on contributor HTML: parse it as a browser does, keep only what the allowlist names.

Every piece of contributor text that becomes HTML (a summary, a body, a title, a crate's description)
passes through `check_html`. The fragment is parsed by lexbor, an HTML parser that follows the
WHATWG HTML standard and so builds the tree a browser builds, with scripting on as in a visitor's
browser. The tree is walked against a policy: which elements, which attributes on each, which
values. What is written to the page is this module's own serialisation of the checked tree, with
everything outside the policy left out, and that serialisation is parsed once more to make sure a
browser reads back exactly the tree that was checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Union

from pygments.token import STANDARD_TYPES
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .characters import describe, is_invisible
from .weburl import parse

# Admonition and collapsible-block types of Material for MkDocs, each also a class on the block.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
})
# Classes the notes' Markdown extensions produce: code highlighting (Pygments' short token names),
# admonitions, collapsible blocks and heading permalinks. Notes cannot set classes themselves.
MARKDOWN_CLASSES = frozenset({
    "highlight", "filename", "admonition", "admonition-title", "headerlink",
    *ADMONITION_TYPES, *(name for name in STANDARD_TYPES.values() if name),
})
_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#_.-]+$")
_TABLE_ALIGNMENT = re.compile(r"^text-align: (left|right|center);$")
# Ids the engine gives the parts of a note page; a heading of a note's body cannot take one of them.
RESERVED_IDS = frozenset({"sources", "crates", "changes", "cite"})
# Classes the site's stylesheet gives meaning to on its pages, beside those the Markdown produces.
PAGE_CLASSES = frozenset({
    "article", "article-section", "editorial-note", "reading-guide", "reading-guide__legend",
    "worksheet-paper", "worksheet-screen",
})
# The ids of the article that the engine gives the notes and their words: a page cannot take one.
ENGINE_ID_PREFIXES = ("quote-", "note-", "_")
_PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Browsers drop these from anywhere in a URL before reading it (WHATWG URL standard).
_URL_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_URL_EDGE = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A page or note of the site, written as its Markdown file from the note's: `../about.md`, `other-note.md#sources`.
# The engine checks that it exists and writes its address for every place the text is shown (notelinks.py).
PAGE_LINK = re.compile(r"^((?:\.\./|[a-z0-9_-]+/)*[a-z0-9_-]+\.md)(?:#([a-z0-9_-]+))?$")
_VOID = frozenset({"br", "hr"})
MAX_DEPTH = 32  # elements inside elements; Markdown a person writes stays far below

TextNode = str


@dataclass(frozen=True)
class Element:
    """An element of a checked fragment: only allowed tags and attributes ever become one."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    children: tuple[Node, ...]


Node = Union[Element, TextNode]  # noqa: UP007 (a runtime alias: `|` cannot join a str class and a string)


@dataclass(frozen=True)
class Finding:
    """Something the policy refuses, and pieces of source text that may show where it is, best first."""

    message: str
    needles: tuple[str, ...]


@dataclass(frozen=True)
class Checked:
    """The serialisation of the checked tree, and what was refused (nothing, for text a page may show)."""

    html: str
    findings: tuple[Finding, ...]


AttributeRule = Callable[[str, str], "str | None"]  # (tag, value) → why the value is refused, or None


@dataclass(frozen=True)
class Policy:
    """What one kind of contributor text may become: elements, each with its attributes and their rules."""

    name: str  # what the text is, for messages: "the summary", "the body"
    elements: dict[str, frozenset[str]]
    links: frozenset[str]  # "https", and "fragment" for links to a heading of the same page
    pages: bool = False  # links to pages and notes of the site, written as their Markdown file
    classes: frozenset[str] = frozenset()  # classes allowed beside those the notes' Markdown produces
    comments: frozenset[str] = frozenset()  # HTML comments allowed, by their text: the markers of generated parts
    page_ids: bool = False  # ids written by the page itself ({ #id }, id="…"), not only the notes' heading ids


# Where each attribute's value comes from in the notes' Markdown, and the values it may take.
def _href_rule(policy: Policy) -> AttributeRule:
    def rule(tag: str, value: str) -> str | None:
        if policy.pages and PAGE_LINK.match(value):
            return None
        reason = url_problem(value, policy.links)
        if reason and policy.pages and not _SCHEME.match(value.strip()) and not value.strip().startswith(("/", "#")):
            reason += (
                "; a page or note of this site is linked as its Markdown file, such as ../page.md or other-note.md"
            )
        return reason

    return rule


def _class_rule(policy: Policy) -> AttributeRule:
    def rule(tag: str, value: str) -> str | None:
        for token in value.split():
            if token not in MARKDOWN_CLASSES and token not in policy.classes and not _LANGUAGE_CLASS.match(token):
                if policy.classes:
                    return (f"class '{token}' is not one the site's stylesheet or Markdown gives a page; "
                            "CONTRIBUTING.md lists the classes a page may use")
                return (f"class '{token}' is not one the notes' Markdown produces; "
                        "classes are set by the site, not by notes")
        return None

    return rule


def _page_id_rule(tag: str, value: str) -> str | None:
    if not _PAGE_ID.match(value):
        return f"sets the id '{value}', which is not written with a-z, 0-9, '-' and '_' only; give it such a name"
    if value.startswith(ENGINE_ID_PREFIXES):
        return (f"sets the id '{value}', which starts like the ids the site gives the notes and their words; "
                "give it another name")
    return None


def _id_rule(tag: str, value: str) -> str | None:
    if value in RESERVED_IDS or value.startswith("_"):
        return (
            f"gives a heading the id '{value}', one the note page already uses; "
            "give the heading other words"
        )
    return None


def _style_rule(tag: str, value: str) -> str | None:
    if _TABLE_ALIGNMENT.match(value):
        return None
    return "styles are not allowed; only a table's column alignment (:--, :-: or --:) sets one"


def _open_rule(tag: str, value: str) -> str | None:
    return None if value in ("", "open") else "'open' takes no value"


def _any_text(tag: str, value: str) -> str | None:
    return None


def _rules(policy: Policy) -> dict[str, AttributeRule]:
    return {
        "href": _href_rule(policy), "title": _any_text, "class": _class_rule(policy),
        "id": _page_id_rule if policy.page_ids else _id_rule,
        "style": _style_rule, "open": _open_rule,
    }


_PHRASING = {
    "a": frozenset({"href", "title"}), "abbr": frozenset({"title"}), "br": frozenset(), "code": frozenset(),
    "em": frozenset(), "strong": frozenset(),
}
_CODE = {"span": frozenset({"class"}), "code": frozenset({"class"})}
_HEADING = frozenset({"id"})

TEXT = Policy("plain text", {}, frozenset())
INLINE = Policy("the summary", {**_PHRASING, **_CODE}, frozenset({"https"}), pages=True)
FLOW = Policy(
    "the body",
    {
        **_PHRASING, **_CODE,
        "a": frozenset({"href", "title", "class"}),
        "p": frozenset({"class"}), "div": frozenset({"class"}), "pre": frozenset(), "blockquote": frozenset(),
        "hr": frozenset(), "ul": frozenset(), "ol": frozenset(), "li": frozenset(),
        "dl": frozenset(), "dt": frozenset(), "dd": frozenset(),
        "h2": _HEADING, "h3": _HEADING, "h4": _HEADING, "h5": _HEADING, "h6": _HEADING,
        "table": frozenset(), "thead": frozenset(), "tbody": frozenset(), "tr": frozenset(),
        "th": frozenset({"style"}), "td": frozenset({"style"}),
        "details": frozenset({"class", "open"}), "summary": frozenset(),
    },
    frozenset({"https", "fragment"}),
    pages=True,
)

# A page of the site: what a note's body may hold, the page's own top heading and sections, and the classes
# and markers of generated parts the pages use. The article's notes and the generated parts are checked
# where they are made; this is the page as written.
PAGE = Policy(
    "the page",
    {
        **FLOW.elements,
        "h1": _HEADING, "h2": _HEADING, "h3": _HEADING, "h4": _HEADING, "h5": _HEADING, "h6": _HEADING,
        "section": frozenset({"class", "id"}),
        "details": frozenset({"class", "open"}),
    },
    frozenset({"https", "fragment"}),
    pages=True,
    classes=PAGE_CLASSES,
    page_ids=True,
)

_ELEMENT_HINTS = {
    "img": "the site shows no images from text; link to the page that has the picture",
    "h1": "the note's title is the page's only top-level heading; start headings at ##",
    "svg": "the site shows no drawings from text; link to the page that has it",
    "math": "the site shows no formulas as markup; write them in words or in `code`",
}


def url_problem(url: str, allowed: frozenset[str]) -> str | None:
    """Why a link may not appear in a note, or None. `url` is the attribute's value as a browser reads it."""
    odd = next((char for char in url.strip() if char.isspace() or is_invisible(char)), None)
    if odd is not None:
        shown = "".join(f"<{describe(c).split(' ')[0]}>" if c.isspace() or is_invisible(c) else c for c in url)
        return (
            f"link '{shown}' contains {describe(odd)}; an address has no spaces or invisible characters: "
            "remove it, or write a space as %20"
        )
    # What a browser does before it reads the scheme: trim controls and spaces, drop tabs and newlines.
    cleaned = _URL_TAB_OR_NEWLINE.sub("", _URL_EDGE.sub("", url))
    scheme = _SCHEME.match(cleaned)
    if scheme:
        if scheme.group(1).lower() != "https" or "https" not in allowed:
            return (
                f"link '{url}' uses '{scheme.group(1)}:'; the site links only to https:// addresses"
                + (" or to a heading of the same page (#…)" if "fragment" in allowed else "")
            )
        if not cleaned[len("https:"):].startswith("//"):
            return f"link '{url}' has no address after 'https:'; write it as https://host/path"
        address = parse(cleaned)
        return f"link '{url}' {address}" if isinstance(address, str) else None
    if cleaned.startswith("#") and "fragment" in allowed:
        return None
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return f"link '{url}' has no scheme; write it in full with https://"
    return f"link '{url}' is not a full address; the site links only to https:// addresses" + (
        " or to a heading of the same page (#…)" if "fragment" in allowed else ""
    )


def _parse(html: str) -> LexborHTMLParser:
    # A fragment in a <div>, as notes are placed; scripting on, as in a visitor's browser.
    return LexborHTMLParser(html, is_fragment=True, fragment_tag="div", scripting=True)


def _top_level(parser: LexborHTMLParser) -> Iterator[LexborNode]:
    node = parser.root
    while node is not None:
        yield node
        node = node.next


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


class _Walker:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.rules = _rules(policy)
        self.findings: list[Finding] = []

    def refuse(self, message: str, *needles: str) -> None:
        finding = Finding(f"{self.policy.name} {message}", tuple(needle for needle in needles if needle))
        if finding not in self.findings:
            self.findings.append(finding)

    def nodes(self, nodes: Iterator[LexborNode], depth: int = 0) -> tuple[Node, ...]:
        kept: list[Node] = []
        for node in nodes:
            if node.is_text_node:
                kept.append(node.text_content or "")
            elif node.is_element_node:
                element = self.element(node, depth)
                if element is not None:
                    kept.append(element)
            elif node.is_comment_node and (node.comment_content or "").strip() in self.policy.comments:
                continue  # a marker of a generated part: the engine puts that part in its place
            elif node.is_comment_node:
                self.refuse(
                    "contains an HTML comment, or markup a browser reads as one (such as '<!…>' or '<?…>'); "
                    "remove it", (node.comment_content or "").strip(),
                    "<?" if (node.comment_content or "").startswith("?") else "<!",
                )
        return tuple(kept)

    def element(self, node: LexborNode, depth: int) -> Element | None:
        tag = node.tag or ""
        if depth >= MAX_DEPTH:
            self.refuse(f"nests elements more than {MAX_DEPTH} deep; write it more simply", f"<{tag}")
            return None
        allowed = self.policy.elements.get(tag)
        if allowed is None:
            hint = _ELEMENT_HINTS.get(tag, "write Markdown; CONTRIBUTING.md lists what notes and pages may contain")
            self.refuse(
                f"would contain a <{tag}> element, which {'pages' if self.policy.page_ids else 'notes'} "
                f"may not contain; {hint}",
                f"<{tag}", *(value or "" for value in node.attributes.values()),
            )
            return None
        attributes = []
        for name, value in node.attributes.items():
            value = value or ""
            reason = self.rules[name](tag, value) if name in allowed else (
                f"may not give <{tag}> a '{name}' attribute"
                + ("; pages and notes run no scripts" if name.lower().startswith("on") else "")
            )
            if reason:
                refused = [t for t in value.split() if self.rules["class"](tag, t)] if name == "class" else []
                self.refuse(reason, *refused, *((value, _visible_start(value)) if name in ("href", "id") else ()), name)
            else:
                attributes.append((name, value))
        return Element(tag, tuple(attributes), self.nodes(_children(node), depth + 1))


def _visible_start(value: str) -> str:
    """The part of a value before its first space or invisible character, as the source may show it."""
    for index, char in enumerate(value):
        if char.isspace() or is_invisible(char):
            return value[:index] if index >= 3 else ""
    return value


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;")


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("\u00a0", "&nbsp;")


def serialise(nodes: tuple[Node, ...]) -> str:
    """HTML for checked nodes: only their tags and attributes, text and values escaped."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(_escape_text(node))
            continue
        attributes = "".join(f' {name}="{_escape_attribute(value)}"' for name, value in node.attributes)
        parts.append(f"<{node.tag}{attributes}>")
        if node.tag in _VOID:
            continue
        first = node.children[0] if node.children else ""
        if node.tag == "pre" and isinstance(first, str) and first.startswith("\n"):
            parts.append("\n")  # a parser drops one newline right after <pre>
        parts.append(serialise(node.children))
        parts.append(f"</{node.tag}>")
    return "".join(parts)


def _merged(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """Adjacent text joined, as a parser joins it, so that two trees compare by what they hold."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if out and isinstance(out[-1], str):
                out[-1] += node
            elif node:
                out.append(node)
        else:
            out.append(Element(node.tag, node.attributes, _merged(node.children)))
    return tuple(out)


def check_html(html: str, policy: Policy) -> Checked:
    """Parse `html` as a browser would, check it against `policy`, and serialise what may be shown."""
    walker = _Walker(policy)
    tree = _merged(walker.nodes(_top_level(_parse(html))))
    output = serialise(tree)
    reread = _merged(_Walker(policy).nodes(_top_level(_parse(output))))
    if reread != tree:
        walker.refuse(
            "is HTML that a browser would not read back the same way; write plain Markdown", output[:20]
        )
        return Checked(_escape_text(html), tuple(walker.findings))
    return Checked(output, tuple(walker.findings))


def plain(text: str) -> str:
    """A plain-text field (a title, a crate's description) as HTML, through the same check."""
    return check_html(_escape_text(text).replace('"', "&quot;"), TEXT).html
