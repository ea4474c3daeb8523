"""Pages generated from the notes and the data: the claims ledger, review dates, corrections, the crate guide, where
the article came from."""

from __future__ import annotations

from collections.abc import Callable

from .article import Placement
from .catalog import Crate, release_channels
from .changelog import Entry
from .notes import Note
from .page_data import part_marker
from .provenance import Provenance
from .templating import html, render


def claims_ledger(
    claims: list[Placement],
    counts: list[tuple[str, int]],
    verdict_titles: dict[str, str],
    *,
    article_href: str,
    note_href: Callable[[Note], str],
    explanation_html: Callable[[Placement], str],
) -> str:
    """Counts by verdict, then one table row per claim, numbered as on the article, with why it got its verdict."""
    notes = {claim.note.id: claim.note for claim in claims}
    return render(
        "claims-ledger.html", claims=claims, counts=counts, verdict_titles=verdict_titles,
        total=sum(count for _, count in counts), notes=notes,
        readings=sum(1 for note in notes.values() if note.inference),
        article_href=article_href, note_href=note_href,
        explanation_html=lambda claim: html(explanation_html(claim)),
    )


def review_dates(notes: list[Note]) -> str:
    """A sentence giving the oldest and the newest review date of the notes."""
    return render("review-dates.html", dates=sorted(note.reviewed for note in notes))


def corrections(
    entries: list[Entry], change_kinds: dict[str, dict[str, str]], note_href: Callable[[Note], str], feed_href: str
) -> str:
    """The corrections page's list: every change of every note, newest first, each linking to its note's log."""
    return render("corrections.html", entries=entries, change_kinds=change_kinds, note_href=note_href,
                  feed_href=feed_href)


def crate_guide(
    catalog: dict[str, Crate],
    notes: list[Note],
    categories: dict[str, dict[str, str]],
    statuses: dict[str, dict[str, str]],
    note_href: Callable[[Note], str],
) -> tuple[str, dict[str, str]]:
    """The crate guide: Markdown with a heading per category, so that they are the page's table of contents, and
    the HTML of each crate's entry, which goes where its marker is.

    Each entry links back to the notes that cite it, in order of their titles.
    """
    citing: dict[str, list[Note]] = {name: [] for name in catalog}
    for note in sorted(notes, key=lambda n: n.title):
        for crate in note.crates:
            citing.setdefault(crate, []).append(note)
    members = {
        category: sorted((crate for crate in catalog.values() if crate.category == category), key=lambda c: c.name)
        for category in categories
    }
    entries = {
        f"crate-{crate.name}": render(
            "crate-entry.html", crate=crate, status=statuses[crate.status]["title"],
            channel=release_channels()[crate.releases]["title"], notes=citing[crate.name], note_href=note_href,
        )
        for crate in catalog.values()
    }
    guide = render(
        "crate-guide.md", catalog=catalog, categories=categories, members=members,
        entry_marker=lambda crate: html(part_marker(f"crate-{crate.name}")),
    )
    return guide, entries


def provenance(found: Provenance | None) -> str:
    """Where the article's text came from and what is known of its author and date, from the site's data."""
    return render("article-provenance.html", provenance=found)
