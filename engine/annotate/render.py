"""HTML for notes: the highlight around quoted words, the margin note, and a note's own page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .catalog import Crate
from .changelog import newest_first
from .templating import html, render

if TYPE_CHECKING:
    from .article import Placement


def inline(paragraph_html: str) -> str:
    """Inline HTML from rendered Markdown that is a single paragraph."""
    match = re.fullmatch(r"\s*<p>(.*)</p>\s*", paragraph_html, re.DOTALL)
    return match.group(1) if match else paragraph_html


def quote_open(placement: Placement, verdict_title: str) -> str:
    return render("quote-open.html", placement=placement, verdict_title=verdict_title)


def quote_close(placement: Placement) -> str:
    return render("quote-close.html", placement=placement)


def margin_note(
    quotes: list[Placement],
    verdict_titles: dict[str, str],
    summary_html: str,
    page_href: str,
) -> str:
    """A note as it sits in the margin, or after its paragraph on narrow screens, with the number of each quote."""
    own = next(p for p in quotes if p.quote.slug is None)
    return render(
        "margin-note.html", own=own, others=[p for p in quotes if p is not own], quotes=quotes,
        verdict_titles=verdict_titles, summary_html=html(summary_html), page_href=page_href,
    )


def margin_partner(claim: Placement, own: Placement, verdict_titles: dict[str, str]) -> str:
    """A further claim's line in the margin: its number and verdict, and the way to the note that answers it."""
    return render("margin-partner.html", claim=claim, own=own, verdict_titles=verdict_titles)


def label_permalinks(page_html: str) -> str:
    """Name each heading's permalink by what it does; its visible text is only a symbol."""
    return re.sub(r'(<a class="headerlink" href="#[^"]+" title="([^"]+)")>', r'\1 aria-label="\2">', page_html)


def row_open() -> str:
    return '<div class="ann-row">'


# A paragraph's height is split into this many bands; a note starts in the band that holds its quote.
MARGIN_SLOTS = 12


def margin_slot(fraction: float) -> int:
    """The band, 0 to MARGIN_SLOTS - 1, for a quote that starts `fraction` of the way into its paragraph."""
    return min(MARGIN_SLOTS - 1, max(0, int(fraction * MARGIN_SLOTS)))


def row_close(asides: list[tuple[int, str]]) -> str:
    """Close a paragraph's row: its notes in the margin, each group in the band of its quotes."""
    bands: dict[int, list[str]] = {}
    for slot, aside in asides:
        bands.setdefault(slot, []).append(html(aside))
    return render("margin-row.html", bands=bands)


def sentence_with_quote(before: str, quote: str, after: str) -> str:
    """The quote highlighted inside its sentence, as a paragraph."""
    return render("sentence.html", before=before, words=quote, after=after)


def note_page(
    quotes: list[Placement],
    *,
    verdict_titles: dict[str, str],
    change_titles: dict[str, str],
    summary_html: str,
    body_html: str,
    article_href: str,
    crates: list[Crate],
    crate_href: dict[str, str],
) -> str:
    """A note's own page: verdict and review date, each quote in its sentence, summary, the site's reading if any,
    body, sources with the day each was read, crates, change log, and the way back."""
    own = next(p for p in quotes if p.quote.slug is None)
    return render(
        "note-page.html", own=own, others=[p for p in quotes if p is not own],
        verdict_titles=verdict_titles, change_titles=change_titles,
        summary_html=html(summary_html), body_html=html(body_html), article_href=article_href,
        crates=crates, crate_href=crate_href, changes=newest_first(own.note.changes),
    )


def verdict_legend(verdicts: dict[str, dict[str, str]]) -> str:
    """The verdict scale as a definition list, for the reading guide and the method page."""
    return render("verdict-legend.html", verdicts=verdicts)
