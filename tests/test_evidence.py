"""The evidence rules of a note, each reported at the line that breaks it, and the markers on the note page."""

from __future__ import annotations

import re

import pytest
from annotate.evidence import evidence_problems
from annotate.markers import body_blocks, numbered_markers
from helpers import load_note_text

# A note that keeps every rule: line numbers below are those of this text.
GOOD = """\
---
title: A note
section: introduction
quote: Dropbox and npm
verdict: misleading
summary: A summary.
claims:
  - id: second
    quote: the second claim
    verdict: unsupported
    summary: Its own explanation, in the site's words.
sources:
  - id: first-source
    title: A source
    url: https://example.org/a
    accessed: 2026-11-24
    passage: >-
      The source's own words,
      as the page reads them.
  - id: second-source
    title: Another source
    url: https://example.org/b
    accessed: 2026-11-24
    passage: More words of a source.
    prefix: just before
reviewed: 2026-11-24
changes:
  - date: 2026-11-24
    kind: correction
    what: The verdict was changed.
    before: "Verdict: false."
    after: "Verdict: misleading."
  - date: 2026-11-24
    kind: clarification
    what: A word was changed.
---

The first paragraph, which says something. [@first-source]

- A list item, on two
  lines. [@first-source; @second-source]
- What the article says. [@article]

## A heading needs no source

```
[@nowhere] in code is not a marker
```

A last paragraph, with `[@code]` in code. [@second-source]
"""


def problems_of(tmp_path, text: str) -> list[str]:
    note, found = load_note_text(tmp_path, text)
    assert note is not None, found
    return [str(problem) for problem in evidence_problems(note).sorted()]


def test_a_note_that_keeps_every_rule_has_no_problem(tmp_path):
    assert problems_of(tmp_path, GOOD) == []


def test_a_source_without_a_passage_is_refused_when_the_verdict_corrects(tmp_path):
    text = GOOD.replace("    passage: More words of a source.\n    prefix: just before\n", "")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:20:5: sources[2] has no passage; a note whose verdict is 'misleading' quotes, under "
        "each source, the source's own words that support it: add 'passage:' with at most 50 words copied exactly "
        "from the page, and set 'accessed' to the day you read them",
    ]


@pytest.mark.parametrize("verdict", ["accurate", "opinion"])
def test_a_confirming_or_opinion_verdict_may_go_without_passages(tmp_path, verdict):
    text = GOOD.replace("verdict: misleading", f"verdict: {verdict}").replace(
        "    passage: More words of a source.\n    prefix: just before\n", "")
    assert problems_of(tmp_path, text) == []


def test_passage_prefix_and_suffix_have_their_sizes(tmp_path):
    text = GOOD.replace("passage: More words of a source.", "passage: " + "word " * 51).replace(
        "prefix: just before", "prefix: " + "word " * 11)
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:24:14: sources[2].passage has 51 words; a passage is at most 50: keep the one run of "
        "words that supports the note",
        "docs/notes/a-note.md:25:13: sources[2].prefix has 11 words; at most 10, just enough to tell this "
        "occurrence of the passage from the others",
    ]


def test_a_prefix_without_a_passage_is_refused_by_the_schema(tmp_path):
    text = GOOD.replace("verdict: misleading", "verdict: opinion").replace(
        "    passage: More words of a source.\n", "")
    note, found = load_note_text(tmp_path, text)
    assert note is None
    assert found == [
        "docs/notes/a-note.md:20:5: sources[2] gives prefix but not passage; add passage, or remove prefix",
    ]


def test_a_passage_holds_no_markdown_backticks(tmp_path):
    text = GOOD.replace("passage: More words of a source.", "passage: More `words` of a source.")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:24:14: sources[2].passage holds a backtick; a passage is written as the page reads, "
        "without Markdown markup: remove it",
    ]


def test_every_paragraph_and_list_item_cites_a_source(tmp_path):
    text = GOOD.replace("says something. [@first-source]", "says something.").replace(
        "- What the article says. [@article]", "- What the article says.")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:38:1: this paragraph cites no source; end it with [@id] naming the source of this note "
        "that carries it (or [@id1; @id2]), or [@article] when it only reports what the article says",
        "docs/notes/a-note.md:42:1: this list item cites no source; end it with [@id] naming the source of this note "
        "that carries it (or [@id1; @id2]), or [@article] when it only reports what the article says",
    ]


def test_an_unknown_id_is_reported_at_its_marker(tmp_path):
    text = GOOD.replace("lines. [@first-source; @second-source]", "lines. [@first-source; @secnd-source]")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:41:10: citation [@first-source; @secnd-source] names 'secnd-source', which is not the "
        "id of a source of this note (its ids: first-source, second-source); write [@id] with the id of one of its "
        "sources, or [@article]",
    ]


def test_every_source_has_an_id_and_is_cited(tmp_path):
    text = GOOD.replace("  - id: first-source\n    title", "  - title").replace(
        "[@second-source]\n", "[@article]\n").replace("; @second-source]", "]").replace("[@first-source]", "[@article]")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:13:5: sources[1] has no id; give it one, such as 'id: example-org-a', and cite it in "
        "the body as [@that-id]",
        "docs/notes/a-note.md:19:9: sources[2] 'second-source' is never cited in the body; put [@second-source] "
        "after what it supports, or remove the source",
    ]


def test_two_sources_may_not_share_an_id(tmp_path):
    text = GOOD.replace("id: second-source", "id: first-source").replace("; @second-source]", "]").replace(
        "[@second-source]\n", "[@first-source]\n")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:20:9: sources[2].id 'first-source' is also the id of sources[1]; each source needs its "
        "own",
    ]


def test_every_further_claim_has_its_own_summary(tmp_path):
    text = GOOD.replace("    summary: Its own explanation, in the site's words.\n", "")
    assert problems_of(tmp_path, text) == [
        "docs/notes/a-note.md:8:5: claims[1] has no summary; each further claim explains its own verdict in about 30 "
        "words (at most 60): add 'summary:' to it",
    ]
    long = GOOD.replace("summary: Its own explanation, in the site's words.", "summary: " + "word " * 61)
    assert problems_of(tmp_path, long) == [
        "docs/notes/a-note.md:11:14: claims[1].summary has 61 words; a claim's summary takes at most 60: keep what "
        "explains its verdict",
    ]


@pytest.mark.parametrize("missing", ["before", "after"])
def test_a_correction_without_before_or_after_is_refused(tmp_path, missing):
    line = {"before": '    before: "Verdict: false."\n', "after": '    after: "Verdict: misleading."\n'}[missing]
    assert problems_of(tmp_path, GOOD.replace(line, "")) == [
        f"docs/notes/a-note.md:28:5: changes[1] is a correction without '{missing}'; a correction shows what the "
        f"note said before and what it says now: add '{missing}:' with the "
        f"{'earlier' if missing == 'before' else 'new'} wording, or 'Verdict: …' for a change of verdict",
    ]


def test_an_update_needs_them_too_and_a_clarification_does_not(tmp_path):
    text = GOOD.replace("kind: correction", "kind: update").replace('    before: "Verdict: false."\n', "")
    assert [p.split(": ", 1)[1][:40] for p in problems_of(tmp_path, text)] == [
        "changes[1] is an update without 'before'"]


def test_blocks_are_found_where_they_start_with_their_markers():
    body = "Para one [@a]\ncontinued.\n\n1. item [@b; @c]\n2. item\n\n> quoted [@d]\n"
    blocks = body_blocks(body, 10)
    assert [(b.line, b.kind, [m.ids for m in b.markers]) for b in blocks] == [
        (10, "paragraph", [("a",)]),
        (13, "list item", [("b", "c")]),
        (14, "list item", []),
        (16, "paragraph", [("d",)]),
    ]


def test_markers_become_numbered_links_to_the_sources_except_in_code():
    html = ('<p>Words [@a] and [@a; @b].</p><p><code>[@a]</code></p><pre><code>[@b]</code></pre>'
            '<p>The article says so. [@article]</p>')
    rendered = numbered_markers(html, {"a": 1, "b": 2}, {"a": "Source A", "b": 'Source "B"'})
    assert rendered == (
        '<p>Words <sup class="ann-cite">[<a href="#source-a" title="Source A">1</a>]</sup> and '
        '<sup class="ann-cite">[<a href="#source-a" title="Source A">1</a>, '
        '<a href="#source-b" title="Source &quot;B&quot;">2</a>]</sup>.</p>'
        '<p><code>[@a]</code></p><pre><code>[@b]</code></pre><p>The article says so.</p>'
    )
    assert re.findall(r"\[@\w+\]", rendered) == ["[@a]", "[@b]"]


def test_a_marker_inside_a_link_is_left_as_written_rather_than_nest_one_link_in_another():
    html = '<p><a href="https://example.org/">see [@a]</a> and <abbr title="x">ML</abbr> [@a]</p>'
    rendered = numbered_markers(html, {"a": 1}, {"a": "A"})
    assert rendered == ('<p><a href="https://example.org/">see [@a]</a> and <abbr title="x">ML</abbr> '
                        '<sup class="ann-cite">[<a href="#source-a" title="A">1</a>]</sup></p>')
