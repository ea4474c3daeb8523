"""Contributor Markdown to checked HTML: the notes' own converter, then the one allowlist check.

Notes are written in the site's Markdown, less what would let a note set the page's markup itself:
attribute lists (`{ #id }`, `{ .class }`), which would let a note take a public anchor or dress as a
verdict badge, and Markdown inside raw HTML. Raw HTML and attribute lists are recognised by the
Markdown parser itself, never by a pattern over the source, and refused; whatever the text renders
to then goes through `allowlist.check_html`, and only that check's output reaches a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor

from .allowlist import FLOW, INLINE, Checked, Finding, Policy, check_html
from .budget import OverBudget, time_budget
from .limits import CONVERSION_SECONDS, PARAGRAPH_BRACKETS, PARAGRAPH_CHARACTERS

# Extensions that would let a note write attributes or raw HTML blocks of its own.
_LEFT_OUT = {"attr_list", "markdown.extensions.attr_list", "md_in_html", "markdown.extensions.md_in_html"}


class _AttributeListsRefused(AttrListTreeprocessor):
    """Finds attribute lists exactly where Python-Markdown would apply them, and applies none."""

    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def assign_attrs(self, elem: Any, attrs_string: str, *, strict: bool = False) -> str:
        _, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        self.found.append(attrs_string)
        return remainder


class _RawBlocksRecorded(HtmlBlockPreprocessor):
    """Python-Markdown's own reading of raw HTML blocks, noting each block it keeps as raw HTML."""

    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, lines: list[str]) -> list[str]:
        before = len(self.md.htmlStash.rawHtmlBlocks)
        result = super().run(lines)
        self.found += [raw for raw in self.md.htmlStash.rawHtmlBlocks[before:] if isinstance(raw, str)]
        return result


class _RawInlineRecorded(HtmlInlineProcessor):
    """Python-Markdown's own reading of inline raw HTML (tags and comments), noting each one."""

    def __init__(self, md: markdown.Markdown, found: list[str]) -> None:
        super().__init__(HTML_RE, md)
        self.found = found

    def handleMatch(self, m: Any, data: str) -> Any:
        self.found.append(m.group(1))
        return super().handleMatch(m, data)


class _Refusals(Extension):
    """Registers, under the names of the processors they stand in for, the ones that note what notes may not use."""

    def __init__(self, attribute_lists: list[str], raw_html: list[str]) -> None:
        super().__init__()
        self.attribute_lists = attribute_lists
        self.raw_html = raw_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_AttributeListsRefused(md, self.attribute_lists), "attr_list", 8)
        md.preprocessors.register(_RawBlocksRecorded(md, self.raw_html), "html_block", 20)
        md.inlinePatterns.register(_RawInlineRecorded(md, self.raw_html), "html", 90)


@dataclass(frozen=True)
class Rendered:
    """Checked HTML for one text, and what in it was refused."""

    html: str
    findings: tuple[Finding, ...]


class ContributorMarkdown:
    """The site's Markdown settings for notes' summaries and bodies, each text converted and checked once."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]]) -> None:
        self._attribute_lists: list[str] = []
        self._raw_html: list[str] = []
        kept = [name for name in extensions if not (isinstance(name, str) and name in _LEFT_OUT)]
        self._converter = markdown.Markdown(
            extensions=[*kept, _Refusals(self._attribute_lists, self._raw_html)],
            extension_configs={name: value for name, value in configs.items() if name not in _LEFT_OUT},
        )
        self._done: dict[tuple[str, str], Rendered] = {}

    def summary(self, text: str) -> Rendered:
        """A summary as the margin shows it: the inline HTML of one paragraph, without its <p>."""
        return self._render(text, INLINE)

    def summary_html(self, text: str) -> str:
        """Only the HTML of `summary`, for the pages that show a summary."""
        return self.summary(text).html

    def body(self, text: str) -> Rendered:
        return self._render(text, FLOW)

    def _render(self, text: str, policy: Policy) -> Rendered:
        key = (text, policy.name)
        if key not in self._done:
            self._done[key] = self._convert_and_check(text, policy)
        return self._done[key]

    def _convert_and_check(self, text: str, policy: Policy) -> Rendered:
        paragraphs, unclosed = _prose_paragraphs(text)
        too_large = [
            Finding(f"{policy.name}: {finding.message}", finding.needles)
            for paragraph in paragraphs if (finding := _paragraph_too_large(paragraph))
        ]
        if unclosed is not None:
            fence = unclosed.strip()
            run = fence[:len(fence) - len(fence.lstrip(fence[0]))]
            too_large.append(Finding(
                f"{policy.name} opens a code block with '{fence[:20]}' and never closes it; end the code with a line "
                f"of {run}, and nothing else on that line", (fence,),
            ))
        if too_large:
            return Rendered("", tuple(too_large))
        self._converter.reset()
        self._attribute_lists.clear()
        self._raw_html.clear()
        findings: list[Finding] = []
        try:
            with time_budget(CONVERSION_SECONDS):
                html = self._converter.convert(text)
        except RecursionError:
            findings.append(Finding(f"{policy.name} nests lists or quotes too deeply; write it more simply", ()))
            html = ""
        except OverBudget:
            findings.append(Finding(
                f"{policy.name} took more than {CONVERSION_SECONDS} s to convert from Markdown; write it more "
                "simply (fewer brackets, backticks and nested lists in a paragraph)", (),
            ))
            html = ""
        findings += [
            Finding(
                f"{policy.name}: attribute list '{{ {found.strip()} }}' would set an id, a class or an attribute; "
                "notes cannot, since ids and classes are the site's: remove it", (found.strip(),),
            )
            for found in self._attribute_lists
        ]
        raw_html = [raw for raw in self._raw_html if not raw.startswith("</")]
        findings += [
            Finding(
                f"{policy.name} contains raw HTML ('{_snippet(raw)}'); notes are Markdown only: "
                "write [text](https://…) for a link, *words* for emphasis, `code` for code",
                (raw.split("\n", 1)[0], raw.split(None, 1)[0] if raw.strip() else ""),
            )
            for raw in raw_html
        ]
        if policy is INLINE:
            paragraph = _ONE_PARAGRAPH.fullmatch(html.strip())
            if paragraph is None and html.strip():
                findings.append(Finding(
                    "the summary must be one paragraph of text, without lists, headings or code blocks; "
                    "move the rest into the body", (),
                ))
            html = paragraph.group(1) if paragraph else html
        checked: Checked = check_html(html, policy)
        # What raw HTML brings is reported once, as raw HTML, not again element by element.
        findings += [
            finding for finding in checked.findings
            if finding not in findings
            and not any(needle.lower() in raw.lower() for needle in finding.needles[:1] for raw in raw_html)
        ]
        return Rendered(checked.html, tuple(findings))


# A fence as CommonMark and the site's fenced-code extension read one: three or more backticks (whose
# info string holds no backtick) or tildes; it closes on a line of the same character, at least as many,
# and nothing else.
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_CLOSING = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")


def _prose_paragraphs(text: str) -> tuple[list[str], str | None]:
    """The paragraphs of `text` outside fenced code (runs of lines between blank lines), and the line that
    opens a fence never closed, if one is."""
    paragraphs: list[list[str]] = [[]]
    fence: str | None = None
    opening_line = ""
    for line in text.split("\n"):
        if fence is not None:
            closing = _CLOSING.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
        elif opening := _FENCE.match(line):
            fence, opening_line = opening.group(1), line
            paragraphs.append([])
        elif line.strip():
            paragraphs[-1].append(line)
        else:
            paragraphs.append([])
    return ["\n".join(lines) for lines in paragraphs if lines], opening_line if fence is not None else None


def _paragraph_too_large(paragraph: str) -> Finding | None:
    start = paragraph.strip().split("\n", 1)[0][:40]
    if len(paragraph) > PARAGRAPH_CHARACTERS:
        return Finding(
            f"a paragraph has {len(paragraph)} characters; a paragraph takes at most {PARAGRAPH_CHARACTERS}: "
            "split it with a blank line (code goes in a ``` fenced block)", (start,),
        )
    for bracket in "[<":
        if paragraph.count(bracket) > PARAGRAPH_BRACKETS:
            return Finding(
                f"a paragraph has {paragraph.count(bracket)} '{bracket}' characters; a paragraph takes at most "
                f"{PARAGRAPH_BRACKETS}: split it, and put code in a ``` fenced block", (start,),
            )
    return None


_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p[ >]).)*)</p>", re.DOTALL)


def _snippet(raw: str) -> str:
    """The start of a piece of raw HTML, up to its first space, for a message."""
    first = raw.strip().split(None, 1)[0] if raw.strip() else raw
    return first if len(first) <= 30 else first[:29] + "…"
