"""The corrections record: every entry of every note's change log, newest first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .notes import Change, Note


def newest_first(changes: Iterable[Change]) -> list[Change]:
    """Changes by date, newest first; changes of one day keep the order they are written in."""
    return sorted(changes, key=lambda change: change.date, reverse=True)


@dataclass(frozen=True)
class Entry:
    """One change of one note, as the corrections page and the feed list it."""

    note: Note
    change: Change
    ordinal: int  # 1 for the note's first change of this date and kind, in the order written, 2 for the next

    @property
    def key(self) -> str:
        """What identifies the entry for good: its note, date, kind and ordinal (not its words, which may be edited)."""
        return f"{self.note.id}/{self.change.date}/{self.change.kind}/{self.ordinal}"


def entries(notes: Iterable[Note]) -> list[Entry]:
    """Every change of every note, newest first; one day's changes by note title, then in the order written."""
    found = []
    for note in notes:
        counted: Counter[tuple[str, str]] = Counter()
        for change in note.changes:
            counted[change.date, change.kind] += 1
            found.append(Entry(note, change, counted[change.date, change.kind]))
    found.sort(key=lambda entry: entry.note.title)
    return sorted(found, key=lambda entry: entry.change.date, reverse=True)
