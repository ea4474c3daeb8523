"""Broken notes stop the build, and `make check` reports exactly what the build reports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from textwrap import dedent

import pytest
from conftest import build_site, copy_project

NOTE = dedent("""\
    ---
    title: A note
    section: {section}
    quote: {quote}
    verdict: opinion
    summary: A summary.
    sources:
      - title: A source
        url: https://doc.rust-lang.org/book/
    reviewed: 2026-11-24
    ---

    Body.
    """)

EXPECTED = [
    "docs/notes/ambiguous-quote.md:4:8: quote ambiguous in section 'introduction' of docs/index.md: "
    'searched for "machine learning"; it occurs 2 times: "…also embraced in the field of machine learning (ML), '
    'where it is gaining popularity…"; "…relationship between Rust and machine learning, and how they complement '
    'each…"; '
    'to pick the first, add suffix: "(ML),"',
    "docs/notes/broken-yaml.md:5:9: malformed YAML: found character '\\t' that cannot start any token",
    "docs/notes/missing-quote.md:4:8: quote not found in section 'why-rust-matters-in-the-ml-domain' of "
    'docs/index.md: searched for "low latency garbage collector"; closest text in the section: '
    '"low-latency garbage collector"',
]
SUMMARY = "3 problems in notes and data;"


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("broken"))
    notes = project / "docs" / "notes"
    (notes / "missing-quote.md").write_text(
        NOTE.format(section="why-rust-matters-in-the-ml-domain", quote="low latency garbage collector"))
    (notes / "ambiguous-quote.md").write_text(NOTE.format(section="introduction", quote="machine learning"))
    (notes / "broken-yaml.md").write_text(NOTE.format(section="introduction", quote="npm").replace(
        "verdict: opinion", "verdict:\topinion"))
    return project


def problem_lines(output: str) -> list[str]:
    lines = (re.sub(r"^ERROR\s+-\s+", "", line) for line in output.splitlines())
    return [line for line in lines if line.startswith("docs/")]


def test_build_fails_once_with_every_problem_and_writes_no_page(broken_project, tmp_path):
    result = build_site(broken_project, tmp_path / "site")
    assert result.returncode == 1
    assert problem_lines(result.output) == EXPECTED
    assert f"{SUMMARY} the site was not built." in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site" / "index.html").exists()


def run_check(project, **env):
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "check.py"), str(project / "mkdocs.yml")],
        capture_output=True, text=True, env={**os.environ, **env},
    )


def test_check_reports_the_same_problems_as_the_build(broken_project):
    completed = run_check(broken_project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:-1] == EXPECTED
    assert completed.stderr.splitlines()[-1].startswith(SUMMARY)
    assert completed.stdout == ""


def test_check_prints_github_annotations_under_github_actions(broken_project):
    completed = run_check(broken_project, GITHUB_ACTIONS="true")
    annotations = completed.stdout.splitlines()
    assert annotations[1] == (
        "::error file=docs/notes/broken-yaml.md,line=5,col=9::"
        "malformed YAML: found character '\\t' that cannot start any token"
    )
    assert len(annotations) == 3


def test_check_passes_on_the_real_project():
    from conftest import ROOT

    completed = run_check(ROOT)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: ")
