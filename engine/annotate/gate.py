"""`python -m annotate review`: a pull request compared with the branch it was made from.

The merge base of the two (where the pull request began, as GitHub's own diff counts) and the head are checked
out each in a folder of their own, loaded and checked by this engine exactly as `make check` loads them, and
compared by `review.py`. The pull-request workflow runs the base branch's engine, not the pull request's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .generate import Site, prepare
from .notes import Note
from .problems import Problems
from .review import Version, review
from .revisions import (
    RevisionError,
    changed_files,
    checkout,
    commit_day,
    last_change_day,
    merge_base,
    repository_root,
    resolve,
)
from .settings import open_settings


@dataclass
class Outcome:
    """What the review found. `stop` is a sentence when no comparison could be made; `report` is its Markdown."""

    problems: Problems = field(default_factory=Problems)
    report: str = ""
    stop: str = ""


def review_pull_request(config: Path, base_ref: str, head_ref: str = "HEAD",
                        today: datetime.date | None = None) -> Outcome:
    today = today or datetime.date.today()
    try:
        repository = repository_root(config.resolve().parent)
        relative_config = config.resolve().relative_to(repository.resolve()).as_posix()
        base = resolve(repository, base_ref, "base")
        head = resolve(repository, head_ref, "head")
        start = merge_base(repository, base, head)
        with checkout(repository, start) as base_tree, checkout(repository, head) as head_tree:
            base_site = _load(base_tree / relative_config, today)
            if isinstance(base_site, Problems):
                return Outcome(base_site, stop=(
                    f"the base {start[:12]}, where this pull request began, does not pass make check with the "
                    "base branch's engine, so there is nothing sound to compare with; the problems below are in "
                    "the base: fix them on the base branch first"
                ))
            head_site = _load(head_tree / relative_config, today)
            if isinstance(head_site, Problems):
                return Outcome(head_site, stop=(
                    f"the head {head[:12]} does not pass make check with the base branch's engine; fix the problems "
                    "below (a change to the note format reaches the base branch first, in a pull request of its own)"
                ))
            old = Version(start, commit_day(repository, start), base_tree, base_site)
            new = Version(head, commit_day(repository, head), head_tree, head_site)

            def previous(note: Note) -> datetime.date | None:
                """The day of the note's last version before this pull request."""
                committed = last_change_day(repository, start, old.relative(base_site.settings.root / note.path))
                written = [datetime.date.fromisoformat(day) for day in
                           (note.reviewed, *(change.date for change in note.changes))]
                return max(filter(None, (committed, *written)), default=None)

            found = review(old, new, today=today, previous=previous, files=changed_files(repository, start, head))
            return Outcome(found.problems, found.report(old, new, (old.day, today)))
    except RevisionError as error:
        return Outcome(stop=str(error))


def _load(config: Path, today: datetime.date) -> Site | Problems:
    if not config.is_file():
        problems = Problems()
        problems.add(config.name, 1, 1, "the engine's settings are not in this commit")
        return problems
    settings = open_settings(config)
    if isinstance(settings, Problems):
        return settings
    return prepare(settings, environ={}, today=today)
