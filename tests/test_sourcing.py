"""The rules on what a note may cite and what its dates may say: each refusal, with its exact message and line."""

from __future__ import annotations

import datetime

import pytest
from annotate.catalog import load_catalog
from annotate.sourcing import DenyList, load_deny_list, sourcing_problems
from conftest import ROOT
from helpers import load_note_text

TODAY = datetime.date(2026, 11, 29)

NOTE = """\
---
title: Rust has no garbage collector
section: why-rust-matters-in-the-ml-domain
quote: low-latency garbage collector
verdict: opinion
summary: Rust frees memory when its owner goes out of scope.
claims:
  - id: efficient-runtime
    quote: efficient runtime
    verdict: opinion
sources:
  - title: The Rust book
    url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html
    accessed: 2026-11-24
  - title: The Rust reference
    url: https://doc.rust-lang.org/reference/
    accessed: 2026-11-24
reviewed: 2026-11-24
changes:
  - date: 2026-11-24
    kind: clarification
    what: Sources named more precisely.
---

Body text.
"""
P = "docs/notes/a-note.md"
DENY = """\
refused:
  - host: lib.rs
    reason: an index of crates.io; cite the crate's own page
  - url_prefix: crates.io/api/
    reason: raw data for programs; cite the crate's page
  - path_contains: /_sources/
    reason: raw text behind a page; cite the page
"""
D = "data/source-deny-list.yml"


@pytest.fixture
def deny_list(tmp_path) -> DenyList:
    path = tmp_path / "deny.yml"
    path.write_text(DENY, encoding="utf-8")
    loaded, problems = load_deny_list(path, D)
    assert not problems
    return loaded


def problems_of(tmp_path, deny_list, text):
    note, messages = load_note_text(tmp_path, text)
    assert note is not None, messages
    return [str(problem) for problem in sourcing_problems(note, deny_list, TODAY).sorted()]


def test_a_note_that_keeps_every_rule_passes(tmp_path, deny_list):
    assert problems_of(tmp_path, deny_list, NOTE) == []


# (old, new) in NOTE -> the exact messages
BROKEN = {
    "source on a refused host": (
        ("https://doc.rust-lang.org/reference/", "https://lib.rs/crates/datafusion"),
        [f"{P}:16:10: sources[2].url 'https://lib.rs/crates/datafusion' is refused by {D} (host lib.rs): "
         "an index of crates.io; cite the crate's own page"],
    ),
    "raw registry API": (
        ("https://doc.rust-lang.org/reference/", "https://crates.io/api/v1/crates/leaf"),
        [f"{P}:16:10: sources[2].url 'https://crates.io/api/v1/crates/leaf' is refused by {D} "
         "(url prefix crates.io/api/): raw data for programs; cite the crate's page"],
    ),
    "raw documentation source": (
        ("https://doc.rust-lang.org/reference/", "https://docs.pytorch.org/cppdocs/_sources/index.md.txt"),
        [f"{P}:16:10: sources[2].url 'https://docs.pytorch.org/cppdocs/_sources/index.md.txt' is refused by {D} "
         "(path contains /_sources/): raw text behind a page; cite the page"],
    ),
    "false with one source": (
        ("verdict: opinion\nsummary", "verdict: \"false\"\nsummary", "  - title: The Rust reference\n"
         "    url: https://doc.rust-lang.org/reference/\n    accessed: 2026-11-24\n", ""),
        [f"{P}:5:10: verdict 'false' needs at least 2 sources and the note lists 1; "
         "add another primary source that supports the verdict"],
    ),
    "misleading claim with one source": (
        ("    verdict: opinion\nsources", "    verdict: misleading\nsources", "  - title: The Rust reference\n"
         "    url: https://doc.rust-lang.org/reference/\n    accessed: 2026-11-24\n", ""),
        [f"{P}:10:14: claims[1].verdict 'misleading' needs at least 2 sources and the note lists 1; "
         "add another primary source that supports the verdict"],
    ),
    "reviewed in the future": (
        ("reviewed: 2026-11-24", "reviewed: 2026-11-30"),
        [f"{P}:18:11: reviewed 2026-11-30 is in the future (today is 2026-11-29); "
         "set it to the day every source was last read"],
    ),
    "source read after the review": (
        ("    accessed: 2026-11-24\nreviewed", "    accessed: 2026-11-25\nreviewed"),
        [f"{P}:17:15: sources[2].accessed 2026-11-25 is later than reviewed 2026-11-24; "
         "reviewed is the day every source was last read: re-read the others and set reviewed to that day"],
    ),
    "change dated in the future": (
        ("  - date: 2026-11-24", "  - date: 2026-12-01"),
        [f"{P}:20:11: changes[1].date 2026-12-01 is in the future (today is 2026-11-29); "
         "date a change the day it is made"],
    ),
}


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_each_rule_refuses_with_its_message_at_the_offending_line(tmp_path, deny_list, change, expected):
    text = NOTE
    for old, new in zip(change[::2], change[1::2], strict=True):
        assert old in text
        text = text.replace(old, new, 1)
    assert problems_of(tmp_path, deny_list, text) == expected


def test_hosts_are_matched_whole_and_paths_only_where_listed(deny_list):
    for url in ("https://lib.rs/", "https://LIB.RS/crates/x", "https://crates.io/api/v1/crates/x",
                "https://example.org/docs/_sources/a.txt"):
        assert deny_list.refusal(url), url
    for url in ("https://blib.rs/", "https://www.example.org/lib.rs", "https://crates.io/crates/x",
                "https://github.com/crates.io/api/", "https://example.org/sources/"):
        assert deny_list.refusal(url) is None, url


def test_the_projects_deny_list_refuses_the_known_mirrors_and_raw_pages():
    deny_list, problems = load_deny_list(ROOT / "data" / "source-deny-list.yml", D)
    assert not problems
    for url in ("https://lib.rs/crates/datafusion-doc", "https://www.lib.rs/crates/juice",
                "https://theonedroid.netlify.app/host-https-github.com/pytorch/pytorch.github.io/pull/2003/files",
                "https://crates.io/api/v1/crates/leaf", "https://docs.pytorch.org/cppdocs/_sources/index.md.txt"):
        assert deny_list.refusal(url), url
    assert deny_list.refusal("https://crates.io/crates/leaf") is None


def test_a_missing_deny_list_is_reported_not_taken_as_empty(tmp_path):
    deny_list, problems = load_deny_list(tmp_path / "absent.yml", D)
    assert deny_list.refusals == ()
    assert [str(problem) for problem in problems.sorted()] == [
        f"{D}:1:1: the list of refused sources is missing; notes are checked against it (an empty list is "
        "'refused: []')"
    ]


@pytest.mark.parametrize("entry", [
    "  - reason: no rule\n",
    "  - host: lib.rs\n    path_contains: /x/\n    reason: two rules\n",
])
def test_a_deny_list_rule_names_exactly_one_kind_of_match(tmp_path, entry):
    path = tmp_path / "deny.yml"
    path.write_text("refused:\n" + entry, encoding="utf-8")
    _, problems = load_deny_list(path, D)
    assert [str(problem) for problem in problems.sorted()] == [
        f"{D}:2:5: refused[1] must have exactly one of the keys host, url_prefix, path_contains"
    ]


def test_the_catalog_status_source_obeys_the_deny_list(tmp_path, deny_list):
    path = tmp_path / "crates.yml"
    path.write_text("""\
crates:
  - name: leaf
    category: framework
    description: Deep-learning framework.
    repository: https://github.com/autumnai/leaf
    documentation: https://docs.rs/leaf
    license: MIT OR Apache-2.0
    maintainer: Autumn
    status: archived
    status_as_of: 2026-08-21
    status_source: https://crates.io/api/v1/crates/leaf
""", encoding="utf-8")
    _, problems = load_catalog(path, "data/crates.yml", deny_list.refusal)
    assert [str(problem) for problem in problems.sorted()] == [
        "data/crates.yml:11:20: crates[1].status_source 'https://crates.io/api/v1/crates/leaf' is refused by "
        f"{D} (url prefix crates.io/api/): raw data for programs; cite the crate's page"
    ]
