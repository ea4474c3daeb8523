"""Where the republished article's text came from: `data/article.yml`, read and checked like the other data files.

Every field but `note` may be null: a field is filled in only with what a page that was read showed.
Pages show it where they hold the marker <!-- article-provenance -->, from this data alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .limits import DATA_FILE_BYTES
from .problems import Problems
from .schema import schema_problems
from .yamldoc import YamlSyntaxError, decode, parse_yaml, read_limited


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
    data = read_limited(path, DATA_FILE_BYTES)
    text = decode(data) if data is not None else (1, 1, f"the file is larger than {DATA_FILE_BYTES // 1024} KiB")
    if isinstance(text, tuple):
        problems.add(shown_path, *text)
        return None, problems
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        for line, column, message in error.problems:
            problems.add(shown_path, line, column, message)
        return None, problems
    for line, column, message in schema_problems(document, "article"):
        problems.add(shown_path, line, column, message)
    if problems:
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
