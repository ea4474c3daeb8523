"""HTML for notes: the highlight around quoted words, the margin note, and a note's own page."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from .allowlist import plain
from .catalog import Crate
from .changelog import newest_first
from .notes import Note, Quote

if TYPE_CHECKING:
    from .article import Placement


def inline(paragraph_html: str) -> str:
    """Inline HTML from rendered Markdown that is a single paragraph."""
    match = re.fullmatch(r"\s*<p>(.*)</p>\s*", paragraph_html, re.DOTALL)
    return match.group(1) if match else paragraph_html


def claim_numbers(numbers: list[int]) -> str:
    """'claim 3', 'claims 3 and 5', 'claims 3, 4 and 5'."""
    if len(numbers) == 1:
        return f"claim {numbers[0]}"
    return f"claims {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _alias_anchors(note: Note, kind: str, slug: str | None = None) -> str:
    """Empty targets for a note's former ids, so that links made before a rename still land here."""
    return "".join(
        f'<span class="ann-alias" id="{kind}-{alias}{"--" + slug if slug else ""}"></span>' for alias in note.aliases
    )


def quote_open(placement: Placement) -> str:
    """The start of a highlight; its class names the verdict, whose colour the quiet underline takes."""
    note, slug = placement.note, placement.quote.slug
    return (
        f'<mark class="ann-quote ann-quote--{placement.quote.verdict}" id="{placement.anchor}">'
        f'{_alias_anchors(note, "quote", slug)}'
    )


def quote_close(placement: Placement, verdict_title: str) -> str:
    """The end of a highlight: a link to the note, numbered as the claim, inside the highlight, then the close.

    The number is drawn by CSS from data-number, so the page's text stays exactly the article's
    text: copying a sentence, or matching a quote selector against the page, sees no digits.
    """
    number = placement.number
    return (
        f'<sup class="ann-ref"><a href="#note-{placement.note.id}" data-number="{number}" '
        f'aria-label="Claim {number}: {escape(verdict_title)}"></a></sup></mark>'
    )


def verdict_badge(verdict: str, title: str, element: str = "span", id_attribute: str = "") -> str:
    return f'<{element} class="ann-verdict ann-verdict--{verdict}"{id_attribute}>{escape(title)}</{element}>'


def _number_link(placement: Placement) -> str:
    return (
        f'<a class="ann-note__number" href="#{placement.anchor}" '
        f'aria-label="Back to the words of claim {placement.number}">{placement.number}</a>'
    )


def margin_note(
    quotes: list[Placement],
    verdict_titles: dict[str, str],
    summary_html: str,
    page_href: str,
) -> str:
    """A note as it sits in the margin, or after its paragraph on narrow screens, with the number of each quote.

    At rest only the <summary> shows: the number of the note's own quote, its verdict word and the
    title. The rest opens through <details>, so it works without JavaScript; the stylesheet lays the
    opened part over what follows, so opening moves nothing. It lists each further claim with its
    own number and verdict, then the summary and the links. The copy-link button links to the words
    of the note's own quote, where a reader should land.
    """
    own = next(p for p in quotes if p.quote.slug is None)
    others = [p for p in quotes if p is not own]
    note = own.note
    title = verdict_titles[note.verdict]
    numbers = claim_numbers([p.number for p in quotes])
    claims_html = "".join(
        f'<p class="ann-note__claim">Also {_number_link(p)} '
        f"{verdict_badge(p.quote.verdict, verdict_titles[p.quote.verdict])}</p>"
        for p in others
    )
    return (
        f'<aside class="ann-note ann-note--{note.verdict}" id="note-{note.id}" role="note" '
        f'aria-label="Note on {numbers}: {escape(title)}">{_alias_anchors(note, "note")}'
        '<details class="ann-note__details"><summary class="ann-note__head">'
        f'<span class="ann-note__number">{own.number}</span> '
        f"{verdict_badge(note.verdict, title, 'strong')} "
        f'<span class="ann-note__title">{plain(note.title)}</span></summary>'
        f'<div class="ann-note__body">{claims_html}<p class="ann-note__summary">{summary_html}</p>'
        f'<p class="ann-note__links"><a class="ann-note__more" href="{escape(page_href)}">Full note'
        f'<span class="ann-visually-hidden"> on {plain(note.title)}</span></a> '
        f'<a class="ann-note__back" href="#{own.anchor}">Back to the words'
        f'<span class="ann-visually-hidden"> of claim {own.number}</span></a> '
        f'<a class="ann-permalink" href="#{own.anchor}" title="Copy link to these words and their note" '
        f'aria-label="Copy link to the words of claim {own.number}">#</a></p></div>'
        "</details></aside>"
    )


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
    """Close a paragraph's row: its notes in the margin, each group in the band of its quotes.

    The stylesheet makes the bands rows of a grid that the paragraph spans, so a note starts about
    level with the line of its words; notes of one band, or too many for their band, stack downwards.
    """
    slots: dict[int, list[str]] = {}
    for slot, aside in asides:
        slots.setdefault(slot, []).append(aside)
    bands = "".join(f'<div class="ann-slot ann-slot--{slot}">{"".join(notes)}</div>' for slot, notes in slots.items())
    # Each note has its own page, which search indexes; the copies in the margin would only repeat it.
    return f'<div class="ann-margin" data-search-exclude>{bands}</div></div>'


def splice(source: str, insertions: list[tuple[int, tuple[int, ...], str]]) -> str:
    """Insert strings into `source` at offsets; equal offsets go in the order of their sort keys."""
    pieces, position = [], 0
    for offset, _, text in sorted(insertions, key=lambda item: (item[0], item[1])):
        pieces.append(source[position:offset])
        pieces.append(text)
        position = offset
    pieces.append(source[position:])
    return "".join(pieces)


def sentence_with_quote(before: str, quote: str, after: str) -> str:
    """The quote highlighted inside its sentence, as a blockquote paragraph."""
    return f"<p>{escape(before)}<mark>{escape(quote)}</mark>{escape(after)}</p>"


DATED = "depends on when the article was written"


def dated_label(quote: Quote) -> str:
    """The words that go with a verdict that depends on when the article was written, or nothing."""
    return f' <span class="ann-dated">({DATED})</span>' if quote.depends_on_article_date else ""


def _quote_figure(placement: Placement, article_href: str, caption: str) -> str:
    return (
        '<figure class="ann-page__quote" data-search-exclude><blockquote>'
        f"{placement.sentence_html}</blockquote><figcaption>{caption}"
        f'<a href="{escape(article_href)}#{placement.anchor}">See these words in the article</a>'
        "</figcaption></figure>"
    )


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
    note = own.note
    section = own.section
    parts = [
        '<div class="ann-page">',
        f'<p class="ann-page__verdict">Verdict: {verdict_badge(note.verdict, verdict_titles[note.verdict], "strong")}',
        dated_label(note.quote),
        f' <span class="ann-page__reviewed">Reviewed <time datetime="{note.reviewed}">{note.reviewed}</time>',
        "</span></p>",
        _quote_figure(own, article_href, (
            f'Claim {own.number}, from <a href="{escape(article_href)}#{section.id}">'
            f"{escape(section.heading or 'the introduction')}</a>. "
        )),
        f'<p class="ann-page__summary">{summary_html}</p>',
    ]
    others = [p for p in quotes if p is not own]
    if others:
        parts.append('<p class="ann-page__claims-intro">This note also answers:</p><ul class="ann-page__claims">')
        for p in others:
            verdict = p.quote.verdict
            parts.append(
                f'<li><p class="ann-page__claim-verdict">Claim {p.number}: '
                f"{verdict_badge(verdict, verdict_titles[verdict])}{dated_label(p.quote)}</p>"
                f"{_quote_figure(p, article_href, '')}</li>"
            )
        parts.append("</ul>")
    if note.inference:
        parts.append(
            '<div class="ann-page__inference"><p class="ann-page__inference-label">'
            "<strong>The site's reading</strong>: the article does not say this in words; the site reads it "
            "into the article. It is not one of the article's claims and is not counted in the claims ledger.</p>"
            f"<p>{plain(note.inference)}</p></div>"
        )
    parts += ["</div>", body_html]
    if note.sources:
        parts.append('<h2 id="sources">Sources</h2><ul class="ann-sources">')
        parts.extend(
            f'<li><a href="{escape(s.url)}">{plain(s.title)}</a> '
            f'<span class="ann-sources__accessed">(read <time datetime="{s.accessed}">{s.accessed}</time>)</span></li>'
            for s in note.sources
        )
        parts.append("</ul>")
    if crates:
        parts.append('<h2 id="crates">Crates</h2><ul class="ann-crates">')
        parts.extend(
            f'<li><a href="{escape(crate_href[crate.name])}"><code>{escape(crate.name)}</code></a>: '
            f"{plain(crate.description)}</li>"
            for crate in crates
        )
        parts.append("</ul>")
    parts.append('<h2 id="changes">Changes</h2>')
    if note.changes:
        parts.append('<ul class="ann-changes">')
        parts.extend(
            f'<li><time datetime="{change.date}">{change.date}</time> '
            f'<span class="ann-change-kind">{escape(change_titles[change.kind])}</span>: {plain(change.what)}</li>'
            for change in newest_first(note.changes)
        )
        parts.append("</ul>")
    else:
        parts.append('<p class="ann-changes">No changes since the note was first published.</p>')
    parts.append(
        f'<p class="ann-page__back"><a href="{escape(article_href)}#{own.anchor}">'
        "Back to these words in the article</a></p>"
    )
    return "".join(parts)


def verdict_legend(verdicts: dict[str, dict[str, str]]) -> str:
    """The verdict scale as a definition list, for the reading guide and the method page."""
    items = "".join(
        f'<dt>{verdict_badge(key, value["title"])}</dt><dd>{escape(value["description"])}</dd>'
        for key, value in verdicts.items()
    )
    return f'<dl class="ann-legend">{items}</dl>'
