"""Public links stay working: every registered link is provided, and renamed notes keep their old links."""

from __future__ import annotations

import re

import pytest
from annotate.links import missing_links, read_registry
from conftest import ROOT, build_site, check, copy_project

REGISTRY = read_registry(ROOT / "data" / "public-links.txt")
REGISTRY_LINES = (ROOT / "data" / "public-links.txt").read_text(encoding="utf-8").splitlines()


def test_every_registered_link_is_provided_by_the_build(built_site):
    assert missing_links(built_site, REGISTRY) == []


def test_registry_lists_every_public_link_the_build_provides(built_site):
    import links  # scripts/links.py

    assert sorted(links.site_links(built_site) - set(REGISTRY)) == []


def test_registry_covers_sections_quotes_notes_note_pages_and_crates():
    kinds = {
        "section": r"^/#(introduction|conclusion|[a-z-]+-[a-z-]+)$",
        "quote": r"^/#quote-[a-z0-9-]+$",
        "further quote": r"^/#quote-[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9-]+$",
        "note": r"^/#note-",
        "note page": r"^/notes/[a-z0-9-]+/$",
        "crate": r"^/crates/#",
        "export": r"^/annotations\.jsonld$",
        "corrections": r"^/corrections/$",
        "corrections feed": r"^/corrections/feed\.xml$",
    }
    for kind, pattern in kinds.items():
        assert any(re.search(pattern, link) for link in REGISTRY), kind


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A copy of the site in which one note was renamed: once without an alias, once with one."""
    base = tmp_path_factory.mktemp("renamed")
    results = {}
    for with_alias in (False, True):
        project = copy_project(base / str(with_alias))
        notes = project / "docs" / "notes"
        text = (notes / "facebooks-pytorch.md").read_text(encoding="utf-8")
        if with_alias:
            text = text.replace("\nreviewed:", "\naliases:\n  - facebooks-pytorch\nreviewed:", 1)
        (notes / "pytorch-governance.md").write_text(text, encoding="utf-8")
        (notes / "facebooks-pytorch.md").unlink()
        results[with_alias] = build_site(project, base / f"site-{with_alias}")
    return results


def test_renaming_a_note_without_an_alias_fails_the_build_and_the_check(renamed, tmp_path):
    result = renamed[False]
    assert result.returncode == 1
    lost = [link for link in REGISTRY
            if re.search(r"#(note|quote)-facebooks-pytorch(--[a-z0-9-]+)?$|^/notes/facebooks-pytorch/$", link)]
    assert len(lost) >= 5
    for link in lost:
        line = REGISTRY_LINES.index(link) + 1
        message = (
            f"data/public-links.txt:{line}:1: '{link}' is a public link, but no note has the id or alias "
            "'facebooks-pytorch'; if the note was renamed, add 'facebooks-pytorch' to its aliases"
        )
        assert message in result.output
    assert not (result.site / "index.html").exists()
    config = result.site.parent / "False" / "project" / "annotate.yml"
    checked = check(config.parent)
    assert checked.returncode == 1
    assert "'facebooks-pytorch' to its aliases" in checked.stderr


def test_an_alias_keeps_the_old_page_and_anchors_working(renamed):
    result = renamed[True]
    assert result.returncode == 0, result.output
    assert missing_links(result.site, REGISTRY) == []
    redirect = (result.site / "notes" / "facebooks-pytorch" / "index.html").read_text(encoding="utf-8")
    assert "../pytorch-governance/" in redirect
    article = (result.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="note-pytorch-governance"[^>]*>.{0,40}<span class="ann-alias" id="note-facebooks-pytorch">',
                     article)
    assert '<span class="ann-alias" id="quote-facebooks-pytorch"></span>' in article


def test_an_alias_that_is_already_a_notes_id_is_reported(tmp_path):
    from helpers import load_project

    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "facebooks-pytorch.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "\nreviewed:", "\naliases:\n  - fast-and-safe\nreviewed:", 1), encoding="utf-8")
    content = load_project(project)
    line = note.read_text(encoding="utf-8").splitlines().index("  - fast-and-safe") + 1
    assert [str(problem) for problem in content.problems.sorted()] == [
        f"docs/notes/facebooks-pytorch.md:{line}:3: alias 'fast-and-safe' is already the id or an alias of "
        "docs/notes/fast-and-safe.md; each old link can lead to one note"
    ]
