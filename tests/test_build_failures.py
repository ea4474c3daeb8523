"""Broken notes stop the build, and `make check` reports exactly what the build reports."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest
import yaml
from annotate.sourcing import load_deny_list
from conftest import build_site, build_with_zensical, check, check_command, copy_project
from helpers import line_of

NOTE = dedent("""\
    ---
    title: A note
    section: {section}
    quote: {quote}
    verdict: opinion
    summary: A summary.
    sources:
      - id: rust-book
        title: A source
        url: https://doc.rust-lang.org/book/
        accessed: 2026-11-24
    reviewed: 2026-11-24
    changes: []
    ---

    Body. [@rust-book]
    """)

EXPECTED = [
    "docs/notes/ambiguous-quote.md:4:8: quote ambiguous in section 'introduction' of docs/index.md: "
    'searched for "machine learning"; it occurs 2 times: "…also embraced in the field of machine learning (ML), '
    'where it is gaining popularity…"; "…relationship between Rust and machine learning, and how they complement '
    'each…"; '
    'to pick the first, add suffix: "(ML),"',
    "docs/notes/broken-yaml.md:5:9: tab character: YAML lines are indented with spaces only; "
    "replace the tab with spaces",
    "docs/notes/missing-quote.md:4:8: quote not found in section 'why-rust-matters-in-the-ml-domain' of "
    'docs/index.md: searched for "low latency garbage collector"; closest text in the section: '
    '"low-latency garbage collector"',
]
ADDED_SENTENCE = "This sentence was added to the article."
NOT_A_SENTENCE = "Quantum bananas sing."
MIRROR = "https://lib.rs/crates/tch"
FIRST_CLARIFICATION = "The Rust homepage is named as the page it is."
SECOND_CLARIFICATION = "The Rust homepage is cited at its own address."


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    """A copy of the site with broken notes, an unaccounted sentence, a stray list entry, a refused source and a
    change log with two entries of one date and kind."""
    project = copy_project(tmp_path_factory.mktemp("broken"))
    notes = project / "docs" / "notes"
    (notes / "missing-quote.md").write_text(
        NOTE.format(section="why-rust-matters-in-the-ml-domain", quote="low latency garbage collector"))
    (notes / "ambiguous-quote.md").write_text(NOTE.format(section="introduction", quote="machine learning"))
    (notes / "broken-yaml.md").write_text(NOTE.format(section="introduction", quote="Dropbox and npm").replace(
        "verdict: opinion", "verdict:\topinion"))
    article = project / "docs" / "index.md"
    text = article.read_text(encoding="utf-8")
    conclusion = next(line for line in text.splitlines() if line.startswith("In conclusion,"))
    article.write_text(text.replace(conclusion, f"{conclusion} {ADDED_SENTENCE}"), encoding="utf-8")
    no_claims = project / "data" / "no-claims.yml"
    with no_claims.open("a", encoding="utf-8") as file:
        file.write(f"  - sentence: {NOT_A_SENTENCE}\n    reason: It is not in the article.\n")
    pytorch = notes / "facebooks-pytorch.md"
    # A refused source that otherwise keeps every rule: an id the body cites and a passage.
    pytorch.write_text(pytorch.read_text(encoding="utf-8").replace(
        "\nsources:\n", f"\nsources:\n  - id: mirror\n    title: A mirror\n    url: {MIRROR}\n"
        "    accessed: 2026-11-24\n    passage: Words of a mirror.\n", 1).rstrip("\n") + " [@mirror]\n",
        encoding="utf-8")
    collector = notes / "low-latency-garbage-collector.md"
    logged = len(yaml.safe_load(collector.read_text(encoding="utf-8").split("---\n")[1])["changes"])
    collector.write_text(collector.read_text(encoding="utf-8").replace(
        "\n---\n", "".join(f"\n  - date: 2026-11-30\n    kind: clarification\n    what: {what}"
                           for what in (FIRST_CLARIFICATION, SECOND_CLARIFICATION)) + "\n---\n", 1),
        encoding="utf-8")
    deny_list, _ = load_deny_list(project / "data" / "source-deny-list.yml", "data/source-deny-list.yml")
    expected = sorted([
        *EXPECTED,
        f"data/no-claims.yml:{line_of(no_claims, NOT_A_SENTENCE)}:15: \"{NOT_A_SENTENCE}\" is not a sentence of "
        "the article; copy the whole sentence from the article, or remove the entry",
        f"docs/index.md:{line_of(article, ADDED_SENTENCE)}:{len(conclusion) + 2}: sentence \"{ADDED_SENTENCE}\" "
        "holds no highlighted quote and is not listed in data/no-claims.yml; highlight its claim in a note, "
        "or list it there with the reason it makes no factual claim",
        f"docs/index.md:{line_of(article, ADDED_SENTENCE)}:1: the article page reads \"…set to grow further. "
        f"{ADDED_SENTENCE}\" where data/original.txt line 25 has \"…set to grow further.\"; the article is "
        "republished word for word: restore its words",
        f"docs/notes/facebooks-pytorch.md:{line_of(pytorch, MIRROR)}:10: sources[1].url '{MIRROR}' "
        f"{deny_list.refusal(MIRROR)}",
        f"docs/notes/low-latency-garbage-collector.md:{line_of(collector, SECOND_CLARIFICATION) - 2}:5: "
        f"changes[{logged + 1}] and changes[{logged + 2}] are two 'clarification' entries dated 2026-11-30; a note "
        "keeps one entry per day and kind, so merge them into one sentence",
    ])
    return project, expected


def problem_lines(output: str) -> list[str]:
    lines = (re.sub(r"^ERROR\s+-\s+", "", line) for line in output.splitlines())
    return [line for line in lines if line.startswith(("docs/", "data/"))]


def test_build_fails_once_with_every_problem_and_writes_no_page(broken_project, tmp_path):
    project, expected = broken_project
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert problem_lines(result.output) == expected
    assert f"{len(expected)} problems in notes and data; the site was not built." in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site" / "index.html").exists()


def run_check(project, **env):
    return check(project, **env)


def test_check_and_both_builds_report_a_broken_note_in_the_same_words(broken_project, tmp_path):
    """`make check`, `make build` and `make zensical` run one pipeline, so each reports the same problems."""
    project, expected = broken_project
    checked = check_command(project)
    built = build_site(project, tmp_path / "site")
    zensical = build_with_zensical(project)
    assert checked.returncode == built.returncode == zensical.returncode == 1
    assert problem_lines(checked.stderr) == problem_lines(built.output) == problem_lines(zensical.output) == expected
    assert not zensical.site.exists() or not list(zensical.site.rglob("*.html"))


def test_check_reports_the_same_problems_as_the_build(broken_project):
    project, expected = broken_project
    completed = run_check(project)
    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:-1] == expected
    assert completed.stderr.splitlines()[-1].startswith(f"{len(expected)} problems in notes and data;")
    assert completed.stdout == ""


def test_check_prints_github_annotations_under_github_actions(broken_project):
    project, expected = broken_project
    completed = run_check(project, GITHUB_ACTIONS="true")
    annotations = completed.stdout.splitlines()
    assert (
        "::error file=docs/notes/broken-yaml.md,line=5,col=9::"
        "tab character: YAML lines are indented with spaces only; replace the tab with spaces"
    ) in annotations
    assert len(annotations) == len(expected)


def test_check_passes_on_the_real_project():
    from conftest import ROOT

    completed = run_check(ROOT)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: ")
