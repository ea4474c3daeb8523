"""How to cite the site or one of its notes: a plain-text reference and a BibTeX entry, with version and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .edition import Edition
from .templating import render

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters TeX reads as commands, and how a BibTeX value writes each of them as itself. BibTeX counts
# every brace, escaped or not, to find where a value ends: a brace of the text is written as a command
# whose own braces are balanced, so that no title can end its value or leave it open.
_TEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
        "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


@dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key
    title: str
    site: str  # the site's name
    url: str  # the page's address, full when the site's address is known
    edition: Edition
    licence: str  # the notes' licence, as the site names it
    reviewed: str | None = None  # for a note: the day its sources were last re-read

    @property
    def author(self) -> str:
        return f"{self.site} contributors"


def tex(text: str) -> str:
    """Text as a BibTeX value that TeX prints exactly as written, on one line."""
    return "".join(_TEX.get(char, char) for char in " ".join(text.split()))


def _url(address: str) -> str:
    """An address as a BibTeX value: braces and spaces percent-encoded, as a browser sends them anyway."""
    return address.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def plain(citation: Citation) -> str:
    """A reference to copy into a reading list or a paper."""
    title = f"“{citation.title}.” {citation.site}" if citation.title != citation.site else citation.site
    reviewed = f" Note reviewed {citation.reviewed}." if citation.reviewed else ""
    return (f"{citation.author}. {title}, {citation.edition.describe()}.{reviewed} {citation.url}. "
            f"Licence: {citation.licence}.")


def bibtex(citation: Citation) -> str:
    """A BibTeX @misc entry; `url` and `version` are fields biblatex reads, and BibTeX keeps the rest in `note`.

    The author is in double braces: a group's name, not a person's first and last name.
    """
    built = citation.edition.built
    note = f"{citation.site}, {citation.edition.describe()}"
    if citation.reviewed:
        note += f"; note reviewed {citation.reviewed}"
    return "\n".join([
        f"@misc{{{citation.key},",
        f"  author = {{{{{tex(citation.author)}}}}},",
        f"  title = {{{{{tex(citation.title)}}}}},",
        f"  howpublished = {{\\url{{{_url(citation.url)}}}}},",
        f"  url = {{{_url(citation.url)}}},",
        f"  version = {{{tex(citation.edition.version)}}},",
        f"  year = {{{built[:4]}}},",
        f"  month = {_MONTHS[int(built[5:7]) - 1]},",
        f"  note = {{{tex(note)}. Licence: {tex(citation.licence)}}},",
        "}",
    ])


def bibtex_key(*words: str) -> str:
    """A BibTeX key from words: lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")


def cite_block(citation: Citation, *, heading: str | None = None) -> str:
    """A "cite this" block, under its own heading if given: the plain reference and the BibTeX entry."""
    return render("cite.html", heading=heading, reference=plain(citation), bibtex=bibtex(citation))
