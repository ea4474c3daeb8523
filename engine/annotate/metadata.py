"""Machine-readable descriptions of the notes: W3C Web Annotations and schema.org ClaimReview."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from .anchoring import line_around
from .article import Placement
from .notes import Note, Quote

CONTEXT_CHARS = 32  # of prefix and suffix, as annotation clients commonly capture
CLAIM_MAX_CHARS = 75  # schema.org consumers ask for a short claimReviewed


def plain_text(fragment_html: str) -> str:
    """Text of an HTML fragment, tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment_html)).split())


def to_json_ld(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """JSON for a <script> element: `</` is escaped so the data cannot close the element."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def claim_reviews(
    note: Note,
    *,
    verdict_titles: dict[str, str],
    explanation_text: Callable[[Quote], str],
    page_url: str | None,
    quote_url: Callable[[Quote], str],
    article_title: str,
    publisher: str,
) -> list[dict[str, Any]]:
    """schema.org ClaimReview for a note page: one for each quote the note answers, its own quote first, each with
    its own explanation as `reviewBody`."""
    reviews = []
    for quote in note.quotes:
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": _shorten(quote.text, CLAIM_MAX_CHARS),
            "datePublished": note.reviewed,
            "author": {"@type": "Organization", "name": publisher},
            "reviewRating": {"@type": "Rating", "alternateName": verdict_titles[quote.verdict]},
            "reviewBody": explanation_text(quote),
            "itemReviewed": {
                "@type": "Claim",
                "appearance": {"@type": "Article", "headline": article_title, "url": quote_url(quote)},
            },
        }
        if page_url:
            review["url"] = page_url
        reviews.append(review)
    return reviews


def quote_selector(source: str, placement: Placement) -> dict[str, str]:
    """A TextQuoteSelector for a quote's words, with context taken from the same paragraph."""
    section, text = placement.section, placement.section.text
    line_start, line_end = line_around(text, placement.start, placement.end)
    selector = {
        "type": "TextQuoteSelector",
        "exact": section.source_text(source, placement.start, placement.end),
    }
    prefix = section.source_text(source, max(line_start, placement.start - CONTEXT_CHARS), placement.start)
    suffix = section.source_text(source, placement.end, min(line_end, placement.end + CONTEXT_CHARS))
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def web_annotations(
    source: str,
    placements: list[Placement],
    *,
    collection_id: str,
    article_url: str,
    note_url: Callable[[Note], str],
    verdict_titles: dict[str, str],
    explanation_html: Callable[[Placement], str],
    label: str,
) -> dict[str, Any]:
    """Every quote as a W3C Web Annotation with motivation 'assessing', in one AnnotationCollection.

    A note's own quote is identified as #note-<id>, as it always was; a further claim by its own anchor.
    """
    items = []
    for placement in placements:
        note = placement.note
        anchor = f"note-{note.id}" if placement.quote.slug is None else placement.anchor
        items.append({
            "id": f"{article_url}#{anchor}",
            "type": "Annotation",
            "motivation": "assessing",
            "modified": note.reviewed,
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "value": verdict_titles[placement.quote.verdict]},
                # Why the quote got its verdict, as the site shows it, with its links to the site in full.
                {"type": "TextualBody", "purpose": "describing", "format": "text/html",
                 "value": explanation_html(placement)},
                {"id": note_url(note), "type": "Text", "format": "text/html", "purpose": "linking"},
            ],
            "target": {"source": article_url, "selector": quote_selector(source, placement)},
        })
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
