"""Keyboard readers reach every quote's number, every note and every link in the notes, and see where focus is.

A note at rest is its <summary>; focus alone opens nothing. Enter opens it, in the margin (wide screens)
over the notes below and after the paragraph (phones) in place, and Tab goes on through its links. Each
further claim's line in the margin links back to its words and on to its note.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# Anything Tab can stop on; one press per candidate (plus a few) is enough to pass them all.
FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"

# The controls under test: the numbers after quotes, each note's summary, the links inside notes (Full note,
# Back to the words, copy link) and those of each further claim's line (its number, See note).
# A control is known by its role, target and number: a quote's number and its note's permalink share a
# target, and so do the numbers after the several quotes of one note.
# (Not by className: Material adds a focus-visible class to whatever has focus.)
NOTE_CONTROLS = ".ann-ref a, .ann-note summary, .ann-note a, .ann-partner a"
KEY = ("(e) => `${e.closest('.ann-ref') ? 'ref ' + e.dataset.number "
       ": e.closest('.ann-partner') ? 'partner ' + e.closest('.ann-partner').dataset.number "
       ": e.matches('summary') ? 'summary' "
       ": e.classList.contains('ann-note__number') ? 'number' : e.classList.contains('ann-permalink') ? 'permalink' "
       ": e.classList.contains('ann-note__back') ? 'back' : 'more'} "
       "${e.getAttribute('href') || e.closest('.ann-note').id}`")

# What the keyboard focus is on after a Tab, and whether anything draws a ring around it.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const key = """ + KEY + """;
  return {
    key: element.matches('""" + NOTE_CONTROLS + """') ? key(element) : null,
    focusVisible: element.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
  };
}"""


def has_focus_indicator(focused: dict) -> bool:
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    return outline or focused["boxShadow"] != "none"


def tab_through(browser_page, wanted: set[str], open_summaries: bool = False) -> dict[str, dict]:
    """Presses Tab until every wanted control has had focus; returns how each looked when focused.

    With `open_summaries`, Enter on each note's summary opens it, as a reader would to go further.
    """
    seen: dict[str, dict] = {}
    for _ in range(browser_page.locator(FOCUSABLE).count() + 5):
        browser_page.keyboard.press("Tab")
        focused = browser_page.evaluate(FOCUSED)
        if focused["key"] in wanted:
            seen.setdefault(focused["key"], focused)
            if open_summaries and focused["key"].startswith("summary "):
                browser_page.keyboard.press("Enter")
        if seen.keys() == wanted:
            break
    return seen


def assert_all_reached_with_a_ring(wanted: set[str], seen: dict[str, dict]) -> None:
    assert seen.keys() == wanted, f"never reached by Tab: {sorted(wanted - seen.keys())}"
    for key, focused in seen.items():
        assert focused["focusVisible"], f"{key}: keyboard focus does not match :focus-visible"
        assert has_focus_indicator(focused), f"{key}: no outline or box-shadow when focused: {focused}"


def every_control(browser_page) -> set[str]:
    wanted = set(browser_page.locator(NOTE_CONTROLS).evaluate_all(f"elements => elements.map({KEY})"))
    quotes, notes = browser_page.locator("mark.ann-quote").count(), browser_page.locator(".ann-note").count()
    # Each quote: its number after the words; each further claim: its line in the margin (its number, back
    # to the words, and "See note") and its number in the opened note, back to the words; each note: its
    # summary, Full note, Back to the words and copy link.
    further = quotes - notes
    assert len(wanted) == quotes + 3 * further + 4 * notes, (
        "expected one control per quote, three per further claim, four per note")
    return wanted


def test_on_a_wide_screen_tab_reaches_every_number_note_and_link_with_a_visible_focus_ring(page):
    browser_page = page(width=1440, height=900).page
    browser_page.goto("/")
    wanted = every_control(browser_page)

    assert_all_reached_with_a_ring(wanted, tab_through(browser_page, wanted, open_summaries=True))


def test_on_a_phone_tab_reaches_every_note_and_enter_opens_it_to_its_links(page):
    browser_page = page(width=390, height=844).page
    browser_page.goto("/")
    wanted = every_control(browser_page)

    assert_all_reached_with_a_ring(wanted, tab_through(browser_page, wanted, open_summaries=True))
    closed = browser_page.locator(".article .ann-note details:not([open])")
    expect(closed).to_have_count(0)


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_enter_on_a_note_summary_toggles_it(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    summary = browser_page.locator(".article .ann-note summary").first
    summary.focus()

    browser_page.keyboard.press("Enter")
    expect(browser_page.locator(".article .ann-note details").first).to_have_attribute("open", "")
    browser_page.keyboard.press("Enter")
    expect(browser_page.locator(".article .ann-note details").first).not_to_have_attribute("open", "")
