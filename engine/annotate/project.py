"""Loading all of a site's content once per build or check: the content tree, the notes, the catalog, the data."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import markdown

from .accounting import NoClaim, load_no_claims
from .catalog import Crate, load_catalog
from .changelog import log_problems
from .contributor import ContributorMarkdown
from .evidence import evidence_problems
from .limits import ALIASES
from .notelinks import link_problems
from .notes import Note, load_notes
from .problems import Problems
from .provenance import Provenance, load_provenance
from .schema import did_you_mean
from .settings import Settings
from .sourcing import load_deny_list, sourcing_problems
from .tree import walk_tree
from .yamldoc import decode


def markdown_renderer(extensions: list[Any], configs: dict[str, dict[str, Any]]) -> Callable[[str], str]:
    """Markdown to HTML with the site's extensions, as the builder renders a page."""
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)

    @cache
    def render(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return render


def contributor_markdown(settings: Settings) -> ContributorMarkdown:
    """The notes' Markdown: the builder's extensions and their settings, as `ContributorMarkdown` narrows them."""
    return ContributorMarkdown(settings.markdown_extensions, settings.markdown_configs)


@dataclass
class Content:
    notes: list[Note]
    catalog: dict[str, Crate]
    no_claims: list[NoClaim]
    problems: Problems
    unread_sections: set[str]  # sections named by notes that could not be loaded
    all_loaded: bool  # every note and the catalog loaded: a note that failed to load would look deleted
    tree_closed: bool  # False: a file in the tree must not be read or published; stop before anything reads it
    provenance: Provenance | None = None  # where the article's text came from, when the site records it


def load_content(settings: Settings, text: ContributorMarkdown, today: datetime.date | None = None) -> Content:
    """The content tree checked, then every note, the crate catalog and the list of sentences without a claim,
    checked against each other.

    `text` is the notes' Markdown; `today` the day that dates in notes may not be later than, the real today
    unless given.
    """
    today = today or datetime.date.today()
    tree = walk_tree(settings)
    closed = not tree.problems
    problems = Problems()
    problems.extend(tree.problems)
    deny_list, deny_problems = load_deny_list(settings.deny_list, settings.shown(settings.deny_list))
    problems.extend(deny_problems)
    catalog, catalog_problems = load_catalog(settings.catalog, settings.shown(settings.catalog), deny_list.refusal)
    problems.extend(catalog_problems)
    notes, note_problems, unread_sections = load_notes(tree.notes, settings.shown(settings.notes_dir), text)
    problems.extend(note_problems)
    no_claims, no_claims_problems = load_no_claims(settings.no_claims, settings.shown(settings.no_claims))
    problems.extend(no_claims_problems)
    provenance = None
    if settings.provenance is not None:
        provenance, provenance_problems = load_provenance(settings.provenance, settings.shown(settings.provenance))
        problems.extend(provenance_problems)
    owners = {note.id: note for note in notes}
    for note in notes:
        if len(note.aliases) > ALIASES:
            problems.add(note.path, *note.position("aliases"), (
                f"the note has {len(note.aliases)} aliases; a note keeps at most {ALIASES} former ids: "
                "drop those no published link uses"
            ))
        for alias in note.aliases:
            other = owners.setdefault(alias, note)
            if other is not note:
                problems.add(note.path, *note.position("aliases"), (
                    f"alias '{alias}' is already the id or an alias of {other.path}; each old link can lead to one note"
                ))
    pages = settings.nav | {f"{settings.notes}/{note.id}.md" for note in notes}
    for note in notes:
        problems.extend(_catalog_problems(note, catalog, settings.shown(settings.catalog)))
        problems.extend(sourcing_problems(note, deny_list, today))
        problems.extend(log_problems(note))
        problems.extend(evidence_problems(note))
        file_lines = _lines(settings.root / note.path)
        problems.extend(link_problems(note, f"{settings.notes}/{note.id}.md", text, pages, file_lines))
    return Content(notes, catalog, no_claims, problems, unread_sections,
                   all_loaded=not note_problems and not catalog_problems, tree_closed=closed, provenance=provenance)


def _lines(path: Any) -> list[str]:
    text = decode(path.read_bytes())
    return text.split("\n") if isinstance(text, str) else []


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
