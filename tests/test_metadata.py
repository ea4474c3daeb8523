"""Link previews, ClaimReview on note pages, and the Web Annotation export that re-anchors on the page."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
import yaml
from annotate.notes import verdicts
from conftest import ROOT
from pagetext import visible_text

NOTES_DIR = ROOT / "docs" / "notes"
NOTE_IDS = sorted(path.stem for path in NOTES_DIR.glob("*.md"))
TITLES = {value["title"]: key for key, value in verdicts().items()}


def quotes_of(note_id: str) -> list[tuple[str, str]]:
    """(anchor, verdict) of each quote of a note, its own quote first, read from the note file."""
    meta = yaml.safe_load((NOTES_DIR / f"{note_id}.md").read_text(encoding="utf-8").split("---\n")[1])
    return [(f"quote-{note_id}", meta["verdict"])] + [
        (f"quote-{note_id}--{claim['id']}", claim["verdict"]) for claim in meta.get("claims", [])
    ]


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def pages(site):
    return sorted(site.rglob("index.html"))


def test_every_page_has_a_description_and_link_preview_tags(built_site):
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site)
        assert meta(html, "name", "description"), where
        for name in ("og:title", "og:description", "og:type", "og:site_name"):
            assert meta(html, "property", name), (where, name)
        assert meta(html, "name", "twitter:card") == "summary", where
        assert re.search(r'<html lang="en"', html), where
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1).strip()
        assert title and title != "None", where


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_note_page_previews_with_its_title_and_summary(built_site, note_id):
    html = (built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8")
    summary = " ".join(visible_text(html, "ann-page__summary").split())
    assert meta(html, "name", "description") == summary
    assert meta(html, "property", "og:description") == summary
    heading = re.search(r"<h1[^>]*>(.*?)<", html).group(1)
    assert meta(html, "property", "og:title").startswith(unescape(heading))


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_note_page_carries_a_valid_claim_review_for_each_of_its_quotes(built_site, note_id):
    html = (built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    reviews = json.loads(blocks[0])
    verdict_on_page = re.search(r'ann-page__verdict">Verdict: <strong class="ann-verdict[^"]*">([^<]+)<', html)
    assert reviews[0]["reviewRating"]["alternateName"] == verdict_on_page.group(1)
    expected = quotes_of(note_id)
    assert len(reviews) == len(expected)
    # Each review explains its own claim: the note's summary for its own quote, each further claim's own summary.
    assert reviews[0]["reviewBody"] == meta(html, "property", "og:description")
    bodies = [review["reviewBody"] for review in reviews]
    assert all(bodies) and len(set(bodies)) == len(bodies), bodies
    for review, (anchor, verdict) in zip(reviews, expected, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert 0 < len(review["claimReviewed"]) <= 75
        assert review["reviewRating"]["@type"] == "Rating"
        assert TITLES[review["reviewRating"]["alternateName"]] == verdict
        assert review["itemReviewed"]["@type"] == "Claim"
        appearance = review["itemReviewed"]["appearance"]
        assert appearance["headline"] == "Exploring the Correlation Between Rust and Machine Learning"
        assert appearance["url"].endswith(f"#{anchor}")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


def _page_text(html: str) -> str:
    """The article page's text as a reader's browser holds it, by a reader written apart from the build."""
    return " ".join(visible_text(html, "md-content__inner").split())


def test_every_web_annotation_re_anchors_exactly_once_on_the_page(built_site):
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == sum(len(quotes_of(note_id)) for note_id in NOTE_IDS)
    # A note's own quote keeps the id it always had, #note-<id>; a further claim is known by its own anchor.
    assert sorted(annotation["id"] for annotation in items) == sorted(
        f"./#{anchor.replace('quote-', 'note-', 1) if '--' not in anchor else anchor}"
        for note_id in NOTE_IDS for anchor, _ in quotes_of(note_id)
    )
    text = _page_text((built_site / "index.html").read_text(encoding="utf-8"))
    for annotation in items:
        assert annotation["motivation"] == "assessing"
        selector = annotation["target"]["selector"]
        assert selector["type"] == "TextQuoteSelector"
        whole = " ".join((selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")).split())
        assert text.count(whole) == 1, (annotation["id"], whole)
        bodies = {body.get("purpose"): body for body in annotation["body"]}
        assert bodies["assessing"]["value"] in TITLES
        assert bodies["describing"]["value"]
        assert re.fullmatch(r"notes/[a-z0-9-]+/", bodies["linking"]["id"])
        assert annotation["target"]["source"] == "./"
