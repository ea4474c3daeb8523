"""Search loads when a reader first wants it: no search index and no search worker with the page.

Material starts its search worker and requests the whole index at every page load; the site's head
script (overrides/partials/search-on-demand.js) holds both back until the search box is focused or the
search dialog opened. Search must then work as before. The offline copy's search is tested in
test_offline.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

SEARCH_FILES = ("search_index.json", "/workers/search.")
# Longer than Material takes to start search on its own, so a test would see it starting.
QUIET_MS = 2000


def search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in SEARCH_FILES)]


def open_recording(page, path: str, width: int = 1440, height: int = 900, quiet_ms: int = 0):
    """Opens `path` recording every request, a worker's included; then waits `quiet_ms` after load."""
    opened = page(width=width, height=height, isolated=True)  # what is fetched, from empty caches
    requests: list[str] = []
    # Context-wide, so that a worker's own requests are seen too.
    opened.page.context.on("request", lambda request: requests.append(request.url))
    opened.page.goto(path, wait_until="load")
    opened.page.wait_for_timeout(quiet_ms)
    return opened, requests


@pytest.mark.parametrize("path", ["/", "/claims/", "/notes/low-latency-garbage-collector/"])
def test_a_page_loads_neither_the_search_index_nor_the_search_worker(page, path):
    opened, requests = open_recording(page, path, quiet_ms=QUIET_MS)

    assert search_requests(requests) == [], f"search loaded with the page: {search_requests(requests)}"
    assert any(url.endswith("/assets/javascripts/bundle." + url.rsplit("bundle.", 1)[-1]) for url in requests), (
        "Material's script never loaded: the test would pass for the wrong reason")
    assert opened.console_errors == []


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_opening_search_loads_it_and_finds_a_note(page, width, height):
    opened, requests = open_recording(page, "/", width, height)
    browser_page = opened.page
    if width >= 960:
        browser_page.locator("input.md-search__input").focus()
    else:
        browser_page.locator('label.md-header__button[for="__search"]').click()  # the header's search icon
    search = browser_page.locator("input.md-search__input")
    expect(search).to_be_focused()

    search.press_sequentially("garbage")

    expect(browser_page.locator(".md-search-result__item").first).to_be_visible()
    loaded = search_requests(requests)
    assert any("search_index.json" in url for url in loaded), f"no index request after opening search: {loaded}"
    assert any("/workers/search." in url for url in loaded), f"no worker after opening search: {loaded}"
    assert opened.console_errors == []
    assert opened.failed_requests == []


def test_a_page_reached_from_a_search_result_loads_search_to_highlight_the_words(page):
    """Material highlights the searched words (`?h=`) with its search worker, so that page starts it."""
    opened, requests = open_recording(page, "/about/?h=verdict")

    opened.page.wait_for_function("() => document.querySelector('mark[data-md-highlight]') !== null")
    assert any("search_index.json" in url for url in search_requests(requests)), "search not started for ?h="
