"""The offline copy (`make offline`) works from disk: notes, links between pages and search, with no network.

It is built once for this module with OFFLINE=true and opened over file://, as a reader would open the
unzipped handout. The session's Chromium resolves no host but 127.0.0.1, so "no network" is real here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EDITION_DAY, EDITION_VERSION
from playwright.sync_api import expect

NOTE = "#note-low-latency-garbage-collector"


def open_offline(page, offline_site: Path, width: int = 1440, height: int = 900):
    opened = page(width=width, height=height, served=False)
    opened.page.goto((offline_site / "index.html").as_uri())
    return opened


def test_offline_copy_shows_a_note_and_opens_its_full_note_from_disk(page, offline_site):
    browser_page = open_offline(page, offline_site).page
    note = browser_page.locator(NOTE)
    expect(note).to_be_visible()
    note.locator("summary").click()  # a note opens to its summary and links
    expect(note.locator(".ann-note__summary")).to_contain_text("garbage collector")

    full_note = note.locator("a.ann-note__more")
    title = full_note.inner_text().removeprefix("Full note").strip().removeprefix("on ")
    full_note.click()

    expect(browser_page).to_have_url((offline_site / "notes" / "low-latency-garbage-collector.html").as_uri())
    expect(browser_page.locator("h1")).to_have_text(title)


def test_offline_copy_requests_nothing_from_the_network(page, offline_site):
    opened = open_offline(page, offline_site)
    opened.page.wait_for_load_state("networkidle")

    assert opened.third_party_requests == [], "the offline copy reaches for the network"
    assert opened.console_errors == []


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_offline_copy_search_finds_notes_from_disk(page, offline_site, width, height):
    browser_page = open_offline(page, offline_site, width, height).page
    if width >= 960:
        browser_page.keyboard.press("/")  # Material's shortcut; the box itself sits in the header
    else:
        browser_page.locator('label.md-header__button[for="__search"]').click()  # the header's search icon
    search = browser_page.locator("input.md-search__input")
    # Material focuses it at once, or hides the whole search box if its worker cannot start.
    expect(search, "the search box did not take focus").to_be_focused(timeout=2000)

    search.press_sequentially("garbage")

    expect(browser_page.locator(".md-search-result__item").first).to_be_visible()


def test_offline_copy_worksheet_keeps_marks_and_checks_them_from_disk(page, offline_site):
    opened = page(width=1440, height=900, served=False)
    opened.page.goto((offline_site / "exercise.html").as_uri())
    opened.page.locator("#sentence-1").click()
    opened.page.reload()
    expect(opened.page.locator("#sentence-1")).to_have_attribute("aria-checked", "true")

    opened.page.get_by_role("button", name="Check my answers").click()

    expect(opened.page.locator(".worksheet__summary")).to_contain_text("You marked 1 sentence.")
    expect(opened.page.locator("#sentence-1 + .worksheet__result")).to_be_visible()
    assert opened.console_errors == []


def test_offline_copy_shows_its_edition_and_carries_the_course_files(page, offline_site):
    browser_page = open_offline(page, offline_site).page
    edition = browser_page.locator(".md-copyright__edition")
    expect(edition).to_contain_text(f"Version {EDITION_VERSION}, built {EDITION_DAY}")
    for name in ("course/quiz.gift", "course/quiz-qti.zip", "course/quiz.csv", "answer-key.html",
                 "LICENSE.txt", "LICENSE-notes.txt"):
        assert (offline_site / name).is_file(), name
