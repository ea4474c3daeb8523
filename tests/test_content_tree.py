"""The content tree is closed: files the checks never read cannot be published, and links are never followed.

Issue 14 found notes saved as .markdown, .mkd, .MD, without an extension, in a subfolder or as .html
published unchecked, and symbolic links that copied build-machine files into the site.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest
from annotate.generate import read_pages
from annotate.tree import walk_tree
from conftest import ROOT, build_site, check, copy_project
from helpers import line_of, load_project, settings_of

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
        "docs/notes/.hidden:1:1: is hidden (its name starts with '.'); the site is built only from files a reviewer "
        "sees: rename it without the dot, or remove it",
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


# Issue 21, high 2: everything else the build reads is walked the same way: the theme's templates, the licences
# and the settings, with hidden files, asset names and sizes.
def test_links_hidden_files_and_odd_names_outside_docs_and_data_are_refused(tmp_path):
    project = copy_project(tmp_path)
    partials = project / "overrides" / "partials"
    (partials / "leak.txt").symlink_to(Path("..") / ".." / ".git" / "config")
    (partials / "env.txt").symlink_to("/proc/self/environ")
    (partials / "notes.txt").write_text("not a template\n", encoding="utf-8")
    (project / "overrides" / ".hidden.html").write_text("<script></script>\n", encoding="utf-8")
    (project / "docs" / ".hidden").mkdir()
    (project / "docs" / ".hidden" / "a.md").write_text("<!-- corrections -->\n", encoding="utf-8")
    (project / "docs" / "assets" / "x\\..\\..\\y.js").write_text("\n", encoding="utf-8")
    (project / "docs" / "assets" / "a\nb.js").write_text("\n", encoding="utf-8")
    (project / "docs" / "assets" / "Big.CSS").write_text("\n", encoding="utf-8")
    (project / "docs" / "assets" / "large.css").write_bytes(b"a" * (256 * 1024 + 1))
    (project / "docs" / "assets" / "remote.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/x)"/></svg>', encoding="utf-8")
    hidden = "is hidden (its name starts with '.'); the site is built only from files a reviewer sees: " \
             "rename it without the dot, or remove it"
    name = "has a name with characters other than a-z, 0-9, '.', '_' and '-'; rename it in lower case"
    assert [str(problem) for problem in walk_tree(settings_of(project)).problems.sorted()] == [
        f"docs/.hidden:1:1: {hidden}",
        f"docs/assets/Big.CSS:1:1: {name}",
        f"docs/assets/a\\nb.js:1:1: {name}",
        "docs/assets/large.css:1:1: is larger than 256 KiB, the limit for an asset",
        "docs/assets/remote.svg:1:1: has a 'fill' attribute with url(…) to another address; an SVG asset fetches "
        "nothing",
        f"docs/assets/x\\..\\..\\y.js:1:1: {name}",
        f"overrides/.hidden.html:1:1: {hidden}",
        f"overrides/partials/env.txt:1:1: {LINK}",
        f"overrides/partials/leak.txt:1:1: {LINK}",
        "overrides/partials/notes.txt:1:1: is not a template file: the theme's templates are .css, .html, .js, "
        ".svg files",
    ]
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert f"overrides/partials/env.txt:1:1: {LINK}" in completed.stderr.splitlines()


@pytest.mark.parametrize(("link", "target", "expected"), [
    ("LICENSE", "/etc/passwd", f"annotate.yml:{line_of(ROOT / 'annotate.yml', '  LICENSE:')}:3: 'LICENSE' passes "
     "through the symbolic link 'LICENSE'; the site "
     "is built only from files in the repository: keep the file itself there"),
    ("data", "docs", "annotate.yml:8:10: 'data/crates.yml' passes through the symbolic link 'data'; the site "
     "is built only from files in the repository: keep the file itself there"),
    ("overrides", "/etc", "annotate.yml:5:12: 'overrides' passes through the symbolic link 'overrides'; the site "
     "is built only from files in the repository: keep the file itself there"),
    ("mkdocs.yml", "/etc/passwd", "annotate.yml:3:10: 'mkdocs.yml' passes through the symbolic link 'mkdocs.yml'; "
     "the site is built only from files in the repository: keep the file itself there"),
])
def test_settings_that_lead_through_a_link_are_refused(tmp_path, link, target, expected):
    project = copy_project(tmp_path)
    path = project / link
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(target)
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    assert completed.stderr.splitlines()[0] == expected


def test_the_engine_settings_file_may_not_be_a_link(tmp_path):
    project = copy_project(tmp_path)
    (project / "real.yml").write_bytes((project / "annotate.yml").read_bytes())
    (project / "annotate.yml").unlink()
    (project / "annotate.yml").symlink_to("real.yml")
    completed = check(project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[0] == (
        "annotate.yml:1:1: is a symbolic link; keep the engine's settings themselves in the repository")


def test_a_page_in_a_hidden_folder_never_takes_a_generated_part(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / ".hidden").mkdir()
    (project / "docs" / ".hidden" / "a.md").write_text("<!-- corrections -->\n", encoding="utf-8")
    pages, _ = read_pages(settings_of(project))
    assert ".hidden/a.md" not in pages and pages["corrections.md"].holds("corrections")


def test_settings_cannot_add_an_extension_that_reads_files_or_a_script_from_elsewhere(tmp_path):
    project = copy_project(tmp_path)
    builder = project / "mkdocs.yml"
    text = builder.read_text(encoding="utf-8")
    text = text.replace("  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - pymdownx.snippets:\n"
                        "      base_path: [\"/\"]\n", 1)
    text = text.replace("  - assets/notes.js\n", "  - assets/notes.js\n  - https://evil.example/x.js\n"
                        "  - ../../.git/config\n", 1)
    text = text.replace("\ncopyright: Notes", "\ncopyright: <script>alert(1)</script> Notes", 1)
    builder.write_text(text, encoding="utf-8")
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert lines[:-1] == [
        f"mkdocs.yml:{line_of(builder, 'copyright:')}:1: copyright holds '<', '>' or '\"'; the theme prints it on "
        "every page, some of it as HTML: write it as plain text",
        f"mkdocs.yml:{line_of(builder, 'evil.example')}:5: extra_javascript lists 'https://evil.example/x.js'; the "
        "theme loads only the site's own files, by their path from the pages' folder, such as assets/notes.js",
        f"mkdocs.yml:{line_of(builder, '.git/config')}:5: extra_javascript lists '../../.git/config'; the theme loads "
        "only the site's own files, by their path from the pages' folder, such as assets/notes.js",
        f"mkdocs.yml:{line_of(builder, 'snippets')}:5: the Markdown extension 'pymdownx.snippets' is not one the "
        "engine allows: pages and notes are converted only with extensions that read no file and run no code "
        "(annotate/settings.py lists them)",
    ]
