"""The corrections record as an Atom feed, written with feedgen, for readers who subscribe to it: each entry says
what changed and, for a correction or an update, shows the wording before and after, dated."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from feedgen.feed import FeedGenerator

from .changelog import Entry
from .notes import Note
from .templating import render

# The seed of every id in the feed. Ids do not depend on where the site is hosted, so moving it does not
# make readers see every entry again; changing this value would.
ID_NAMESPACE = uuid.UUID("77ff7eff-7a5a-4ae0-88e0-9adc16b4e490")


def _id(name: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, name).urn


def _day(date: str) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(), datetime.timezone.utc)


def corrections_feed(
    entries: list[Entry],
    *,
    title: str,
    author: str,
    feed_url: str,
    page_url: str,
    note_url: Callable[[Note], str],
    change_titles: dict[str, str],
    updated: str,
) -> bytes:
    """An Atom feed of `entries`, newest first; `updated` dates the feed when it has no entry."""
    feed = FeedGenerator()
    feed.id(_id("corrections"))
    feed.title(title)
    feed.subtitle("Every correction, update and clarification of the notes, newest first.")
    feed.author(name=author)
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.language("en")
    feed.updated(_day(entries[0].change.date if entries else updated))
    for entry in entries:
        change, note = entry.change, entry.note
        item = feed.add_entry(order="append")
        item.id(_id(entry.key))
        item.title(f"{change_titles[change.kind]}: {note.title}")
        item.updated(_day(change.date))
        item.link(href=f"{note_url(note)}#changes", rel="alternate", type="text/html")
        item.category(term=change.kind, label=change_titles[change.kind])
        item.published(_day(change.date))
        item.content(render("feed-entry.html", change=change), type="html")
    return feed.atom_str(pretty=True)
