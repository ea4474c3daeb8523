"""Where the project's content lives, and loading all of it once per build or check."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import markdown

from .accounting import NoClaim, load_no_claims
from .catalog import Crate, load_catalog
from .changelog import log_problems
from .contributor import ContributorMarkdown
from .links import registry_problems
from .notes import Note, load_notes
from .problems import Problems
from .schema import did_you_mean
from .sourcing import load_deny_list, sourcing_problems
from .tree import NOTES_FOLDER, walk_tree

ARTICLE_PAGE = "index.md"  # the article, relative to docs_dir
# Relative to the folder of mkdocs.yml:
CATALOG_FILE = "data/crates.yml"
NO_CLAIMS_FILE = "data/no-claims.yml"  # the article's sentences that make no claim
DENY_LIST_FILE = "data/source-deny-list.yml"  # sources a note may not cite
REGISTRY_FILE = "data/public-links.txt"  # every public link


@dataclass(frozen=True)
class Project:
    """Paths of one site, all resolved from the folder that holds its mkdocs.yml."""

    root: Path
    docs_dir: Path

    @property
    def notes_dir(self) -> Path:
        return self.docs_dir / NOTES_FOLDER

    @property
    def article_source(self) -> Path:
        return self.docs_dir / ARTICLE_PAGE

    @property
    def catalog(self) -> Path:
        return self.root / CATALOG_FILE

    @property
    def no_claims(self) -> Path:
        return self.root / NO_CLAIMS_FILE

    @property
    def deny_list(self) -> Path:
        return self.root / DENY_LIST_FILE

    @property
    def registry(self) -> Path:
        return self.root / REGISTRY_FILE

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def markdown_renderer(extensions: list[Any], configs: dict[str, dict[str, Any]]) -> Callable[[str], str]:
    """Markdown to HTML with the site's extensions, for summaries and for checking what notes become."""
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)

    # A summary is shown in the margin, on its note page, in the exercise and in the exports;
    # the same text always gives the same HTML, so each is converted once per build.
    @cache
    def render(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return render


@dataclass
class Content:
    notes: list[Note]
    catalog: dict[str, Crate]
    no_claims: list[NoClaim]
    problems: Problems
    unread_sections: set[str]  # sections named by notes that could not be loaded
    tree_closed: bool  # False: a file in the tree must not be read or published; stop before MkDocs walks it

    def note(self, note_id: str) -> Note | None:
        return self._by_id.get(note_id)

    @cached_property
    def _by_id(self) -> dict[str, Note]:
        return {note.id: note for note in self.notes}


def load_content(
    project: Project, text: ContributorMarkdown, nav: set[str], today: datetime.date | None = None
) -> Content:
    """The content tree checked, then every note, the crate catalog and the list of sentences without a claim,
    checked against each other.

    `text` is the notes' Markdown; `nav` the pages listed in mkdocs.yml; `today` the day that dates in notes
    may not be later than, the real today unless given.
    """
    today = today or datetime.date.today()
    tree = walk_tree(project.root, project.docs_dir, nav)
    closed = not tree.problems
    problems = Problems()
    problems.extend(tree.problems)
    deny_list, deny_problems = load_deny_list(project.deny_list, project.shown(project.deny_list))
    problems.extend(deny_problems)
    catalog, catalog_problems = load_catalog(project.catalog, project.shown(project.catalog), deny_list.refusal)
    problems.extend(catalog_problems)
    notes, note_problems, unread_sections = load_notes(tree.notes, project.shown(project.notes_dir), text)
    problems.extend(note_problems)
    no_claims, no_claims_problems = load_no_claims(project.no_claims, project.shown(project.no_claims))
    problems.extend(no_claims_problems)
    if not note_problems and not catalog_problems and project.registry.is_file():
        # Only when every note loaded: a note that failed to load would look deleted.
        names = {note.id for note in notes} | {alias for note in notes for alias in note.aliases}
        claims = {note.id: {quote.slug for quote in note.quotes if quote.slug} for note in notes}
        problems.extend(registry_problems(
            project.registry, project.shown(project.registry), names, claims, set(catalog)
        ))
    owners = {note.id: note for note in notes}
    for note in notes:
        for alias in note.aliases:
            other = owners.setdefault(alias, note)
            if other is not note:
                problems.add(note.path, *note.position("aliases"), (
                    f"alias '{alias}' is already the id or an alias of {other.path}; each old link can lead to one note"
                ))
    for note in notes:
        problems.extend(_catalog_problems(note, catalog, project.shown(project.catalog)))
        problems.extend(sourcing_problems(note, deny_list, today))
        problems.extend(log_problems(note))
    return Content(notes, catalog, no_claims, problems, unread_sections, tree_closed=closed)


def _catalog_problems(note: Note, catalog: dict[str, Crate], catalog_path: str) -> Problems:
    """Crates and versions a note names that the catalog does not list."""
    problems = Problems()
    if not catalog:
        return problems
    named = [(f"crates[{i}]", crate) for i, crate in enumerate(note.crates, start=1)]
    named += [(f"versions[{i}]", version.split("@", 1)[0]) for i, version in enumerate(note.versions, start=1)]
    for where, crate in named:
        if crate not in catalog:
            problems.add(note.path, *note.position(where), (
                f"crate '{crate}' is not in {catalog_path}{did_you_mean(crate, list(catalog))}; "
                "add an entry there or correct the name"
            ))
    return problems
