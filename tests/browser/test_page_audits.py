"""Every page type loads cleanly and carries the metadata a browser, a search engine or a share card reads.

Clean: no console error, no failed or third-party request. Metadata: `<html lang="en">`, a meta
description (a note page's is its summary), a title that names the page, the site's own favicon, and,
when the site is built with SITE_URL, a canonical URL. `assert_loads_cleanly` is run on every page type
by the accessibility test, which loads each of them anyway.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import PUBLISHED_URL

SITE_NAME = "Rust & ML, Annotated"
NOTE_PAGE = "notes/low-latency-garbage-collector/"
PAGES = ["", NOTE_PAGE, "claims/", "crates/", "about/", "corrections/", "exercise/", "answer-key/", "instructors/"]

CANONICAL_BASE = PUBLISHED_URL

# What the head says about the page, in one round trip.
HEAD = """() => ({
  lang: document.documentElement.getAttribute('lang'),
  title: document.title,
  h1: document.querySelector('h1')?.childNodes[0]?.textContent.trim() ?? '',
  description: document.querySelector('meta[name="description"]')?.content ?? null,
  summary: document.querySelector('.ann-page__summary')?.textContent ?? null,
  icons: [...document.querySelectorAll('link[rel~="icon"]')].map((link) => link.href),
})"""


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


def assert_loads_cleanly(opened, site_url: str, path: str) -> None:
    """The page at `path`, loaded in `opened` until the network is idle, loaded cleanly with its metadata."""
    browser_page = opened.page
    head = browser_page.evaluate(HEAD)
    assert opened.console_errors == []
    assert opened.failed_requests == []
    assert opened.third_party_requests == []
    assert head["lang"] == "en"
    assert normalise(head["description"]), "no meta description"
    if path == NOTE_PAGE:
        assert normalise(head["description"]) == normalise(head["summary"]), "a note's description is not its summary"
    if path:
        assert head["title"] != SITE_NAME, "an inner page's title is only the site name"
    assert head["h1"] and head["title"].startswith(head["h1"]), f"title {head['title']!r} does not name {head['h1']!r}"
    favicon = site_url + "assets/favicon.svg"
    assert head["icons"] == [favicon], f"favicon links: {head['icons']}"
    response = browser_page.request.get(favicon)
    assert response.status == 200, f"favicon: HTTP {response.status}"
    assert "svg" in response.headers.get("content-type", ""), response.headers.get("content-type")


class CanonicalLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "canonical" in (attributes.get("rel") or "").split():
            self.hrefs.append(attributes.get("href") or "")


@pytest.mark.parametrize("path", PAGES, ids=[path.strip("/") or "article" for path in PAGES])
def test_page_built_with_site_url_has_its_absolute_canonical_url(published_site, path):
    parser = CanonicalLinks()
    parser.feed((published_site / path / "index.html").read_text(encoding="utf-8"))

    assert parser.hrefs == [CANONICAL_BASE + path]

