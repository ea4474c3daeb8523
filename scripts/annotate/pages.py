"""Pages generated from the notes and the catalog: the claims ledger and the crate guide."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .catalog import Crate, release_channels
from .ledger import Claim
from .notes import Note
from .render import verdict_badge


def claims_ledger(
    rows: list[Claim],
    counts: list[tuple[str, int]],
    verdict_titles: dict[str, str],
    *,
    article_href: str,
    note_href: Callable[[Note], str],
) -> str:
    """Counts by verdict, then one table row per claim in article order."""
    total = sum(count for _, count in counts)
    summary = "".join(
        f"<li>{verdict_badge(verdict, verdict_titles[verdict])} {count}</li>" for verdict, count in counts if count
    )
    notes = len({row.placement.note.id for row in rows})
    parts = [
        f'<p class="ledger-total">{total} claims, answered in {notes} notes.</p>',
        f'<ul class="ledger-counts" aria-label="Claims by verdict">{summary}</ul>',
        # The ledger repeats the article's words and the notes' titles, which search already finds.
        '<div class="md-typeset__scrollwrap" data-search-exclude><div class="md-typeset__table"><table class="ledger">',
        "<thead><tr><th>#</th><th>Claim</th><th>Section</th><th>Verdict</th><th>Note</th></tr></thead><tbody>",
    ]
    for number, row in enumerate(rows, start=1):
        note, section = row.placement.note, row.placement.section
        if row.implied:
            words = f'<span class="ledger-implied">Implied: {escape(row.words)}</span>'
        elif row.folded:
            words = f"“{escape(row.words)}”"
        else:
            words = f'<a href="{escape(article_href)}#quote-{note.id}">“{escape(row.words)}”</a>'
        answered = f'<a href="{escape(note_href(note))}">{escape(note.title)}</a>'
        if row.folded:
            answered += ' <span class="ledger-folded">(answered within this note)</span>'
        parts.append(
            f'<tr id="claim-{number}"><td>{number}</td><td>{words}</td>'
            f'<td><a href="{escape(article_href)}#{section.id}">{escape(section.heading or "Introduction")}</a></td>'
            f"<td>{verdict_badge(row.verdict, verdict_titles[row.verdict])}</td><td>{answered}</td></tr>"
        )
    parts.append("</tbody></table></div></div>")
    return "".join(parts)


def crate_guide(
    catalog: dict[str, Crate],
    notes: list[Note],
    categories: dict[str, dict[str, str]],
    statuses: dict[str, dict[str, str]],
    note_href: Callable[[Note], str],
) -> str:
    """Markdown for the crate guide: a heading per category, then an entry per crate, each with its own id.

    Each entry links back to the notes that cite it, in order of their titles.
    """
    citing: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: n.title):
        for crate in note.crates:
            citing.setdefault(crate, []).append(note)
    parts = [
        f"The guide lists {len(catalog)} crates. Each status is what the linked page showed on the date given; "
        "check it again before you depend on a crate.\n"
    ]
    for category, labels in categories.items():
        members = sorted((crate for crate in catalog.values() if crate.category == category), key=lambda c: c.name)
        if not members:
            continue
        parts.append(f"## {labels['title']} {{#category-{category}}}\n\n{labels['description']}\n")
        parts.extend(_crate_entry(crate, statuses, citing.get(crate.name, []), note_href) for crate in members)
    return "\n".join(parts)


def _crate_entry(crate: Crate, statuses: dict[str, dict[str, str]], notes: list[Note], note_href) -> str:
    status = statuses[crate.status]["title"]
    latest = ""
    if crate.latest:
        latest = (f' Latest release seen: {escape(crate.latest)} '
                  f'(<time datetime="{crate.latest_date}">{crate.latest_date}</time>).')
    cited = ", ".join(f'<a href="{escape(note_href(note))}">{escape(note.title)}</a>' for note in notes)
    name = escape(crate.name)
    heading = f"<code>{name}</code>"
    if crate.project and crate.project != crate.name:
        heading = f"{escape(crate.project)} (<code>{name}</code>)"
    return (
        f'<div class="crate" id="{name}">\n'
        f'<h3 class="crate__name">{heading}</h3>\n'
        f'<p class="crate__description">{escape(crate.description)}</p>\n'
        f'<p class="crate__status" data-search-exclude>'
        f'<span class="crate-status crate-status--{crate.status}">{escape(status)}</span> '
        f'as of <time datetime="{crate.status_as_of}">{crate.status_as_of}</time> '
        f'(<a href="{escape(crate.status_source)}">where this was seen</a>).{latest}</p>\n'
        f'<p class="crate__facts">Licence: {escape(crate.license)}. Maintainer: {escape(crate.maintainer)}.</p>\n'
        f'<p class="crate__links" data-search-exclude><a href="{escape(crate.releases_page)}">'
        f'{escape(release_channels()[crate.releases]["title"])}</a> · '
        f'<a href="{escape(crate.documentation)}">Documentation</a> · '
        f'<a href="{escape(crate.repository)}">Repository</a></p>\n'
        + (f'<p class="crate__notes">Cited in: {cited}</p>\n' if notes else "")
        + "</div>\n"
    )


def exercise(article_html: str) -> str:
    """The exercise: the article with its notes hidden, one control to show them all, one per note."""
    return (
        '<div class="exercise">'
        '<p class="exercise-controls"><input type="checkbox" class="exercise-reveal-all" id="reveal-all"> '
        '<label for="reveal-all">Show all notes and highlights</label></p>'
        f"{article_html}</div>"
    )
