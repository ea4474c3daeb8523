"""Where the margin notes land on `/`: beside their words on a wide screen, after their paragraph on a narrow one.

At rest a note is its <summary> only (number, verdict word, title), at most two lines; the rest opens
through <details>. The layout is CSS only, so every check runs with JavaScript on and off; dark mode
needs Material's script to apply the `slate` scheme, so the dark rows only make sense with JavaScript on.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import NamedTuple

import pytest
from playwright.sync_api import expect


class Layout(NamedTuple):
    width: int
    height: int
    scheme: str
    javascript: bool


# Every layout the tests look at. The margin column appears from 60em (960px) up: a 1024px laptop gets
# it, a 768px tablet in portrait does not.
LAYOUTS = {
    # name            Layout(width, height, scheme, javascript)
    "desktop-light": Layout(1440, 900, "light", True),
    "desktop-dark": Layout(1440, 900, "dark", True),
    "desktop-nojs": Layout(1440, 900, "light", False),
    "laptop-light": Layout(1024, 800, "light", True),
    "laptop-dark": Layout(1024, 800, "dark", True),
    "laptop-nojs": Layout(1024, 800, "light", False),
    "tablet-light": Layout(768, 1024, "light", True),
    "tablet-dark": Layout(768, 1024, "dark", True),
    "phone-light": Layout(390, 844, "light", True),
    "phone-dark": Layout(390, 844, "dark", True),
    "phone-nojs": Layout(390, 844, "light", False),
}


def layouts(wide: bool) -> list:  # of pytest.param
    """The wide (margin column, from 960px) or the narrow layouts, as pytest params named after them."""
    return [pytest.param(layout, id=name) for name, layout in LAYOUTS.items() if (layout.width >= 960) == wide]


WIDE = layouts(wide=True)
NARROW = layouts(wide=False)

# Material's script sets this on <body> from the visitor's colour-scheme preference.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}

# Rounding of sub-pixel layout; anything bigger is a real misplacement.
TOLERANCE = 1
# How far a note's top may be from the top of the first line of its words, in CSS px, and the median.
MAX_OFFSET = 150
MAX_MEDIAN_OFFSET = 60
# A note at rest: at most two lines of its head, plus its padding.
MAX_REST_LINES = 2
# A narrow-screen note may start a few pixels off the text's left edge and still read as the same column.
COLUMN_SLACK = 4

# One round trip: the page-relative box of every paragraph, note and text block that matters, and for
# each note the top of the first line of its words (the quote with the note's id).
MEASURE_ARTICLE = """() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY};
  };
  const isArticleText = (element) => !element.closest('.ann-note');
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: innerWidth,
    rows: [...document.querySelectorAll('.article .ann-row')].map((row) => ({
      paragraph: box(row.querySelector(':scope > p')),
      notes: [...row.querySelectorAll('.ann-note')].map((note) => ({
        id: note.id,
        ...box(note),
        quote_top: document.getElementById('quote-' + note.id.slice('note-'.length)).getClientRects()[0].top + scrollY,
      })),
    })),
    text: [...document.querySelectorAll('.article p, .article h2')].filter(isArticleText).map(box),
  };
}"""

# Each note at rest: is it shown, how many lines its head takes, and is anything past the head shown.
REST_STATE = """() => [...document.querySelectorAll('.article .ann-note')].map((note) => {
  const head = note.querySelector('summary.ann-note__head');
  const body = note.querySelector('.ann-note__body');
  const lineHeight = parseFloat(getComputedStyle(head).lineHeight);
  const padding = parseFloat(getComputedStyle(head).paddingTop) + parseFloat(getComputedStyle(head).paddingBottom);
  return {
    id: note.id,
    visible: note.checkVisibility(),
    lines: (head.getBoundingClientRect().height - padding) / lineHeight,
    number: note.querySelector('.ann-note__number')?.checkVisibility() ?? false,
    verdict: note.querySelector('.ann-verdict')?.checkVisibility() ?? false,
    verdictWord: note.querySelector('.ann-verdict')?.textContent.trim() ?? '',
    title: note.querySelector('.ann-note__title')?.checkVisibility() ?? false,
    bodyShown: body.checkVisibility({contentVisibilityAuto: true}),
  };
})"""


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    top: float
    bottom: float

    def intersects(self, other: Box) -> bool:
        # Touching edges (e.g. a note's margin ending where the next begins) is not an overlap.
        return (self.left < other.right - TOLERANCE and other.left < self.right - TOLERANCE
                and self.top < other.bottom - TOLERANCE and other.top < self.bottom - TOLERANCE)


@dataclass(frozen=True)
class Note(Box):
    id: str = ""
    quote_top: float = 0.0


@dataclass(frozen=True)
class Row:
    paragraph: Box
    notes: list[Note]


@dataclass(frozen=True)
class Article:
    scroll_width: int
    inner_width: int
    rows: list[Row]
    text_blocks: list[Box]

    @property
    def notes(self) -> list[Note]:
        return [note for row in self.rows for note in row.notes]


def open_article(page, layout: Layout):
    """Loads `/` in the given layout, checking the colour scheme really applied so dark tests test dark."""
    opened = page(width=layout.width, height=layout.height, scheme=layout.scheme, javascript=layout.javascript)
    opened.page.goto("/")
    if layout.javascript:
        expect(opened.page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[layout.scheme])
    return opened.page


def measure_article(browser_page) -> Article:
    data = browser_page.evaluate(MEASURE_ARTICLE)
    rows = [Row(Box(**row["paragraph"]), [Note(**note) for note in row["notes"]]) for row in data["rows"]]
    article = Article(data["scrollWidth"], data["innerWidth"], rows, [Box(**box) for box in data["text"]])
    assert article.notes, "no .ann-note found in the article: nothing to check"
    return article


@dataclass(frozen=True)
class AtRest:
    """The article in one layout as loaded, before anything is pointed at or opened."""

    article: Article
    states: list[dict]


@pytest.fixture(scope="module")
def at_rest(browser, site_url):
    """The article loaded once per layout (and site) and measured at rest, for every check that only reads it."""
    measured: dict[tuple[Layout, str], AtRest] = {}

    def measure(layout: Layout, base_url: str = site_url) -> AtRest:
        if (layout, base_url) not in measured:
            context = browser.new_context(viewport={"width": layout.width, "height": layout.height},
                                          color_scheme=layout.scheme, java_script_enabled=layout.javascript,
                                          base_url=base_url)
            try:
                browser_page = context.new_page()
                browser_page.goto("/")
                if layout.javascript:
                    expect(browser_page.locator("body")).to_have_attribute(
                        "data-md-color-scheme", MATERIAL_SCHEME[layout.scheme])
                measured[layout, base_url] = AtRest(measure_article(browser_page), browser_page.evaluate(REST_STATE))
            finally:
                context.close()
        return measured[layout, base_url]

    return measure


def assert_every_note_at_rest_shows_number_verdict_and_title_only(states: list[dict], max_lines: float) -> None:
    assert states, "no .ann-note in the article"
    wrong = []
    for state in states:
        missing = [part for part in ("visible", "number", "verdict", "title") if not state[part]]
        if missing:
            wrong.append(f"{state['id']}: not shown at rest: {missing}")
        if not state["verdictWord"]:
            wrong.append(f"{state['id']}: the verdict has no word")
        if state["lines"] > max_lines + 0.25:
            wrong.append(f"{state['id']}: {state['lines']:.1f} lines at rest (at most {max_lines})")
        if state["bodyShown"]:
            wrong.append(f"{state['id']}: summary shown at rest")
    assert not wrong, "\n".join(wrong)


def open_by_click(browser_page, note_id: str):
    """Clicks a note's summary and returns the note's summary text element, which must now be shown."""
    note = browser_page.locator(f"#{note_id}")
    note.locator("summary").click()
    expect(note.locator("details")).to_have_attribute("open", "")
    summary = note.locator(".ann-note__summary")
    expect(summary).to_be_visible()
    assert summary.inner_text().strip(), f"{note_id}: summary is empty"
    return summary


def scroll_y(browser_page) -> float:
    return browser_page.evaluate("() => scrollY")


def assert_notes_near_their_words(article: Article) -> None:
    offsets = {note.id: note.top - note.quote_top for note in article.notes}
    far = [f"{note_id}: {offset:+.0f}px" for note_id, offset in offsets.items() if abs(offset) > MAX_OFFSET]
    assert not far, f"notes more than {MAX_OFFSET}px from the first line of their words:\n" + "\n".join(far)
    median = statistics.median(abs(offset) for offset in offsets.values())
    assert median <= MAX_MEDIAN_OFFSET, f"median offset {median:.0f}px (want <= {MAX_MEDIAN_OFFSET}): {offsets}"


def assert_no_overlaps(article: Article) -> None:
    notes = article.notes
    for index, note in enumerate(notes):
        for other in notes[index + 1:]:
            assert not note.intersects(other), f"{note.id} overlaps {other.id}"
        for block in article.text_blocks:
            assert not note.intersects(block), f"{note.id} overlaps article text at {block}"


def assert_no_sideways_scroll(article: Article) -> None:
    assert article.scroll_width <= article.inner_width, (
        f"page is {article.scroll_width}px wide in a {article.inner_width}px viewport")
    for note in article.notes:
        assert note.right <= article.inner_width + TOLERANCE, f"{note.id} ends at x={note.right}"


# Wide screens: notes in the right-hand margin column.

@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_rest_at_two_lines_with_number_verdict_and_title(at_rest, layout):
    assert_every_note_at_rest_shows_number_verdict_and_title_only(at_rest(layout).states, MAX_REST_LINES)


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_a_clicked_note_shows_its_summary_over_the_notes_below_moving_nothing(page, layout):
    browser_page = open_article(page, layout)
    before = measure_article(browser_page)
    note = before.rows[0].notes[0]
    summary = open_by_click(browser_page, note.id)

    after = measure_article(browser_page)
    assert after == before, f"opening {note.id} moved the article or its notes"
    box = summary.bounding_box()
    assert box["y"] + scroll_y(browser_page) >= note.bottom - TOLERANCE, f"{note.id}: summary not below the head"


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_sit_right_of_their_paragraph(at_rest, layout):
    for row in at_rest(layout).article.rows:
        for note in row.notes:
            assert note.left > row.paragraph.right, (
                f"{note.id} starts at x={note.left}, inside its paragraph (ends at x={row.paragraph.right})")


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_start_near_the_line_of_their_words(at_rest, layout):
    """Every note's top within MAX_OFFSET px of the top of its words' first line; the median within 60."""
    assert_notes_near_their_words(at_rest(layout).article)


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_overlap_neither_each_other_nor_the_text(at_rest, layout):
    assert_no_overlaps(at_rest(layout).article)


# A paragraph with a claim in every sentence (tests/browser/conftest.py: dense_project): the density of
# the article once every claim is marked.

@pytest.mark.parametrize("layout", WIDE)
def test_dense_paragraph_notes_stay_near_their_words_without_overlapping(at_rest, dense_site_url, layout):
    article = at_rest(layout, dense_site_url).article
    assert any(len(row.notes) >= 6 for row in article.rows), "the dense site has no paragraph with six notes"
    assert_notes_near_their_words(article)
    assert_no_overlaps(article)
    assert_no_sideways_scroll(article)


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_page_does_not_scroll_sideways(at_rest, layout):
    assert_no_sideways_scroll(at_rest(layout).article)


# Narrow screens (tablets in portrait, phones): each note follows its paragraph, in the text column.

@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_shows_every_note_with_number_verdict_and_title_without_interaction(at_rest, layout):
    """On a phone the whole title shows, however many lines it takes; the summary waits for a tap."""
    assert_every_note_at_rest_shows_number_verdict_and_title_only(at_rest(layout).states, max_lines=4)


@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_a_tapped_note_opens_in_place(page, layout):
    browser_page = open_article(page, layout)
    note = measure_article(browser_page).rows[0].notes[0]
    summary = open_by_click(browser_page, note.id)

    assert summary.bounding_box()["x"] >= 0, "summary starts off screen"


@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_notes_follow_their_paragraph_in_the_text_column(at_rest, layout):
    for row in at_rest(layout).article.rows:
        for note in row.notes:
            assert note.top >= row.paragraph.bottom - TOLERANCE, (
                f"{note.id} starts at y={note.top}, above its paragraph's end (y={row.paragraph.bottom})")
            assert abs(note.left - row.paragraph.left) <= COLUMN_SLACK, (
                f"{note.id} starts at x={note.left}, text column at x={row.paragraph.left}")


@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_page_does_not_scroll_sideways(at_rest, layout):
    assert_no_sideways_scroll(at_rest(layout).article)
