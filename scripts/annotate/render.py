"""HTML for notes: the highlight around quoted words, the margin note, and a note's own page."""

from __future__ import annotations

import re
from html import escape

from .catalog import Crate
from .notes import FoldedClaim, Note


def inline(paragraph_html: str) -> str:
    """Inline HTML from rendered Markdown that is a single paragraph."""
    match = re.fullmatch(r"\s*<p>(.*)</p>\s*", paragraph_html, re.DOTALL)
    return match.group(1) if match else paragraph_html


def _alias_anchors(note: Note, kind: str) -> str:
    """Empty targets for a note's former ids, so that links made before a rename still land here."""
    return "".join(f'<span class="ann-alias" id="{kind}-{alias}"></span>' for alias in note.aliases)


def quote_open(note: Note) -> str:
    return f'<mark class="ann-quote" id="quote-{note.id}">{_alias_anchors(note, "quote")}'


def quote_close(note: Note, number: int, verdict_title: str) -> str:
    """The end of a highlight: a numbered link to the note, inside the highlight, then the close.

    The number is drawn by CSS from data-number, so the page's text stays exactly the article's
    text: copying a sentence, or matching a quote selector against the page, sees no digits.
    """
    return (
        f'<sup class="ann-ref"><a href="#note-{note.id}" data-number="{number}" '
        f'aria-label="Note {number}: {escape(verdict_title)}"></a></sup></mark>'
    )


def verdict_badge(verdict: str, title: str, element: str = "span", id_attribute: str = "") -> str:
    return f'<{element} class="ann-verdict ann-verdict--{verdict}"{id_attribute}>{escape(title)}</{element}>'


def margin_note(
    note: Note, number: int, verdict_title: str, summary_html: str, page_href: str, quoted: str | None = None
) -> str:
    """The note as it sits in the margin, or after its paragraph on narrow screens.

    `quoted` repeats the words the note is about, for the exercise page, where highlights are hidden.
    """
    quoted_html = f'<p class="ann-note__quoted">On “{escape(quoted)}”</p>' if quoted else ""
    return (
        f'<aside class="ann-note ann-note--{note.verdict}" id="note-{note.id}" role="note" '
        f'aria-label="Note {number}: {escape(verdict_title)}">{_alias_anchors(note, "note")}'
        f'<p class="ann-note__head"><a class="ann-note__number" href="#quote-{note.id}" '
        f'aria-label="Back to the words of note {number}">{number}</a> '
        f"{verdict_badge(note.verdict, verdict_title, 'strong')} "
        f'<a class="ann-permalink" href="#note-{note.id}" title="Copy link to this note" '
        f'aria-label="Copy link to note {number}">#</a></p>{quoted_html}'
        f'<p class="ann-note__summary">{summary_html}</p>'
        f'<p class="ann-note__more"><a href="{escape(page_href)}">Full note'
        f'<span class="ann-visually-hidden"> on {escape(note.title)}</span></a></p>'
        "</aside>"
    )


def exercise_slot(note: Note, number: int, aside: str) -> str:
    """A note behind a checkbox that reveals it; hidden notes keep their space, so revealing moves nothing."""
    return (
        f'<div class="exercise-slot"><input type="checkbox" class="exercise-reveal" id="reveal-{note.id}">'
        f'<label for="reveal-{note.id}">Reveal note {number}</label>{aside}</div>'
    )


def label_permalinks(page_html: str) -> str:
    """Name each heading's permalink by what it does; its visible text is only a symbol."""
    return re.sub(r'(<a class="headerlink" href="#[^"]+" title="([^"]+)")>', r'\1 aria-label="\2">', page_html)


def row_open() -> str:
    return '<div class="ann-row">'


def row_close(asides: list[str]) -> str:
    """Close a paragraph's row: its notes, stacked in one margin column."""
    # Each note has its own page, which search indexes; the copies in the margin would only repeat it.
    return f'<div class="ann-margin" data-search-exclude>{"".join(asides)}</div></div>'


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


def note_page(
    note: Note,
    *,
    verdict_title: str,
    folded: list[tuple[FoldedClaim, str]],
    summary_html: str,
    body_html: str,
    sentence_html: str,
    section_heading: str,
    section_href: str,
    quote_href: str,
    crates: list[Crate],
    crate_href: dict[str, str],
) -> str:
    """A note's own page: verdict, the quote in its sentence, summary, body, sources, crates, way back."""
    parts = [
        '<div class="ann-page">',
        f'<p class="ann-page__verdict">Verdict: {verdict_badge(note.verdict, verdict_title, "strong")}',
        f' <span class="ann-page__reviewed">Reviewed <time datetime="{note.reviewed}">{note.reviewed}</time>',
        "</span></p>",
        '<figure class="ann-page__quote" data-search-exclude><blockquote>',
        sentence_html,
        f'</blockquote><figcaption>From <a href="{escape(section_href)}">{escape(section_heading)}</a>. ',
        f'<a href="{escape(quote_href)}">See these words in the article</a></figcaption></figure>',
        f'<p class="ann-page__summary">{summary_html}</p>',
    ]
    if folded:
        parts.append('<p class="ann-page__folded-intro">This note also answers:</p><ul class="ann-page__folded">')
        parts.extend(
            f"<li>{'Implied: ' + escape(claim.words) if claim.implied else '“' + escape(claim.words) + '”'} "
            f"{verdict_badge(claim.verdict, title)}</li>"
            for claim, title in folded
        )
        parts.append("</ul>")
    parts += ["</div>", body_html]
    if note.sources:
        parts.append('<h2 id="sources">Sources</h2><ul class="ann-sources">')
        parts.extend(f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in note.sources)
        parts.append("</ul>")
    if crates:
        parts.append('<h2 id="crates">Crates</h2><ul class="ann-crates">')
        parts.extend(
            f'<li><a href="{escape(crate_href[crate.name])}"><code>{escape(crate.name)}</code></a>: '
            f"{escape(crate.description)}</li>"
            for crate in crates
        )
        parts.append("</ul>")
    parts.append(f'<p class="ann-page__back"><a href="{escape(quote_href)}">Back to these words in the article</a></p>')
    return "".join(parts)


def verdict_legend(verdicts: dict[str, dict[str, str]]) -> str:
    """The verdict scale as a definition list, for the reading guide and the method page."""
    items = "".join(
        f'<dt>{verdict_badge(key, value["title"])}</dt><dd>{escape(value["description"])}</dd>'
        for key, value in verdicts.items()
    )
    return f'<dl class="ann-legend">{items}</dl>'
