"""Pages generated from the notes and the catalog: the claims ledger, review dates, corrections, the crate guide."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .allowlist import plain
from .article import Placement
from .catalog import Crate, release_channels
from .changelog import Entry
from .notes import Note
from .render import dated_label, verdict_badge


def claims_ledger(
    claims: list[Placement],
    counts: list[tuple[str, int]],
    verdict_titles: dict[str, str],
    *,
    article_href: str,
    note_href: Callable[[Note], str],
) -> str:
    """Counts by verdict, then one table row per claim, numbered as on the article."""
    total = sum(count for _, count in counts)
    summary = "".join(
        f"<li>{verdict_badge(verdict, verdict_titles[verdict])} {count}</li>" for verdict, count in counts if count
    )
    notes = {claim.note.id: claim.note for claim in claims}
    readings = sum(1 for note in notes.values() if note.inference)
    parts = [
        f'<p class="ledger-total">{total} claims, answered in {len(notes)} notes.</p>',
        f'<ul class="ledger-counts" aria-label="Claims by verdict">{summary}</ul>',
    ]
    if readings:
        parts.append(
            f'<p class="ledger-readings">{readings} note{"s" if readings != 1 else ""} also give the site\'s reading '
            "of what the article implies. Those readings are not words of the article, so they are neither listed "
            "nor counted here.</p>"
        )
    parts += [
        # The ledger repeats the article's words and the notes' titles, which search already finds.
        '<div class="md-typeset__scrollwrap" data-search-exclude><div class="md-typeset__table"><table class="ledger">',
        "<thead><tr><th>#</th><th>Claim</th><th>Section</th><th>Verdict</th><th>Note</th></tr></thead><tbody>",
    ]
    for claim in claims:
        note, section, verdict = claim.note, claim.section, claim.quote.verdict
        parts.append(
            f'<tr id="claim-{claim.number}"><td>{claim.number} <a class="ann-permalink" '
            f'href="{escape(article_href)}#{claim.anchor}" title="Copy link to these words" '
            f'aria-label="Copy link to the words of claim {claim.number}">#</a></td>'
            f'<td><a href="{escape(article_href)}#{claim.anchor}">“{escape(claim.words)}”</a></td>'
            f'<td><a href="{escape(article_href)}#{section.id}">{escape(section.title)}</a></td>'
            f"<td>{verdict_badge(verdict, verdict_titles[verdict])}{dated_label(claim.quote)}</td>"
            f'<td><a href="{escape(note_href(note))}">{plain(note.title)}</a></td></tr>'
        )
    parts.append("</tbody></table></div></div>")
    return "".join(parts)


def review_dates(notes: list[Note]) -> str:
    """A sentence giving the oldest and the newest review date of the notes."""
    dates = sorted(note.reviewed for note in notes)
    if not dates:
        return "No note has been reviewed yet."
    if dates[0] == dates[-1]:
        return f'Every note was last reviewed on <time datetime="{dates[0]}">{dates[0]}</time>.'
    return (
        f'The oldest review date of a note is <time datetime="{dates[0]}">{dates[0]}</time>, '
        f'and the newest is <time datetime="{dates[-1]}">{dates[-1]}</time>.'
    )


def corrections(
    entries: list[Entry], change_kinds: dict[str, dict[str, str]], note_href: Callable[[Note], str], feed_href: str
) -> str:
    """The corrections page's list: every change of every note, newest first, each linking to its note's log."""
    kinds = "".join(
        f"<dt>{escape(labels['title'])}</dt><dd>{escape(labels['description'])}</dd>"
        for labels in change_kinds.values()
    )
    parts = [
        f'<p class="corrections-feed"><a href="{escape(feed_href)}" type="application/atom+xml">'
        "Subscribe to this list (Atom feed)</a></p>",
        f'<dl class="corrections-kinds">{kinds}</dl>',
    ]
    if not entries:
        parts.append('<p class="corrections-empty">No note has been corrected, updated or clarified yet.</p>')
        return "".join(parts)
    parts.append(f'<p class="corrections-total">{len(entries)} change{"s" if len(entries) != 1 else ""}, '
                 "newest first.</p>")
    parts.append('<ul class="corrections">')
    for entry in entries:
        change, note = entry.change, entry.note
        parts.append(
            f'<li><time datetime="{change.date}">{change.date}</time> '
            f'<span class="ann-change-kind">{escape(change_kinds[change.kind]["title"])}</span> '
            f'<a href="{escape(note_href(note))}#changes">{plain(note.title)}</a>: {plain(change.what)}</li>'
        )
    parts.append("</ul>")
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
    if crate.latest and crate.latest_date:
        latest = (f' Latest release seen: {plain(crate.latest)} '
                  f'(<time datetime="{crate.latest_date}">{crate.latest_date}</time>).')
    elif crate.latest:
        latest = f" Latest release seen: {plain(crate.latest)} (release date not confirmed)."

    cited = ", ".join(f'<a href="{escape(note_href(note))}">{plain(note.title)}</a>' for note in notes)
    name = escape(crate.name)
    heading = f"<code>{name}</code>"
    if crate.project and crate.project != crate.name:
        heading = f"{plain(crate.project)} (<code>{name}</code>)"
    return (
        f'<div class="crate" id="{name}">\n'
        f'<h3 class="crate__name">{heading}</h3>\n'
        f'<p class="crate__description">{plain(crate.description)}</p>\n'
        f'<p class="crate__status" data-search-exclude>'
        f'<span class="crate-status crate-status--{crate.status}">{escape(status)}</span> '
        f'as of <time datetime="{crate.status_as_of}">{crate.status_as_of}</time> '
        f'(<a href="{escape(crate.status_source)}">where this was seen</a>).{latest}</p>\n'
        f'<p class="crate__facts">Licence: {plain(crate.license)}. Maintainer: {plain(crate.maintainer)}.</p>\n'
        f'<p class="crate__links" data-search-exclude><a href="{escape(crate.releases_page)}">'
        f'{escape(release_channels()[crate.releases]["title"])}</a> · '
        f'<a href="{escape(crate.documentation)}">Documentation</a> · '
        f'<a href="{escape(crate.repository)}">Repository</a></p>\n'
        + (f'<p class="crate__notes">Cited in: {cited}</p>\n' if notes else "")
        + "</div>\n"
    )
