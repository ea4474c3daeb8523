"""The exercise page hides every note until the reader reveals it, by mouse or keyboard; `/` still shows all."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

SCREENS = {"desktop": (1440, 900), "phone": (390, 844)}

# Computed visibility of every note on the page, by id: the exercise hides notes with visibility, not display.
NOTE_VISIBILITY = """() => Object.fromEntries([...document.querySelectorAll('.ann-note')]
  .map((note) => [note.id, getComputedStyle(note).visibility]))"""

# Keyboard focus is drawn: the focused checkbox matches :focus-visible and has an outline.
FOCUS_RING = "(element) => element.matches(':focus-visible') && getComputedStyle(element).outlineStyle !== 'none'"

# Anything Tab can stop on; one press per candidate (plus a few) is enough to pass them all.
FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]"


def tab_to(browser_page, selector: str) -> None:
    target = browser_page.locator(selector)
    for _ in range(browser_page.locator(FOCUSABLE).count() + 5):
        browser_page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {selector}")


def open_exercise(page, screen: str = "desktop"):
    browser_page = page(*SCREENS[screen]).page
    browser_page.goto("/exercise/")
    visibility = browser_page.evaluate(NOTE_VISIBILITY)
    assert visibility, "no .ann-note on /exercise/"
    return browser_page, visibility


@pytest.mark.parametrize("screen", SCREENS)
def test_exercise_hides_every_note_at_load_and_shows_every_reveal_checkbox(page, screen):
    browser_page, visibility = open_exercise(page, screen)

    shown = [note_id for note_id, value in visibility.items() if value != "hidden"]
    assert not shown, f"notes visible before they are revealed: {shown}"
    for note_id in visibility:
        # The numbers of the note's quotes, as it lists them (hidden, so read as text, not as rendered text).
        numbers = sorted(browser_page.locator(f"#{note_id} .ann-note__number").all_text_contents(), key=int)
        claims = f"claim {numbers[0]}" if len(numbers) == 1 else f"claims {', '.join(numbers[:-1])} and {numbers[-1]}"
        name = f"Reveal the note on {claims}"
        expect(browser_page.get_by_role("checkbox", name=name, exact=True)).to_be_visible()
    expect(browser_page.locator("#reveal-all")).to_be_visible()


def test_tab_and_space_on_a_reveal_checkbox_reveals_that_note_only(page):
    browser_page, visibility = open_exercise(page)
    note_id = list(visibility)[len(visibility) // 2]  # a middle note: Tab must pass the hidden notes before it
    reveal = f"#reveal-{note_id.removeprefix('note-')}"

    tab_to(browser_page, reveal)
    assert browser_page.locator(reveal).evaluate(FOCUS_RING), f"{reveal} shows no focus ring"
    browser_page.keyboard.press("Space")

    expect(browser_page.locator(reveal)).to_be_checked()
    visibility = browser_page.evaluate(NOTE_VISIBILITY)
    assert visibility.pop(note_id) == "visible", f"{note_id} is still hidden after revealing it"
    shown = [other for other, value in visibility.items() if value != "hidden"]
    assert not shown, f"revealing {note_id} also revealed {shown}"


def test_checking_reveal_all_by_keyboard_reveals_every_note(page):
    browser_page, _ = open_exercise(page)

    tab_to(browser_page, "#reveal-all")
    browser_page.keyboard.press("Space")

    expect(browser_page.locator("#reveal-all")).to_be_checked()
    hidden = [note_id for note_id, value in browser_page.evaluate(NOTE_VISIBILITY).items() if value != "visible"]
    assert not hidden, f"still hidden after 'Show all notes': {hidden}"


def test_annotated_article_still_shows_every_note(page):
    browser_page = page(width=1440, height=900).page
    browser_page.goto("/")

    hidden = [note_id for note_id, value in browser_page.evaluate(NOTE_VISIBILITY).items() if value != "visible"]
    assert not hidden, f"notes hidden on the annotated article: {hidden}"
    for note in browser_page.locator(".ann-note").all():
        expect(note).to_be_visible()
