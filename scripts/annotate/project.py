"""Where the project's content lives, and loading all of it once per build or check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import markdown

from .catalog import Crate, load_catalog
from .notes import Note, load_notes
from .problems import Problems
from .schema import did_you_mean

ARTICLE_PAGE = "index.md"  # the article, relative to docs_dir
NOTES_FOLDER = "notes"  # one Markdown file per note, relative to docs_dir
CATALOG_FILE = "data/crates.yml"  # relative to the folder of mkdocs.yml


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
    problems: Problems

    def note(self, note_id: str) -> Note | None:
        return self._by_id.get(note_id)

    @cached_property
    def _by_id(self) -> dict[str, Note]:
        return {note.id: note for note in self.notes}


def load_content(project: Project, render: Callable[[str], str]) -> Content:
    """Every note and the crate catalog, checked against each other."""
    catalog, problems = load_catalog(project.catalog, project.shown(project.catalog))
    notes, note_problems = load_notes(project.notes_dir, project.shown(project.notes_dir), render)
    problems.extend(note_problems)
    catalog_path = project.shown(project.catalog)
    owners = {note.id: note for note in notes}
    for note in notes:
        for alias in note.aliases:
            other = owners.setdefault(alias, note)
            if other is not note:
                problems.add(note.path, *note.position("aliases"), (
                    f"alias '{alias}' is already the id or an alias of {other.path}; each old link can lead to one note"
                ))
    for note in notes:
        for crate in note.crates:
            if catalog and crate not in catalog:
                problems.add(note.path, *note.position(f"crates/{crate}"), (
                    f"crate '{crate}' is not in {catalog_path}{did_you_mean(crate, list(catalog))}; "
                    "add an entry there or correct the name"
                ))
    return Content(notes, catalog, problems)
