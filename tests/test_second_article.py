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
