"""Copy-link buttons (copy-link.js): a click or Enter copies the full link and confirms it; without
JavaScript they stay ordinary links to their anchors. Both kinds: a note's #, which copies the link to the
words it answers, and a section heading's #. A row of the claims ledger copies the link to its claim's
words, and a copy of the site built with its address copies the published address, even from disk.
"""

from __future__ import annotations

import re

import pytest
from conftest import PUBLISHED_URL
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

# kind: (the button, the fragment it links to). A note's button shows once the note is open.
LINKS = {
    "note": ("#note-low-latency-garbage-collector .ann-permalink", "#quote-low-latency-garbage-collector"),
    "heading": ("h2#why-rust-matters-in-the-ml-domain .headerlink", "#why-rust-matters-in-the-ml-domain"),
}

# Anything Tab can stop on; one press per candidate (plus a few) is enough to pass them all.
FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"

# How opaque an element really is: its own opacity times every ancestor's (Material fades headerlinks out).
EFFECTIVE_OPACITY = """(element) => {
  let opacity = 1;
  for (let node = element; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
  return opacity;
}"""

OPAQUE = f"(element) => ({EFFECTIVE_OPACITY})(element) > 0.9"

STALE = "nothing copied yet"


def open_with_clipboard(page, site_url: str):
    browser_page = page(width=1440, height=900).page
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    browser_page.goto("/")
    browser_page.evaluate("(text) => navigator.clipboard.writeText(text)", STALE)  # no copy from an earlier test
    return browser_page


def assert_copied_and_confirmed(browser_page, link, expected_url: str) -> None:
    confirmation = link.locator(".copy-confirmation")
    expect(confirmation).to_have_text("Link copied")
    expect(confirmation).to_have_attribute("role", "status")
    # Material shows a headerlink only while hovered or focused; the bubble must show without either.
    browser_page.mouse.move(0, 0)
    link.blur()
    expect(confirmation).to_be_visible()
    try:  # Material fades a headerlink in over 125ms: wait that out, no more
        browser_page.wait_for_function(OPAQUE, arg=confirmation.element_handle(), timeout=1000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the confirmation is there but faded: opacity {confirmation.evaluate(EFFECTIVE_OPACITY):.2f}")
    assert browser_page.evaluate("() => navigator.clipboard.readText()") == expected_url
    assert browser_page.url == expected_url, "the address bar does not show the copied link"


@pytest.mark.parametrize("kind", LINKS)
def test_clicking_a_copy_link_button_copies_the_full_url_and_says_link_copied(page, site_url, kind):
    selector, fragment = LINKS[kind]
    browser_page = open_with_clipboard(page, site_url)
    link = browser_page.locator(selector)
    if kind == "note":
        browser_page.locator(selector.split()[0]).locator("summary").click()  # the note, by its id

    link.click()

    assert_copied_and_confirmed(browser_page, link, site_url + fragment)


@pytest.mark.parametrize("kind", LINKS)
def test_copy_link_button_has_a_name_is_reachable_by_tab_and_copies_on_enter(page, site_url, kind):
    selector, fragment = LINKS[kind]
    browser_page = open_with_clipboard(page, site_url)
    link = browser_page.locator(selector)
    assert (link.get_attribute("aria-label") or "").strip(), f"{selector} has no aria-label"

    for _ in range(browser_page.locator(FOCUSABLE).count() + 5):
        browser_page.keyboard.press("Tab")
        if link.evaluate("(element) => element === document.activeElement"):
            break
        # A note's links show once it is open: Enter on its summary opens it, as a keyboard reader would.
        if link.evaluate("(element) => document.activeElement.matches('summary') && !element.checkVisibility()"
                         " && document.activeElement.closest('details').contains(element)"):
            browser_page.keyboard.press("Enter")
    else:
        pytest.fail(f"Tab never reached {selector}")
    browser_page.keyboard.press("Enter")

    assert_copied_and_confirmed(browser_page, link, site_url + fragment)


@pytest.mark.parametrize("kind", LINKS)
def test_without_javascript_a_copy_link_button_is_an_ordinary_link_to_its_anchor(page, kind):
    selector, fragment = LINKS[kind]
    browser_page = page(width=1440, height=900, javascript=False).page
    browser_page.goto("/")
    if kind == "note":
        browser_page.locator(selector.split()[0]).locator("summary").click()  # the note, by its id

    browser_page.locator(selector).click()

    expect(browser_page).to_have_url(re.compile(re.escape("/" + fragment) + "$"))


def test_a_ledger_row_copies_the_link_to_its_claims_words(page, site_url):
    browser_page = page(width=1440, height=900).page
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    browser_page.goto("/claims/")
    rows = browser_page.locator("tr[id^='claim-']")
    links = browser_page.locator("tr[id^='claim-'] .ann-permalink")
    assert links.count() == rows.count() > 0, "a ledger row without a copy-link button"
    row = browser_page.locator("#claim-3")
    words = row.locator("td").nth(1).locator("a").get_attribute("href")

    row.locator(".ann-permalink").click()

    expect(row.locator(".copy-confirmation")).to_have_text("Link copied")
    assert browser_page.evaluate("() => navigator.clipboard.readText()") == site_url + words.removeprefix("../")
    assert browser_page.url == site_url + "claims/", "the ledger's address bar changed to another page's link"


SITE = PUBLISHED_URL


def test_a_copy_built_with_the_sites_address_copies_the_published_address_even_from_disk(page, offline_site):
    opened = page(width=390, height=844, served=False)
    opened.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened.page.goto((offline_site / "index.html").as_uri())
    link = opened.page.locator("#note-low-latency-garbage-collector .ann-permalink")
    opened.page.locator("#note-low-latency-garbage-collector summary").click()  # the note opens to its links

    link.click()

    expect(link.locator(".copy-confirmation")).to_have_text("Link copied")
    assert opened.page.evaluate("() => navigator.clipboard.readText()") == f"{SITE}#quote-low-latency-garbage-collector"
    assert opened.page.url == (offline_site / "index.html").as_uri() + "#quote-low-latency-garbage-collector"
