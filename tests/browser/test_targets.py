"""A link to `/#note-<id>`, `/#quote-<id>` or `/#quote-<id>--<claim>` lands on its target below Material's sticky
header, highlighted; a link to a claim's words lands with its note in view too. A followed note opens: its
summary shows, inside the viewport, without a click."""

from __future__ import annotations

import re

import pytest
from annotate.links import read_registry
from conftest import ROOT

# The first, a middle and the last note: the last cannot scroll to the top, the page ends first.
NOTE_IDS = ["fast-and-safe", "custom-models-outperform", "popularity-expected-to-continue"]
# The further quotes of notes, as courses may link to them.
CLAIM_QUOTES = [link.removeprefix("/#") for link in read_registry(ROOT / "data" / "public-links.txt")
                if re.fullmatch(r"/#quote-[a-z0-9-]+--[a-z0-9-]+", link)]

SCREENS = {"desktop": (1440, 900), "phone": (390, 844)}

# Where the target and the sticky header are in the viewport, and how the target is painted.
MEASURE_TARGET = """(id) => {
  const target = document.getElementById(id);
  // A note is drawn by its <details>, which opens over the notes below; a quote by itself.
  const drawn = target.querySelector(':scope > details') || target;
  const box = drawn.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const style = getComputedStyle(drawn);
  const summary = target.querySelector('.ann-note__summary');
  // Another quote, neither the target nor nested with it (quote 17 sits inside quote 18).
  const other = [...document.querySelectorAll('mark.ann-quote')]
    .find((quote) => quote !== target && !quote.contains(target) && !target.contains(quote));
  return {
    matchesTarget: target.matches(':target'),
    top: box.top,
    bottom: box.bottom,
    headerBottom: header.getBoundingClientRect().bottom,
    headerPosition: getComputedStyle(header).position,
    viewportHeight: innerHeight,
    outlineStyle: style.outlineStyle,
    background: style.backgroundColor,
    otherQuoteBackground: getComputedStyle(other).backgroundColor,
    summaryShown: summary ? summary.checkVisibility() : null,
  };
}"""

# Two frames after load: any scroll the page or Material's script makes on load has happened.
AFTER_TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def follow(browser_page, fragment: str) -> dict:
    """Opens `/#fragment` as a fresh page load (as from a link elsewhere) and measures its target."""
    browser_page.goto("about:blank")  # otherwise going from /#a to /#b would only change the hash
    browser_page.goto(f"/#{fragment}", wait_until="load")
    browser_page.evaluate(AFTER_TWO_FRAMES)
    return browser_page.evaluate(MEASURE_TARGET, fragment)


def assert_clear_of_the_header(fragment: str, target: dict) -> None:
    assert target["matchesTarget"], f"#{fragment} is not the :target after following /#{fragment}"
    assert target["headerPosition"] in {"sticky", "fixed"}, "Material's header is no longer sticky: test is moot"
    assert target["top"] >= target["headerBottom"], (
        f"#{fragment} starts at y={target['top']:.1f}, under the sticky header (ends at y={target['headerBottom']})")
    assert target["bottom"] <= target["viewportHeight"], (
        f"#{fragment} ends at y={target['bottom']:.1f}, below the viewport (height {target['viewportHeight']})")


@pytest.mark.parametrize("screen", SCREENS)
def test_following_a_note_link_shows_the_note_below_the_header_outlined(page, screen):
    browser_page = page(*SCREENS[screen]).page
    for note_id in NOTE_IDS:
        fragment = f"note-{note_id}"
        target = follow(browser_page, fragment)
        assert_clear_of_the_header(fragment, target)
        assert target["outlineStyle"] != "none", f"#{fragment} is not outlined as the target"
        assert target["summaryShown"], f"#{fragment}: the followed note does not show its summary"


@pytest.mark.parametrize("screen", SCREENS)
def test_following_a_quote_link_shows_the_quote_below_the_header_highlighted(page, screen):
    browser_page = page(*SCREENS[screen]).page
    assert CLAIM_QUOTES, "no further quote (#quote-<id>--<claim>) in the link registry: nothing to check"
    for fragment in [f"quote-{note_id}" for note_id in NOTE_IDS] + CLAIM_QUOTES[:1] + CLAIM_QUOTES[-1:]:
        target = follow(browser_page, fragment)
        assert_clear_of_the_header(fragment, target)
        assert target["background"] != target["otherQuoteBackground"], (
            f"#{fragment} has the same background as a quote that is not the target ({target['background']})")


# The words of a quote from the start of their sentence, and its note, each as the part of the viewport it
# covers. The sentence starts after the last full stop, question or exclamation mark before the words in
# their paragraph (or with the paragraph).
MEASURE_WORDS_AND_NOTE = """(id) => {
  const words = document.getElementById(id);
  const note = document.getElementById('note-' + id.replace(/^quote-/, '').replace(/--.*$/, ''));
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.top, r.bottom]; };
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const paragraph = words.closest('p');
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let start = null;  // [text node, offset], or null: the sentence starts with the words
  let startsNext = true;  // a sentence starts with the next text
  for (let text = walker.nextNode(); text && !words.contains(text); text = walker.nextNode()) {
    if (startsNext && text.length) {
      start = [text, 0];
      startsNext = false;
    }
    const ends = [...text.textContent.matchAll(/[.!?][\u201d"\u2019)]?\\s+/g)];
    if (ends.length) {
      const after = ends[ends.length - 1].index + ends[ends.length - 1][0].length;
      if (after < text.length) {
        start = [text, after];
      } else {
        start = null;
        startsNext = true;
      }
    }
  }
  let sentenceTop = words.getBoundingClientRect().top;
  if (start) {
    const range = document.createRange();
    range.setStart(start[0], start[1]);
    range.setEnd(start[0], start[1] + 1);
    sentenceTop = Math.min(sentenceTop, range.getClientRects()[0].top);
  }
  return {words: [sentenceTop, words.getBoundingClientRect().bottom], note: box(note), headerBottom: header,
          viewportHeight: innerHeight};
}"""


# Follows a link to `/#id` from within the page: the hash changes and the page lands on its target, as from a
# link elsewhere (the fresh loads above check that path on a quote of each kind).
FOLLOW_IN_PAGE = """(id) => new Promise((done) => {
  window.scrollTo(0, 0);
  window.addEventListener('hashchange', () => requestAnimationFrame(() => requestAnimationFrame(done)), {once: true});
  window.location.hash = id;
})"""


@pytest.mark.parametrize("screen", SCREENS)
def test_following_any_quote_link_shows_its_sentence_from_the_start_and_its_note_together(page, screen, built_site):
    browser_page = page(*SCREENS[screen]).page
    html = (built_site / "index.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<mark class="ann-quote[^"]*" id="([^"]+)"', html)
    assert len(quotes) > 20
    browser_page.goto("/", wait_until="load")
    out_of_view = []
    for fragment in quotes:
        browser_page.evaluate(FOLLOW_IN_PAGE, fragment)
        browser_page.evaluate(AFTER_TWO_FRAMES)
        seen = browser_page.evaluate(MEASURE_WORDS_AND_NOTE, fragment)
        top, bottom = seen["headerBottom"], seen["viewportHeight"]
        for part in ("words", "note"):
            start, end = seen[part]
            if start < top or end > bottom:
                out_of_view.append(f"#{fragment}: its {part} at y={start:.0f}..{end:.0f}, viewport {top:.0f}..{bottom}")
    assert out_of_view == []
