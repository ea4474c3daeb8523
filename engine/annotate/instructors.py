"""The generated parts of the page for instructors: the files to download, and the links to give students.

Addresses are shown as students and course pages need them: full, with the site's address, when it is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .addresses import public_url
from .edition import TAG_PREFIX, Edition
from .settings import LinkKind
from .templating import render

QUIZ_GIFT = "course/quiz.gift"
QUIZ_MOODLE_XML = "course/quiz-moodle.xml"
QUIZ_QTI = "course/quiz-qti.zip"
QUIZ_CSV = "course/quiz.csv"


def _address(site_url: str | None, target: str) -> str:
    path, _, anchor = target.partition("#")
    return public_url(site_url, path, anchor)


def link_table(kinds: tuple[LinkKind, ...], site_url: str | None, href: Callable[[str], str]) -> str:
    """The kinds of link, each with its shape and a real example; `href` makes a site path a link from the page."""
    rows = [
        {"purpose": kind.purpose, "pattern": _address(site_url, kind.pattern), "href": href(kind.example),
         "example": _address(site_url, kind.example)}
        for kind in kinds
    ]
    return render("link-table.html", rows=rows)


@dataclass(frozen=True)
class Download:
    what: str
    href: str  # empty when the file cannot be linked from this build: its name is shown, with `use` saying why
    name: str
    use: str
    page: bool = False  # a page to open or print, not a file to download


def downloads(items: list[Download]) -> str:
    """The files for a course, each with what it is for."""
    return render("downloads.html", items=items)


def release_asset(repo_url: str, edition: Edition, asset: str) -> str:
    """Where GitHub serves `asset` of this edition's release; for an unreleased build, the latest release's page,
    since the asset's dated name is only known for an edition."""
    releases = f"{repo_url.rstrip('/')}/releases"
    if not edition.released:
        return f"{releases}/latest"
    return f"{releases}/download/{TAG_PREFIX}{edition.version}/{asset}"
