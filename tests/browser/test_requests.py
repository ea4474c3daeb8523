"""Reading the article and a note sends nothing to third parties and logs no errors."""

from __future__ import annotations


def test_article_and_a_note_page_load_only_from_this_site_without_errors(page):
    opened = page(width=1440, height=900, isolated=True)  # every request, none served from cache
    # networkidle: also catch whatever Material's script fetches after load.
    opened.page.goto("/", wait_until="networkidle")
    opened.page.locator(".article .ann-note summary").first.click()  # a note opens to its links
    note_link = opened.page.locator("a.ann-note__more").first
    note_href = note_link.get_attribute("href")
    note_link.click()
    opened.page.wait_for_load_state("networkidle")

    assert opened.page.url.rstrip("/").endswith(note_href.rstrip("/")), f"did not reach {note_href}"
    assert opened.third_party_requests == [], "requests left 127.0.0.1"
    assert opened.failed_requests == []
    assert opened.console_errors == []
