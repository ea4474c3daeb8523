"""Where the republished article's text came from: `data/article.yml`, read and checked like the other data files.

Every field but `note` may be null: a field is filled in only with what a page that was read showed.
Pages show it where they hold the marker <!-- article-provenance -->, from this data alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_data_document
from .problems import Problems


@dataclass(frozen=True)
class Provenance:
    found_at: str | None
    accessed: str | None
    site_name: str | None
    author: str | None
    published: str | None
    note: str


def load_provenance(path: Path, shown_path: str) -> tuple[Provenance | None, Problems]:
    """What the file records, and every problem in it."""
    problems = Problems()
    if not path.is_file():
        problems.add(shown_path, 1, 1, (
            "the file on where the article came from is missing; write it as engine/annotate/schemas/"
            "article.schema.json describes, with null for what is not known"
        ))
        return None, problems
    document, problems = load_data_document(path, shown_path, "article")
    if document is None:
        return None, problems
    values = document.data
    if (values["found_at"] is None) != (values["accessed"] is None):
        problems.add(shown_path, *document.position(("accessed",)), (
            "found_at and accessed go together: the day is the day the page at found_at was read; "
            "give both, or null for both"
        ))
        return None, problems
    return Provenance(
        found_at=values["found_at"],
        accessed=values["accessed"],
        site_name=values["site_name"],
        author=values["author"],
        published=values["published"],
        note=" ".join(values["note"].split()),
    ), problems
