"""The crate catalog, `data/crates.yml`: load, validate, and the labels of its closed vocabularies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .datafile import load_data_document
from .problems import Problems
from .schema import load_schema, one_of_choices


@dataclass(frozen=True)
class Crate:
    name: str
    project: str | None
    category: str
    description: str
    repository: str
    documentation: str
    license: str
    maintainer: str
    status: str
    status_as_of: str
    status_source: str
    latest: str | None  # the newest release seen; latest_date only when a source shows its day
    latest_date: str | None
    releases: str  # where releases appear: "crates-io" or "github"
    latest_at: tuple[int, int]  # (line, column) of the `latest` key, or of the entry when it records none

    @property
    def releases_page(self) -> str:
        """The page that lists the crate's releases: its crates.io page, or the repository's GitHub releases."""
        if self.releases == "github":
            return f"{self.repository}/releases"
        return f"https://crates.io/crates/{self.name}"


def _choices(field: str) -> dict[str, dict[str, str]]:
    return one_of_choices(load_schema("crates")["$defs"]["crate"]["properties"][field])


def categories() -> dict[str, dict[str, str]]:
    """Category id → title and description, in the order the schema gives them."""
    return _choices("category")


def statuses() -> dict[str, dict[str, str]]:
    """Status id → title and description."""
    return _choices("status")


def release_channels() -> dict[str, dict[str, str]]:
    """Where releases are published (`releases`) → title and description."""
    return _choices("releases")


CATEGORY_ID_PREFIX = "category-"  # the crate guide's headings: {#category-<category>} (crate-guide.md)


def load_catalog(
    path: Path, shown_path: str, refusal: Callable[[str], str | None] = lambda url: None
) -> tuple[dict[str, Crate], Problems]:
    """The catalog keyed by crate name, and every problem in it.

    `refusal` says why a URL may not be cited, or None; each address of an entry must pass it, as a note's sources
    do.
    """
    problems = Problems()
    if not path.is_file():
        problems.add(shown_path, 1, 1, "the crate catalog is missing; notes name crates from this file")
        return {}, problems
    document, problems = load_data_document(path, shown_path, "crates")
    if document is None:
        return {}, problems
    catalog: dict[str, Crate] = {}
    for index, entry in enumerate(document.data["crates"]):
        line, column = document.position(("crates", index))
        for key in ("status_source", "repository", "documentation"):
            refused = refusal(entry[key]) if isinstance(entry.get(key), str) else None
            if refused:
                problems.add(shown_path, *document.position(("crates", index, key)), (
                    f"crates[{index + 1}].{key} '{entry[key]}' {refused}"
                ))
        if entry["name"].lower().startswith(CATEGORY_ID_PREFIX):
            problems.add(shown_path, *document.position(("crates", index, "name")), (
                f"crate '{entry['name']}' starts with '{CATEGORY_ID_PREFIX}', like the ids of the crate guide's "
                "headings, and would take one of them; a crate's name is its id there"
            ))
        if entry["name"] in catalog:
            problems.add(shown_path, line, column, f"crate '{entry['name']}' is listed twice; keep one entry")
            continue
        catalog[entry["name"]] = Crate(
            project=entry.get("project"), latest=entry.get("latest"), latest_date=entry.get("latest_date"),
            releases=entry.get("releases", "crates-io"),
            latest_at=document.position(("crates", index, "latest"), key=True) if "latest" in entry else (line, column),
            **{key: entry[key] for key in (
                "name", "category", "description", "repository", "documentation", "license",
                "maintainer", "status", "status_as_of", "status_source",
            )},
        )
    return catalog, problems
