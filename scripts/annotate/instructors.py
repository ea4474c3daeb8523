"""The generated parts of the page for instructors: the files to download, and the links to give students.

Addresses are shown as students and course pages need them: full, with the site's address, when it is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .addresses import public_url

QUIZ_GIFT = "course/quiz.gift"
QUIZ_QTI = "course/quiz-qti.zip"
QUIZ_CSV = "course/quiz.csv"
OFFLINE_ZIP = "rust-ml-annotated-offline.zip"  # the asset every release carries


@dataclass(frozen=True)
class LinkKind:
    purpose: str
    pattern: str  # the address's shape, from the site root
    example: str  # a real address of that shape, from the site root; the link registry lists it


LINK_KINDS = (
    LinkKind("a section of the article", "#<section-id>", "#improving-model-quality"),
    LinkKind("the opening paragraph", "#introduction", "#introduction"),
    LinkKind("the words of a claim, with its note in view", "#quote-<note-id>",
             "#quote-low-latency-garbage-collector"),
    LinkKind("further words the same note answers", "#quote-<note-id>--<claim-id>",
             "#quote-low-latency-garbage-collector--efficient-runtime"),
    LinkKind("one note, beside its paragraph", "#note-<note-id>", "#note-low-latency-garbage-collector"),
    LinkKind("a note's own page, with sources and a citation", "notes/<note-id>/",
             "notes/low-latency-garbage-collector/"),
    LinkKind("every claim with its verdict, numbered as on the article", "claims/", "claims/"),
    LinkKind("the worksheet, answers hidden", "exercise/", "exercise/"),
    LinkKind("the worksheet's answer key", "answer-key/", "answer-key/"),
    LinkKind("a crate in the guide", "crates/#<crate>", "crates/#burn"),
    LinkKind("every correction to the notes, newest first", "corrections/", "corrections/"),
    LinkKind("the same, as an Atom feed to subscribe to", "corrections/feed.xml", "corrections/feed.xml"),
)


def _address(site_url: str | None, target: str) -> str:
    path, _, anchor = target.partition("#")
    return public_url(site_url, path, anchor)


def link_table(site_url: str | None, href: Callable[[str], str]) -> str:
    """The kinds of link, each with its shape and a real example; `href` makes a site path a link from the page."""
    rows = "".join(
        f"<tr><td>{escape(kind.purpose)}</td><td><code>{escape(_address(site_url, kind.pattern))}</code></td>"
        f'<td><a href="{escape(href(kind.example))}">{escape(_address(site_url, kind.example))}</a></td></tr>'
        for kind in LINK_KINDS
    )
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        '<thead><tr><th scope="col">to send students to</th><th scope="col">address</th>'
        f'<th scope="col">example</th></tr></thead><tbody>{rows}</tbody></table></div></div>'
    )


@dataclass(frozen=True)
class Download:
    what: str
    href: str  # empty when the file cannot be linked from this build: its name is shown, with `use` saying why
    name: str
    use: str


def downloads(items: list[Download]) -> str:
    """The files for a course, each with what it is for."""
    def file(item: Download) -> str:
        if not item.href:
            return escape(item.name)
        return f'<a href="{escape(item.href)}" download>{escape(item.name)}</a>'

    rows = "".join(
        f"<tr><td>{escape(item.what)}</td><td>{file(item)}</td><td>{escape(item.use)}</td></tr>" for item in items
    )
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        '<thead><tr><th scope="col">what</th><th scope="col">file</th><th scope="col">for</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>"
    )


def latest_release_asset(repo_url: str, asset: str) -> str:
    """GitHub's address for an asset of the repository's latest release."""
    return f"{repo_url.rstrip('/')}/releases/latest/download/{asset}"
