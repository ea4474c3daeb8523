"""A note's change log: its one rule, one entry per date and kind, and the corrections record built from every
note's log, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .limits import CHANGE_CHARACTERS
from .notes import Change, Note
from .problems import Problems


def newest_first(changes: Iterable[Change]) -> list[Change]:
    """Changes by date, newest first; changes of one day keep the order they are written in."""
    return sorted(changes, key=lambda change: change.date, reverse=True)


def log_problems(note: Note) -> Problems:
    """Each entry of `note`'s log that repeats the date and kind of an earlier one, at the later entry's line; and
    each entry longer than a change needs.

    Readers see the log on the note's page, on /corrections/ and in its feed: one day's work of one kind is one
    sentence there, not several.
    """
    problems = Problems()
    for index, change in enumerate(note.changes, start=1):
        if len(change.what) > CHANGE_CHARACTERS:
            problems.add(note.path, *note.position(f"changes[{index}].what"), (
                f"changes[{index}].what has {len(change.what)} characters; a change is told in one sentence of at "
                f"most {CHANGE_CHARACTERS}: say what changed and why, and leave the detail to the body"
            ))
    first: dict[tuple[str, str], int] = {}
    for index, change in enumerate(note.changes, start=1):
        earlier = first.setdefault((change.date, change.kind), index)
        if earlier != index:
            problems.add(note.path, *note.position(f"changes[{index}]"), (
                f"changes[{earlier}] and changes[{index}] are two '{change.kind}' entries dated {change.date}; "
                "a note keeps one entry per day and kind, so merge them into one sentence"
            ))
    return problems


@dataclass(frozen=True)
class Entry:
    """One change of one note, as the corrections page and the feed list it."""

    note: Note
    change: Change

    @property
    def key(self) -> str:
        """What identifies the entry for good: its note, date and kind, which no other entry of the note shares
        (not its words, which may be edited). Every id the feed has published ends in '/1'; the ending stays so
        that subscribers are not shown every entry again."""
        return f"{self.note.id}/{self.change.date}/{self.change.kind}/1"


def entries(notes: Iterable[Note]) -> list[Entry]:
    """Every change of every note, newest first; one day's changes by note title, then in the order written."""
    found = [Entry(note, change) for note in notes for change in note.changes]
    found.sort(key=lambda entry: entry.note.title)
    return sorted(found, key=lambda entry: entry.change.date, reverse=True)
