"""Ids are the engine's alone: on every built page each id is used once.

Notes cannot set ids (attribute lists are refused, and a heading cannot take an id the note page
gives its own parts), so public anchors such as /#conclusion or /#note-… always lead where they should.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser


def duplicate_ids(page: Path) -> list[str]:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    counts = Counter(node.attributes["id"] for node in tree.css("[id]"))
    return sorted(name for name, count in counts.items() if count > 1)


def test_every_built_page_has_unique_ids(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > len(list((built_site / "notes").iterdir()))
    duplicates = {page.relative_to(built_site).as_posix(): duplicate_ids(page) for page in pages}
    assert {page: ids for page, ids in duplicates.items() if ids} == {}


def test_the_check_would_see_a_duplicate(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<p id="conclusion">a</p><section id="conclusion"></section>', encoding="utf-8")
    assert duplicate_ids(page) == ["conclusion"]
