"""What a fact-check may cite, and what its dates may say: the deny list of sources, and the review rules.

The schema already requires every source to be https and to carry the day it was read. These rules
need more than one field, or data from elsewhere: a source on `data/source-deny-list.yml`; a `false`
or `misleading` verdict with fewer than two sources; a `reviewed` date in the future, or earlier than
the day a source was read; a change dated in the future.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .datafile import load_data_document
from .notes import Note
from .problems import Problems
from .weburl import WebAddress, parse

# Verdicts that say the article is wrong; one source is too thin a basis for them.
CORRECTING_VERDICTS = ("false", "misleading")
CORRECTING_MIN_SOURCES = 2


@dataclass(frozen=True)
class Refusal:
    """One rule of the deny list: a host, a host and the start of a path, or part of a path; and why."""

    kind: str  # "host", "url_prefix" or "path_contains", the key that holds `pattern`
    pattern: str
    reason: str

    def matches(self, address: WebAddress) -> bool:
        """Whether the address, as a browser reads it, is one this rule refuses; paths compare decoded."""
        path = unquote(address.path).lower()
        if self.kind == "host":
            return address.host == self.pattern
        if self.kind == "url_prefix":
            return f"{address.host}{path}".startswith(self.pattern)
        return self.pattern in path


@dataclass(frozen=True)
class DenyList:
    refusals: tuple[Refusal, ...]
    path: str  # as messages show it

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be cited, or None: an address that may lead elsewhere than it shows, or one refused."""
        address = parse(url)
        if isinstance(address, str):
            return address
        for rule in self.refusals:
            if rule.matches(address):
                return f"is refused by {self.path} ({rule.kind.replace('_', ' ')} {rule.pattern}): {rule.reason}"
        return None


def load_deny_list(path: Path, shown_path: str) -> tuple[DenyList, Problems]:
    """The deny list, and every problem in its file."""
    problems = Problems()
    empty = DenyList((), shown_path)
    if not path.is_file():
        problems.add(shown_path, 1, 1, (
            "the list of refused sources is missing; notes are checked against it (an empty list is 'refused: []')"
        ))
        return empty, problems
    document, problems = load_data_document(path, shown_path, "source-deny-list")
    if document is None:
        return empty, problems
    refusals = tuple(
        Refusal(kind, entry[kind].lower(), entry["reason"])
        for entry in document.data["refused"]
        for kind in ("host", "url_prefix", "path_contains")
        if kind in entry
    )
    return DenyList(refusals, shown_path), problems


def _page(url: str) -> str:
    """The page an address leads to, as a browser reads it: host and path, without the part after '#'."""
    address = parse(url)
    return url if isinstance(address, str) else f"{address.host}{unquote(address.path)}"


def sourcing_problems(note: Note, deny_list: DenyList, today: datetime.date) -> Problems:
    """Every way `note` breaks the rules on its sources and its dates, each at the line that breaks it."""
    problems = Problems()
    for index, source in enumerate(note.sources, start=1):
        refused = deny_list.refusal(source.url)
        if refused:
            problems.add(note.path, *note.position(f"sources[{index}].url"), (
                f"sources[{index}].url '{source.url}' {refused}"
            ))
    # Sources count by the page they lead to: the same page twice is one source.
    distinct = len({_page(source.url) for source in note.sources})
    for quote in note.quotes:
        if quote.verdict in CORRECTING_VERDICTS and distinct < CORRECTING_MIN_SOURCES:
            where = quote.field("verdict")
            same = f" ({len(note.sources)} entries, of the same page)" if distinct < len(note.sources) else ""
            problems.add(note.path, *note.position(where), (
                f"{where} '{quote.verdict}' needs at least {CORRECTING_MIN_SOURCES} sources and the note lists "
                f"{distinct}{same}; add another primary source that supports the verdict"
            ))
    reviewed = datetime.date.fromisoformat(note.reviewed)
    if reviewed > today:
        problems.add(note.path, *note.position("reviewed"), (
            f"reviewed {note.reviewed} is in the future (today is {today.isoformat()}); "
            "set it to the day every source was last read"
        ))
    for index, source in enumerate(note.sources, start=1):
        if datetime.date.fromisoformat(source.accessed) > reviewed:
            problems.add(note.path, *note.position(f"sources[{index}].accessed"), (
                f"sources[{index}].accessed {source.accessed} is later than reviewed {note.reviewed}; "
                "reviewed is the day every source was last read: re-read the others and set reviewed to that day"
            ))
    for index, change in enumerate(note.changes, start=1):
        if datetime.date.fromisoformat(change.date) > today:
            problems.add(note.path, *note.position(f"changes[{index}].date"), (
                f"changes[{index}].date {change.date} is in the future (today is {today.isoformat()}); "
                "date a change the day it is made"
            ))
    return problems
