"""Printing `/` gives a handout: every note with its number, verdict and summary, link addresses, no site chrome.

The article is printed to PDF once by Chromium (page.pdf applies the print stylesheet) and its text read
back with pypdf. PDF text breaks lines and sometimes words anywhere, so text is compared with all
whitespace removed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from annotate.edition import edition_from
from conftest import PUBLISHED_URL
from pypdf import PdfReader

# Every note's number, verdict word, summary and "Full note" address, as the page has them.
NOTES = """() => [...document.querySelectorAll('.article .ann-note')].map((note) => ({
  id: note.id,
  number: note.querySelector('.ann-note__number').textContent.trim(),
  verdict: note.querySelector('.ann-verdict').textContent.trim(),
  summary: note.querySelector('.ann-note__summary').textContent,
  href: note.querySelector('a.ann-note__more').getAttribute('href'),
}))"""

# Screen-only text: the header's site name and search box, Material's skip link, back-to-top button and footer.
CHROME_ANYWHERE = ["Rust & ML, Annotated", "Skip to content", "Back to top", "Made with", "Switch to dark mode"]
# Short chrome labels that could occur inside a sentence, so only a line of their own counts.
CHROME_LINES = ["Search", "Type to start searching", "The article", "Claims ledger", "Rust ML crates", "Method",
                "Corrections", "Exercise", "Answer key", "For instructors"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class PrintedArticle:
    text: str
    notes: list[dict]
    first_page: list[tuple[str, float]]  # each piece of text on page 1, with its height from the top, 0 to 1

    @property
    def squeezed(self) -> str:
        return squeeze(self.text)

    @property
    def lines(self) -> list[str]:
        return [" ".join(line.split()) for line in self.text.splitlines()]


@pytest.fixture(scope="module")
def printed(browser, site_url, tmp_path_factory) -> Iterator[PrintedArticle]:
    context = browser.new_context(base_url=site_url)
    try:
        browser_page = context.new_page()
        browser_page.goto("/", wait_until="networkidle")
        notes = browser_page.evaluate(NOTES)
        path = tmp_path_factory.mktemp("print") / "article.pdf"
        browser_page.pdf(path=path, format="A4")
    finally:
        context.close()
    pages = PdfReader(path).pages
    text = "\n".join(page.extract_text() for page in pages)
    first_page: list[tuple[str, float]] = []
    height = float(pages[0].mediabox.height)
    # A piece's height on the page: its text matrix, then the page's transformation matrix (PDF y runs upwards).
    pages[0].extract_text(visitor_text=lambda piece, cm, tm, _font, _size: first_page.append(
        (piece, 1 - (cm[3] * tm[5] + cm[5]) / height)))
    assert notes, "no notes in the article"
    yield PrintedArticle(text, notes, first_page)


FIRST_WORDS = "Rust is a programming language that"


def test_printed_article_starts_on_page_one_within_its_top_third(printed):
    found = [where for piece, where in printed.first_page if FIRST_WORDS in " ".join(piece.split())]
    assert found, "the article's first sentence is not on page 1"
    assert 0 < found[0] <= 1 / 3, f"the article starts {found[0]:.0%} down page 1"


def test_printed_article_has_no_link_that_works_only_on_screen(printed):
    for words in ("Back to the words", "How to read this page", "Copy link"):
        assert squeeze(words) not in printed.squeezed, f"'{words}' printed"
    assert "#" not in printed.text, "a copy-link '#' printed"


def test_printed_article_has_every_note_summary(printed):
    missing = [note["id"] for note in printed.notes if squeeze(note["summary"]) not in printed.squeezed]
    assert not missing, f"summaries missing from the printed article: {missing}"


def test_printed_article_numbers_every_note_with_its_verdict(printed):
    flat = " ".join(printed.text.split())
    missing = [f"{note['number']} {note['verdict']} ({note['id']})" for note in printed.notes
               if not re.search(rf"(?<!\d){note['number']}\s*{re.escape(note['verdict'])}", flat)]
    assert not missing, f"note numbers not printed before their verdict: {missing}"


def test_printed_article_shows_each_full_note_link_address(printed):
    missing = [note["href"] for note in printed.notes if f"<{note['href']}>" not in printed.squeezed]
    assert not missing, f"link addresses not printed after 'Full note': {missing}"


def test_printed_article_ends_with_the_sites_edition_and_its_address(printed):
    edition = edition_from(os.environ)
    assert f"Rust&ML,Annotated,version{edition.version},built{edition.built}.Thispage:/." in printed.squeezed


def test_printed_article_leaves_out_header_search_and_site_navigation(printed):
    # The closing line names the site with its edition on purpose; the header's copy of the name must not print.
    text = re.sub(r"Rust & ML, Annotated,\s+version", "", printed.text)
    printed_chrome = [chrome for chrome in CHROME_ANYWHERE if chrome in text]
    printed_chrome += [line for line in printed.lines if line in CHROME_LINES]
    assert not printed_chrome, f"screen-only chrome in the printed article: {printed_chrome}"


def test_a_page_of_the_published_site_prints_full_addresses_for_its_internal_links(browser, published_site, tmp_path):
    site = PUBLISHED_URL
    context = browser.new_context()
    try:
        browser_page = context.new_page()
        browser_page.goto((published_site / "claims" / "index.html").as_uri(), wait_until="load")
        relative = browser_page.locator(".md-content a[href^='../']").count()
        path = tmp_path / "claims.pdf"
        browser_page.pdf(path=path, format="A4")
    finally:
        context.close()
    text = squeeze("\n".join(page.extract_text() for page in PdfReader(path).pages))
    assert relative > 60, "the ledger has too few internal links for the check to mean anything"
    # PDF text interleaves a table's columns where a row breaks across lines, so a few addresses come out
    # split; nearly every row's two links must still read as full addresses.
    assert text.count(f"<{site}#quote-") >= 30 and text.count(f"<{site}notes/") >= 30
    assert "<../" not in text, "an internal link printed its relative address"
