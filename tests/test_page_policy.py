"""Every page of the site goes through the one allowlist, with the page policy (issue 21, high 1).

A page is the site's own text, but it arrives by pull request like a note: raw HTML that runs a
script, loads anything, or dresses as the site's own markup is refused with the line to fix.
"""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest
from annotate.allowlist import PAGE, check_html
from annotate.generate import MARKERS, read_pages
from annotate.project import markdown_renderer
from conftest import build_site, check, copy_project
from helpers import ROOT, line_of, settings_of

SVG = '<svg width="0" height="0" onload="alert(document.domain)"></svg>'
DETAILS = "<details open ontoggle=alert(1)></details>"


def _append(path: Path, text: str) -> int:
    """Append `text` as its own line to the file at `path`; the number of that line."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return line_of(path, text.split("\n", 1)[0])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, list[str]]:
    project = copy_project(tmp_path_factory.mktemp("pages"))
    index, about = project / "docs" / "index.md", project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("\ntitle: Method\n", "\ntitle: Method\ntemplate: ../../.git/config\n", 1),
                     encoding="utf-8")
    expected = [
        "docs/about.md:3:1: the front matter sets 'template'; a page sets only description, hide, robots, search, "
        "title: remove it",
        f"docs/index.md:{_append(index, SVG)}:1: the page would contain a <svg> element, which pages may not "
        "contain; the site shows no drawings from text; link to the page that has it",
        f"docs/about.md:{_append(about, DETAILS)}:15: the page may not give <details> a 'ontoggle' attribute; "
        "pages and notes run no scripts",
    ]
    line = _append(about, '<div class="md-banner" markdown>\nWords.\n</div>')
    expected.append(f"docs/about.md:{line}:13: the page class 'md-banner' is not one the site's stylesheet or "
                    "Markdown gives a page; CONTRIBUTING.md lists the classes a page may use")
    line = _append(about, "Read [this](javascript:alert(1)).")
    expected.append(f"docs/about.md:{line}:13: the page link 'javascript:alert(1)' uses 'javascript:'; the site "
                    "links only to https:// addresses or to a heading of the same page (#…)")
    line = _append(about, "<!-- annotate-part:note -->")
    expected.append(f"docs/about.md:{line}:6: the page contains an HTML comment, or markup a browser reads as one "
                    "(such as '<!…>' or '<?…>'); remove it")
    line = _append(about, "## Forged { #note-fast-and-safe }")
    expected.append(f"docs/about.md:{line}:14: the page sets the id 'note-fast-and-safe', which starts like the "
                    "ids the site gives the notes and their words; give it another name")
    return project, sorted(expected)


def test_script_in_a_page_fails_check_at_its_line(hostile):
    project, expected = hostile
    completed = check(project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:-1] == expected
    assert "Traceback" not in completed.stderr


def test_script_in_a_page_fails_the_build(hostile, tmp_path):
    project, expected = hostile
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert all(line in result.output for line in expected)
    assert not (tmp_path / "site").exists()


def test_every_page_of_the_real_site_passes_the_page_policy():
    settings = settings_of(ROOT)
    pages, problems = read_pages(settings)
    assert not problems and set(pages) == settings.nav
    render = markdown_renderer(settings.markdown_extensions, settings.markdown_configs)
    policy = dataclasses.replace(PAGE, comments=frozenset(MARKERS))
    for page in pages.values():
        assert check_html(render(page.body), policy).findings == (), page.path


@pytest.mark.parametrize("markup", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>", '<a href="https://example.org" onclick="x()">a</a>',
    '<form action="https://example.org"><input name=a></form>', "<object data=x></object>",
    '<section class="article-section" style="color:red">x</section>', '<div id="quote-x">x</div>',
    "<!-- crate-guide --><!-- not a marker -->", "<math><mi>x</mi></math>", '<p class="md-typeset">x</p>',
])
def test_page_policy_refuses_what_pages_do_not_need(markup):
    policy = dataclasses.replace(PAGE, comments=frozenset(MARKERS))
    checked = check_html(markup, policy)
    assert checked.findings
    assert not re.search(r"<(script|img|iframe|style|form|object|math)|on\w+=|style=|quote-x", checked.html)


def test_page_policy_keeps_what_the_pages_use():
    policy = dataclasses.replace(PAGE, comments=frozenset(MARKERS))
    markup = ('<div class="reading-guide"><details class="info reading-guide__legend" open><summary>S</summary>'
              '<!-- verdict-legend --></details></div><section class="article-section" id="introduction">'
              '<h1 id="top">T</h1><p class="worksheet-screen"><a href="answer-key.md">k</a></p></section>')
    assert check_html(markup, policy).findings == ()


def test_a_page_is_bounded_in_size_and_in_the_time_it_takes_to_convert(tmp_path):
    project = copy_project(tmp_path)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n" + "[" * 60_000 + "\n", encoding="utf-8")
    started = time.process_time()  # the work it takes, whatever else the machine is doing
    completed = check(project)
    assert time.process_time() - started < 5
    assert completed.stderr.splitlines()[0] == (
        "docs/about.md:1:1: the page took more than 2 s to convert from Markdown; write it more simply")
    about.write_text("# Method\n\n" + "Words. " * 10_000, encoding="utf-8")
    completed = check(project)
    assert completed.stderr.splitlines()[0] == "docs/about.md:1:1: is larger than 64 KiB, the limit for a page"


def test_a_page_title_is_text_on_the_built_page(tmp_path):
    project = copy_project(tmp_path)
    title = '<img src=x onerror="alert(1)"> & <b>bold</b>'
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: Method", f"title: '{title}'", 1),
                     encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<b>bold</b>" not in page
    assert "&lt;img src=x onerror=" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
