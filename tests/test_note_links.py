"""A note's link to a page or to another note works wherever the note's words are shown, in both builds.

The note links as any page does, to the other page's Markdown file from its own. The same summary is
shown on the article, on the note's page, in the answer key, in the JSON-LD export and in the quiz
files, each at another address; each time the link must lead to the page it names. A renamed note's
old address leads to its new page, in both builds.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from conftest import build_site, build_with_zensical, check, copy_project

SITE_URL = "https://example.org/annotated/"
SUMMARY = "See [the method](../about.md) and [the ownership note](ownership-model.md#sources). "
BODY = "\nAlso [the ledger](../claims.md) and [the ownership note](ownership-model.md).\n"
# Where each page shows the summary, and where its links must lead from there, relative to the page.
EXPECTED = {
    "index.html": ["about/", "notes/ownership-model/#sources"],
    "notes/fast-and-safe/index.html": ["../../about/", "../ownership-model/#sources", "../../claims/",
                                       "../ownership-model/"],
    "answer-key/index.html": ["../about/", "../notes/ownership-model/#sources"],
}


def write_links(project: Path) -> None:
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8").replace("summary: >-\n", f"summary: >-\n  {SUMMARY}\n", 1)
    # The added paragraph cites the note's first source, as every paragraph of a body does.
    first_source = re.search(r"^  - id: ([a-z0-9-]+)$", text, re.MULTILINE).group(1)
    note.write_text(text + BODY.rstrip("\n") + f" [@{first_source}]\n", encoding="utf-8")
    notes = project / "docs" / "notes"
    renamed = (notes / "facebooks-pytorch.md").read_text(encoding="utf-8")
    (notes / "pytorch-governance.md").write_text(
        renamed.replace("\nreviewed:", "\naliases:\n  - facebooks-pytorch\nreviewed:", 1), encoding="utf-8")
    (notes / "facebooks-pytorch.md").unlink()


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The site with links in a note, built by MkDocs and by Zensical."""
    project = copy_project(tmp_path_factory.mktemp("links"))
    write_links(project)
    mkdocs = build_site(project, project.parent / "site", ("SITE_URL", SITE_URL))
    assert mkdocs.returncode == 0, mkdocs.output
    zensical = build_with_zensical(project, ("SITE_URL", SITE_URL))
    assert zensical.returncode == 0, zensical.output
    return {"mkdocs": mkdocs.site, "zensical": zensical.site}


def hrefs(html: str, around: str) -> list[str]:
    """The links of the element that holds `around`: a margin note, a note page's content, an answer."""
    start = html.index(around)
    # A note page's summary and body end where its sources begin; elsewhere the note is short.
    end = html.find('<h2 id="sources"', start) if around == '<div class="ann-page">' else start + 6000
    return re.findall(r'href="([^"]*(?:about|claims|ownership-model)[^"]*)"', html[start:end])


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
@pytest.mark.parametrize("page", EXPECTED)
def test_links_in_a_note_lead_to_the_page_they_name_wherever_the_note_is_shown(sites, builder, page):
    site = sites[builder]
    html = (site / page).read_text(encoding="utf-8")
    around = {"index.html": 'id="note-fast-and-safe"', "answer-key/index.html": "See <a href="}.get(
        page, '<div class="ann-page">')
    found = hrefs(html, around)
    for expected in EXPECTED[page]:
        assert expected in found, (builder, page, found)
    folder = posixpath.dirname(page)
    for href in found:
        path = posixpath.normpath(posixpath.join(folder, href.split("#")[0]))
        assert (site / path / "index.html").is_file() or (site / path).is_file(), (builder, page, href)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_links_in_the_exports_are_full_addresses(sites, builder):
    site = sites[builder]
    export = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    described = next(body["value"] for item in export["first"]["items"] if item["id"].endswith("#note-fast-and-safe")
                     for body in item["body"] if body.get("purpose") == "describing")
    assert f'href="{SITE_URL}about/"' in described
    assert f'href="{SITE_URL}notes/ownership-model/#sources"' in described
    gift = (site / "course" / "quiz.gift").read_text(encoding="utf-8")
    assert 'href\\="https\\://example.org/annotated/about/"' in gift  # GIFT writes '=' and ':' as '\\=' and '\\:'



@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_printed_addresses_of_the_links_are_the_published_ones(sites, builder):
    html = (sites[builder] / "notes" / "fast-and-safe" / "index.html").read_text(encoding="utf-8")
    assert f'data-url="{SITE_URL}about/"' in html
    assert f'data-url="{SITE_URL}notes/ownership-model/#sources"' in html


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_renamed_notes_old_address_leads_to_its_new_page(sites, builder):
    redirect = (sites[builder] / "notes" / "facebooks-pytorch" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../pytorch-governance/"' in redirect
    assert (sites[builder] / "notes" / "pytorch-governance" / "index.html").is_file()


def test_a_link_to_a_page_the_site_does_not_have_is_refused_at_its_place(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    lines = note.read_text(encoding="utf-8").splitlines()
    index = lines.index("summary: >-")
    lines.insert(index + 1, "  See [the method](../methods.md).")
    note.write_text("\n".join(lines) + "\n", encoding="utf-8")
    completed = check(project)
    assert completed.returncode == 1
    assert (
        f"docs/notes/fast-and-safe.md:{index + 2}:20: link '../methods.md' leads to 'methods.md', which is not a "
        "page or a note of the site; link to a page as its file from this note, such as ../page.md, or to a note "
        "as other-note.md"
    ) in completed.stderr
