"""Quotes are marked quietly; the full highlight is for the one pair a reader points at.

At rest no quote has a background. Hovering or focusing a note lights its words, hovering or focusing
the words lights the note (notes.js), and following a link to either lights both. Lit words keep
WCAG AA contrast (4.5:1) in both colour schemes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.test_readability import contrast, effective_background, over, parse_colour

MINIMUM_CONTRAST = 4.5
SCHEMES = {"light": "default", "dark": "slate"}
NOTE_ID = "low-latency-garbage-collector"
OTHER_ID = "fast-and-safe"
TRANSPARENT = "rgba(0, 0, 0, 0)"

# How a quote and a note are painted now: the quote's background, whether the note is lit.
STATE = """(id) => {
  const quote = document.getElementById('quote-' + id);
  const note = document.getElementById('note-' + id);
  return {
    quoteBackground: getComputedStyle(quote).backgroundColor,
    noteLit: note.classList.contains('ann-lit'),
    noteOutline: getComputedStyle(note.querySelector('details')).outlineStyle,
  };
}"""

# The text colour of a quote's own text and the backgrounds behind it, nearest first.
QUOTE_COLOURS = """(id) => {
  const quote = document.getElementById('quote-' + id);
  const backgrounds = [];
  for (let node = quote; node; node = node.parentElement) backgrounds.push(getComputedStyle(node).backgroundColor);
  return {text: getComputedStyle(quote).color, backgrounds};
}"""


def open_article(page, scheme: str = "light"):
    browser_page = page(width=1440, height=900, scheme=scheme).page
    browser_page.goto("/")
    expect(browser_page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    return browser_page


def test_at_rest_no_quote_is_highlighted(page):
    browser_page = open_article(page)
    backgrounds = browser_page.locator(".article mark.ann-quote").evaluate_all(
        "quotes => quotes.map((quote) => getComputedStyle(quote).backgroundColor)")
    assert backgrounds and set(backgrounds) == {TRANSPARENT}, f"quotes highlighted at rest: {set(backgrounds)}"


def test_pointing_at_a_note_lights_its_words_and_only_them(page):
    browser_page = open_article(page)
    browser_page.locator(f"#note-{NOTE_ID} summary").hover()

    assert browser_page.evaluate(STATE, NOTE_ID)["quoteBackground"] != TRANSPARENT, "the note's words are not lit"
    assert browser_page.evaluate(STATE, OTHER_ID)["quoteBackground"] == TRANSPARENT, "another quote is lit"


def test_pointing_at_the_words_lights_their_note(page):
    browser_page = open_article(page)
    browser_page.locator(f"#quote-{NOTE_ID}").hover()

    state = browser_page.evaluate(STATE, NOTE_ID)
    assert state["noteLit"] and state["noteOutline"] != "none", f"the note is not lit: {state}"
    assert not browser_page.evaluate(STATE, OTHER_ID)["noteLit"], "another note is lit"


def test_focusing_a_quote_number_lights_its_note_and_words(page):
    browser_page = open_article(page)
    browser_page.locator(f"#quote-{NOTE_ID} .ann-ref a").focus()

    state = browser_page.evaluate(STATE, NOTE_ID)
    assert state["noteLit"] and state["quoteBackground"] != TRANSPARENT, f"pair not lit on focus: {state}"


def test_following_a_note_link_lights_its_words(page):
    browser_page = page(width=1440, height=900).page
    browser_page.goto(f"/#note-{NOTE_ID}")

    expect(browser_page.locator(f"#quote-{NOTE_ID}")).not_to_have_css("background-color", TRANSPARENT)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_lit_words_keep_aa_contrast(page, scheme):
    browser_page = open_article(page, scheme)
    browser_page.locator(f"#note-{NOTE_ID} summary").hover()
    colours = browser_page.evaluate(QUOTE_COLOURS, NOTE_ID)

    background = effective_background(colours["backgrounds"])
    ratio = contrast(over(parse_colour(colours["text"]), background), background)
    assert ratio >= MINIMUM_CONTRAST, f"lit words at {ratio:.2f}:1 in {scheme} ({colours})"
