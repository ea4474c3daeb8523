"""Where the article's text came from: data/article.yml, checked like the other data files and shown on `/` and
/about/ from the data alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from annotate.pages import provenance
from annotate.provenance import Provenance, load_provenance
from conftest import ROOT
from pagetext import visible_text

KNOWN = """\
found_at: https://example.org/exploring-the-correlation
accessed: 2026-12-04
site_name: Example Blog
author: A. Writer
published: 2023-05-01
note: The text was found on Example Blog, which names its author and date.
"""
UNKNOWN = """\
found_at: null
accessed: null
site_name: null
author: null
published: null
note: >-
  No copy of the page could be read, so its author and date are not known.
"""


def loaded(tmp_path: Path, text: str) -> tuple[Provenance | None, list[str]]:
    path = tmp_path / "article.yml"
    path.write_text(text, encoding="utf-8")
    found, problems = load_provenance(path, "data/article.yml")
    return found, [str(problem) for problem in problems.sorted()]


def test_what_is_known_and_what_is_not_are_both_recorded(tmp_path):
    assert loaded(tmp_path, KNOWN) == (Provenance(
        "https://example.org/exploring-the-correlation", "2026-12-04", "Example Blog", "A. Writer", "2023-05-01",
        "The text was found on Example Blog, which names its author and date."), [])
    found, problems = loaded(tmp_path, UNKNOWN)
    assert problems == [] and found.author is None and found.note.startswith("No copy of the page")


@pytest.mark.parametrize(("change", "message"), [
    (("found_at: https://example.org/exploring-the-correlation", "found_at: http://example.org/x"),
     "data/article.yml:1:11: found_at 'http://example.org/x' is not an https URL; write the address with https://"),
    (("accessed: 2026-12-04", "accessed: null"),
     "data/article.yml:2:11: found_at and accessed go together: the day is the day the page at found_at was read; "
     "give both, or null for both"),
    (("published: 2023-05-01", "published: May 2023"),
     "data/article.yml:5:12: published 'May 2023' is not a date written YYYY-MM-DD"),
    (("author: A. Writer", "author: 12"), "data/article.yml:4:9: author must be text or null, not a number"),
    (("note: The text", "notes: The text"), "data/article.yml:1:1: missing required key 'note'"),
])
def test_each_mistake_is_reported_at_its_line(tmp_path, change, message):
    found, problems = loaded(tmp_path, KNOWN.replace(*change))
    assert found is None
    assert message in problems


def test_its_text_follows_the_rules_of_every_data_file(tmp_path):
    """A right-to-left override in the author, and a merge key, are refused as in any other data file."""
    found, problems = loaded(tmp_path, KNOWN.replace("A. Writer", "A. \u202eWriter"))
    assert found is None and any(problem.startswith("data/article.yml:4:") for problem in problems), problems
    found, problems = loaded(tmp_path, "base: &b {note: x}\n" + KNOWN)
    assert found is None and problems


def test_a_missing_file_is_reported(tmp_path):
    found, problems = load_provenance(tmp_path / "article.yml", "data/article.yml")
    assert found is None
    assert str(problems.sorted()[0]).startswith(
        "data/article.yml:1:1: the file on where the article came from is missing")


def test_the_page_shows_each_fact_or_that_it_is_not_known(tmp_path):
    known = " ".join(visible_text(provenance(loaded(tmp_path, KNOWN)[0]), "article-provenance").split())
    assert known == ("The text was found on Example Blog, which names its author and date. Text found at Example Blog, "
                     "read 2026-12-04 Author A. Writer Published 2023-05-01")
    assert 'href="https://example.org/exploring-the-correlation"' in provenance(loaded(tmp_path, KNOWN)[0])
    unknown = " ".join(visible_text(provenance(loaded(tmp_path, UNKNOWN)[0]), "article-provenance").split())
    assert unknown.endswith("Text found at not confirmed Author not known Published not known")


@pytest.mark.parametrize("page", ["index.html", "about/index.html"])
def test_the_article_page_and_the_method_page_show_the_sites_data(built_site, page):
    data = yaml.safe_load((ROOT / "data" / "article.yml").read_text(encoding="utf-8"))
    shown = " ".join(visible_text((built_site / page).read_text(encoding="utf-8"), "article-provenance").split())
    assert shown.startswith(" ".join(data["note"].split()))
    assert ("Author " + (data["author"] or "not known")) in shown
