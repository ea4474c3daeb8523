"""A second article, examples/second-article, builds with the same engine and both builders.

It names its own article page (article.md), sections, notes folder (comments/), data files and site; so
it shows that nothing of the main site is built into the engine.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site, build_with_zensical, check
from selectolax.lexbor import LexborHTMLParser
from textdirective import find_range

EXAMPLE = ROOT / "examples" / "second-article"
NOTES = ["global-lock", "numpy-compiled-code", "python-error-handling"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("second") / "second-article"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("build", "site", "site-zensical"))
    return copy


@pytest.fixture(scope="module")
def sites(project) -> dict[str, Path]:
    mkdocs = build_site(project, project / "site")
    assert mkdocs.returncode == 0, mkdocs.output
    zensical = build_with_zensical(project)
    assert zensical.returncode == 0, zensical.output
    return {"mkdocs": mkdocs.site, "zensical": zensical.site}


def test_the_example_checks_clean(project):
    completed = check(project)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "ok: 5 claims in 3 notes placed in 3 sections, 0 sentences without a claim, 2 crates\n"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_example_is_annotated_by_either_builder(sites, builder):
    site = sites[builder]
    article = (site / "article" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<mark class="ann-quote[^"]*" id="([^"]+)"', article) == [
        "quote-python-error-handling", "quote-numpy-compiled-code", "quote-numpy-compiled-code--fast-in-python",
        "quote-global-lock", "quote-global-lock--main-reason",
    ]
    assert sorted(int(n) for n in re.findall(r'<a href="#note-[^"]+" data-number="(\d+)"', article)) == [1, 2, 3, 4, 5]
    assert sorted(path.parent.name for path in (site / "comments").glob("*/index.html")) == NOTES
    ledger = (site / "claims" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<tr id="claim-\d+">', ledger)) == 5
    crates = (site / "crates" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<div class="crate" id="([^"]+)">', crates) == ["maturin", "pyo3"]
    assert json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["total"] == 5


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_examples_own_links_lead_to_its_own_pages(sites, builder):
    site = sites[builder]
    article = (site / "article" / "index.html").read_text(encoding="utf-8")
    note = (site / "comments" / "python-error-handling" / "index.html").read_text(encoding="utf-8")
    # On the article, one level down from the root, and on a note page, two levels down.
    assert 'href="../comments/global-lock/"' in article and 'href="../comments/python-error-handling/"' in article
    assert 'href="../global-lock/"' in note and 'href="../../crates/"' in note
    assert 'href="../../crates/#pyo3"' in note and 'href="../../article/#quote-python-error-handling"' in note


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_each_citation_marker_is_a_numbered_link_to_a_source_with_its_passage(sites, builder):
    page = LexborHTMLParser((sites[builder] / "comments" / "global-lock" / "index.html").read_text(encoding="utf-8"))
    sources = page.css("ol.ann-sources > li")
    assert [item.attributes["id"] for item in sources] == ["source-pep-779", "source-pep-745"]
    markers = [(link.attributes["href"], link.text()) for link in page.css("sup.ann-cite a")]
    assert markers == [("#source-pep-779", "1"), ("#source-pep-745", "2"), ("#source-pep-779", "1")]
    assert "[@" not in page.body.text()
    for item in sources:
        passage = " ".join(item.css_first("blockquote").text().split())
        link = item.css_first("figcaption a").attributes["href"]
        assert link.startswith(item.css_first("a").attributes["href"] + "#:~:text=")
        # The fragment, applied to the passage's own words, selects exactly those words.
        assert find_range(passage, link) == (0, len(passage)), link


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_further_claim_is_explained_by_its_own_summary_everywhere(sites, builder):
    site = sites[builder]
    summary = ("A judgement about why to move work to Rust. With a free-threaded CPython available, the lock "
               "alone is a weaker reason than the sentence suggests.")
    ledger = LexborHTMLParser((site / "claims" / "index.html").read_text(encoding="utf-8"))
    rows = {row.attributes["id"]: row.css_first("td.ledger__why").text() for row in ledger.css("tr[id^=claim-]")}
    assert rows["claim-5"] == summary
    assert rows["claim-4"].startswith("CPython 3.14, released on 7 October 2025")
    article = LexborHTMLParser((site / "article" / "index.html").read_text(encoding="utf-8"))
    assert article.css_first("#note-global-lock .ann-note__claim").text().endswith(summary)
    note = LexborHTMLParser((site / "comments" / "global-lock" / "index.html").read_text(encoding="utf-8"))
    assert note.css_first(".ann-page__claim-summary").text() == summary
    annotations = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    described = {item["id"].rsplit("#", 1)[1]: item["body"][1]["value"] for item in annotations}
    assert described["quote-global-lock--main-reason"] == summary
