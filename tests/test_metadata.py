"""Link previews, ClaimReview on note pages, and the Web Annotation export that re-anchors on the page."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from annotate.notes import verdicts
from conftest import ROOT
from pagetext import visible_text

NOTE_IDS = sorted(path.stem for path in (ROOT / "docs" / "notes").glob("*.md"))
TITLES = {value["title"] for value in verdicts().values()}


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
def test_note_page_carries_a_valid_claim_review(built_site, note_id):
    html = (built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    review = json.loads(blocks[0])
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert 0 < len(review["claimReviewed"]) <= 75
    assert review["reviewRating"]["@type"] == "Rating" and review["reviewRating"]["alternateName"] in TITLES
    verdict_on_page = re.search(r'ann-page__verdict">Verdict: <strong class="ann-verdict[^"]*">([^<]+)<', html)
    assert review["reviewRating"]["alternateName"] == verdict_on_page.group(1)
    assert review["itemReviewed"]["@type"] == "Claim"
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["headline"] == "Exploring the Correlation Between Rust and Machine Learning"
    assert appearance["url"].endswith(f"#quote-{note_id}")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


def _page_text(html: str) -> str:
    """The article page's text as a reader's browser holds it, by a reader written apart from the build."""
    return " ".join(visible_text(html, "md-content__inner").split())


def test_every_web_annotation_re_anchors_exactly_once_on_the_page(built_site):
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(NOTE_IDS)
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
