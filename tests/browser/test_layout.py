"""Where the margin notes land on `/`: beside their paragraph on a wide screen, after it on a narrow one.

The layout is CSS only, so every check runs with JavaScript on and off; dark mode needs Material's
script to apply the `slate` scheme, so the dark rows only make sense with JavaScript on.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
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
    "laptop-light": Layout(1024, 768, "light", True),
    "laptop-dark": Layout(1024, 768, "dark", True),
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
# The first note of a row shares its paragraph's top edge, give or take sub-pixel rounding.
LEVEL_SLACK = 2
# Notes of one row follow each other with only their own bottom margin (0.8em, about 10-13px) between them.
MAX_NOTE_GAP = 30
# A narrow-screen note may start a few pixels off the text's left edge and still read as the same column.
COLUMN_SLACK = 4

# One round trip: the page-relative box of every paragraph, note and text block that matters.
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
      notes: [...row.querySelectorAll('.ann-note')].map((note) => ({id: note.id, ...box(note)})),
    })),
    text: [...document.querySelectorAll('.article p, .article h2')].filter(isArticleText).map(box),
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


def assert_every_note_visible_with_summary(browser_page) -> None:
    notes = browser_page.locator(".ann-note")
    assert notes.count() > 0
    for note in notes.all():
        note_id = note.get_attribute("id")
        assert note.is_visible(), f"{note_id} is not visible"
        summary = note.locator(".ann-note__summary")
        assert summary.is_visible(), f"{note_id}: summary hidden"
        assert summary.inner_text().strip(), f"{note_id}: summary is empty"


def assert_no_sideways_scroll(article: Article) -> None:
    assert article.scroll_width <= article.inner_width, (
        f"page is {article.scroll_width}px wide in a {article.inner_width}px viewport")
    for note in article.notes:
        assert note.right <= article.inner_width + TOLERANCE, f"{note.id} ends at x={note.right}"


# Wide screens: notes in the right-hand margin column.

@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_shows_every_note_with_its_summary(page, layout):
    assert_every_note_visible_with_summary(open_article(page, layout))


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_sit_right_of_their_paragraph(page, layout):
    for row in measure_article(open_article(page, layout)).rows:
        for note in row.notes:
            assert note.left > row.paragraph.right, (
                f"{note.id} starts at x={note.left}, inside its paragraph (ends at x={row.paragraph.right})")


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_first_note_is_level_with_its_paragraph_and_the_rest_follow_within_it(page, layout):
    """The paragraph stretches to its row's height, so every note of the row stays beside it."""
    misplaced = []
    for row in measure_article(open_article(page, layout)).rows:
        paragraph = row.paragraph
        span = f"paragraph spans y={paragraph.top:.1f}..{paragraph.bottom:.1f}"
        first = row.notes[0]
        if abs(first.top - paragraph.top) > LEVEL_SLACK:
            misplaced.append(f"{first.id}: first note's top y={first.top:.1f}, not level with its paragraph ({span})")
        for note in row.notes:
            if not paragraph.top - TOLERANCE <= note.top < paragraph.bottom:
                misplaced.append(f"{note.id}: top y={note.top:.1f} outside its paragraph ({span})")
        for previous, note in pairwise(row.notes):
            gap = note.top - previous.bottom
            if not -TOLERANCE <= gap < MAX_NOTE_GAP:
                misplaced.append(f"{note.id}: starts {gap:.1f}px after {previous.id} ends (want 0..{MAX_NOTE_GAP})")
    assert not misplaced, "notes not placed beside their paragraph:\n" + "\n".join(misplaced)


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_notes_overlap_neither_each_other_nor_the_text(page, layout):
    article = measure_article(open_article(page, layout))
    notes = article.notes
    for index, note in enumerate(notes):
        for other in notes[index + 1:]:
            assert not note.intersects(other), f"{note.id} overlaps {other.id}"
        for block in article.text_blocks:
            assert not note.intersects(block), f"{note.id} overlaps article text at {block}"


@pytest.mark.parametrize("layout", WIDE)
def test_wide_screen_page_does_not_scroll_sideways(page, layout):
    assert_no_sideways_scroll(measure_article(open_article(page, layout)))


# Narrow screens (tablets in portrait, phones): each note follows its paragraph, in the text column.

@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_shows_every_note_with_its_summary_without_interaction(page, layout):
    assert_every_note_visible_with_summary(open_article(page, layout))


@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_notes_follow_their_paragraph_in_the_text_column(page, layout):
    for row in measure_article(open_article(page, layout)).rows:
        for note in row.notes:
            assert note.top >= row.paragraph.bottom - TOLERANCE, (
                f"{note.id} starts at y={note.top}, above its paragraph's end (y={row.paragraph.bottom})")
            assert abs(note.left - row.paragraph.left) <= COLUMN_SLACK, (
                f"{note.id} starts at x={note.left}, text column at x={row.paragraph.left}")


@pytest.mark.parametrize("layout", NARROW)
def test_narrow_screen_page_does_not_scroll_sideways(page, layout):
    assert_no_sideways_scroll(measure_article(open_article(page, layout)))
