"""Keyboard readers can reach every note number in the article and see where focus is."""

from __future__ import annotations

import pytest

# Anything Tab can stop on; one press per candidate (plus a few) is enough to pass them all.
FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"

# What the keyboard focus is on after a Tab, and whether anything draws a ring around it.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    href: element.matches('.ann-ref a') ? element.getAttribute('href') : null,
    focusVisible: element.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    boxShadow: style.boxShadow,
  };
}"""


def has_focus_indicator(focused: dict) -> bool:
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    return outline or focused["boxShadow"] != "none"


def tab_through_note_numbers(browser_page, wanted: set[str]) -> dict[str, dict]:
    """Presses Tab until every wanted note number has had focus; returns how each looked when focused."""
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
def test_note_numbers_are_reachable_by_tab_with_a_visible_focus_ring(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    wanted = set(browser_page.locator(".ann-ref a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert wanted, "no note numbers (.ann-ref a) in the article"

    seen = tab_through_note_numbers(browser_page, wanted)

    assert seen.keys() == wanted, f"never reached by Tab: {sorted(wanted - seen.keys())}"
    for href, focused in seen.items():
        assert focused["focusVisible"], f"{href}: keyboard focus does not match :focus-visible"
        assert has_focus_indicator(focused), f"{href}: no outline or box-shadow when focused: {focused}"
