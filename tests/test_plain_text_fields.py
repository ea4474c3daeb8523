"""Titles, source titles and crate descriptions are plain text everywhere a built page shows them.

They pass through the same allowlist check as summaries, as text with no element allowed; this
builds a site whose note title and crate description try to break out of text and attributes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, copy_project
from selectolax.lexbor import LexborHTMLParser

TITLE = 'Tom & "Jerry" &lt;b&gt; x" onmouseover="alert(1)'
DESCRIPTION = 'Bindings & "more" &lt;img src=x onerror=alert(1)&gt;'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("plain")
    project = copy_project(base)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    text = text.replace("title: Rust is fast and memory-safe, within limits the compiler can check",
                        "title: '" + TITLE + "'", 1)
    source = 'title: "The Rust Programming Language, ch. 4.1: What is ownership?"'
    assert source in text, "the fixture's source title is no longer in the note"
    note.write_text(text.replace(source, "title: '" + TITLE + "'", 1), encoding="utf-8")
    catalog = project / "data" / "crates.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "description: Thin Rust wrappers around libtorch, the C++ library under PyTorch.",
        "description: '" + DESCRIPTION + "'", 1), encoding="utf-8")
    result = build_site(project, base / "site")
    assert result.returncode == 0, result.output
    return result.site


def parsed(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def test_no_page_gains_an_element_or_attribute_from_a_plain_text_field(site):
    for page in ("index.html", "notes/fast-and-safe/index.html", "claims/index.html", "crates/index.html"):
        tree = parsed(site, page)
        assert not [node for node in tree.css("*") if "onmouseover" in node.attributes], page
        assert not [node for node in tree.css("img") if "onerror" in node.attributes], page


def test_each_field_reads_exactly_as_written(site):
    note = parsed(site, "notes/fast-and-safe/index.html")
    assert note.css_first("h1").text() == TITLE
    assert note.css_first('meta[property="og:title"]').attributes["content"] == f"{TITLE} · Rust & ML, Annotated"
    assert TITLE in [node.text() for node in note.css(".ann-sources a")]
    crates = parsed(site, "crates/index.html")
    assert crates.css_first("#tch .crate__description").text() == DESCRIPTION
