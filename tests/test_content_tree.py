"""The content tree is closed: files the checks never read cannot be published, and links are never followed.

Issue 14 found notes saved as .markdown, .mkd, .MD, without an extension, in a subfolder or as .html
published unchecked, and symbolic links that copied build-machine files into the site.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from annotate.tree import walk_tree
from conftest import build_site, check, copy_project
from helpers import load_project, settings_of

NOTE_TEXT = "<script>alert(document.domain)</script>\n"
NOT_A_NOTE = (
    "is not a note: a note is docs/notes/<id>.md, with the extension '.md' in lower case; "
    "rename it to '{stem}.md' if it is one, else remove it"
)
LINK = (
    "is a symbolic link; the site is built only from files in the repository: "
    "put the file itself here, or remove the link"
)

UNCHECKED_NOTES = {
    "docs/notes/x.markdown": NOT_A_NOTE.format(stem="x"),
    "docs/notes/x.mkd": NOT_A_NOTE.format(stem="x"),
    "docs/notes/x.html": NOT_A_NOTE.format(stem="x"),
    "docs/notes/x.MD": NOT_A_NOTE.format(stem="x"),
    "docs/notes/no-extension": NOT_A_NOTE.format(stem="no-extension"),
    "docs/notes/sub/x.md": None,  # reported as its folder, below
    "docs/stray.md": "is not a page of the site: pages are the Markdown files listed under 'nav' in mkdocs.yml; "
                     "a note belongs in docs/notes/<id>.md, a picture or stylesheet in docs/assets/",
    "docs/x.html": "is not a page of the site: pages are the Markdown files listed under 'nav' in mkdocs.yml; "
                   "a note belongs in docs/notes/<id>.md, a picture or stylesheet in docs/assets/",
    "docs/assets/x.html": "is not a type of asset the site serves; docs/assets/ holds only .css, .js, .png, .svg, "
                          ".txt, .woff2 files",
    "docs/assets/x.svg": "has a <script> element; an SVG asset may only draw shapes and text",
    "data/x.json": "is not a data file: data/ holds YAML files (.yml) and text files (.txt)",
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def add_files(project: Path) -> None:
    for relative in UNCHECKED_NOTES:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SVG if relative.endswith(".svg") else NOTE_TEXT, encoding="utf-8")
    (project / "docs" / "notes" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "docs" / "assets" / "config").symlink_to(project / ".." / ".." / ".git" / "config")
    (project / "data" / "linked.yml").symlink_to(project / "data" / "crates.yml")
    (project / "docs" / "notes" / ".hidden").mkdir()
    (project / "docs" / "notes" / ".hidden" / "root").symlink_to("/", target_is_directory=True)


EXPECTED = sorted(
    [f"{path}:1:1: {message}" for path, message in UNCHECKED_NOTES.items() if message]
    + [
        "docs/notes/sub:1:1: is a folder that the site does not use; notes are not kept in folders: "
        "move each to docs/notes/<id>.md",
        f"docs/notes/passwd.txt:1:1: {LINK}",
        f"docs/assets/config:1:1: {LINK}",
        f"data/linked.yml:1:1: {LINK}",
        f"docs/notes/.hidden/root:1:1: {LINK}",
    ]
)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tree"))
    add_files(project)
    return project


def test_every_file_the_site_does_not_expect_is_refused_with_what_it_should_be(project):
    tree = walk_tree(settings_of(project))
    assert [str(problem) for problem in tree.problems.sorted()] == EXPECTED
    assert all(path.suffix == ".md" and path.parent.name == "notes" for path in tree.notes)


def test_check_refuses_them(project):
    completed = check(project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:-1] == EXPECTED
    assert "Traceback" not in completed.stderr


def test_build_refuses_them_before_it_reads_or_writes_anything(project, tmp_path):
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    for line in EXPECTED:
        assert line in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists() or list((tmp_path / "site").rglob("*")) == []


def test_the_real_tree_is_closed():
    content = load_project(Path(__file__).resolve().parents[1])
    assert content.tree_closed and not content.problems


def test_a_docs_folder_outside_the_repository_is_refused(tmp_path):
    project = copy_project(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    tree = walk_tree(dataclasses.replace(settings_of(project), sources=outside, nav=set()))
    assert [str(problem) for problem in tree.problems.sorted()] == [
        f"annotate.yml:1:1: '{outside}' is outside the repository; keep it inside"
    ]


def test_the_walk_never_follows_a_link(tmp_path):
    project = copy_project(tmp_path)
    loop = project / "docs" / "assets" / "loop"
    loop.symlink_to(project / "docs", target_is_directory=True)
    os.chmod(project / "docs", 0o755)
    tree = walk_tree(dataclasses.replace(settings_of(project), nav={"index.md"}))
    assert [p.path for p in tree.problems.items if "symbolic link" in p.message] == ["docs/assets/loop"]
