"""Keyboard readers can reach every quote link and every link in the notes, and see where focus is."""

from __future__ import annotations

import pytest

# Anything Tab can stop on; one press per candidate (plus a few) is enough to pass them all.
FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"

# The links under test: the numbers after quotes, and the numbers, copy-link and "Full note" links of notes.
# A link is known by its role, target and number: a quote's number and its note's permalink share a target,
# and so do the numbers after the several quotes of one note.
# (Not by className: Material adds a focus-visible class to whatever has focus.)
NOTE_LINKS = ".ann-ref a, .ann-note a"
KEY = ("(a) => `${a.closest('.ann-ref') ? 'ref ' + a.dataset.number : a.classList.contains('ann-note__number') ? "
       "'number' : a.classList.contains('ann-permalink') ? 'permalink' : 'more'} ${a.getAttribute('href')}`")

# What the keyboard focus is on after a Tab, and whether anything draws a ring around it.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const key = """ + KEY + """;
  return {
    href: element.matches('""" + NOTE_LINKS + """') ? key(element) : null,
    focusVisible: element.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
  };
}"""


def has_focus_indicator(focused: dict) -> bool:
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    return outline or focused["boxShadow"] != "none"


def tab_through_note_links(browser_page, wanted: set[str]) -> dict[str, dict]:
    """Presses Tab until every wanted link has had focus; returns how each looked when focused."""
    seen: dict[str, dict] = {}
    for _ in range(browser_page.locator(FOCUSABLE).count() + 5):
        browser_page.keyboard.press("Tab")
        focused = browser_page.evaluate(FOCUSED)
        if focused["href"] in wanted:
            seen.setdefault(focused["href"], focused)
        if seen.keys() == wanted:
            break
    return seen


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_quote_and_note_links_are_reachable_by_tab_with_a_visible_focus_ring(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    wanted = set(browser_page.locator(NOTE_LINKS).evaluate_all(f"links => links.map({KEY})"))
    quotes, notes = browser_page.locator("mark.ann-quote").count(), browser_page.locator(".ann-note").count()
    # Each quote: its number after the words and its number in the note; each note: copy link and "Full note".
    assert len(wanted) == 2 * quotes + 2 * notes, "expected two links per quote and two more per note"

    seen = tab_through_note_links(browser_page, wanted)

    assert seen.keys() == wanted, f"never reached by Tab: {sorted(wanted - seen.keys())}"
    for href, focused in seen.items():
        assert focused["focusVisible"], f"{href}: keyboard focus does not match :focus-visible"
        assert has_focus_indicator(focused), f"{href}: no outline or box-shadow when focused: {focused}"
