"""The site's public links: every page, section, quote, note and crate entry, the corrections feed, the quiz files
and the licences, that courses may point to.

The registry (`public_links` in annotate.yml) lists them, one per line. A build must keep providing every
listed link; new ones are added to the list with `make links`, and nothing is ever removed from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .problems import Problems
from .worksheet import read_answers_script

# Anchors that are part of the public surface: #note-<id>, #quote-<id> and #quote-<id>--<claim>. Other ids
# (Material's own, headings of generated pages, claim numbers of the ledger) may change without notice.
PUBLIC_ANCHOR = re.compile(r"^(?:quote-|note-)[a-z0-9-]+$")
PUBLIC_FILES = {".html", ".jsonld", ".xml", ".gift", ".csv", ".zip", ".txt"}
NOT_PUBLIC = {"404.html", "sitemap.xml"}  # MkDocs' own files
_ID = re.compile(r'\bid="([^"]+)"')
# The worksheet names the script with its answers; links to claims on the worksheet from before it hid its
# answers (/exercise/#quote-…) are kept by that script, which takes each to its sentence.
_ANSWERS = re.compile(r'\bdata-answers="([^"]+)"')


@dataclass(frozen=True)
class PublicPaths:
    """Where the site publishes what its public links name, as paths from its root: /, /notes/, /crates/."""

    article: str
    notes: str  # the folder of the note pages
    crates: str | None = None  # the crate guide
    worksheet: str | None = None

    def note_link(self) -> re.Pattern[str]:
        """Links that name a note: its page, its margin note or highlight on the article or the worksheet."""
        pages = "|".join(re.escape(path) for path in (self.article, self.worksheet) if path)
        return re.compile(
            rf"^(?:{pages})#(?:note|quote)-([a-z0-9]+(?:-[a-z0-9]+)*)(?:--([a-z0-9-]+))?$"
            rf"|^{re.escape(self.notes)}([a-z0-9-]+)/$"
        )

    def crate_link(self) -> re.Pattern[str] | None:
        return re.compile(rf"^{re.escape(self.crates)}#(.+)$") if self.crates else None


def page_path(site: Path, file: Path) -> str:
    """The public path of a built file: /notes/x/ for notes/x/index.html, /a.jsonld for a.jsonld."""
    relative = file.relative_to(site).as_posix()
    return "/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def anchors_of(file: Path) -> set[str]:
    """The ids of a page, and the anchors its worksheet script takes to a sentence."""
    html = file.read_text(encoding="utf-8", errors="replace")
    anchors = set(_ID.findall(html))
    for answers in _ANSWERS.findall(html):
        script = (file.parent / unescape(answers)).resolve()
        if script.is_file():
            items = read_answers_script(script.read_text(encoding="utf-8"))["items"]
            anchors |= {anchor for item in items for anchor in item["anchors"]}
    return anchors


def provided_links(site: Path, paths: PublicPaths, section_ids: set[str], crate_ids: set[str]) -> set[str]:
    """Every public link a built site provides, as /path/ or /path/#anchor."""
    links: set[str] = set()
    for file in site.rglob("*"):
        if not file.is_file() or file.suffix not in PUBLIC_FILES or file.name in NOT_PUBLIC:
            continue
        path = page_path(site, file)
        if path.startswith(("/assets/", "/search/")):
            continue
        links.add(path)
        if file.suffix != ".html":
            continue
        public = {a for a in anchors_of(file) if PUBLIC_ANCHOR.match(a)}
        if path in {paths.article, paths.worksheet}:
            public |= section_ids & anchors_of(file)
        if path == paths.crates:
            public |= crate_ids & anchors_of(file)
        links |= {f"{path}#{anchor}" for anchor in public}
    return links


def registry_problems(
    path: Path, shown: str, paths: PublicPaths, note_names: set[str], claims: dict[str, set[str]], crates: set[str],
    catalog: str,
) -> Problems:
    """Registered links to notes, claims or crates that no note id, alias, claim id or crate entry provides.

    `note_names` are the ids and aliases of every note; `claims` maps a note id to its claims' ids.
    The build and `make check` fail on these, so a note cannot be deleted or renamed without an alias.
    """
    problems = Problems()
    note_link, crate_link = paths.note_link(), paths.crate_link()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        link = line.strip()
        note = note_link.match(link)
        crate = crate_link.match(link) if crate_link else None
        if note and (name := note.group(1) or note.group(3)) not in note_names:
            problems.add(shown, number, 1, (
                f"'{link}' is a public link, but no note has the id or alias '{name}'; if the note was renamed, "
                f"add '{name}' to its aliases; if it was removed, add it to the aliases of the note that now "
                "covers its claim"
            ))
        elif note and note.group(2) and name in claims and note.group(2) not in claims[name]:
            problems.add(shown, number, 1, (
                f"'{link}' is a public link, but note '{name}' has no claim with the id '{note.group(2)}'; "
                "a claim's id stays the same for good: restore it"
            ))
        elif crate and crate.group(1) not in crates:
            problems.add(shown, number, 1, (
                f"'{link}' is a public link, but {catalog} has no crate '{crate.group(1)}'; "
                "crate entries are never removed"
            ))
    return problems


def read_registry(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def missing_links(site: Path, registry: list[str]) -> list[str]:
    """Registered links the built site no longer provides: a missing page, or a missing anchor on it."""
    missing = []
    for link in registry:
        path, _, anchor = link.partition("#")
        relative = path.lstrip("/")
        file = site / relative / "index.html" if not relative or relative.endswith("/") else site / relative
        if not file.is_file() or (anchor and anchor not in anchors_of(file)):
            missing.append(link)
    return missing
