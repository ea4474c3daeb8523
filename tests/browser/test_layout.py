"""Where the margin notes land on `/`: beside their words on a wide screen, after their paragraph on a narrow one.

At rest a note is its <summary> only (number, verdict word, the whole title), clipped nowhere; the rest
opens through <details>. Each further claim of a note has a line of its own (a partner: its number, its
verdict, the way to the note), so every number in the text has one in the margin. The layout is CSS only,
so every check runs with JavaScript on and off; dark mode needs Material's script to apply the `slate`
scheme, so the dark rows only make sense with JavaScript on. Checks that must not depend on the reader's
fonts run again with the article's and the notes' letters spaced wider, as a wider fallback font sets them.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import NamedTuple

import pytest
from helpers import add_style
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
# At 1440px, at most this share of the window may stay empty right of the margin.
MAX_EMPTY_RIGHT = 0.15
# A wider font than the one installed, imitated: every letter of the article and the notes spaced wider.
WIDENED_CSS = (".md-typeset .article, .md-typeset .ann-note, .md-typeset .ann-partner "
               "{ letter-spacing: 0.04em !important; }")
# A narrow-screen note may start a few pixels off the text's left edge and still read as the same column.
COLUMN_SLACK = 4

# One round trip: the page-relative box of every paragraph, margin entry and text block that matters, and
# for each entry (a note, or a further claim's partner line) the top of the first line of its words: the
# quote with the note's id, or the quote the partner's number links back to.
MEASURE_ARTICLE = """() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY};
  };
  const isArticleText = (element) => !element.closest('.ann-note, .ann-partner');
  const words = (entry) => entry.matches('.ann-note')
    ? document.getElementById('quote-' + entry.id.slice('note-'.length))
    : document.getElementById(entry.querySelector('a').getAttribute('href').slice(1));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: innerWidth,
    rows: [...document.querySelectorAll('.article .ann-row')].map((row) => ({
      paragraph: box(row.querySelector(':scope > p')),
      notes: [...row.querySelectorAll('.ann-note, .ann-partner')].map((entry) => ({
        id: entry.id || 'partner of claim ' + entry.dataset.number,
        ...box(entry),
        quote_top: words(entry).getClientRects()[0].top + scrollY,
      })),
    })),
    text: [...document.querySelectorAll('.article p, .article h2')].filter(isArticleText).map(box),
  };
}"""

# Each note at rest: is it shown, what of its head is clipped, and is anything past the head shown.
# Clipped: an element of the head (or of a partner line) whose content overflows its box, or any
# ellipsis or line clamp in effect.
REST_STATE = """() => [...document.querySelectorAll('.article .ann-note')].map((note) => {
  const head = note.querySelector('summary.ann-note__head');
  const body = note.querySelector('.ann-note__body');
  // Text for screen readers only is clipped on purpose.
  const clipped = [head, ...head.querySelectorAll('*')]
    .filter((element) => !element.closest('.ann-visually-hidden')).filter((element) => {
    const style = getComputedStyle(element);
    return element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1
      || style.textOverflow !== 'clip' || style.webkitLineClamp !== 'none'
      || (style.overflow !== 'visible' && element.getBoundingClientRect().height + 1 < element.scrollHeight);
  }).map((element) => element.className || element.tagName);
  return {
    id: note.id,
    visible: note.checkVisibility(),
    clipped: clipped,
    number: note.querySelector('.ann-note__number')?.checkVisibility() ?? false,
    verdict: note.querySelector('.ann-verdict')?.checkVisibility() ?? false,
    verdictWord: note.querySelector('.ann-verdict')?.textContent.trim() ?? '',
    title: note.querySelector('.ann-note__title')?.checkVisibility() ?? false,
    bodyShown: body.checkVisibility({contentVisibilityAuto: true}),
  };
})"""

# Every claim number in the text, and every number shown in the margin at rest, in page order, with the
# partner lines' own clipping; and how far right the margin reaches.
NUMBERS = """() => {
  const margin = [...document.querySelectorAll(
    '.article .ann-note__head .ann-note__number, .article .ann-partner > .ann-note__number')];
  const verdict = (line) => line.querySelector('.ann-verdict');
  const partners = [...document.querySelectorAll('.article .ann-partner')];
  return {
    text: [...document.querySelectorAll('.article .ann-ref a')].map((a) => Number(a.dataset.number)),
    margin: margin.filter((n) => n.checkVisibility()).map((n) => Number(n.textContent)),
    marginTops: margin.map((n) => n.getBoundingClientRect().top + scrollY),
    partnerVerdicts: partners.map((p) => verdict(p)?.checkVisibility() ? verdict(p).textContent.trim() : ''),
    partnersClipped: partners.flatMap((p) => [p, ...p.querySelectorAll('*')])
      .filter((e) => !e.closest('.ann-visually-hidden') && (
      e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)).map((e) => e.className),
    marginRight: Math.max(...[...document.querySelectorAll('.article .ann-note, .article .ann-partner')]
      .map((e) => e.getBoundingClientRect().right)),
    innerWidth: innerWidth,
  };
}"""


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
    numbers: dict


@pytest.fixture(scope="module")
def at_rest(browser, site_url):
    """The article loaded once per layout (and site) and measured at rest, for every check that only reads it."""
    measured: dict[tuple[Layout, str, bool], AtRest] = {}

    def measure(layout: Layout, base_url: str = site_url, widened: bool = False) -> AtRest:
        if (layout, base_url, widened) not in measured:
            context = browser.new_context(viewport={"width": layout.width, "height": layout.height},
                                          color_scheme=layout.scheme, java_script_enabled=layout.javascript,
                                          base_url=base_url)
            try:
                browser_page = context.new_page()
                browser_page.goto("/")
                if layout.javascript:
                    expect(browser_page.locator("body")).to_have_attribute(
                        "data-md-color-scheme", MATERIAL_SCHEME[layout.scheme])
                if widened:
                    add_style(browser_page, WIDENED_CSS)
                measured[layout, base_url, widened] = AtRest(
                    measure_article(browser_page), browser_page.evaluate(REST_STATE), browser_page.evaluate(NUMBERS))
            finally:
                context.close()
        return measured[layout, base_url, widened]

    return measure


def assert_every_note_at_rest_shows_number_verdict_and_whole_title_only(states: list[dict]) -> None:
    assert states, "no .ann-note in the article"
    wrong = []
    for state in states:
        missing = [part for part in ("visible", "number", "verdict", "title") if not state[part]]
        if missing:
            wrong.append(f"{state['id']}: not shown at rest: {missing}")
        if not state["verdictWord"]:
            wrong.append(f"{state['id']}: the verdict has no word")
        if state["clipped"]:
            wrong.append(f"{state['id']}: clipped at rest: {state['clipped']}")
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

@pytest.mark.parametrize("widened", [False, True], ids=["fonts-as-installed", "wider-fonts"])
@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_at_rest_show_number_verdict_and_whole_title_unclipped(at_rest, layout, widened):
    measured = at_rest(layout, widened=widened)
    assert_every_note_at_rest_shows_number_verdict_and_whole_title_only(measured.states)
    assert not measured.numbers["partnersClipped"], f"partner lines clipped: {measured.numbers['partnersClipped']}"


@pytest.mark.parametrize("layout", [*WIDE, *NARROW])
def test_every_claim_number_has_its_partner_in_the_margin_in_order(at_rest, layout):
    """Each number in the text is shown at rest in the margin (after the paragraph on a phone), in number
    order down the page; a further claim's line shows its own verdict in words."""
    numbers = at_rest(layout).numbers
    assert sorted(numbers["text"]) == list(range(1, len(numbers["text"]) + 1))
    assert numbers["margin"] == sorted(numbers["text"]), "margin numbers at rest, in page order"
    tops = numbers["marginTops"]
    assert all(a < b for a, b in itertools.pairwise(tops)), f"margin numbers not in order down the page: {tops}"
    assert all(numbers["partnerVerdicts"]), "a further claim's line shows no verdict word"


def test_at_1440_the_margin_uses_the_width_of_the_window(at_rest):
    numbers = at_rest(LAYOUTS["desktop-light"]).numbers
    empty = numbers["innerWidth"] - numbers["marginRight"]
    assert empty <= MAX_EMPTY_RIGHT * numbers["innerWidth"], (
        f"{empty:.0f}px of {numbers['innerWidth']} stay empty right of the margin")


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
    assert_every_note_at_rest_shows_number_verdict_and_whole_title_only(at_rest(layout).states)


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
