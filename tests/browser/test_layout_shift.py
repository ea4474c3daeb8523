"""Nothing moves once the page has painted: cumulative layout shift (CLS) is 0, and revealing, opening,
hovering or focusing a note moves nothing.

Shifts are recorded from before the first byte: with JavaScript on, by a PerformanceObserver for
'layout-shift' (buffered) added as an init script; with JavaScript off the page runs no callbacks, so the
same entries are read from Chromium's performance timeline over CDP instead. A probe page that does shift
checks both recorders, so a CLS of 0 cannot come from a recorder that sees nothing.

The local server answers in a millisecond, so every image would be there by the first paint and a shift
that any real network shows (an image without a size arriving late) would only show when the machine is
busy. Images are therefore held back until the page has painted once: the slow-network case, every run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

# Added before navigation: every layout-shift entry of the page, with what moved and whether input caused it.
RECORD_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__layoutShifts.push({
      value: entry.value,
      hadRecentInput: entry.hadRecentInput,
      sources: entry.sources.map((source) => {
        const node = source.node;
        const name = !node ? '?' : node.nodeType === 1
          ? node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + (node.className ? '.' + node.className : '')
          : '#text in ' + (node.parentElement?.tagName.toLowerCase() || '?');
        const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
        return `${name}: ${rect(source.previousRect)} -> ${rect(source.currentRect)}`;
      }),
    });
  }
}).observe({type: 'layout-shift', buffered: true});
"""

# Page-relative boxes of the article's paragraphs and of every note at rest (its place in the margin or
# the text column); what an opened note shows lies over the page and is not among them.
ARTICLE_AND_NOTE_BOXES = """() => [...document.querySelectorAll('.md-content p, .ann-note')]
  .filter((element) => element.checkVisibility() && (element.matches('.ann-note') || !element.closest('.ann-note')))
  .map((element) => {
    const r = element.getBoundingClientRect();
    return [r.left, r.top + scrollY, r.width, r.height];
  })"""

# Shifts that happen after the last input are not excused; 500ms is the window for hadRecentInput.
SETTLE_MS = 500

IMAGES = re.compile(r"\.(svg|png|jpe?g|gif|webp|avif)(\?.*)?$")
HAS_PAINTED = "() => performance.getEntriesByType('paint').length > 0"  # works with JavaScript off too
FIRST_PAINT_POLLS = 100  # of 20ms: give up holding images back after 2s

# CLS "0": below this, a shift is sub-pixel rounding no reader can see (a run once measured 0.0000116).
NO_SHIFT = 0.001
# A box "moved" when one of its edges moved by more than this; less is sub-pixel rounding.
MOVED_PX = 0.5

# The site's own scripts, which a slow network can deliver after the first paint.
SITE_SCRIPTS = re.compile(r"/assets/(notes|copy-link)\.js$")
LATE_SCRIPT_MS = 300

# name: (path, width, height, javascript). 1024px has the margin layout without the header logo.
LOADS = {
    "article-desktop-js": ("/", 1440, 900, True),
    "article-desktop-nojs": ("/", 1440, 900, False),
    "article-laptop-js": ("/", 1024, 800, True),
    "article-laptop-nojs": ("/", 1024, 800, False),
    "article-phone-js": ("/", 390, 844, True),
    "article-phone-nojs": ("/", 390, 844, False),
    "exercise-desktop-js": ("/exercise/", 1440, 900, True),
    "exercise-phone-js": ("/exercise/", 390, 844, True),
}
# A page that shifts on purpose, 200ms after load, with no input: what the recorders must catch.
SHIFTING_PAGE = ("<!doctype html><style>@keyframes drop { to { margin-top: 200px } }"
                 "p { animation: drop 0s 200ms forwards }</style><p>This line moves down.</p><p>And this one.</p>")


class Shift(NamedTuple):
    value: float
    had_recent_input: bool
    sources: list[str]

    def __str__(self) -> str:
        return f"{self.value:.4f}{' (after input)' if self.had_recent_input else ''}: {'; '.join(self.sources)}"


class ShiftRecorder:
    """Records layout shifts of one page from its first paint: by PerformanceObserver, or over CDP without JS."""

    def __init__(self, opened, javascript: bool) -> None:
        self.page = opened.page
        self.javascript = javascript
        self.timeline: list[Shift] = []
        if javascript:
            self.page.add_init_script(RECORD_SHIFTS)
        else:
            cdp = self.page.context.new_cdp_session(self.page)
            cdp.on("PerformanceTimeline.timelineEventAdded", self._on_timeline_event)
            cdp.send("PerformanceTimeline.enable", {"eventTypes": ["layout-shift"]})

    def _on_timeline_event(self, params: dict) -> None:
        details = params["event"]["layoutShiftDetails"]
        sources = [f"{source['previousRect']} -> {source['currentRect']}" for source in details["sources"]]
        self.timeline.append(Shift(details["value"], details["hadRecentInput"], sources))

    def shifts(self) -> list[Shift]:
        if not self.javascript:
            return list(self.timeline)
        entries = self.page.evaluate("() => window.__layoutShifts")
        return [Shift(entry["value"], entry["hadRecentInput"], entry["sources"]) for entry in entries]


class ImagesHeldBack:
    """Holds every image request until `release()`; later ones go through at once."""

    def __init__(self, browser_page) -> None:
        self.held: list = []
        self.released = False
        browser_page.route(IMAGES, self._hold)

    def _hold(self, route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


def load_and_settle(browser_page, path: str) -> None:
    """Loads `path` with its images arriving only after the first paint, then waits until all is quiet."""
    images = ImagesHeldBack(browser_page)
    browser_page.goto(path, wait_until="domcontentloaded")
    for _ in range(FIRST_PAINT_POLLS):
        if browser_page.evaluate(HAS_PAINTED):
            break
        browser_page.wait_for_timeout(20)
    images.release()
    browser_page.wait_for_load_state("load")
    browser_page.wait_for_load_state("networkidle")  # then 500ms without requests
    browser_page.wait_for_timeout(SETTLE_MS)


def cumulative(shifts: list[Shift]) -> float:
    """CLS as browsers count it: shifts right after an input (hadRecentInput) are expected and excluded."""
    return sum(shift.value for shift in shifts if not shift.had_recent_input)


def report(shifts: list[Shift]) -> str:
    return "\n".join(str(shift) for shift in shifts)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_layout_shift_recorder_catches_a_real_shift(page, javascript):
    opened = page(width=800, height=600, javascript=javascript)
    opened.page.route("**/__shifting-page/", lambda route: route.fulfill(body=SHIFTING_PAGE, content_type="text/html"))
    recorder = ShiftRecorder(opened, javascript)
    load_and_settle(opened.page, "/__shifting-page/")

    assert cumulative(recorder.shifts()) > 0.1, "the recorder saw no shift on a page that shifts"


@pytest.mark.parametrize("name", list(LOADS))
def test_page_loads_without_layout_shift(page, name):
    path, width, height, javascript = LOADS[name]
    opened = page(width=width, height=height, javascript=javascript)
    recorder = ShiftRecorder(opened, javascript)
    load_and_settle(opened.page, path)

    shifts = recorder.shifts()
    assert cumulative(shifts) < NO_SHIFT, f"CLS {cumulative(shifts):.4f} on {path}:\n{report(shifts)}"


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1024, 800), (390, 844)],
                         ids=["desktop", "laptop", "phone"])
def test_site_scripts_arriving_late_move_nothing(page, width, height):
    opened = page(width=width, height=height)

    def late(route) -> None:
        opened.page.wait_for_timeout(LATE_SCRIPT_MS)
        route.continue_()

    opened.page.route(SITE_SCRIPTS, late)
    recorder = ShiftRecorder(opened, javascript=True)
    load_and_settle(opened.page, "/")

    shifts = recorder.shifts()
    assert cumulative(shifts) < NO_SHIFT, (
        f"CLS {cumulative(shifts):.4f} with scripts {LATE_SCRIPT_MS}ms late:\n{report(shifts)}")


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1024, 800)], ids=["desktop", "laptop"])
def test_hovering_focusing_opening_closing_and_following_notes_moves_nothing(page, width, height):
    """In the margin an opened note lies over the notes below it: no shift at all, input or not."""
    opened = page(width=width, height=height)
    recorder = ShiftRecorder(opened, javascript=True)
    browser_page = opened.page
    load_and_settle(browser_page, "/")
    at_load = recorder.shifts()
    before = browser_page.evaluate(ARTICLE_AND_NOTE_BOXES)

    notes = browser_page.locator(".article .ann-note")
    middle = notes.nth(notes.count() // 2)
    notes.first.hover()
    middle.locator("summary").focus()
    middle.locator("summary").click()
    browser_page.locator(".article mark.ann-quote").last.hover()
    browser_page.locator('.article .ann-ref a[data-number="13"]').click()  # opens note 13 from its number
    browser_page.keyboard.press("Escape")
    browser_page.locator('.article .ann-ref a[data-number="26"]').click()
    browser_page.evaluate("() => { location.hash = '#' + document.querySelectorAll('.article .ann-note')[2].id; }")
    browser_page.wait_for_timeout(SETTLE_MS)

    after_input = recorder.shifts()[len(at_load):]
    assert cumulative(after_input) < NO_SHIFT, f"pointing at or opening notes shifted the page:\n{report(after_input)}"
    after = browser_page.evaluate(ARTICLE_AND_NOTE_BOXES)
    scrolled = browser_page.evaluate("() => scrollY")
    moved = [f"box {index}: {old} -> {new}" for index, (old, new) in enumerate(zip(before, after, strict=True))
             if any(abs(a - b) > MOVED_PX for a, b in zip(old, new, strict=True))]
    assert not moved, f"notes moved the article or other notes (scrolled to {scrolled}):\n" + "\n".join(moved)
