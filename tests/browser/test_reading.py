"""Reading `/` as a reader does: numbers that can be hit, notes that open and close as they say, claims a
screen reader can find, a phone that starts with the article, a measure that holds whatever the serif.

Chromium's own accessibility tree is read through the DevTools protocol, as assistive technology gets it.
"""

from __future__ import annotations

import re
import statistics

import pytest
from helpers import add_style
from playwright.sync_api import expect

# For every claim number in the text: scrolled to the middle of the window, is the element at the centre of
# its box the number's own link, and is the box at least 24px square (WCAG 2.5.8)?
NUMBERS_HIT = """() => [...document.querySelectorAll('.article .ann-ref a')].flatMap((link) => {
  link.scrollIntoView({block: 'center'});
  const r = link.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const wrong = hit === link ? [] : [`${link.dataset.number}: ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}`];
  if (r.width < 24 || r.height < 24) wrong.push(`${link.dataset.number}: ${r.width} by ${r.height}px`);
  return wrong;
})"""

# Characters in each full line of the article's paragraphs (the last line of each left out), read
# character by character from the lines the browser laid out.
CHARACTERS_PER_LINE = """() => {
  const counts = [];
  for (const paragraph of document.querySelectorAll('.article .ann-row > p, .article .article-section > p')) {
    const lines = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const box = range.getClientRects()[0];
        if (box) {
          const line = Math.round(box.bottom / 8);
          lines.set(line, (lines.get(line) || 0) + 1);
        }
      }
    }
    counts.push(...[...lines.keys()].sort((a, b) => a - b).slice(0, -1).map((line) => lines.get(line)));
  }
  return counts;
}"""

# The serifs a reader may have instead of the first ones of the stack: each installed on this machine.
SERIFS = [None, "DejaVu Serif", "Liberation Serif"]


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1024, 800)], ids=["desktop", "laptop"])
def test_the_article_is_set_at_60_to_75_characters_a_line_whichever_serif(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    medians = {}
    for serif in SERIFS:
        if serif:
            add_style(browser_page, f".md-typeset .article {{ font-family: '{serif}' !important; }}")
        medians[serif or "as installed"] = statistics.median(browser_page.evaluate(CHARACTERS_PER_LINE))
    wrong = {serif: median for serif, median in medians.items() if not 60 <= median <= 75}
    assert not wrong, f"characters a line (median of full lines) outside 60-75: {wrong}"


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_claim_number_is_24px_square_and_its_centre_hits_its_own_link(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    assert browser_page.locator(".article .ann-ref--follows").count(), "no number follows another: nothing to check"
    assert browser_page.evaluate(NUMBERS_HIT) == []


def test_numbers_that_follow_each_other_read_as_separate_numbers(page):
    browser_page = page().page
    browser_page.goto("/")
    follows = browser_page.locator(".article .ann-ref--follows").first
    separator = follows.evaluate("(sup) => getComputedStyle(sup, '::before').content")
    assert separator == '","', f"no separator before a number that follows another: {separator}"


# Each note in the article: does its <details> say open, is its body on screen, and what does Chromium's
# accessibility tree say of its summary (expanded or not)?
def note_states(browser_page) -> list[tuple[str, bool, bool]]:
    shown = browser_page.evaluate("""() => [...document.querySelectorAll('.article .ann-note')].map((note) =>
      [note.id, note.querySelector('.ann-note__body').checkVisibility({contentVisibilityAuto: true})])""")
    cdp = browser_page.context.new_cdp_session(browser_page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        summaries = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".article .ann-note summary"})
        expanded = []
        for node in summaries["nodeIds"]:
            ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
            expanded.append(next(p["value"]["value"] for p in ax["properties"] if p["name"] == "expanded"))
    finally:
        cdp.detach()
    return [(note_id, visible, said) for (note_id, visible), said in zip(shown, expanded, strict=True)]


def assert_told_as_shown(browser_page, when: str) -> list[str]:
    """Every note's announced state matches the screen; returns the ids of the open notes."""
    states = note_states(browser_page)
    wrong = [f"{note_id}: shown={visible}, announced expanded={said}" for note_id, visible, said in states
             if visible != said]
    assert not wrong, f"{when}: " + "; ".join(wrong)
    return [note_id for note_id, visible, _ in states if visible]


def focused(browser_page) -> str:
    return browser_page.evaluate(
        "() => document.activeElement.closest('[id]')?.id + ' ' + document.activeElement.tagName")


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_escape_closes_the_open_note_and_what_is_announced_always_matches_the_screen(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    assert assert_told_as_shown(browser_page, "at rest") == []
    note = browser_page.locator("#note-low-latency-garbage-collector")

    note.hover()
    note.locator("summary").focus()
    assert assert_told_as_shown(browser_page, "pointed at and focused") == [], "pointing or focus opened a note"

    browser_page.keyboard.press("Enter")
    assert assert_told_as_shown(browser_page, "after Enter") == ["note-low-latency-garbage-collector"]
    browser_page.keyboard.press("Escape")
    assert assert_told_as_shown(browser_page, "after Escape") == []
    assert focused(browser_page) == "note-low-latency-garbage-collector SUMMARY"

    # Opened from its number: Escape gives focus back to the number.
    number = browser_page.locator('.article .ann-ref a[data-number="13"]')
    number.focus()
    browser_page.keyboard.press("Enter")
    assert assert_told_as_shown(browser_page, "after following number 13") == ["note-low-latency-garbage-collector"]
    assert focused(browser_page) == "note-low-latency-garbage-collector SUMMARY", "focus did not move into the note"
    browser_page.keyboard.press("Escape")
    assert assert_told_as_shown(browser_page, "after Escape") == []
    assert browser_page.evaluate("() => document.activeElement.dataset.number") == "13", "focus not back on 13"

    browser_page.goto("about:blank")  # a fresh load, as from a link elsewhere, not a change of the hash
    browser_page.goto("/#note-fast-and-safe")
    assert assert_told_as_shown(browser_page, "followed from a link") == ["note-fast-and-safe"]


def test_on_a_wide_screen_one_note_is_open_at_a_time_and_a_click_elsewhere_closes_it(page):
    browser_page = page().page
    browser_page.goto("/")
    notes = browser_page.locator(".article .ann-note summary")
    notes.nth(0).click()
    notes.nth(5).click()  # in another paragraph, clear of the first one's opened part
    assert len(assert_told_as_shown(browser_page, "after opening two")) == 1
    browser_page.locator(".md-content h1").click()
    assert assert_told_as_shown(browser_page, "after a click elsewhere") == []


def test_without_javascript_what_is_announced_matches_the_screen(page):
    browser_page = page(javascript=False).page
    browser_page.goto("/#note-fast-and-safe")
    assert_told_as_shown(browser_page, "followed from a link")
    browser_page.locator("#note-ownership-model summary").click()
    assert "note-ownership-model" in assert_told_as_shown(browser_page, "after a click")


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1024, 800)], ids=["desktop", "laptop"])
def test_on_a_wide_screen_a_number_whose_note_is_in_view_opens_it_without_scrolling(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")
    number = browser_page.locator('.article .ann-ref a[data-number="10"]')
    number.evaluate("(link) => link.scrollIntoView({block: 'center'})")
    note = browser_page.locator("#note-optimizing-and-ensuring-accuracy summary")
    assert note.evaluate("(head) => head.getBoundingClientRect().bottom < innerHeight"), "the note is not in view"
    before = browser_page.evaluate("() => scrollY")

    number.click()
    expect(browser_page.locator("#note-optimizing-and-ensuring-accuracy details")).to_have_attribute("open", "")
    assert browser_page.evaluate("() => scrollY") == before, "the page scrolled"


def test_on_a_phone_tapping_a_number_opens_its_note_and_keeps_its_words_on_screen(page):
    browser_page = page(width=390, height=844).page
    browser_page.goto("/")
    for number in ("1", "10", "26"):
        link = browser_page.locator(f'.article .ann-ref a[data-number="{number}"]')
        link.evaluate("(link) => link.scrollIntoView({block: 'center'})")
        link.click()
        note_id = link.get_attribute("href").removeprefix("#")
        expect(browser_page.locator(f"#{note_id} details")).to_have_attribute("open", "")
        words = link.evaluate("""(link) => {
          const r = link.closest('mark').getBoundingClientRect();
          return [r.top, r.bottom, document.querySelector('.md-header').getBoundingClientRect().bottom, innerHeight];
        }""")
        top, bottom, header, height = words
        assert top >= header - 1 and bottom <= height + 1, f"claim {number}'s words off screen: {words}"
        head = browser_page.locator(f"#{note_id} summary").bounding_box()
        assert head["y"] + head["height"] <= height + 1, f"claim {number}: its note's head is off screen"


def claim_reading(browser_page, selector: str) -> list[str]:
    """What Chromium's accessibility tree holds for an element, in reading order: texts, and links by name."""
    cdp = browser_page.context.new_cdp_session(browser_page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        backend = cdp.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    by_id = {ax["nodeId"]: ax for ax in tree}
    said: list[str] = []

    def walk(ax: dict) -> None:
        role = ax["role"]["value"]
        if role == "StaticText":
            said.append(ax["name"]["value"])
        elif role == "link":
            said.append(f"link: {ax['name']['value']}")
            return
        for child in ax.get("childIds", []):
            walk(by_id[child])

    walk(next(ax for ax in tree if ax.get("backendDOMNodeId") == backend))
    return said


def test_the_accessibility_tree_names_where_each_claim_starts_and_ends_with_its_number(page):
    browser_page = page().page
    browser_page.goto("/")
    said = " | ".join(text.strip() for text in claim_reading(browser_page, ".article .ann-row > p"))
    claims = browser_page.evaluate("""() => [...document.querySelector('.article .ann-row > p')
      .querySelectorAll('mark.ann-quote')]
      .map((m) => [m.dataset.number, m.dataset.verdict, m.firstChild.textContent])""")
    assert len(claims) >= 3
    for number, verdict, words in claims:
        start = f"Claim {number}, {verdict}: | {words.strip()}"
        assert start in said, f"claim {number}: no start with its number and verdict before its words in: {said}"
        assert f"end of claim {number}." in said, f"claim {number}: no end in: {said}"
        assert said.index(start) < said.index(f"end of claim {number}.")


def test_copying_a_sentence_copies_the_article_words_only(page):
    """The spoken start and end of a claim are not text on the page: selecting a paragraph gets the article's words."""
    browser_page = page().page
    browser_page.goto("/")
    selected = browser_page.evaluate("""() => {
      const p = document.querySelector('.article .ann-row > p');
      getSelection().selectAllChildren(p);
      return getSelection().toString();
    }""")
    assert "Claim" not in selected and "end of claim" not in selected
    assert selected.startswith("Rust is a programming language that boasts of being both fast and safe.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_on_a_phone_the_first_screen_shows_the_articles_first_sentence(page, javascript):
    browser_page = page(width=390, height=844, javascript=javascript).page
    browser_page.goto("/")
    bottom = browser_page.evaluate("""() => {
      const paragraph = document.querySelector('.article p');
      const text = paragraph.firstChild;
      const end = text.textContent.indexOf('. ') + 1;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, end > 0 ? end : text.length);
      const rects = [...range.getClientRects()];
      return Math.max(...rects.map((r) => r.bottom));
    }""")
    assert bottom <= 844, f"the article's first sentence ends at y={bottom:.0f}, below the first screen"
    expect(browser_page.locator(".reading-guide > summary")).to_be_visible()


INNER_PAGES = ["/claims/", "/crates/", "/about/", "/corrections/", "/exercise/", "/answer-key/", "/instructors/",
               "/notes/low-latency-garbage-collector/"]


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_commentary_kicker_stands_on_its_own_line_above_the_title(page, width, height):
    browser_page = page(width=width, height=height).page
    overlapping = []
    for path in INNER_PAGES:
        browser_page.goto(path)
        boxes = browser_page.evaluate("""() => [...document.querySelectorAll('.edition-kicker')].map((kicker) => {
          const h1 = document.querySelector('.md-content h1');
          const k = kicker.getBoundingClientRect(), h = h1.getBoundingClientRect();
          return [k.left < h.right && h.left < k.right && k.top < h.bottom && h.top < k.bottom, k.bottom, h.top];
        })""")
        assert boxes, f"{path}: no kicker"
        overlapping += [f"{path}: kicker ends at y={k:.1f}, title starts at y={h:.1f}" for hit, k, h in boxes if hit]
    assert not overlapping, "\n".join(overlapping)


def test_the_claims_ledger_on_a_phone_breaks_no_word_and_does_not_scroll_sideways(page):
    browser_page = page(width=390, height=844).page
    browser_page.goto("/claims/")
    broken = browser_page.evaluate("""() => {
      const broken = [];
      for (const cell of document.querySelectorAll('table.ledger td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          // A word may break after its own hyphen ("trade-offs"), never inside a part.
          for (const match of text.textContent.matchAll(/[^\\s-]+/g)) {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) broken.push(match[0]);
          }
        }
      }
      return broken;
    }""")
    assert broken == [], f"words broken across lines: {broken[:10]}"
    assert browser_page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    overflowing = browser_page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).length""")
    assert overflowing == 0, "the ledger scrolls sideways inside its box"


def test_a_further_claims_number_and_its_margin_line_light_each_other(page):
    browser_page = page().page
    browser_page.goto("/")
    partner = browser_page.locator('.article .ann-partner[data-number="12"]')
    words = browser_page.locator("#quote-low-latency-garbage-collector--efficient-runtime")
    expect(words).not_to_have_class(re.compile(r"\bann-lit\b"))

    partner.hover()
    expect(words).to_have_class(re.compile(r"\bann-lit\b"))
    browser_page.mouse.move(0, 0)
    expect(partner).not_to_have_class(re.compile(r"\bann-lit\b"))

    words.locator(".ann-ref a").focus()
    expect(partner).to_have_class(re.compile(r"\bann-lit\b"))
