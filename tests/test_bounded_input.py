"""No hostile input costs more than a moment: YAML is refused before it expands, and every size is bounded.

Issue 14 found a front-matter alias bomb that took 35–50 s and 5.5 GB, duplicate keys where the last
one won, a 5 MB note that inflated every page's search index, and PyYAML's own words for tabs.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest
from annotate.catalog import load_catalog
from annotate.yamldoc import YamlSyntaxError, parse_yaml
from conftest import build_site, copy_project
from helpers import load_note_text

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)
NOTE = """\
---
title: A note
section: introduction
quote: Dropbox and npm
verdict: accurate
summary: A summary.
reviewed: 2026-11-24
changes: []
{extra}---

Body.
"""
P = "docs/notes/a-note.md"


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    tracemalloc.start()
    started = time.perf_counter()
    note, messages = load_note_text(tmp_path, NOTE.format(extra=BOMB + "\n"))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert note is None
    assert elapsed < 1.0 and peak < 20 * 1024 * 1024, (elapsed, peak)
    assert messages[0] == (
        f"{P}:9:4: '&a' is a YAML anchor or alias, which is not used here; write each value out in full"
    )
    assert len(messages) == 9 + 8 * 9


def test_a_site_with_an_alias_bomb_fails_at_once(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "notes" / "bomb.md").write_text(NOTE.format(extra=BOMB + "\n"), encoding="utf-8")
    started = time.perf_counter()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert time.perf_counter() - started < 30  # the whole build; the bomb alone expands for a minute
    assert "docs/notes/bomb.md:9:4: '&a' is a YAML anchor or alias" in result.output
    assert "MemoryError" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("extra", "expected"), [
    ("title: Another\n", [f"{P}:9:1: key 'title' is written twice in the same place (first on line 2); keep one"]),
    ("sources:\n\t- title: x\n", [
        f"{P}:10:1: tab character: YAML lines are indented with spaces only; replace the tab with spaces",
    ]),
    ("crates: !!python/object:os.system [x]\n", [
        f"{P}:9:9: YAML tags (such as '!!str') are not used here; write the plain value",
    ]),
    ("crates: " + "[" * 8 + "]" * 8 + "\n", [
        f"{P}:9:14: lists and mappings are nested more than 6 deep; flatten them",
    ]),
])
def test_yaml_that_could_mislead_or_expand_is_refused_in_the_projects_words(tmp_path, extra, expected):
    note, messages = load_note_text(tmp_path, NOTE.format(extra=extra))
    assert note is None
    assert messages == expected


def test_a_data_file_gets_the_same_yaml_rules(tmp_path):
    catalog = tmp_path / "crates.yml"
    catalog.write_text("crates:\n  - &x {name: a}\n  - *x\n", encoding="utf-8")
    _, problems = load_catalog(catalog, "data/crates.yml")
    assert [str(problem) for problem in problems.sorted()] == [
        "data/crates.yml:2:5: '&x' is a YAML anchor or alias, which is not used here; write each value out in full",
        "data/crates.yml:3:5: '*x' is a YAML anchor or alias, which is not used here; write each value out in full",
    ]


def test_deep_flow_nesting_never_reaches_the_parser():
    with pytest.raises(YamlSyntaxError) as refused:
        parse_yaml("a: " + "[" * 100_000)
    assert refused.value.message == "lists and mappings are nested more than 6 deep; flatten them"


def test_a_five_megabyte_note_is_refused_without_being_read_whole(tmp_path):
    started = time.perf_counter()
    note, messages = load_note_text(tmp_path, NOTE.format(extra="") + "word " * 1_000_000)
    assert note is None
    assert time.perf_counter() - started < 1.0
    assert messages == [
        f"{P}:1:1: the note is larger than 32 KiB; a note is a summary and a short explanation: shorten it, "
        "or split it into notes on separate claims"
    ]


def test_a_long_body_is_refused(tmp_path):
    _, messages = load_note_text(tmp_path, NOTE.format(extra="") + "word " * 2_500)
    assert messages == [
        f"{P}:10:1: the body has 12507 characters; a note's explanation takes at most 12000: shorten it, or split "
        "the note"
    ]


@pytest.mark.parametrize(("quote", "expected"), [
    ("npm", f"{P}:4:8: quote has 1 words and 3 characters; a quote is at least 2 words, enough to name the claim, "
            "and at most 300 characters"),
    ("word " * 70, f"{P}:4:8: quote has 70 words and 349 characters; a quote is at least 2 words, enough to name "
                   "the claim, and at most 300 characters"),
])
def test_a_quote_has_a_length_that_can_mean_something(tmp_path, quote, expected):
    _, messages = load_note_text(tmp_path, NOTE.format(extra="").replace("quote: Dropbox and npm", f"quote: {quote}"))
    assert messages == [expected]


# Markdown that Python-Markdown reads in time that grows faster than its length, each as a whole body.
SLOW_MARKDOWN = ["[", "![", "[a](", "<a ", "[^", "*a", "> ", "1. ", "``a"]


@pytest.mark.parametrize("unit", SLOW_MARKDOWN)
def test_markdown_that_is_slow_to_read_costs_under_a_second_or_is_refused(tmp_path, unit):
    paragraph = (unit * (1_500 // len(unit)))[:1_499]
    started = time.perf_counter()
    load_note_text(tmp_path, NOTE.format(extra="") + "\n\n".join([paragraph] * 7))
    assert time.perf_counter() - started < 1.5


def test_a_paragraph_full_of_brackets_is_refused(tmp_path):
    _, messages = load_note_text(tmp_path, NOTE.format(extra="") + "\n" + "[" * 6_000)
    assert messages == [
        f"{P}:13:1: the body: a paragraph has 6000 characters; a paragraph takes at most 1500: "
        "split it with a blank line (code goes in a ``` fenced block)"
    ]
