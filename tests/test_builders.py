"""MkDocs and Zensical publish the same site from the one engine: the same notes, numbers, pages and files.

The two builds differ in their theme's markup (Zensical's templates are its own), so what is compared
is what the engine puts on the pages and beside them: every highlighted quote with its id and number,
every margin note, every note page with its verdict, sources and change log, the ledger's rows, the
crate guide's entries, the JSON-LD export, the corrections feed, the course files and the worksheet's
answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pagetext import html_text

QUOTE = re.compile(r'<mark class="ann-quote[^"]*" id="([^"]+)"[ >]')
NUMBER = re.compile(r'<sup class="ann-ref[^"]*"><a href="#(note-[^"]+)" data-number="(\d+)"')
NOTE = re.compile(r'<aside class="ann-note[^"]*" id="(note-[^"]+)"')
ROW = re.compile(r'<tr id="(claim-\d+)">(.*?)</tr>', re.DOTALL)
CRATE = re.compile(r'<div class="crate" id="([^"]+)">(.*?)</div>', re.DOTALL)
ENGINE_PART = re.compile(r'<div class="ann-page">.*?<p class="ann-page__back">.*?</p>', re.DOTALL)
SAME_FILES = ["annotations.jsonld", "corrections/feed.xml", "course/quiz.gift", "course/quiz.csv",
              "exercise/answers.js", "LICENSE.txt", "LICENSE-notes.txt"]


def read(site: Path, path: str) -> str:
    # Zensical reads `data-search-exclude` for its own search and leaves it out of the page.
    return (site / path).read_text(encoding="utf-8").replace(" data-search-exclude", "")


def test_every_quote_is_marked_and_numbered_alike(built_site, zensical_site):
    mkdocs, zensical = ((QUOTE.findall(html), NUMBER.findall(html))
                        for html in (read(site, "index.html") for site in (built_site, zensical_site)))
    quotes, numbers = mkdocs
    assert len(quotes) >= 30 and len(numbers) == len(quotes)
    assert sorted(int(number) for _, number in numbers) == list(range(1, len(quotes) + 1))
    assert zensical == mkdocs


def test_every_margin_note_is_beside_the_same_words(built_site, zensical_site):
    mkdocs, zensical = (NOTE.findall(read(site, "index.html")) for site in (built_site, zensical_site))
    assert len(mkdocs) >= 20
    assert zensical == mkdocs


def test_note_pages_say_the_same(built_site, zensical_site):
    pages = sorted(path.relative_to(built_site).as_posix() for path in (built_site / "notes").glob("*/index.html"))
    assert len(pages) >= 20
    assert pages == sorted(path.relative_to(zensical_site).as_posix()
                           for path in (zensical_site / "notes").glob("*/index.html"))
    for page in pages:
        mkdocs, zensical = (ENGINE_PART.search(read(site, page)) for site in (built_site, zensical_site))
        assert mkdocs and zensical, page
        assert zensical.group(0) == mkdocs.group(0), page
        for heading in ("Sources", "Changes", "Cite this note"):
            assert f">{heading}</h2>" in read(zensical_site, page), (page, heading)


def test_ledger_rows_and_crate_entries_are_the_same(built_site, zensical_site):
    rows = [ROW.findall(read(site, "claims/index.html")) for site in (built_site, zensical_site)]
    crates = [[(name, html_text(body)) for name, body in CRATE.findall(read(site, "crates/index.html"))]
              for site in (built_site, zensical_site)]
    assert len(rows[0]) >= 30 and rows[1] == rows[0]
    assert len(crates[0]) >= 20 and crates[1] == crates[0]


@pytest.mark.parametrize("path", SAME_FILES)
def test_files_beside_the_pages_are_the_same(built_site, zensical_site, path):
    assert (zensical_site / path).read_bytes() == (built_site / path).read_bytes()


def test_the_export_names_every_quote_of_the_article(built_site, zensical_site):
    export = json.loads(read(zensical_site, "annotations.jsonld"))
    quotes = QUOTE.findall(read(zensical_site, "index.html"))
    assert export["total"] == len(quotes)


def test_neither_build_writes_an_edit_link_to_a_host_named_after_a_page(built_site, zensical_site):
    """An empty edit_uri made Zensical write href="//index.md"; edit links lead to the pages as written."""
    for site in (built_site, zensical_site):
        for page in ("index.html", "claims/index.html", "notes/fast-and-safe/index.html"):
            html = read(site, page)
            assert 'href="//' not in html, (site, page)
            edit = re.search(r'href="([^"]+)"[^>]*rel="edit"|rel="edit"[^>]*href="([^"]+)"', html)
            assert edit, (site, page)
            address = edit.group(1) or edit.group(2)
            assert address.startswith("https://github.com/example-owner/rust-ml-annotated/edit/main/docs/"), address
            assert address.endswith(page.replace("/index.html", ".md").replace("index.html", "index.md"))
